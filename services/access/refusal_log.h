#ifndef HOSO_SERVICES_ACCESS_REFUSAL_LOG_H_
#define HOSO_SERVICES_ACCESS_REFUSAL_LOG_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "storage/base/clock.h"
#include "storage/index/audit_log.h"

namespace hoso {

// Whether a call that ended with `code` was refused (the caller's token,
// rights or input), as opposed to answered (OK, NOT_FOUND) or failed on the
// server's side. Refusals go into the audit log.
bool IsRefusal(absl::StatusCode code);

// Refused calls in the audit log, without letting one caller bury it. Each
// caller's first kInFull refusals of a kWindowSeconds window are recorded
// one by one; the rest are counted, per school, and recorded as one
// "refused.summary" entry each: when the window is over, when someone reads
// the log (Flush), or at shutdown. Nothing is dropped. Thread-safe.
class RefusalLog {
 public:
  static constexpr int kInFull = 20;
  static constexpr int64_t kWindowSeconds = 60;
  // Callers tracked at once; beyond it every pending count is written out.
  static constexpr size_t kMaxCallers = 10000;

  struct Refusal {
    storage::Actor actor;  // user "anonymous" when the token names nobody
    std::string peer;      // where the call came from, for anonymous ones
    std::string school;    // normalised; "" for none or every school
    std::string method;    // "EvidenceService/LinkCriterion"
    absl::StatusCode code;
    std::string message;
  };

  RefusalLog(storage::AuditLog* audit, const Clock* clock) : audit_(audit), clock_(clock) {}

  // Records `refusal` in full or counts it. A failure to write is logged:
  // the refusal itself stands either way.
  void Record(const Refusal& refusal);
  // Writes every pending count as its summary entry.
  void Flush();

 private:
  struct Pending {
    std::string role;
    uint64_t count = 0;
    std::map<std::string, uint64_t> codes, methods;
    std::string last;  // the last message, as an example
    int64_t first_unix = 0, last_unix = 0;
  };
  struct Window {
    int64_t start_unix = 0;
    int recorded = 0;
    std::string actor;                       // the user the entries name
    std::map<std::string, Pending> pending;  // by school
  };
  struct Summary {
    storage::Actor actor;
    storage::AuditFacts facts;
  };

  // Moves the window's pending counts into `out`.
  static void TakePending(Window& window, std::vector<Summary>& out);
  void Write(const storage::Actor& actor, const storage::AuditFacts& facts);

  storage::AuditLog* const audit_;
  const Clock* const clock_;
  std::mutex mu_;
  std::map<std::string, Window> windows_;  // by caller: user, or anonymous@host
  int64_t last_sweep_unix_ = 0;            // windows that are over are closed once a second
};

// `text` as valid UTF-8 of at most `max_bytes`: bytes that are not UTF-8
// become U+FFFD, and a cut never splits a character. The audit log's
// records are proto3 strings, which must be UTF-8 to be read back.
std::string SafeUtf8(std::string_view text, size_t max_bytes);

}  // namespace hoso

#endif  // HOSO_SERVICES_ACCESS_REFUSAL_LOG_H_
