#include "services/user_service.h"

#include "services/convert.h"
#include "storage/base/error_reason.h"
#include "storage/index/record_io.h"
#include "storage/store.h"

namespace hoso {
namespace {

// "" names every school for the calls that take an optional school.
std::string SchoolOrAll(const std::string& school) {
  return school.empty() ? std::string(storage::kEverySchool) : school;
}

}  // namespace

absl::Status UserServiceImpl::MayManageTokensOf(const Caller& caller, const std::string& user,
                                                bool issuing) const {
  if (caller.server_admin) return absl::OkStatus();
  auto target = store_->users().Get(user);
  if (!target.ok()) return target.status();
  return MayManageTokens(caller, *target, issuing, store_->clock().NowUnix());
}

grpc::Status UserServiceImpl::AddUser(grpc::ServerContext* context,
                                      const v1::AddUserRequest* request, v1::User* response) {
  return gate_->Run(context, "UserService/AddUser", request->school(),
                    [&](const Caller& caller) -> absl::Status {
                      storage::GrantRecord grant;
                      grant.set_school(request->school());
                      grant.set_role(request->role());
                      *grant.mutable_standards() = request->standards();
                      if (request->has_expires())
                        grant.set_expires_unix(request->expires().seconds());
                      const int64_t now = store_->clock().NowUnix();
                      auto user = store_->users().Grant(
                          ActorOf(caller), request->name(), request->full_name(), grant,
                          [&](const storage::UserRecord* existing, const std::string& full_name) {
                            return MayGrant(caller, existing, full_name, now);
                          });
                      if (!user.ok()) return user.status();
                      *response = ToProto(*user);
                      return absl::OkStatus();
                    });
}

grpc::Status UserServiceImpl::RemoveUser(grpc::ServerContext* context,
                                         const v1::RemoveUserRequest* request, v1::User* response) {
  return gate_->Run(context, "UserService/RemoveUser", SchoolOrAll(request->school()),
                    [&](const Caller& caller) -> absl::Status {
                      std::string school = request->school();
                      if (!school.empty() && school != storage::kEverySchool) {
                        auto code = storage::SchoolStore::NormalizeCode(school);
                        if (!code.ok()) return code.status();
                        school = *code;
                      }
                      auto user = store_->users().Remove(ActorOf(caller), request->name(), school);
                      if (!user.ok()) return user.status();
                      *response = ToProto(*user);
                      return absl::OkStatus();
                    });
}

grpc::Status UserServiceImpl::ListUsers(grpc::ServerContext* context,
                                        const v1::ListUsersRequest* request,
                                        v1::ListUsersResponse* response) {
  return gate_->Run(
      context, "UserService/ListUsers", SchoolOrAll(request->school()),
      [&](const Caller&) -> absl::Status {
        std::string school;
        if (!request->school().empty() && request->school() != storage::kEverySchool) {
          auto record = store_->schools().Get(request->school());
          if (!record.ok()) return record.status();
          school = record->code();
        }
        auto users = store_->users().List(school);
        if (!users.ok()) return users.status();
        for (const auto& user : *users) *response->add_users() = ToProto(user);
        return absl::OkStatus();
      });
}

grpc::Status UserServiceImpl::IssueToken(grpc::ServerContext* context,
                                         const v1::IssueTokenRequest* request,
                                         v1::IssueTokenResponse* response) {
  return gate_->Run(
      context, "UserService/IssueToken", "", [&](const Caller& caller) -> absl::Status {
        if (request->user().empty())
          return WithReason(absl::InvalidArgumentError("name the user"), reason::kInvalidArgument,
                            {{"field", "user"}});
        if (absl::Status s = MayManageTokensOf(caller, request->user(), true); !s.ok()) return s;
        const int64_t expires = request->has_expires() ? request->expires().seconds() : 0;
        auto issued = store_->tokens().Issue(ActorOf(caller), request->user(), expires);
        if (!issued.ok()) return issued.status();
        response->set_token(issued->token);
        *response->mutable_info() = ToProto(issued->record);
        return absl::OkStatus();
      });
}

grpc::Status UserServiceImpl::RevokeToken(grpc::ServerContext* context,
                                          const v1::RevokeTokenRequest* request,
                                          v1::TokenInfo* response) {
  return gate_->Run(
      context, "UserService/RevokeToken", "", [&](const Caller& caller) -> absl::Status {
        auto all = store_->tokens().List("");
        if (!all.ok()) return all.status();
        for (const storage::TokenRecord& token : *all) {
          if (token.id() != request->id()) continue;
          if (absl::Status s = MayManageTokensOf(caller, token.user(), false); !s.ok()) return s;
          auto revoked = store_->tokens().Revoke(ActorOf(caller), request->id());
          if (!revoked.ok()) return revoked.status();
          *response = ToProto(*revoked);
          return absl::OkStatus();
        }
        return absl::NotFoundError("no token " + request->id() +
                                   " (see hoso token ls --user NAME)");
      });
}

grpc::Status UserServiceImpl::ListTokens(grpc::ServerContext* context,
                                         const v1::ListTokensRequest* request,
                                         v1::ListTokensResponse* response) {
  return gate_->Run(
      context, "UserService/ListTokens", "", [&](const Caller& caller) -> absl::Status {
        const std::string user = request->user().empty() ? caller.user : request->user();
        if (absl::Status s = MayManageTokensOf(caller, user, false); !s.ok()) return s;
        auto tokens = store_->tokens().List(user);
        if (!tokens.ok()) return tokens.status();
        for (const auto& token : *tokens) *response->add_tokens() = ToProto(token);
        return absl::OkStatus();
      });
}

grpc::Status UserServiceImpl::WhoAmI(grpc::ServerContext* context, const v1::WhoAmIRequest* request,
                                     v1::User* response) {
  return gate_->Run(context, "UserService/WhoAmI", "", [&](const Caller& caller) -> absl::Status {
    *response = ToProto(caller.record);
    return absl::OkStatus();
  });
}

}  // namespace hoso
