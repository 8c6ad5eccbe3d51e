#include "storage/base/scratch_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace hoso {

absl::StatusOr<std::string> WriteThroughScratchFile(
    const std::string& scratch_dir, std::string_view prefix,
    const std::function<absl::Status(const std::string& path)>& write) {
  std::string path = scratch_dir + "/" + std::string(prefix) + "-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) {
    return absl::InternalError("cannot make a temporary file in " + scratch_dir + ": " +
                               std::strerror(errno));
  }
  ::close(fd);
  absl::Status written = write(path);
  std::string bytes;
  if (written.ok()) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) written = absl::InternalError("cannot read back " + path);
  }
  ::unlink(path.c_str());
  if (!written.ok()) return written;
  return bytes;
}

}  // namespace hoso
