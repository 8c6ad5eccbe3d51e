#ifndef HOSO_STORAGE_CONTENT_CHUNK_STORE_H_
#define HOSO_STORAGE_CONTENT_CHUNK_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace hoso::storage {

// Where content bytes live: numbered chunks grouped by a 64-bit location.
// The index (RocksDB) records which location holds which content; this
// interface is the seam for other backends (an object store, a fault-injecting
// one in tests). Implementations are thread-safe.
// How much of one pack (a backend's unit of storage) is still wanted.
struct PackUsage {
  uint32_t pack = 0;
  uint64_t file_bytes = 0;  // on disk
  uint64_t live_bytes = 0;  // records of live chunks, headers and padding included
  uint32_t live_chunks = 0;
  uint64_t dead_bytes = 0;  // file bytes that are neither live nor the pack's header
  bool writing = false;     // the pack appended to now
};

// The space of all packs. Dead bytes are those no live chunk occupies: the
// records of dropped chunks (failed, duplicate, expired or collected
// uploads); each pack's own header is overhead, not dead.
struct SpaceUsage {
  std::vector<PackUsage> packs;
  uint64_t file_bytes = 0;
  uint64_t live_bytes = 0;
  uint64_t overhead_bytes = 0;
  uint64_t dead_bytes = 0;
};

// Whether the chunks of a location are still wanted.
using LiveLocation = absl::FunctionRef<bool(uint64_t location)>;

// Whether a repack takes `pack`: at least `min_dead_fraction` of it (its
// header aside) is dead. A wholly dead pack is removed without copying.
inline bool WorthRepacking(const PackUsage& pack, double min_dead_fraction) {
  const uint64_t body = pack.live_bytes + pack.dead_bytes;
  return pack.dead_bytes > 0 &&
         static_cast<double>(pack.dead_bytes) >= min_dead_fraction * static_cast<double>(body);
}

struct RepackOptions {
  // See WorthRepacking.
  double min_dead_fraction = 0.5;
  // Tests stop a repack here to see what a crash at that point leaves:
  // called with "copied", "synced", "switched" before the next step; a
  // non-OK status ends the repack at once, as a kill would.
  std::function<absl::Status(std::string_view step)> stop_at;
};

struct RepackReport {
  uint32_t packs_repacked = 0;  // old packs removed (their live chunks copied first)
  uint32_t chunks_copied = 0;
  uint64_t bytes_copied = 0;     // records written anew
  uint64_t bytes_reclaimed = 0;  // file bytes removed minus bytes copied
  uint32_t packs_skipped = 0;    // unreadable chunks in them: left for fsck
};

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

  // Space accounting and repack; a backend without them (an object store
  // reclaims by itself) says Unimplemented, and gc then only drops chunks.
  // The locations that have chunks, each once, in no particular order.
  virtual absl::StatusOr<std::vector<uint64_t>> Locations() {
    return absl::UnimplementedError("this chunk store cannot list its chunks");
  }
  // How full each pack is, counting only chunks of locations `live` accepts.
  virtual absl::StatusOr<SpaceUsage> Usage(LiveLocation) {
    return absl::UnimplementedError("this chunk store keeps no packs");
  }
  // Copies the chunks still indexed out of mostly-dead packs into the pack
  // being written and removes the old packs (see RepackOptions). Online:
  // Put, Get and Drop go on meanwhile, and a crash at any point loses
  // nothing (bytes synced before the index switches to them, the index
  // switched in one durable write before an old pack is removed).
  virtual absl::StatusOr<RepackReport> Repack(const RepackOptions&) {
    return absl::UnimplementedError("this chunk store keeps no packs");
  }

  // A hint that chunks [first, first + count) of `location` are read next
  // (a dossier's next files): a backend with slow reads fetches them ahead.
  // Nothing by default.
  virtual void Prefetch(uint64_t location, uint32_t first, uint32_t count) {}

  // Where the bytes are, for logs and health: "packs in DIR" or
  // "s3://BUCKET/PREFIX at ENDPOINT" (never a secret).
  virtual std::string Describe() const = 0;
  // Whether the backend answers now (health): OK, or Unavailable saying why
  // (an object store that is down or refuses our keys).
  virtual absl::Status Reachable() { return absl::OkStatus(); }
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_CHUNK_STORE_H_
