#include "storage/index/audit_log.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <string_view>

#include "storage/base/sha256.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"

namespace hoso::storage {
namespace {

constexpr size_t kHashSize = 32;

void AppendField(std::string& out, std::string_view field) {
  keys::AppendBigEndian(out, field.size(), 4);
  out.append(field);
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string AuditLog::HashOf(const AuditRecord& r) {
  // A fixed, length-prefixed encoding: protobuf serialisation is not
  // guaranteed stable across versions, and the chain must outlive them.
  std::string canonical = "hoso-audit-v1";
  keys::AppendBigEndian(canonical, r.seq(), 8);
  keys::AppendBigEndian(canonical, static_cast<uint64_t>(r.time_micros()), 8);
  AppendField(canonical, r.actor());
  AppendField(canonical, r.role());
  AppendField(canonical, r.action());
  AppendField(canonical, r.school());
  AppendField(canonical, r.target());
  keys::AppendBigEndian(canonical, r.sha256_size(), 4);
  for (const std::string& sha : r.sha256()) AppendField(canonical, sha);
  AppendField(canonical, r.detail());
  keys::AppendBigEndian(canonical, r.evidence_id(), 8);
  AppendField(canonical, r.prev_hash());
  return DigestBytes(Sha256Of(canonical));
}

AuditLog::AuditLog(Database* database) : database_(database), head_hash_(kHashSize, '\0') {}

absl::Status AuditLog::Load() {
  auto value = database_->Get(keys::AuditHead());
  if (!value.ok()) return value.status();
  if (!value->has_value()) return absl::OkStatus();
  if ((*value)->size() != 8 + kHashSize) {
    return absl::DataLossError("the audit log head is unreadable");
  }
  std::lock_guard<std::mutex> lock(chain_mu_);
  head_seq_ = keys::ReadBigEndian(std::string_view(**value).substr(0, 8));
  head_hash_ = (*value)->substr(8);
  return absl::OkStatus();
}

absl::Status AuditLog::Commit(const Actor& actor, const AuditFacts& facts, WriteBatch batch) {
  return CommitAll(actor, {facts}, std::move(batch));
}

absl::Status AuditLog::CommitAll(const Actor& actor, const std::vector<AuditFacts>& all,
                                 WriteBatch batch) {
  std::lock_guard<std::mutex> lock(chain_mu_);
  uint64_t seq = head_seq_;
  std::string hash = head_hash_;
  for (const AuditFacts& facts : all) {
    AuditRecord record;
    record.set_seq(seq + 1);
    record.set_time_micros(NowMicros());
    record.set_actor(actor.user);
    record.set_role(actor.role);
    record.set_action(facts.action);
    record.set_school(facts.school);
    record.set_target(facts.target);
    for (const std::string& sha : facts.sha256) record.add_sha256(sha);
    record.set_detail(facts.detail);
    record.set_evidence_id(facts.evidence_id);
    record.set_prev_hash(hash);
    record.set_hash(HashOf(record));
    batch.Put(keys::Audit(record.seq()), record.SerializeAsString());
    if (facts.evidence_id != 0 && !facts.school.empty()) {
      batch.Put(keys::AuditByItem(facts.school, facts.evidence_id, record.seq()), "");
    }
    seq = record.seq();
    hash = record.hash();
  }
  std::string head;
  keys::AppendBigEndian(head, seq, 8);
  head += hash;
  batch.Put(keys::AuditHead(), head);

  const std::string action = all.empty() ? std::string("a change") : all.front().action;
  if (absl::Status s = database_->Write(batch, Durability::kDurable, "writing " + action);
      !s.ok()) {
    return s;
  }
  head_seq_ = seq;
  head_hash_ = hash;
  // The change is committed whatever happens here; the next entry rewrites
  // the whole anchor, and a trailing anchor is never taken for a rollback.
  if (anchor_ != nullptr) anchor_->Advance({head_seq_, head_hash_}).IgnoreError();
  return absl::OkStatus();
}

void AuditLog::UseAnchor(AuditAnchor* anchor) {
  std::lock_guard<std::mutex> lock(chain_mu_);
  anchor_ = anchor;
}

AuditHead AuditLog::Head() const {
  std::lock_guard<std::mutex> lock(chain_mu_);
  return {head_seq_, head_hash_};
}

std::string AuditLog::AnchorProblem(const AuditHead& anchored, uint64_t last_seq,
                                    const std::string& hash_at_anchor) const {
  if (anchored.seq == 0) return "";
  const std::string where = anchor_ != nullptr ? " (" + anchor_->path() + ")" : "";
  if (anchored.seq > last_seq) {
    return "the audit log ends at entry " + std::to_string(last_seq) +
           " but the audit anchor kept outside the index" + where + " records entry " +
           std::to_string(anchored.seq) + ": the index was rolled back, entries " +
           std::to_string(last_seq + 1) + ".." + std::to_string(anchored.seq) +
           " and the changes they record are missing";
  }
  if (hash_at_anchor != anchored.hash) {
    return "audit entry " + std::to_string(anchored.seq) +
           " differs from the one the audit anchor" + where +
           " records: the index is not the one this data directory wrote";
  }
  return "";
}

absl::Status AuditLog::CheckAnchor(const AuditHead& anchored) const {
  const AuditHead head = Head();
  std::string hash_at_anchor;
  if (anchored.seq != 0 && anchored.seq <= head.seq) {
    auto value = database_->Get(keys::Audit(anchored.seq));
    if (!value.ok()) return value.status();
    AuditRecord record;
    if (value->has_value() && record.ParseFromString(**value)) hash_at_anchor = record.hash();
  }
  const std::string problem = AnchorProblem(anchored, head.seq, hash_at_anchor);
  if (problem.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(problem);
}

absl::Status AuditLog::Record(const Actor& actor, const AuditFacts& facts) {
  return Commit(actor, facts, WriteBatch());
}

namespace {

bool Matches(const AuditRecord& r, const AuditFilter& f) {
  if (!f.school.empty() && r.school() != f.school) return false;
  if (!f.actor.empty() && r.actor() != f.actor) return false;
  if (f.evidence_id != 0 && r.evidence_id() != f.evidence_id) return false;
  return r.time_micros() >= f.since_micros;
}

}  // namespace

absl::StatusOr<std::vector<AuditRecord>> AuditLog::List(const AuditFilter& filter) const {
  std::vector<AuditRecord> out;
  absl::Status failed;
  // Keeps the entry if it matches; false (and `failed` set) if unreadable.
  auto parse = [&](std::string_view value, uint64_t seq) {
    AuditRecord record;
    if (!record.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
      failed = absl::DataLossError("audit entry " + std::to_string(seq) + " is unreadable");
      return false;
    }
    if (Matches(record, filter)) out.push_back(std::move(record));
    return true;
  };
  absl::Status scanned;
  if (filter.evidence_id != 0) {
    // The per-item index: a handful of entries instead of the whole log.
    const std::string prefix = keys::AuditByItemPrefix(filter.school, filter.evidence_id);
    scanned = database_->Scan(prefix, [&](std::string_view key, std::string_view) {
      const uint64_t seq = keys::ReadBigEndian(key.substr(prefix.size()));
      auto value = database_->Get(keys::Audit(seq));
      if (!value.ok()) {
        failed = value.status();
        return false;
      }
      return !value->has_value() || parse(**value, seq);  // a gap: verify reports it
    });
  } else {
    // Newest first, so a limit keeps the latest entries.
    scanned = database_->ScanBackward(
        keys::kAuditPrefix, [&](std::string_view key, std::string_view value) {
          if (filter.limit != 0 && out.size() >= filter.limit) return false;
          return parse(value, keys::ReadBigEndian(key.substr(keys::kAuditPrefix.size(), 8)));
        });
    std::reverse(out.begin(), out.end());
  }
  if (!failed.ok()) return failed;
  if (!scanned.ok()) return scanned;
  if (filter.limit != 0 && out.size() > filter.limit) {
    out.erase(out.begin(), out.end() - static_cast<ptrdiff_t>(filter.limit));
  }
  return out;
}

absl::StatusOr<AuditVerification> AuditLog::Verify() const {
  AuditVerification result;
  // Read first: the anchor is written after the index, so the index read
  // below holds at least what it records.
  AuditHead anchored;
  if (anchor_ != nullptr) {
    auto read = ReadAuditAnchor(anchor_->path());
    if (!read.ok()) return read.status();
    if (read->has_value()) anchored = **read;
  }
  result.anchor_seq = anchored.seq;
  std::string hash_at_anchor;
  auto head_value = database_->Get(keys::AuditHead());
  if (!head_value.ok()) return head_value.status();
  const std::string head = head_value->value_or("");
  const bool has_head = head.size() == 8 + kHashSize;
  const uint64_t head_seq = has_head ? keys::ReadBigEndian(std::string_view(head).substr(0, 8)) : 0;
  const std::string head_hash = has_head ? head.substr(8) : std::string(kHashSize, '\0');

  // Records where the chain breaks; false, to stop the scan.
  auto broken = [&](uint64_t seq, std::string why) {
    result.intact = false;
    result.first_broken_seq = seq;
    result.problem = std::move(why);
    return false;
  };
  std::string prev(kHashSize, '\0');
  uint64_t expected = 1;
  absl::Status scanned = database_->Scan(keys::kAuditPrefix, [&](std::string_view key,
                                                                 std::string_view value) {
    const uint64_t seq = keys::ReadBigEndian(key.substr(keys::kAuditPrefix.size(), 8));
    const std::string entry = "entry " + std::to_string(seq);
    AuditRecord record;
    if (!record.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
      return broken(seq, entry + " is unreadable");
    }
    if (seq != expected) {
      return broken(expected, "entry " + std::to_string(expected) + " is missing (next is " +
                                  std::to_string(seq) + ")");
    }
    if (record.seq() != seq) {
      return broken(seq, entry + " claims to be entry " + std::to_string(record.seq()));
    }
    if (record.prev_hash() != prev) {
      return broken(seq, entry + " does not follow the entry before it (previous hash differs)");
    }
    if (HashOf(record) != record.hash()) {
      return broken(seq, entry + " was altered (its hash does not match)");
    }
    prev = record.hash();
    if (seq == anchored.seq) hash_at_anchor = record.hash();
    ++result.entries;
    ++expected;
    return true;
  });
  if (!result.intact) return result;
  if (!scanned.ok()) return scanned;
  if (result.entries != head_seq) {
    broken(result.entries + 1, "the log ends at entry " + std::to_string(result.entries) +
                                   " but its head says " + std::to_string(head_seq));
    return result;
  }
  if (prev != head_hash) {
    broken(head_seq, "the last entry's hash differs from the recorded head");
    return result;
  }
  if (std::string problem = AnchorProblem(anchored, result.entries, hash_at_anchor);
      !problem.empty()) {
    broken(std::min(anchored.seq, result.entries + 1), std::move(problem));
    return result;
  }
  auto digest = DigestFromBytes(prev);
  result.head_hash = digest ? ToHex(*digest) : "";
  return result;
}

}  // namespace hoso::storage
