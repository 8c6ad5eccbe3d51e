#include "services/access/rpc_gate.h"

#include <strings.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "services/runtime/log.h"
#include "storage/base/error_reason.h"
#include "storage/index/audit_log.h"
#include "storage/index/record_io.h"
#include "storage/people/token_store.h"
#include "storage/people/user_store.h"
#include "storage/schools/school_store.h"

namespace hoso {

namespace {

// The school an audit entry of a refusal is filed under: the code as the
// school's view spells it ("lqd" -> "LQD"); "" for none, every school, or a
// code that is not one (the message then says what was given).
std::string AuditSchool(std::string_view school) {
  if (school.empty() || school == storage::kEverySchool) return "";
  auto code = storage::SchoolStore::NormalizeCode(school);
  return code.ok() ? *code : "";
}

}  // namespace

absl::StatusOr<Caller> RpcGate::Authenticate(const grpc::ServerContextBase& context,
                                             std::string* claimed_user) const {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return WithReason(
        absl::UnauthenticatedError(
            "no token: pass --token or set HOSO_TOKEN (the admin token is in DATA/admin.token)"),
        reason::kNoToken);
  }
  std::string_view value(it->second.data(), it->second.size());
  constexpr std::string_view kBearer = "Bearer ";
  // The scheme is case-insensitive (RFC 6750 via RFC 7235): "bearer" works too.
  if (value.size() < kBearer.size() ||
      ::strncasecmp(value.data(), kBearer.data(), kBearer.size()) != 0) {
    return absl::UnauthenticatedError("the authorization metadata must be \"Bearer <token>\"");
  }
  auto token = tokens_->Verify(value.substr(kBearer.size()), claimed_user);
  if (!token.ok()) {
    // Verify names the user of a known token only when it has expired.
    if (absl::IsUnauthenticated(token.status()) && !claimed_user->empty()) {
      return WithReason(token.status(), reason::kSessionExpired);
    }
    return token.status();
  }
  auto user = users_->Get(token->user());
  if (!user.ok()) {
    if (absl::IsNotFound(user.status())) {
      *claimed_user = token->user();
      return absl::UnauthenticatedError("the token's user " + token->user() + " was removed");
    }
    return user.status();
  }
  if (user->grants().empty()) {
    // Left by an older hosod's removal of a last role: the person is gone.
    *claimed_user = user->name();
    return absl::UnauthenticatedError("the token's user " + user->name() +
                                      " holds no role any more");
  }
  Caller caller;
  caller.token_id = token->id();
  caller.user = user->name();
  caller.record = std::move(*user);
  caller.server_admin = [&] {
    const auto* grant = storage::GrantIn(caller.record, storage::kEverySchool, clock_->NowUnix());
    return grant != nullptr && grant->role() == storage::kRoleAdmin;
  }();
  return caller;
}

absl::Status RpcGate::AuthorizeIn(const RpcPolicy& rule, std::string_view school, int64_t now,
                                  Caller& caller) const {
  const RpcPolicy* policy = &rule;
  auto allowed = [&](std::string_view role) {
    return std::find(policy->roles.begin(), policy->roles.end(), role) != policy->roles.end();
  };
  if (school.empty()) return absl::InvalidArgumentError("name a school (--school)");
  if (school == storage::kEverySchool) {
    if (caller.server_admin) {
      caller.role = storage::kRoleAdmin;
      return absl::OkStatus();
    }
    return absl::PermissionDeniedError("only a server admin (admin of every school) can " +
                                       std::string(policy->what) + " across all schools");
  }
  auto code = storage::SchoolStore::NormalizeCode(school);
  if (!code.ok()) return code.status();
  const storage::GrantRecord* grant = storage::GrantIn(caller.record, *code, now);
  if (grant == nullptr) {
    for (const storage::GrantRecord& g : caller.record.grants()) {
      if (g.school() == *code) {
        return absl::PermissionDeniedError(caller.user + "'s role in " + *code + " expired on " +
                                           IsoTimeUtc(g.expires_unix()).substr(0, 10));
      }
    }
    return absl::PermissionDeniedError(caller.user + " holds no role in school " + *code);
  }
  if (!allowed(grant->role())) {
    const bool vowel = std::string_view("aeiou").find(grant->role()[0]) != std::string_view::npos;
    return absl::PermissionDeniedError(std::string(vowel ? "an " : "a ") + grant->role() +
                                       " cannot " + std::string(policy->what) + " (school " +
                                       *code + ")");
  }
  caller.role = grant->role();
  caller.standards.assign(grant->standards().begin(), grant->standards().end());
  return absl::OkStatus();
}

absl::Status RpcGate::AuthorizeSchool(std::string_view method, std::string_view school,
                                      const Caller& caller) const {
  Caller copy = caller;
  return Authorize(method, school, copy);
}

absl::Status RpcGate::Authorize(std::string_view method, std::string_view school,
                                Caller& caller) const {
  absl::Status status = AuthorizeRole(method, school, caller);
  if (!absl::IsPermissionDenied(status)) return status;
  const RpcPolicy* policy = FindPolicy(method);
  std::string where(school);
  if (auto code = storage::SchoolStore::NormalizeCode(school); code.ok()) where = *code;
  // "what" in Vietnamese, as people read it (the web app's sentence); the
  // English of the message beside it.
  return WithReason(status, reason::kRoleRequired,
                    {{"what", std::string(WhatInVietnamese(policy->what))},
                     {"what_en", std::string(policy->what)},
                     {"school", where}});
}

absl::Status RpcGate::AuthorizeRole(std::string_view method, std::string_view school,
                                    Caller& caller) const {
  const RpcPolicy* policy = FindPolicy(method);
  if (policy == nullptr) {
    // Fail closed: an RPC nobody wrote a rule for is nobody's.
    return absl::InternalError("no access policy for " + std::string(method));
  }
  const int64_t now = clock_->NowUnix();
  auto allowed = [&](std::string_view role) {
    return std::find(policy->roles.begin(), policy->roles.end(), role) != policy->roles.end();
  };
  switch (policy->scope) {
    case Scope::kSignIn:
      return absl::OkStatus();
    case Scope::kAnyone:
      if (caller.server_admin) caller.role = storage::kRoleAdmin;
      return absl::OkStatus();
    case Scope::kServer:
      if (caller.server_admin) {
        caller.role = storage::kRoleAdmin;
        return absl::OkStatus();
      }
      return absl::PermissionDeniedError("only a server admin (admin of every school) can " +
                                         std::string(policy->what));
    case Scope::kAnySchool:
      // A request that names a school is judged by the role there.
      if (!school.empty()) return AuthorizeIn(*policy, school, now, caller);
      for (const storage::GrantRecord& g : caller.record.grants()) {
        if ((g.expires_unix() == 0 || g.expires_unix() > now) && allowed(g.role())) {
          caller.role = g.role();
          return absl::OkStatus();
        }
      }
      return absl::PermissionDeniedError(caller.user + " holds no role that may " +
                                         std::string(policy->what));
    case Scope::kSchool:
      return AuthorizeIn(*policy, school, now, caller);
  }
  return absl::InternalError("unknown policy scope");
}

grpc::Status RpcGate::Run(grpc::ServerContext* context, std::string_view method,
                          std::string_view school,
                          const std::function<absl::Status(const Caller&)>& handler,
                          std::string_view account) const {
  const auto start = std::chrono::steady_clock::now();
  std::string claimed_user;
  const RpcPolicy* policy = FindPolicy(method);
  const bool signing_in = policy != nullptr && policy->scope == Scope::kSignIn;
  // Signing in needs no token, and one sent along says nothing: the handler
  // decides who it is. Its attempts are throttled per account there.
  absl::StatusOr<Caller> caller =
      signing_in ? absl::StatusOr<Caller>(Caller{}) : Authenticate(*context, &claimed_user);
  if (signing_in) claimed_user = SafeUtf8(account, 64);
  absl::Status status = caller.status();
  if (caller.ok()) status = Authorize(method, school, *caller);
  bool counted = false;
  if (status.ok() && !signing_in) {
    // One user cannot take every server thread.
    std::lock_guard<std::mutex> lock(in_flight_mu_);
    uint32_t& calls = in_flight_[caller->user];
    if (calls >= limits_->max_calls_per_user) {
      status = WithReason(
          absl::ResourceExhaustedError(
              caller->user + " already has " + std::to_string(calls) +
              " calls in progress (the most this server allows); wait for them to finish"),
          reason::kTooManyCalls);
    } else {
      ++calls;
      counted = true;
    }
  }
  if (status.ok()) status = handler(*caller);
  if (counted) {
    std::lock_guard<std::mutex> lock(in_flight_mu_);
    if (--in_flight_[caller->user] == 0) in_flight_.erase(caller->user);
  }
  if (IsRefusal(status.code())) {
    const bool named = caller.ok() && !signing_in;
    Refused(*context, named ? &*caller : nullptr, claimed_user, method, school, status);
  }
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
  std::string line = std::string(method) +
                     " user=" + (caller.ok() && !caller->user.empty() ? caller->user : "-") +
                     " peer=" + context->peer() +
                     " status=" + std::string(absl::StatusCodeToString(status.code())) +
                     " ms=" + std::to_string(micros / 1000.0);
  if (!status.ok()) line += " error=\"" + std::string(status.message()) + "\"";
  if (status.ok()) {
    LogInfo(line);
  } else {
    LogWarning(line);
  }
  return ToGrpc(status);
}

void RpcGate::Refused(const grpc::ServerContextBase& context, const Caller* caller,
                      const std::string& claimed_user, std::string_view method,
                      std::string_view school, const absl::Status& status) const {
  RefusalLog::Refusal refusal{.school = AuditSchool(school),
                              .method = std::string(method),
                              .code = status.code(),
                              .message = std::string(status.message())};
  if (caller != nullptr) {
    refusal.actor = ActorOf(*caller);
  } else {
    // Who the token names, if anyone, and where the call came from.
    refusal.actor = {claimed_user.empty() ? "anonymous" : claimed_user, ""};
    refusal.peer = context.peer();
  }
  refusals_.Record(refusal);
}

void RpcGate::RecordRefusal(const grpc::ServerContextBase& context, std::string_view method,
                            std::string_view school, const absl::Status& status) const {
  std::string claimed_user;
  auto caller = Authenticate(context, &claimed_user);
  Refused(context, caller.ok() ? &*caller : nullptr, claimed_user, method, school, status);
}

}  // namespace hoso
