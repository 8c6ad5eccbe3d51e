#include "services/login_service.h"

#include <algorithm>
#include <cctype>

#include "services/convert.h"
#include "storage/base/error_reason.h"
#include "storage/store.h"

namespace hoso {
namespace {

constexpr uint32_t kDefaultCodeMinutes = 1440;  // a day
constexpr uint32_t kMaxCodeMinutes = 10080;     // a week

// What people type as their name: spaces around it and capitals forgiven.
std::string AccountOf(std::string_view typed) {
  const auto first = typed.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  typed = typed.substr(first, typed.find_last_not_of(" \t") - first + 1);
  std::string account(typed.substr(0, 128));
  for (char& c : account) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return account;
}

absl::Status BadPassword() {
  return WithReason(absl::UnauthenticatedError("sai tên đăng nhập hoặc mật khẩu"),
                    reason::kBadPassword);
}

}  // namespace

absl::Status LoginServiceImpl::Answer(const storage::IssuedToken& session,
                                      v1::LoginResponse* response) const {
  auto user = store_->users().Get(session.record.user());
  if (!user.ok()) return user.status();
  auto has_password = store_->passwords().IsSet(user->name());
  if (!has_password.ok()) return has_password.status();
  response->set_token(session.token);
  *response->mutable_info() = ToProto(session.record);
  *response->mutable_user() = ToProto(*user);
  response->set_password_set(*has_password);
  return absl::OkStatus();
}

grpc::Status LoginServiceImpl::PasswordLogin(grpc::ServerContext* context,
                                             const v1::PasswordLoginRequest* request,
                                             v1::LoginResponse* response) {
  const std::string account = AccountOf(request->user());
  return gate_->Run(
      context, "LoginService/PasswordLogin", "",
      [&](const Caller&) -> absl::Status {
        if (account.empty() || request->password().empty()) {
          return WithReason(absl::InvalidArgumentError("nhập tên đăng nhập và mật khẩu"),
                            reason::kInvalidArgument,
                            {{"field", account.empty() ? "user" : "password"}});
        }
        // Before any hashing: a paused account costs the server nothing.
        if (absl::Status s = throttle_.Admit(account); !s.ok()) return s;
        // An unknown name, or one without roles, is checked against a dummy
        // hash all the same: the answer and its time do not tell it apart.
        bool known = storage::UserStore::ValidateName(account).ok();
        if (known) {
          auto user = store_->users().Get(account);
          if (!user.ok() && !absl::IsNotFound(user.status())) return user.status();
          known = user.ok() && !user->grants().empty();
        }
        auto matches = store_->passwords().Matches(known ? account : "", request->password());
        if (!matches.ok()) return matches.status();
        if (!known || !*matches) return BadPassword();
        throttle_.Succeeded(account);
        auto session = store_->tokens().IssueSession(
            account, store_->clock().NowUnix() + settings_.session_seconds, "password");
        if (absl::IsNotFound(session.status())) return BadPassword();  // removed meanwhile
        if (!session.ok()) return session.status();
        return Answer(*session, response);
      },
      account);
}

grpc::Status LoginServiceImpl::CodeLogin(grpc::ServerContext* context,
                                         const v1::CodeLoginRequest* request,
                                         v1::LoginResponse* response) {
  return gate_->Run(context, "LoginService/CodeLogin", "", [&](const Caller&) -> absl::Status {
    if (request->code().empty()) {
      return WithReason(absl::InvalidArgumentError("nhập mã đăng nhập"), reason::kInvalidArgument,
                        {{"field", "code"}});
    }
    auto session = store_->login_codes().Consume(
        request->code(), store_->clock().NowUnix() + settings_.session_seconds);
    if (!session.ok()) return session.status();
    return Answer(*session, response);
  });
}

grpc::Status LoginServiceImpl::Logout(grpc::ServerContext* context,
                                      const v1::LogoutRequest* request, v1::TokenInfo* response) {
  return gate_->Run(context, "LoginService/Logout", "", [&](const Caller& caller) -> absl::Status {
    auto revoked = store_->tokens().Revoke(ActorOf(caller), caller.token_id);
    if (!revoked.ok()) return revoked.status();
    *response = ToProto(*revoked);
    return absl::OkStatus();
  });
}

grpc::Status LoginServiceImpl::SetPassword(grpc::ServerContext* context,
                                           const v1::SetPasswordRequest* request,
                                           v1::User* response) {
  return gate_->Run(
      context, "LoginService/SetPassword", "", [&](const Caller& caller) -> absl::Status {
        const std::string user = request->user().empty() ? caller.user : request->user();
        auto target = store_->users().Get(user);
        if (!target.ok()) return target.status();
        if (absl::Status s = MaySetPassword(caller, *target, store_->clock().NowUnix()); !s.ok()) {
          return s;
        }
        // Before any hashing, so a short one is answered at once.
        if (absl::Status s = storage::PasswordStore::CheckRules(request->new_password()); !s.ok()) {
          return s;
        }
        if (user == caller.user) {
          // A session left open on a shared computer must not take the account.
          auto has_password = store_->passwords().IsSet(user);
          if (!has_password.ok()) return has_password.status();
          if (*has_password) {
            if (request->old_password().empty()) {
              return WithReason(absl::InvalidArgumentError("nhập mật khẩu hiện tại"),
                                reason::kInvalidArgument, {{"field", "old_password"}});
            }
            // Guesses of the old password count as the account's failures.
            if (absl::Status s = throttle_.Admit(user); !s.ok()) return s;
            auto matches = store_->passwords().Matches(user, request->old_password());
            if (!matches.ok()) return matches.status();
            if (!*matches) {
              return WithReason(absl::PermissionDeniedError("mật khẩu hiện tại không đúng"),
                                reason::kBadPassword);
            }
            throttle_.Succeeded(user);
          }
        }
        if (absl::Status s =
                store_->passwords().Set(ActorOf(caller), user, request->new_password());
            !s.ok()) {
          return s;
        }
        *response = ToProto(*target);
        return absl::OkStatus();
      });
}

grpc::Status LoginServiceImpl::IssueLoginCode(grpc::ServerContext* context,
                                              const v1::IssueLoginCodeRequest* request,
                                              v1::IssueLoginCodeResponse* response) {
  const std::string school =
      request->school().empty() ? std::string(storage::kEverySchool) : request->school();
  return gate_->Run(
      context, "LoginService/IssueLoginCode", school, [&](const Caller& caller) -> absl::Status {
        if (request->user().empty()) {
          return WithReason(absl::InvalidArgumentError("name the user the code is for"),
                            reason::kInvalidArgument, {{"field", "user"}});
        }
        const uint32_t minutes =
            request->valid_minutes() == 0 ? kDefaultCodeMinutes : request->valid_minutes();
        if (minutes > kMaxCodeMinutes) {
          return WithReason(
              absl::InvalidArgumentError("a login code is valid for at most " +
                                         std::to_string(kMaxCodeMinutes) + " minutes (a week)"),
              reason::kInvalidArgument, {{"field", "valid_minutes"}});
        }
        auto target = store_->users().Get(request->user());
        if (!target.ok()) return target.status();
        const int64_t now = store_->clock().NowUnix();
        std::string where = std::string(storage::kEverySchool);
        if (school != storage::kEverySchool) {
          auto code = storage::SchoolStore::NormalizeCode(school);
          if (!code.ok()) return code.status();
          where = *code;
          if (storage::GrantIn(*target, where, now) == nullptr) {
            return absl::FailedPreconditionError(request->user() + " holds no role in school " +
                                                 where + "; give them one first (hoso user add)");
          }
        } else if (target->grants().empty()) {
          return absl::FailedPreconditionError(request->user() + " holds no role");
        }
        // A code signs its user in everywhere, like a token: the same rule.
        if (absl::Status s = MayManageTokens(caller, *target, true, now); !s.ok()) return s;
        auto issued = store_->login_codes().Issue(ActorOf(caller), target->name(), where,
                                                  now + int64_t{minutes} * 60);
        if (!issued.ok()) return issued.status();
        response->set_code(issued->code);
        response->mutable_expires()->set_seconds(issued->record.expires_unix());
        return absl::OkStatus();
      });
}

}  // namespace hoso
