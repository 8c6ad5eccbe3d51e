#include "clients/transfer/local_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <vector>

#include "clients/transfer/progress.h"

namespace hoso::cli {

FileIdentity IdentityOf(const struct stat& st) {
  FileIdentity id;
  id.device = static_cast<uint64_t>(st.st_dev);
  id.inode = static_cast<uint64_t>(st.st_ino);
  id.size = static_cast<uint64_t>(st.st_size);
  id.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  id.ctime_ns = static_cast<int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
  return id;
}

LocalFile LocalFileOf(const std::string& path, const struct stat& st) {
  LocalFile file;
  file.path = path;
  file.name =
      path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  file.media_type = MediaTypeFor(file.name);
  file.size = static_cast<uint64_t>(st.st_size);
  file.identity = IdentityOf(st);
  return file;
}

absl::StatusOr<LocalFile> StatLocalFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return absl::NotFoundError("cannot open " + path + ": " + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) return absl::InvalidArgumentError(path + " is not a regular file");
  return LocalFileOf(path, st);
}

absl::StatusOr<LocalFile> HashLocalFile(const std::string& path, bool quiet) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::NotFoundError("cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return absl::InvalidArgumentError(path + " is not a regular file");
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  LocalFile file = LocalFileOf(path, st);
  file.size = 0;  // what is read, which a file growing or shrinking meanwhile changes
  Sha256Hasher hasher;
  std::vector<char> buffer(1 << 20);
  Progress progress("hashing " + file.name, quiet ? 0 : static_cast<uint64_t>(st.st_size));
  while (true) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      return absl::DataLossError("cannot read " + path + ": " + why);
    }
    if (n == 0) break;
    hasher.Update(std::string_view(buffer.data(), static_cast<size_t>(n)));
    file.size += static_cast<uint64_t>(n);
    progress.Advance(static_cast<uint64_t>(n));
  }
  ::close(fd);
  file.sha256 = hasher.Finish();
  return file;
}

std::string MediaTypeFor(const std::string& name) {
  static const std::map<std::string, std::string> kTypes = {
      {"pdf", "application/pdf"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"png", "image/png"},
      {"heic", "image/heic"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"txt", "text/plain; charset=utf-8"},
      {"csv", "text/csv"},
      {"doc", "application/msword"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"xls", "application/vnd.ms-excel"},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"ppt", "application/vnd.ms-powerpoint"},
      {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
      {"mp4", "video/mp4"},
      {"mp3", "audio/mpeg"},
      {"zip", "application/zip"},
  };
  const size_t dot = name.find_last_of('.');
  if (dot == std::string::npos) return "application/octet-stream";
  std::string ext = name.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool SafeFileName(const std::string& name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of(std::string("/\\\0", 3)) == std::string::npos;
}

}  // namespace hoso::cli
