#ifndef HOSO_STORAGE_CONTENT_MIGRATING_CHUNK_STORE_H_
#define HOSO_STORAGE_CONTENT_MIGRATING_CHUNK_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "storage/content/chunk_store.h"

namespace hoso::storage {

class Database;

// How far a copy has come (hoso admin migrate-content shows it).
struct ChunkCopyProgress {
  uint64_t chunks_total = 0;   // of the old kind when the copy began
  uint64_t chunks_copied = 0;  // read verified, written to the target, synced, switched
  uint64_t bytes_copied = 0;
  uint64_t chunks_skipped = 0;  // changed or dropped meanwhile: nothing to copy
  double seconds = 0;
};

struct ChunkCopyOptions {
  // Chunks copied, synced and switched together: one durable write each.
  size_t batch_chunks = 64;
  // Called after each batch.
  std::function<void(const ChunkCopyProgress&)> progress;
  // Tests stop the copy here, as a kill would: called with "batch" after each
  // batch is switched; a non-OK status ends the copy at once.
  std::function<absl::Status(std::string_view step)> stop_at;
};

// The chunk store of a data dir: one backend, or two while its content moves
// from one to the other (hoso admin migrate-content). Put goes to the target;
// Get reads whichever holds the chunk, by the kind of its pointer (an S3
// pointer, IsS3ChunkPointer, or a 24-byte pack pointer); Drop removes the
// pointers of both. CopyChunks moves the old-kind chunks over online.
// Thread-safe.
class MigratingChunkStore final : public ChunkStore {
 public:
  // `current` holds the content now; `current_is_s3` says its pointer kind.
  MigratingChunkStore(Database* database, std::unique_ptr<ChunkStore> current, bool current_is_s3);
  ~MigratingChunkStore() override;

  // From now on new chunks go to `target` (whose pointers are of the other
  // kind); the current store keeps serving what it holds.
  absl::Status BeginMigration(std::unique_ptr<ChunkStore> target);
  bool migrating() const;
  // Copies every chunk the source holds to the target, in batches: each
  // chunk read verified from the source and Put to the target, the target
  // synced, the index synced; before a batch the pointers it replaces are
  // written durably (m/migration_batch) so that a crash mid-batch is undone
  // at the next open (RecoverInterruptedBatch). A chunk whose pointer changed
  // meanwhile (dropped, or written anew to the target) is left as it is.
  // Repeats until no chunk of the source's kind is left. Uploads and
  // downloads go on meanwhile.
  absl::StatusOr<ChunkCopyProgress> CopyChunks(const ChunkCopyOptions& options);
  // After everything was copied and verified: the target becomes the only
  // store (the source object stays alive for readers in flight).
  absl::Status FinishMigration();
  // At open, during a migration: where a batch was cut short, a pointer that
  // was switched to bytes the target did not keep goes back to the old one.
  // Returns how many went back.
  absl::StatusOr<uint32_t> RecoverInterruptedBatch();

  absl::Status Put(uint64_t location, uint32_t index, std::string_view data) override;
  absl::StatusOr<std::string> Get(uint64_t location, uint32_t index) override;
  absl::Status Sync() override;
  absl::Status Drop(uint64_t location) override;
  absl::StatusOr<std::vector<uint64_t>> Locations() override;
  absl::StatusOr<SpaceUsage> Usage(LiveLocation live) override;
  absl::StatusOr<RepackReport> Repack(const RepackOptions& options) override;
  void Prefetch(uint64_t location, uint32_t first, uint32_t count) override;
  std::string Describe() const override;
  absl::Status Reachable() override;

 private:
  struct Route {
    ChunkStore* current = nullptr;  // the source while migrating
    bool current_is_s3 = false;
    ChunkStore* target = nullptr;  // null unless migrating
  };
  Route route() const;
  // The store holding a chunk with this pointer.
  ChunkStore* Holder(const Route& r, std::string_view pointer) const;
  absl::Status CopyBatch(const Route& r, std::vector<std::pair<std::string, std::string>>& batch,
                         ChunkCopyProgress& progress);

  Database* const database_;
  mutable std::mutex route_mu_;
  Route route_ ABSL_GUARDED_BY(route_mu_);
  // Every store ever routed to, kept until the end: readers may hold one.
  std::vector<std::unique_ptr<ChunkStore>> stores_ ABSL_GUARDED_BY(route_mu_);
  // Guards pointer writes against a copy's check-and-switch: Put and Drop
  // hold it shared, the copy exclusive while it compares a pointer and
  // writes its replacement.
  std::shared_mutex pointer_mu_;
  std::mutex copy_mu_;  // one copy at a time
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_MIGRATING_CHUNK_STORE_H_
