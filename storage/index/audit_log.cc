#include "storage/index/audit_log.h"

#include <algorithm>
#include <chrono>

#include "storage/index/keys.h"
#include "storage/index/rocks_status.h"
#include "storage/base/sha256.h"

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

AuditLog::AuditLog(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* index)
    : db_(db), index_(index), head_hash_(kHashSize, '\0') {}

absl::Status AuditLog::Load() {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), index_, keys::AuditHead(), &value);
  if (s.IsNotFound()) return absl::OkStatus();
  if (!s.ok()) return FromRocks(s, "reading the audit log head");
  if (value.size() != 8 + kHashSize) return absl::DataLossError("the audit log head is unreadable");
  std::lock_guard<std::mutex> lock(chain_mu_);
  head_seq_ = keys::ReadBigEndian(std::string_view(value).substr(0, 8));
  head_hash_ = value.substr(8);
  return absl::OkStatus();
}

absl::Status AuditLog::Commit(const Actor& actor, const AuditFacts& facts,
                              rocksdb::WriteBatch* batch) {
  std::lock_guard<std::mutex> lock(chain_mu_);
  AuditRecord record;
  record.set_seq(head_seq_ + 1);
  record.set_time_micros(NowMicros());
  record.set_actor(actor.user);
  record.set_role(actor.role);
  record.set_action(facts.action);
  record.set_school(facts.school);
  record.set_target(facts.target);
  for (const std::string& sha : facts.sha256) record.add_sha256(sha);
  record.set_detail(facts.detail);
  record.set_evidence_id(facts.evidence_id);
  record.set_prev_hash(head_hash_);
  record.set_hash(HashOf(record));

  batch->Put(index_, keys::Audit(record.seq()), record.SerializeAsString());
  if (facts.evidence_id != 0 && !facts.school.empty()) {
    std::string key = keys::AuditByItemPrefix(facts.school, facts.evidence_id);
    keys::AppendBigEndian(key, record.seq(), 8);
    batch->Put(index_, key, "");
  }
  std::string head;
  keys::AppendBigEndian(head, record.seq(), 8);
  head += record.hash();
  batch->Put(index_, keys::AuditHead(), head);

  rocksdb::WriteOptions durable;
  durable.sync = true;
  if (absl::Status s = FromRocks(db_->Write(durable, batch), "writing " + facts.action); !s.ok()) {
    return s;
  }
  head_seq_ = record.seq();
  head_hash_ = record.hash();
  return absl::OkStatus();
}

absl::Status AuditLog::Record(const Actor& actor, const AuditFacts& facts) {
  rocksdb::WriteBatch batch;
  return Commit(actor, facts, &batch);
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
  auto parse = [&](const rocksdb::Slice& value, uint64_t seq) -> absl::Status {
    AuditRecord record;
    if (!record.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
      return absl::DataLossError("audit entry " + std::to_string(seq) + " is unreadable");
    }
    if (Matches(record, filter)) out.push_back(std::move(record));
    return absl::OkStatus();
  };
  if (filter.evidence_id != 0) {
    // The per-item index: a handful of entries instead of the whole log.
    const std::string prefix = keys::AuditByItemPrefix(filter.school, filter.evidence_id);
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), index_));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      const uint64_t seq = keys::ReadBigEndian(
          std::string_view(it->key().data() + prefix.size(), it->key().size() - prefix.size()));
      std::string value;
      rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), index_, keys::Audit(seq), &value);
      if (s.IsNotFound()) continue;  // verify reports the gap
      if (!s.ok()) return FromRocks(s, "reading the audit log");
      if (absl::Status p = parse(value, seq); !p.ok()) return p;
    }
    if (absl::Status s = FromRocks(it->status(), "reading the audit log"); !s.ok()) return s;
  } else {
    // Newest first, so a limit keeps the latest entries.
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), index_));
    const std::string end = "a0";  // just after every "a/..." key
    for (it->SeekForPrev(end); it->Valid() && it->key().starts_with(keys::kAuditPrefix);
         it->Prev()) {
      if (filter.limit != 0 && out.size() >= filter.limit) break;
      const uint64_t seq = keys::ReadBigEndian(std::string_view(it->key().data() + 2, 8));
      if (absl::Status p = parse(it->value(), seq); !p.ok()) return p;
    }
    if (absl::Status s = FromRocks(it->status(), "reading the audit log"); !s.ok()) return s;
    std::reverse(out.begin(), out.end());
  }
  if (filter.limit != 0 && out.size() > filter.limit) {
    out.erase(out.begin(), out.end() - static_cast<ptrdiff_t>(filter.limit));
  }
  return out;
}

absl::StatusOr<AuditVerification> AuditLog::Verify() const {
  AuditVerification result;
  std::string head_value;
  rocksdb::Status got = db_->Get(rocksdb::ReadOptions(), index_, keys::AuditHead(), &head_value);
  if (!got.ok() && !got.IsNotFound()) return FromRocks(got, "reading the audit log head");
  const uint64_t head_seq =
      head_value.size() == 8 + kHashSize ? keys::ReadBigEndian(head_value.substr(0, 8)) : 0;
  const std::string head_hash =
      head_value.size() == 8 + kHashSize ? head_value.substr(8) : std::string(kHashSize, '\0');

  auto broken = [&](uint64_t seq, std::string why) {
    result.intact = false;
    result.first_broken_seq = seq;
    result.problem = std::move(why);
    return result;
  };
  std::string prev(kHashSize, '\0');
  uint64_t expected = 1;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), index_));
  for (it->Seek(std::string(keys::kAuditPrefix));
       it->Valid() && it->key().starts_with(keys::kAuditPrefix); it->Next(), ++expected) {
    const uint64_t seq = keys::ReadBigEndian(std::string_view(it->key().data() + 2, 8));
    AuditRecord record;
    if (!record.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return broken(seq, "entry " + std::to_string(seq) + " is unreadable");
    }
    if (seq != expected) {
      return broken(expected, "entry " + std::to_string(expected) + " is missing (next is " +
                                  std::to_string(seq) + ")");
    }
    if (record.seq() != seq) {
      return broken(seq, "entry " + std::to_string(seq) + " claims to be entry " +
                             std::to_string(record.seq()));
    }
    if (record.prev_hash() != prev) {
      return broken(seq, "entry " + std::to_string(seq) +
                             " does not follow the entry before it (previous hash differs)");
    }
    if (HashOf(record) != record.hash()) {
      return broken(seq, "entry " + std::to_string(seq) + " was altered (its hash does not match)");
    }
    prev = record.hash();
    ++result.entries;
  }
  if (absl::Status s = FromRocks(it->status(), "reading the audit log"); !s.ok()) return s;
  if (result.entries != head_seq) {
    return broken(result.entries + 1, "the log ends at entry " + std::to_string(result.entries) +
                                          " but its head says " + std::to_string(head_seq));
  }
  if (prev != head_hash) {
    return broken(head_seq, "the last entry's hash differs from the recorded head");
  }
  auto digest = DigestFromBytes(prev);
  result.head_hash = digest ? ToHex(*digest) : "";
  return result;
}

}  // namespace hoso::storage
