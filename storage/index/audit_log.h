#ifndef HOSO_STORAGE_INDEX_AUDIT_LOG_H_
#define HOSO_STORAGE_INDEX_AUDIT_LOG_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/index/audit_anchor.h"
#include "storage/index/records.pb.h"
#include "storage/index/write_batch.h"

namespace hoso::storage {

class Database;

// Who makes a change: the authenticated user and the role they acted in.
struct Actor {
  std::string user;
  std::string role;
  static Actor System() { return {"hosod", "system"}; }
};

// What a change is, for the audit log.
struct AuditFacts {
  std::string action;  // "evidence.create", "token.issue", ...
  std::string school;
  std::string target;
  std::vector<std::string> sha256;  // hex
  std::string detail;
  uint64_t evidence_id = 0;
};

struct AuditFilter {
  std::string school;  // empty: all
  std::string actor;
  uint64_t evidence_id = 0;  // 0: any
  int64_t since_micros = 0;
  size_t limit = 0;  // 0: no limit; otherwise the newest `limit` matches
};

struct AuditVerification {
  uint64_t entries = 0;
  bool intact = true;
  uint64_t first_broken_seq = 0;  // where the chain breaks
  std::string problem;            // why, for a person
  std::string head_hash;          // hex of the last entry's hash
  uint64_t anchor_seq = 0;        // the entry the audit anchor records (0: none)
};

// The append-only, hash-chained log of every change and every refused call.
// Entries live in the index under a/<seq>, with a per-item index
// x/<school>/<id>/<seq> and the head (last seq and hash) under m/audit_head,
// all written in the same batch as the change they describe. Thread-safe.
class AuditLog {
 public:
  // `database` owns the log and outlives it.
  explicit AuditLog(Database* database);
  // Reads the head; DataLoss if it is unreadable.
  absl::Status Load();

  // Adds the entry for `facts` to `batch` and writes the batch durably: the
  // change and its record land together or not at all.
  absl::Status Commit(const Actor& actor, const AuditFacts& facts, WriteBatch batch);
  // The same with one entry per element of `facts`, chained in order, all
  // in the one write (a batch of changes, e.g. many items created at once).
  absl::Status CommitAll(const Actor& actor, const std::vector<AuditFacts>& facts,
                         WriteBatch batch);
  // An entry with no other change (a refused call).
  absl::Status Record(const Actor& actor, const AuditFacts& facts);

  absl::StatusOr<std::vector<AuditRecord>> List(const AuditFilter& filter) const;
  // Recomputes every hash and link from the first entry to the head.
  absl::StatusOr<AuditVerification> Verify() const;

  // The hash an entry must carry (over all its fields but `hash`).
  static std::string HashOf(const AuditRecord& record);

  // ---- The anchor outside the index (audit_anchor.h).

  // From now on, each entry also advances `anchor` (not owned; outlives the
  // log), and Verify compares the chain with what it records.
  void UseAnchor(AuditAnchor* anchor);
  AuditHead Head() const;
  // FailedPrecondition, saying what is missing, unless the chain holds the
  // entry `anchored` records with the same hash.
  absl::Status CheckAnchor(const AuditHead& anchored) const;

 private:
  // Why a chain that ends at `last_seq` and holds `hash_at_anchor` at the
  // anchor's entry does not match `anchored`; empty when it does.
  std::string AnchorProblem(const AuditHead& anchored, uint64_t last_seq,
                            const std::string& hash_at_anchor) const;

  Database* const database_;
  AuditAnchor* anchor_ = nullptr;
  mutable std::mutex chain_mu_;  // held from reading the head to writing the entry
  uint64_t head_seq_ = 0;
  std::string head_hash_;  // 32 bytes
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_INDEX_AUDIT_LOG_H_
