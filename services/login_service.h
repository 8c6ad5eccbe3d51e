#ifndef HOSO_SERVICES_LOGIN_SERVICE_H_
#define HOSO_SERVICES_LOGIN_SERVICE_H_

#include <cstdint>

#include "hoso/v1/hoso.grpc.pb.h"
#include "services/access/login_throttle.h"
#include "services/access/rpc_gate.h"

namespace hoso {

namespace storage {
class Store;
struct IssuedToken;
}  // namespace storage

struct LoginSettings {
  int64_t session_seconds = 12 * 3600;  // how long a session lasts (hosod --session-hours)
  LoginThrottleSettings throttle;
};

// Signing in: passwords and one-time login codes give sessions (short-lived
// tokens marked as such); Logout ends the caller's own.
class LoginServiceImpl final : public v1::LoginService::Service {
 public:
  LoginServiceImpl(storage::Store* store, const RpcGate* gate, const Clock* clock,
                   LoginSettings settings)
      : store_(store), gate_(gate), settings_(settings), throttle_(clock, settings.throttle) {}

  grpc::Status PasswordLogin(grpc::ServerContext* context, const v1::PasswordLoginRequest* request,
                             v1::LoginResponse* response) override;
  grpc::Status CodeLogin(grpc::ServerContext* context, const v1::CodeLoginRequest* request,
                         v1::LoginResponse* response) override;
  grpc::Status Logout(grpc::ServerContext* context, const v1::LogoutRequest* request,
                      v1::TokenInfo* response) override;
  grpc::Status SetPassword(grpc::ServerContext* context, const v1::SetPasswordRequest* request,
                           v1::User* response) override;
  grpc::Status IssueLoginCode(grpc::ServerContext* context,
                              const v1::IssueLoginCodeRequest* request,
                              v1::IssueLoginCodeResponse* response) override;

 private:
  // Fills `response` for a session just issued to `user`.
  absl::Status Answer(const storage::IssuedToken& session, v1::LoginResponse* response) const;

  storage::Store* const store_;
  const RpcGate* const gate_;
  const LoginSettings settings_;
  LoginThrottle throttle_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_LOGIN_SERVICE_H_
