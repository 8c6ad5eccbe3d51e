#include "services/rpc_gate.h"

#include <chrono>

#include "services/log.h"
#include "storage/token_store.h"

namespace hoso {

absl::StatusOr<Caller> RpcGate::Authenticate(const grpc::ServerContext& context) const {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return absl::UnauthenticatedError(
        "no token: pass --token or set HOSO_TOKEN (the admin token is in DATA/admin.token)");
  }
  std::string_view value(it->second.data(), it->second.size());
  constexpr std::string_view kBearer = "Bearer ";
  if (value.substr(0, kBearer.size()) != kBearer) {
    return absl::UnauthenticatedError("the authorization metadata must be \"Bearer <token>\"");
  }
  auto record = tokens_->Verify(value.substr(kBearer.size()));
  if (!record.ok()) return record.status();
  return Caller{record->user(), record->role()};
}

grpc::Status RpcGate::Run(grpc::ServerContext* context, std::string_view method,
                          const std::function<absl::Status(const Caller&)>& handler) const {
  const auto start = std::chrono::steady_clock::now();
  auto caller = Authenticate(*context);
  absl::Status status = caller.ok() ? handler(*caller) : caller.status();
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
  std::string line = std::string(method) + " user=" + (caller.ok() ? caller->user : "-") +
                     " peer=" + context->peer() + " status=" +
                     std::string(absl::StatusCodeToString(status.code())) +
                     " ms=" + std::to_string(micros / 1000.0);
  if (!status.ok()) line += " error=\"" + std::string(status.message()) + "\"";
  if (status.ok()) {
    LogInfo(line);
  } else {
    LogWarning(line);
  }
  return ToGrpc(status);
}

}  // namespace hoso
