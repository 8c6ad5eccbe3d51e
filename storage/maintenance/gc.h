#ifndef HOSO_STORAGE_MAINTENANCE_GC_H_
#define HOSO_STORAGE_MAINTENANCE_GC_H_

#include <cstdint>
#include <set>

#include "absl/status/statusor.h"
#include "storage/content/chunk_store.h"
#include "storage/index/audit_log.h"

namespace hoso::storage {

class ContentStore;
class Database;

// What is garbage (hoso admin gc):
//  - stored content that nothing names (no evidence item, live or soft
//    deleted, no dossier draft or sealed, reference count 0) and that was
//    stored at least `unlinked_min_age_seconds` ago: an upload is linked to
//    its item right after it is stored, so an older one was never linked;
//  - chunks that no record names: neither stored content, nor quarantined
//    content, nor an upload session, nor an upload under way (the chunks of
//    an upload cut off before its first progress record, of a failed or
//    duplicate one whose drop did not happen, of an expired session).
// Soft-deleted items keep their files: `hoso ls --deleted` lists them and
// their records still name the content, so it is not garbage.
struct GcOptions {
  bool dry_run = false;
  int64_t unlinked_min_age_seconds = 7 * 24 * 3600;
  double min_dead_fraction = 0.5;  // which packs are repacked (WorthRepacking)
};

struct GcReport {
  uint64_t unlinked_contents = 0;  // collected (or, dry run, to be)
  uint64_t unlinked_bytes = 0;
  uint64_t orphan_locations = 0;  // chunk groups no record names
  uint64_t orphan_bytes = 0;      // their records in the packs
  // Packs before, and after (dry run: as they would be).
  uint32_t packs_before = 0;
  uint64_t pack_bytes_before = 0;
  uint64_t dead_bytes_before = 0;  // counting what this run collects as dead
  uint32_t packs_after = 0;
  uint64_t pack_bytes_after = 0;
  uint64_t dead_bytes_after = 0;
  RepackReport repack;  // dry run: what would be copied and reclaimed
};

// The locations whose chunks are wanted: uploads under way in this process,
// upload sessions, stored and quarantined content. Read in that order, so
// an upload moving from one to the next is never missed; call it after
// listing the chunks it is to judge.
absl::StatusOr<std::set<uint64_t>> WantedLocations(Database& database, ContentStore& content);

// The packs' space, counting as live only the chunks of wanted locations.
absl::StatusOr<SpaceUsage> MeasureSpace(Database& database, ContentStore& content,
                                        ChunkStore& chunks);

// Collects the garbage, then repacks mostly-dead packs (online; the server
// keeps serving). One audited write drops the unlinked contents' records.
absl::StatusOr<GcReport> CollectGarbage(Database& database, ContentStore& content,
                                        ChunkStore& chunks, const Actor& actor,
                                        const GcOptions& options);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_MAINTENANCE_GC_H_
