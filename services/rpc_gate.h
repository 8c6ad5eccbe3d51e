#ifndef HOSO_SERVICES_RPC_GATE_H_
#define HOSO_SERVICES_RPC_GATE_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace hoso {

namespace storage {
class TokenStore;
}

// Who is calling, once the bearer token checked out.
struct Caller {
  std::string user;
  std::string role;
};

// absl -> gRPC: the codes are the same numbers.
inline grpc::Status ToGrpc(const absl::Status& s) {
  if (s.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(s.code()), std::string(s.message()));
}

// The one door every hoso RPC goes through: it authenticates the bearer
// token, (later) checks the caller's role against the policy, runs the
// handler, translates its status and logs the outcome without secrets.
// Health checking and reflection are separate services and stay open.
class RpcGate {
 public:
  explicit RpcGate(const storage::TokenStore* tokens) : tokens_(tokens) {}

  grpc::Status Run(grpc::ServerContext* context, std::string_view method,
                   const std::function<absl::Status(const Caller&)>& handler) const;

  // Unauthenticated with a reason unless the metadata holds a valid token.
  absl::StatusOr<Caller> Authenticate(const grpc::ServerContext& context) const;

 private:
  const storage::TokenStore* const tokens_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_RPC_GATE_H_
