#ifndef HOSO_CLIENTS_LOCAL_FILE_H_
#define HOSO_CLIENTS_LOCAL_FILE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "storage/sha256.h"

namespace hoso::cli {

// A file given on the command line, hashed.
struct LocalFile {
  std::string path;
  std::string name;  // the last path component, bytes as they are
  std::string media_type;
  uint64_t size = 0;
  Sha256Digest sha256{};
};

// Reads `path` once (streaming) to size and hash it, with progress.
absl::StatusOr<LocalFile> HashLocalFile(const std::string& path);
// A media type guessed from the file name's extension.
std::string MediaTypeFor(const std::string& name);
// Whether `name` is safe to create inside an output directory: no
// separators, not "." or "..", no NUL.
bool SafeFileName(const std::string& name);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_LOCAL_FILE_H_
