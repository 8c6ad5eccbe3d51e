// RepairFsckProblems: what `hoso admin fsck --repair` changes. Every change
// is one audited write made under the write lock from the latest records.
#include <set>

#include "storage/base/sha256.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/maintenance/fsck.h"

namespace hoso::storage {
namespace {

std::string Today(const Database& db) { return IsoTimeUtc(db.clock().NowUnix()).substr(0, 10); }

// Adds `note` to each named item that lacks it, in `batch`.
absl::Status MarkDamaged(Database& db, const std::vector<FileRef>& files, const std::string& why,
                         WriteBatch& batch, std::vector<std::string>& marked) {
  std::map<std::string, EvidenceRecord> changed;
  for (const FileRef& ref : files) {
    auto it = changed.find(ref.evidence_key);
    if (it == changed.end()) {
      auto record = ReadRecord<EvidenceRecord>(db, ref.evidence_key);
      if (!record.ok()) return record.status();
      if (!record->has_value()) continue;
      it = changed.emplace(ref.evidence_key, **record).first;
    }
    const std::string note = ref.file_name + ": " + why;
    auto& damage = *it->second.mutable_damage();
    if (std::find(damage.begin(), damage.end(), note) == damage.end())
      *it->second.add_damage() = note;
  }
  for (const auto& [key, record] : changed) {
    batch.Put(key, record.SerializeAsString());
    marked.push_back(record.school() + " " + record.code());
  }
  return absl::OkStatus();
}

absl::Status Quarantine(Database& db, const Actor& actor, FsckProblem& p) {
  const auto digest = DigestFromHex(p.sha256);
  if (!digest) return absl::InternalError("fsck reported a malformed hash");
  const std::string raw = DigestBytes(*digest);
  std::lock_guard<std::mutex> lock(db.write_mutex());
  WriteBatch batch;
  auto content = ReadRecord<ContentRecord>(db, keys::Content(raw));
  if (!content.ok()) return content.status();
  if (content->has_value()) {
    QuarantineRecord q;
    *q.mutable_content() = **content;
    q.set_reason(p.detail);
    q.set_quarantined_unix(db.clock().NowUnix());
    batch.Delete(keys::Content(raw));
    batch.Put(keys::Quarantine(raw), q.SerializeAsString());
  }
  std::vector<std::string> marked;
  const std::string why =
      p.kind == "missing content"
          ? "its content " + p.sha256.substr(0, 12) + "… is not stored (found " + Today(db) + ")"
          : "its stored bytes failed their check and were quarantined on " + Today(db) +
                "; upload the file again or restore a backup";
  if (absl::Status s = MarkDamaged(db, p.files, why, batch, marked); !s.ok()) return s;
  if (batch.Count() == 0) {
    p.repair = "quarantined earlier; its items are marked damaged";
    return absl::OkStatus();
  }
  std::string detail = p.detail;
  for (const std::string& m : marked) detail += "; marked " + m;
  const AuditFacts facts{.action = p.kind == "missing content" ? "fsck.mark" : "fsck.quarantine",
                         .target = "content " + p.sha256,
                         .sha256 = {p.sha256},
                         .detail = detail};
  if (absl::Status s = db.audit().Commit(actor, facts, std::move(batch)); !s.ok()) return s;
  p.repair = (content->has_value() ? "quarantined; " : "") + std::to_string(marked.size()) +
             " item(s) marked damaged";
  return absl::OkStatus();
}

absl::Status FixReferenceCount(Database& db, const Actor& actor, FsckProblem& p) {
  const std::string raw = DigestBytes(*DigestFromHex(p.sha256));
  std::lock_guard<std::mutex> lock(db.write_mutex());
  auto content = ReadRecord<ContentRecord>(db, keys::Content(raw));
  if (!content.ok()) return content.status();
  if (!content->has_value()) return absl::OkStatus();  // quarantined meanwhile
  const uint64_t was = (*content)->refcount();
  (*content)->set_refcount(p.references);
  WriteBatch batch;
  batch.Put(keys::Content(raw), (*content)->SerializeAsString());
  const AuditFacts facts{
      .action = "fsck.refcount",
      .target = "content " + p.sha256,
      .sha256 = {p.sha256},
      .detail = "reference count " + std::to_string(was) + " -> " + std::to_string(p.references)};
  if (absl::Status s = db.audit().Commit(actor, facts, std::move(batch)); !s.ok()) return s;
  p.repair = "reference count set to " + std::to_string(p.references);
  p.resolved = true;
  return absl::OkStatus();
}

// Clears the damage notes of items whose files are all stored and intact.
absl::StatusOr<uint64_t> Heal(Database& db, const Actor& actor, const std::set<std::string>& bad) {
  // An unreadable record, or a failed scan, heals nothing: fsck reports it.
  std::vector<std::string> keys_to_check;
  db.Scan(keys::kEvidencePrefix, [&](std::string_view key, std::string_view value) {
      EvidenceRecord e;
      if (e.ParseFromArray(value.data(), static_cast<int>(value.size())) && e.damage_size() > 0) {
        keys_to_check.emplace_back(key);
      }
      return true;
    }).IgnoreError();
  uint64_t healed = 0;
  for (const std::string& key : keys_to_check) {
    std::lock_guard<std::mutex> lock(db.write_mutex());
    auto record = ReadRecord<EvidenceRecord>(db, key);
    if (!record.ok()) return record.status();
    if (!record->has_value()) continue;
    bool intact = true;
    for (const FileRecord& f : (*record)->files()) {
      auto content = ReadRecord<ContentRecord>(db, keys::Content(f.sha256()));
      if (!content.ok()) return content.status();
      intact = intact && content->has_value() && !bad.count(f.sha256());
    }
    if (!intact) continue;
    (*record)->clear_damage();
    WriteBatch batch;
    batch.Put(key, (*record)->SerializeAsString());
    const AuditFacts facts{.action = "fsck.heal",
                           .school = (*record)->school(),
                           .target = (*record)->code() + " #" + std::to_string((*record)->id()),
                           .detail = "every file is stored and intact again",
                           .evidence_id = (*record)->id()};
    if (absl::Status s = db.audit().Commit(actor, facts, std::move(batch)); !s.ok()) return s;
    ++healed;
  }
  return healed;
}

}  // namespace

absl::Status RepairFsckProblems(Database& database, const Actor& actor, FsckReport& report) {
  std::set<std::string> bad;  // raw hashes whose bytes are not there or not right
  for (FsckProblem& p : report.problems) {
    absl::Status s;
    if (p.kind == "corrupt content" || p.kind == "missing content" ||
        p.kind == "quarantined content") {
      if (auto digest = DigestFromHex(p.sha256)) bad.insert(DigestBytes(*digest));
      s = Quarantine(database, actor, p);
    } else if (p.kind == "reference count") {
      s = FixReferenceCount(database, actor, p);
    }
    if (!s.ok()) return s;
  }
  auto healed = Heal(database, actor, bad);
  if (!healed.ok()) return healed.status();
  report.healed = *healed;
  return absl::OkStatus();
}

}  // namespace hoso::storage
