#ifndef HOSO_STORAGE_CONTENT_CHUNK_CACHE_H_
#define HOSO_STORAGE_CONTENT_CHUNK_CACHE_H_

#include <cstdint>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "storage/base/sha256.h"

namespace hoso::storage {

// Chunks kept on local disk by their SHA-256 (DIR/ab/abcdef...), at most
// `max_bytes` of them, the least recently used evicted first. Each file
// ends with the XXH3-64 of its bytes, checked on every read as the pack
// files' records are (a damaged file is removed and counts as a miss); the
// content's own SHA-256, checked by every reader of it, stays the proof.
// Hashing a cached chunk with SHA-256 as well made a dossier from the
// cache a third slower than from packs. Files are written to a temporary
// name and renamed: a crash leaves whole files or none. Thread-safe.
class ChunkCache {
 public:
  // Takes up the files a previous run left (oldest first by mtime).
  ChunkCache(std::string dir, uint64_t max_bytes);

  std::optional<std::string> Get(const Sha256Digest& sha256);
  // Best effort: a cache that cannot write keeps nothing.
  void Put(const Sha256Digest& sha256, std::string_view data);

 private:
  std::string PathOf(const std::string& hex) const;
  void EvictLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string dir_;
  const uint64_t max_bytes_;
  std::mutex mu_;
  // Least recently used first.
  std::list<std::string> order_;
  struct Entry {
    uint64_t size = 0;
    std::list<std::string>::iterator position;
  };
  std::map<std::string, Entry> entries_;
  uint64_t bytes_ = 0;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_CHUNK_CACHE_H_
