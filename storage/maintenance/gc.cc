#include "storage/maintenance/gc.h"

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "storage/base/sha256.h"
#include "storage/content/content_store.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/index/records.pb.h"
#include "storage/maintenance/backup.h"

namespace hoso::storage {
namespace {

// Stored content nothing names and old enough to collect.
struct Unlinked {
  std::string raw;  // sha256
  uint64_t location = 0;
  uint64_t size = 0;
};

absl::StatusOr<std::vector<Unlinked>> FindUnlinked(Database& database, int64_t min_age_seconds) {
  std::set<std::string> named;
  absl::Status s = ScanRecords<EvidenceRecord>(database, keys::kEvidencePrefix,
                                               [&](std::string_view, const EvidenceRecord& e) {
                                                 for (const FileRecord& f : e.files())
                                                   named.insert(f.sha256());
                                               });
  if (!s.ok()) return s;
  s = ScanRecords<DossierRecord>(database, keys::kDossierPrefix,
                                 [&](std::string_view, const DossierRecord& d) {
                                   for (const DossierEntry& e : d.entries())
                                     named.insert(e.sha256());
                                 });
  if (!s.ok()) return s;
  const int64_t cutoff = database.clock().NowUnix() - min_age_seconds;
  std::vector<Unlinked> unlinked;
  s = ScanRecords<ContentRecord>(
      database, keys::kContentPrefix, [&](std::string_view key, const ContentRecord& c) {
        std::string raw(key.substr(keys::kContentPrefix.size()));
        if (c.refcount() == 0 && !named.count(raw) && c.created_unix() <= cutoff) {
          unlinked.push_back({std::move(raw), c.location(), c.size()});
        }
      });
  if (!s.ok()) return s;
  return unlinked;
}

// Drops the content records of `unlinked` that are still unreferenced (a
// reference is only ever added under the write lock, which this holds), in
// one audited write; returns those dropped. Their chunks go after.
absl::StatusOr<std::vector<Unlinked>> DropUnlinked(Database& database, const Actor& actor,
                                                   const std::vector<Unlinked>& unlinked) {
  std::vector<Unlinked> dropped;
  std::lock_guard<std::mutex> lock(database.write_mutex());
  WriteBatch batch;
  AuditFacts facts{.action = "gc.unlinked", .target = "content"};
  uint64_t bytes = 0;
  for (const Unlinked& u : unlinked) {
    auto record = ReadRecord<ContentRecord>(database, keys::Content(u.raw));
    if (!record.ok()) return record.status();
    if (!record->has_value() || (*record)->refcount() != 0) continue;
    batch.Delete(keys::Content(u.raw));
    if (auto digest = DigestFromBytes(u.raw)) facts.sha256.push_back(ToHex(*digest));
    bytes += u.size;
    dropped.push_back(u);
  }
  if (dropped.empty()) return dropped;
  facts.detail = std::to_string(dropped.size()) + " stored content(s) no item or dossier names, " +
                 std::to_string(bytes) + " bytes";
  if (absl::Status s = database.audit().Commit(actor, facts, std::move(batch)); !s.ok()) return s;
  return dropped;
}

void Tally(const SpaceUsage& usage, uint32_t* packs, uint64_t* bytes, uint64_t* dead) {
  *packs = static_cast<uint32_t>(usage.packs.size());
  *bytes = usage.file_bytes;
  *dead = usage.dead_bytes;
}

}  // namespace

absl::StatusOr<std::set<uint64_t>> WantedLocations(Database& database, ContentStore& content) {
  std::set<uint64_t> wanted = content.LocationsBeingWritten();
  // Sessions before contents (a commit turns one into the other), contents
  // before quarantine (fsck --repair moves one to the other).
  absl::Status s = ScanRecords<UploadSessionRecord>(
      database, keys::kUploadPrefix,
      [&](std::string_view, const UploadSessionRecord& u) { wanted.insert(u.location()); });
  if (!s.ok()) return s;
  s = ScanRecords<ContentRecord>(
      database, keys::kContentPrefix,
      [&](std::string_view, const ContentRecord& c) { wanted.insert(c.location()); });
  if (!s.ok()) return s;
  s = ScanRecords<QuarantineRecord>(
      database, keys::kQuarantinePrefix,
      [&](std::string_view, const QuarantineRecord& q) { wanted.insert(q.content().location()); });
  if (!s.ok()) return s;
  wanted.erase(0);
  return wanted;
}

absl::StatusOr<SpaceUsage> MeasureSpace(Database& database, ContentStore& content,
                                        ChunkStore& chunks) {
  auto wanted = WantedLocations(database, content);
  if (!wanted.ok()) return wanted.status();
  return chunks.Usage([&](uint64_t location) { return wanted->count(location) > 0; });
}

absl::StatusOr<GcReport> CollectGarbage(Database& database, ContentStore& content,
                                        ChunkStore& chunks, const Actor& actor,
                                        const GcOptions& options) {
  GcReport report;
  auto unlinked = FindUnlinked(database, options.unlinked_min_age_seconds);
  if (!unlinked.ok()) return unlinked.status();
  // The chunks first, then who wants them (see WantedLocations).
  auto locations = chunks.Locations();
  if (!locations.ok()) return locations.status();
  auto wanted = WantedLocations(database, content);
  if (!wanted.ok()) return wanted.status();
  std::set<uint64_t> collected;  // locations of the unlinked contents
  for (const Unlinked& u : *unlinked) collected.insert(u.location);
  std::set<uint64_t> orphans;
  for (uint64_t location : *locations) {
    if (!wanted->count(location)) orphans.insert(location);
  }
  auto live = [&](uint64_t location) {
    return wanted->count(location) > 0 && !collected.count(location);
  };
  auto before = chunks.Usage(live);
  if (!before.ok()) return before.status();
  auto orphan_usage = chunks.Usage([&](uint64_t location) { return orphans.count(location) > 0; });
  if (!orphan_usage.ok()) return orphan_usage.status();
  report.orphan_locations = orphans.size();
  report.orphan_bytes = orphan_usage->live_bytes;
  Tally(*before, &report.packs_before, &report.pack_bytes_before, &report.dead_bytes_before);

  if (options.dry_run) {
    report.unlinked_contents = unlinked->size();
    for (const Unlinked& u : *unlinked) report.unlinked_bytes += u.size;
    // What a repack would take, once the garbage above is dropped.
    report.packs_after = report.packs_before;
    report.pack_bytes_after = report.pack_bytes_before;
    report.dead_bytes_after = report.dead_bytes_before;
    for (const PackUsage& p : before->packs) {
      if (p.file_bytes == 0 || !WorthRepacking(p, options.min_dead_fraction)) continue;
      ++report.repack.packs_repacked;
      report.repack.chunks_copied += p.live_chunks;
      report.repack.bytes_copied += p.live_bytes;
      report.repack.bytes_reclaimed += p.file_bytes - p.live_bytes;
      --report.packs_after;
      report.pack_bytes_after -= p.file_bytes - p.live_bytes;
      report.dead_bytes_after -= p.dead_bytes;
      if (p.writing) {  // a new pack takes over the writing
        ++report.packs_after;
        report.pack_bytes_after += 4096;
      }
    }
    return report;
  }

  auto dropped = DropUnlinked(database, actor, *unlinked);
  if (!dropped.ok()) return dropped.status();
  report.unlinked_contents = dropped->size();
  for (const Unlinked& u : *dropped) {
    report.unlinked_bytes += u.size;
    if (u.location != 0) orphans.insert(u.location);
  }
  for (uint64_t location : orphans) {
    if (absl::Status s = chunks.Drop(location); !s.ok()) return s;
  }
  {
    // No pack may vanish under a running backup.
    std::lock_guard<std::mutex> lock(PackRemovalMutex());
    auto repacked = chunks.Repack({.min_dead_fraction = options.min_dead_fraction});
    if (!repacked.ok()) return repacked.status();
    report.repack = *repacked;
  }
  auto after = MeasureSpace(database, content, chunks);
  if (!after.ok()) return after.status();
  Tally(*after, &report.packs_after, &report.pack_bytes_after, &report.dead_bytes_after);
  return report;
}

}  // namespace hoso::storage
