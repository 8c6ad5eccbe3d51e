#ifndef HOSO_SERVICES_USER_SERVICE_H_
#define HOSO_SERVICES_USER_SERVICE_H_

#include "hoso/v1/hoso.grpc.pb.h"
#include "services/access/rpc_gate.h"

namespace hoso {

namespace storage {
class Store;
}

// People, their roles per school, and their tokens.
class UserServiceImpl final : public v1::UserService::Service {
 public:
  UserServiceImpl(storage::Store* store, const RpcGate* gate) : store_(store), gate_(gate) {}

  grpc::Status AddUser(grpc::ServerContext* context, const v1::AddUserRequest* request,
                       v1::User* response) override;
  grpc::Status RemoveUser(grpc::ServerContext* context, const v1::RemoveUserRequest* request,
                          v1::User* response) override;
  grpc::Status ListUsers(grpc::ServerContext* context, const v1::ListUsersRequest* request,
                         v1::ListUsersResponse* response) override;
  grpc::Status IssueToken(grpc::ServerContext* context, const v1::IssueTokenRequest* request,
                          v1::IssueTokenResponse* response) override;
  grpc::Status RevokeToken(grpc::ServerContext* context, const v1::RevokeTokenRequest* request,
                           v1::TokenInfo* response) override;
  grpc::Status ListTokens(grpc::ServerContext* context, const v1::ListTokensRequest* request,
                          v1::ListTokensResponse* response) override;
  grpc::Status WhoAmI(grpc::ServerContext* context, const v1::WhoAmIRequest* request,
                      v1::User* response) override;

 private:
  // OK if the caller may manage `user`'s tokens: their own, a server
  // admin's, or (issuing=false) those of anyone holding a role in a school
  // the caller administers; issuing needs every role of `user` to be there.
  // MayManageTokens (access/policy.h) on the stored record of `user`.
  absl::Status MayManageTokensOf(const Caller& caller, const std::string& user, bool issuing) const;

  storage::Store* const store_;
  const RpcGate* const gate_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_USER_SERVICE_H_
