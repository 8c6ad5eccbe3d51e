#ifndef HOSO_SERVICES_ACCESS_RPC_GATE_H_
#define HOSO_SERVICES_ACCESS_RPC_GATE_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/access/grpc_status.h"
#include "services/access/policy.h"
#include "services/access/refusal_log.h"
#include "services/runtime/limits.h"
#include "storage/base/clock.h"

namespace hoso {

namespace storage {
class AuditLog;
class TokenStore;
class UserStore;
}  // namespace storage

// The one door every hoso RPC goes through: it authenticates the bearer
// token, checks the caller's role against the policy table (policy.h), runs
// the handler, records every refusal (IsRefusal) in the audit log through a
// rate limit (refusal_log.h), translates the status and logs the outcome
// without secrets. Health checking and reflection are separate services and
// stay open.
class RpcGate {
 public:
  RpcGate(const storage::TokenStore* tokens, const storage::UserStore* users,
          storage::AuditLog* audit, const Limits* limits, const Clock* clock)
      : tokens_(tokens), users_(users), limits_(limits), clock_(clock), refusals_(audit, clock) {}

  // `method` is "Service/Method"; `school` the school the request names
  // (empty for RPCs that name none). A method of Scope::kSignIn runs without
  // a token (the handler gets an empty Caller); `account` then names who is
  // signing in, for the audit of refusals.
  grpc::Status Run(grpc::ServerContext* context, std::string_view method, std::string_view school,
                   const std::function<absl::Status(const Caller&)>& handler,
                   std::string_view account = {}) const;
  // For a school a stream names in its first message (after Run let the call
  // in): OK if `caller` may call `method` there, else PermissionDenied.
  absl::Status AuthorizeSchool(std::string_view method, std::string_view school,
                               const Caller& caller) const;

  // Records a call refused before Run could see it (a request that does not
  // parse), naming the caller if their token says who they are.
  void RecordRefusal(const grpc::ServerContextBase& context, std::string_view method,
                     std::string_view school, const absl::Status& status) const;
  // Writes the refusals counted so far (see RefusalLog), so that a reader
  // of the audit log sees them.
  void FlushRefusals() const { refusals_.Flush(); }

 private:
  // The user behind the bearer token, or Unauthenticated with a reason; then
  // `claimed_user` names the user of a known but expired token.
  absl::StatusOr<Caller> Authenticate(const grpc::ServerContextBase& context,
                                      std::string* claimed_user) const;
  // Into the audit log, normalised: `caller` null when unauthenticated.
  void Refused(const grpc::ServerContextBase& context, const Caller* caller,
               const std::string& claimed_user, std::string_view method, std::string_view school,
               const absl::Status& status) const;
  // Fills caller.role for the policy's scope, or PermissionDenied with
  // reason ROLE_REQUIRED (metadata what, school).
  absl::Status Authorize(std::string_view method, std::string_view school, Caller& caller) const;
  // The same without the reason.
  absl::Status AuthorizeRole(std::string_view method, std::string_view school,
                             Caller& caller) const;
  // The role check in one named school.
  absl::Status AuthorizeIn(const RpcPolicy& policy, std::string_view school, int64_t now,
                           Caller& caller) const;

  const storage::TokenStore* const tokens_;
  const storage::UserStore* const users_;
  const Limits* const limits_;
  const Clock* const clock_;  // when grants expire
  mutable RefusalLog refusals_;
  // Calls in progress per user, held to limits_->max_calls_per_user.
  mutable std::mutex in_flight_mu_;
  mutable std::map<std::string, uint32_t> in_flight_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_ACCESS_RPC_GATE_H_
