#ifndef HOSO_CLIENTS_TRANSFER_LOCAL_FILE_H_
#define HOSO_CLIENTS_TRANSFER_LOCAL_FILE_H_

#include <sys/stat.h>

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "storage/base/sha256.h"

namespace hoso::cli {

// What tells a file's version apart without reading it (as git, borg and
// restic do): a change of content changes ctime at least.
struct FileIdentity {
  uint64_t device = 0, inode = 0, size = 0;
  int64_t mtime_ns = 0, ctime_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};
FileIdentity IdentityOf(const struct stat& st);

// A file given on the command line, hashed.
struct LocalFile {
  std::string path;
  std::string name;  // the last path component, bytes as they are
  std::string media_type;
  uint64_t size = 0;
  Sha256Digest sha256{};
  FileIdentity identity;  // as it was when hashed
};

// `path` as `st` describes it (name, media type, size, identity); not hashed.
LocalFile LocalFileOf(const std::string& path, const struct stat& st);
// Reads `path` once (streaming) to size and hash it, with a progress bar
// unless `quiet`.
absl::StatusOr<LocalFile> HashLocalFile(const std::string& path, bool quiet = false);
// Sizes `path` without reading it (sha256 left zero: to be hashed while sent).
absl::StatusOr<LocalFile> StatLocalFile(const std::string& path);
// A media type guessed from the file name's extension.
std::string MediaTypeFor(const std::string& name);
// Whether `name` is safe to create inside an output directory: no
// separators, not "." or "..", no NUL.
bool SafeFileName(const std::string& name);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_TRANSFER_LOCAL_FILE_H_
