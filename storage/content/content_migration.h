#ifndef HOSO_STORAGE_CONTENT_CONTENT_MIGRATION_H_
#define HOSO_STORAGE_CONTENT_CONTENT_MIGRATION_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "storage/content/chunk_store.h"
#include "storage/content/migrating_chunk_store.h"
#include "storage/index/audit_log.h"

namespace hoso::storage {

class ContentStore;
class Database;

struct ContentMigrationProgress {
  std::string phase;           // "copying", "verifying", "done"
  std::string source, target;  // backend names (content_backend.h)
  ChunkCopyProgress copy;
  uint64_t contents_verified = 0;  // read back whole from the target, hash checked
  uint64_t bytes_verified = 0;
  double seconds = 0;
  // Once done: what is left of the old store, for the operator.
  std::string left_behind;
};

struct ContentMigrationRequest {
  std::string target;  // "packs" or "s3://BUCKET[/PREFIX]"
  // Opens the target store; called unless the migration is resumed.
  std::function<absl::StatusOr<std::unique_ptr<ChunkStore>>()> open_target;
  std::string packs_dir;  // for the note on what is left
  ChunkCopyOptions copy;  // its progress is wrapped; stop_at is passed on
  std::function<void(const ContentMigrationProgress&)> progress;
};

// hoso admin migrate-content: records "moving from A to B" with an audit
// entry (one durable write), routes new chunks to B, copies every chunk of A
// (MigratingChunkStore::CopyChunks), reads every content back whole from B
// with its hash checked, then records B as the data dir's store with an
// audit entry (one durable write). Online. Run again after a crash or an
// error, it goes on where it stopped. The old store's bytes are left where
// they are (ContentMigrationProgress::left_behind says where).
absl::StatusOr<ContentMigrationProgress> MigrateContent(Database& database, ContentStore& content,
                                                        MigratingChunkStore& chunks,
                                                        const Actor& actor,
                                                        const ContentMigrationRequest& request);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_CONTENT_MIGRATION_H_
