#ifndef HOSO_STORAGE_CONTENT_CHUNK_STORE_H_
#define HOSO_STORAGE_CONTENT_CHUNK_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace hoso::storage {

// Where content bytes live: numbered chunks grouped by a 64-bit location.
// The index (RocksDB) records which location holds which content; this
// interface is the seam for other backends (an object store, a fault-injecting
// one in tests). Implementations are thread-safe.
class ChunkStore {
 public:
  virtual ~ChunkStore() = default;

  // Stores chunk `index` of `location`, replacing one already there. Durable
  // only after Sync() returns OK.
  virtual absl::Status Put(uint64_t location, uint32_t index, std::string_view data) = 0;
  // The chunk's bytes; NotFound if absent, DataLoss if the backend's own
  // checksum fails.
  virtual absl::StatusOr<std::string> Get(uint64_t location, uint32_t index) = 0;
  // Makes the bytes of every Put that returned before this call durable.
  // Index entries a backend keeps in the database become durable with the
  // database's next synced write (or SyncWAL), which callers do after this.
  virtual absl::Status Sync() = 0;
  // Removes all chunks of a location.
  virtual absl::Status Drop(uint64_t location) = 0;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_CHUNK_STORE_H_
