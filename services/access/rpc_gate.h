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
#include "services/access/policy.h"
#include "services/runtime/limits.h"
#include "storage/base/clock.h"

namespace hoso {

namespace storage {
class AuditLog;
class TokenStore;
class UserStore;
}  // namespace storage

// absl -> gRPC: the codes are the same numbers.
inline grpc::Status ToGrpc(const absl::Status& s) {
  if (s.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(s.code()), std::string(s.message()));
}

// The one door every hoso RPC goes through: it authenticates the bearer
// token, checks the caller's role against the policy table (policy.h), runs
// the handler, records refusals in the audit log, translates the status and
// logs the outcome without secrets. Health checking and reflection are
// separate services and stay open.
class RpcGate {
 public:
  RpcGate(const storage::TokenStore* tokens, const storage::UserStore* users,
          storage::AuditLog* audit, const Limits* limits, const Clock* clock)
      : tokens_(tokens), users_(users), audit_(audit), limits_(limits), clock_(clock) {}

  // `method` is "Service/Method"; `school` the school the request names
  // (empty for RPCs that name none).
  grpc::Status Run(grpc::ServerContext* context, std::string_view method, std::string_view school,
                   const std::function<absl::Status(const Caller&)>& handler) const;
  // For a school a stream names in its first message (after Run let the call
  // in): OK if `caller` may call `method` there, else PermissionDenied.
  absl::Status AuthorizeSchool(std::string_view method, std::string_view school,
                               const Caller& caller) const;

 private:
  // The user behind the bearer token, or Unauthenticated with a reason.
  absl::StatusOr<Caller> Authenticate(const grpc::ServerContext& context) const;
  // Fills caller.role for the policy's scope, or PermissionDenied.
  absl::Status Authorize(std::string_view method, std::string_view school, Caller& caller) const;
  // The role check in one named school.
  absl::Status AuthorizeIn(const RpcPolicy& policy, std::string_view school, int64_t now,
                           Caller& caller) const;

  const storage::TokenStore* const tokens_;
  const storage::UserStore* const users_;
  storage::AuditLog* const audit_;
  const Limits* const limits_;
  const Clock* const clock_;  // when grants expire
  // Calls in progress per user, held to limits_->max_calls_per_user.
  mutable std::mutex in_flight_mu_;
  mutable std::map<std::string, uint32_t> in_flight_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_ACCESS_RPC_GATE_H_
