#ifndef HOSO_CLIENTS_TRANSFER_HASH_CACHE_H_
#define HOSO_CLIENTS_TRANSFER_HASH_CACHE_H_

#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "clients/transfer/local_file.h"

namespace hoso::cli {

// SHA-256s of files hashed before, keyed by absolute path and valid while
// the file's identity (device, inode, size, mtime, ctime) is unchanged, so
// uploading an unchanged tree again reads no file. The server still checks
// every byte it receives against the hash. Not thread-safe.
class HashCache {
 public:
  // $XDG_CACHE_HOME/hoso/hashes, else ~/.cache/hoso/hashes; empty when
  // neither HOME nor XDG_CACHE_HOME is set.
  static std::string DefaultPath();
  // A missing or unreadable file gives an empty cache (it is only a cache).
  static HashCache Load(const std::string& path);

  std::optional<Sha256Digest> Find(const std::string& absolute_path,
                                   const FileIdentity& identity) const;
  void Remember(const std::string& absolute_path, const FileIdentity& identity,
                const Sha256Digest& sha256);
  // Writes the cache aside and renames it into place.
  absl::Status Save() const;

 private:
  struct Entry {
    FileIdentity identity;
    Sha256Digest sha256;
  };
  std::string path_;
  std::map<std::string, Entry> entries_;
  bool changed_ = false;
};

// `path` made absolute and normal: the cache's key.
std::string AbsolutePath(const std::string& path);
// The file at `path` (whose AbsolutePath is `absolute`) with the hash the
// cache holds, if it is a regular file unchanged since it was hashed.
std::optional<LocalFile> CachedLocalFile(const HashCache& cache, const std::string& path,
                                         const std::string& absolute);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_TRANSFER_HASH_CACHE_H_
