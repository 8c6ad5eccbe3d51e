#include "clients/commands/people_cli.h"

#include <cstdio>
#include <ctime>

#include "clients/app/exit_codes.h"
#include "clients/app/output.h"

namespace hoso::cli {
namespace {

constexpr const char* kRoles = "admin (principal, council chair), secretary (thư ký), teacher, assessor";

std::string Day(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0) return "never";
  const std::time_t s = static_cast<std::time_t>(t.seconds());
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string Moment(const google::protobuf::Timestamp& t) {
  const std::time_t s = static_cast<std::time_t>(t.seconds());
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
  return buf;
}

std::string DescribeGrant(const v1::Grant& g) {
  std::string out = g.role() + "@" + g.school();
  if (g.standards_size() > 0) {
    out += " (standards";
    for (int s : g.standards()) out += " " + std::to_string(s);
    out += ")";
  }
  if (g.has_expires()) out += " until " + Day(g.expires());
  return out;
}

void PrintUser(const v1::User& u) {
  std::printf("%-16s %-28s", u.name().c_str(), u.full_name().empty() ? "-" : u.full_name().c_str());
  for (int i = 0; i < u.grants_size(); ++i) {
    std::printf("%s%s", i == 0 ? " " : ", ", DescribeGrant(u.grants(i)).c_str());
  }
  std::printf("\n");
}

void AddSchool(CLI::App* command, GlobalOptions& options) {
  command->add_option("--school", options.school, "school code, e.g. LQD (env HOSO_SCHOOL)");
}

}  // namespace

int64_t ParseExpiry(const std::string& text) {
  if (text.size() >= 2 && text.back() == 'd' &&
      text.find_first_not_of("0123456789") == text.size() - 1) {
    const long days = std::stol(text.substr(0, text.size() - 1));
    if (days <= 0 || days > 36500) return -1;
    return static_cast<int64_t>(std::time(nullptr)) + days * 86400;
  }
  const int64_t day = ParseDay(text);
  return day < 0 ? -1 : day + 86400;  // through the end of that day
}

int64_t ParseDay(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%Y-%m-%d", &tm);
  if (end == nullptr || *end != '\0') return -1;
  return static_cast<int64_t>(timegm(&tm));
}

PeopleCommands::PeopleCommands(CLI::App& app, GlobalOptions& options) {
  auto* user = app.add_subcommand("user", "people and their roles per school");
  user->require_subcommand(1);
  user_add_ = user->add_subcommand("add", "give a person a role in a school (creates them if new)");
  user_add_->add_option("NAME", name_, "login name, e.g. lan.nguyen")->required();
  AddSchool(user_add_, options);
  user_add_->add_option("--role", role_, std::string("role: ") + kRoles)->required();
  user_add_->add_option("--full-name", full_name_, "full name, e.g. \"Nguyễn Thị Lan\"");
  user_add_->add_option("--standards", standards_, "secretary: only these standards, e.g. 1,3")
      ->delimiter(',');
  user_add_->add_option("--expires", expires_, "the role ends after this day (YYYY-MM-DD) or in Nd days");
  user_ls_ = user->add_subcommand("ls", "list the people of a school (all schools without --school)");
  AddSchool(user_ls_, options);
  user_rm_ = user->add_subcommand("rm", "take a person's role in a school away");
  user_rm_->add_option("NAME", name_, "login name")->required();
  AddSchool(user_rm_, options);
  user_rm_->add_flag("--everywhere", everywhere_,
                     "remove the person and all their tokens (server admin)");

  auto* token = app.add_subcommand("token", "access tokens");
  token->require_subcommand(1);
  token_issue_ = token->add_subcommand("issue", "issue a token for a user; it is shown only once");
  token_issue_->add_option("USER", name_, "login name")->required();
  token_issue_->add_option("--expires", expires_, "e.g. 90d or 2027-05-31 (default: never)");
  token_revoke_ = token->add_subcommand("revoke", "revoke a token at once");
  token_revoke_->add_option("ID", ref_, "token id (from hoso token ls)")->required();
  token_ls_ = token->add_subcommand("ls", "list tokens (ids and dates, never the secrets)");
  token_ls_->add_option("--user", name_, "whose tokens (default: yours)");
  whoami_ = app.add_subcommand("whoami", "who the token belongs to and their roles");

  auto* review = app.add_subcommand("review", "approve evidence or return it to its uploader");
  review->require_subcommand(1);
  review_approve_ = review->add_subcommand("approve", "approve an item (locks it against teacher edits)");
  AddSchool(review_approve_, options);
  review_approve_->add_option("REF", ref_, "evidence id or code")->required();
  review_approve_->add_option("--reason", reason_, "a note");
  review_return_ = review->add_subcommand("return", "return an item to its uploader");
  AddSchool(review_return_, options);
  review_return_->add_option("REF", ref_, "evidence id or code")->required();
  review_return_->add_option("--reason", reason_, "what to fix")->required();
  review_ls_ = review->add_subcommand("ls", "list items by review state");
  AddSchool(review_ls_, options);
  review_ls_->add_flag("--pending", pending_, "waiting for review (the default)");
  review_ls_->add_flag("--returned", returned_, "returned to their uploaders");
  review_ls_->add_flag("--approved", approved_, "approved");

  auto* audit = app.add_subcommand("audit", "the tamper-evident log of who did what");
  audit->require_subcommand(1);
  audit_ls_ = audit->add_subcommand("ls", "list audit entries, oldest first");
  AddSchool(audit_ls_, options);
  audit_ls_->add_option("--since", since_, "from this day on (YYYY-MM-DD)");
  audit_ls_->add_option("--actor", actor_, "only this user's actions");
  audit_ls_->add_option("--target", target_, "only entries about this evidence REF");
  audit_ls_->add_option("--limit", limit_, "the newest N entries (default 1000)");
  audit_verify_ = audit->add_subcommand("verify", "recompute the hash chain; exit 7 if broken");

  CLI::App* school = app.get_subcommand("school");
  school_set_ = school->add_subcommand("set", "change a school's settings (admin)");
  school_set_->add_option("CODE", school_code_, "school code")->required();
  school_set_->add_option("--dossier-items", dossier_items_,
                          "which items dossiers take: approved (default) or all")
      ->required()
      ->check(CLI::IsMember({"approved", "all"}));
}

bool PeopleCommands::Parsed() const {
  for (const CLI::App* c : {user_add_, user_ls_, user_rm_, token_issue_, token_revoke_, token_ls_,
                            whoami_, review_approve_, review_return_, review_ls_, audit_ls_,
                            audit_verify_, school_set_}) {
    if (c->parsed()) return true;
  }
  return false;
}

bool PeopleCommands::NeedsSchool() const {
  return user_add_->parsed() || review_approve_->parsed() || review_return_->parsed() ||
         review_ls_->parsed() || (user_rm_->parsed() && !everywhere_);
}

int PeopleCommands::Run(Connection& c, const GlobalOptions& options) {
  if (user_add_->parsed()) return UserAdd(c, options);
  if (user_ls_->parsed()) return UserList(c, options);
  if (user_rm_->parsed()) return UserRemove(c, options);
  if (token_issue_->parsed()) return TokenIssue(c, options);
  if (token_revoke_->parsed()) return TokenRevoke(c, options);
  if (token_ls_->parsed()) return TokenList(c, options);
  if (whoami_->parsed()) return WhoAmI(c, options);
  if (review_approve_->parsed()) return Review(c, options, true);
  if (review_return_->parsed()) return Review(c, options, false);
  if (review_ls_->parsed()) return ReviewList(c, options);
  if (audit_ls_->parsed()) return AuditList(c, options);
  if (audit_verify_->parsed()) return AuditVerify(c, options);
  if (school_set_->parsed()) return SchoolSet(c, options);
  return kUsage;
}

int PeopleCommands::UserAdd(Connection& c, const GlobalOptions& options) {
  v1::AddUserRequest r;
  r.set_name(name_);
  r.set_full_name(full_name_);
  r.set_school(options.school);
  r.set_role(role_);
  for (int s : standards_) r.add_standards(s);
  if (!expires_.empty()) {
    const int64_t expires = ParseExpiry(expires_);
    if (expires < 0) return ReportError("--expires takes YYYY-MM-DD or a number of days like 90d", kUsage);
    r.mutable_expires()->set_seconds(expires);
  }
  v1::User user;
  if (grpc::Status s = c.users().AddUser(c.Context().get(), r, &user); !s.ok()) {
    return ReportRpcError("user add " + name_, s);
  }
  if (options.json) {
    PrintJson(user);
  } else {
    PrintUser(user);
    std::printf("next: hoso token issue %s --expires 365d   (gives them their token)\n", name_.c_str());
  }
  return kOk;
}

int PeopleCommands::UserList(Connection& c, const GlobalOptions& options) {
  v1::ListUsersRequest r;
  r.set_school(options.school);
  v1::ListUsersResponse list;
  if (grpc::Status s = c.users().ListUsers(c.Context().get(), r, &list); !s.ok()) {
    return ReportRpcError("user ls", s);
  }
  if (options.json) {
    PrintJson(list);
    return kOk;
  }
  std::printf("%-16s %-28s %s\n", "NAME", "FULL NAME", "ROLES");
  for (const auto& u : list.users()) PrintUser(u);
  return kOk;
}

int PeopleCommands::UserRemove(Connection& c, const GlobalOptions& options) {
  v1::RemoveUserRequest r;
  r.set_name(name_);
  if (!everywhere_) r.set_school(options.school);
  v1::User user;
  if (grpc::Status s = c.users().RemoveUser(c.Context().get(), r, &user); !s.ok()) {
    return ReportRpcError("user rm " + name_, s);
  }
  if (options.json) {
    PrintJson(user);
  } else if (everywhere_) {
    std::printf("removed %s and revoked their tokens\n", name_.c_str());
  } else {
    std::printf("%s no longer holds a role in %s\n", name_.c_str(), options.school.c_str());
  }
  return kOk;
}

int PeopleCommands::TokenIssue(Connection& c, const GlobalOptions& options) {
  v1::IssueTokenRequest r;
  r.set_user(name_);
  if (!expires_.empty()) {
    const int64_t expires = ParseExpiry(expires_);
    if (expires < 0) return ReportError("--expires takes YYYY-MM-DD or a number of days like 90d", kUsage);
    r.mutable_expires()->set_seconds(expires);
  }
  v1::IssueTokenResponse issued;
  if (grpc::Status s = c.users().IssueToken(c.Context().get(), r, &issued); !s.ok()) {
    return ReportRpcError("token issue " + name_, s);
  }
  if (options.json) {
    PrintJson(issued);
    return kOk;
  }
  // The secret goes to stdout alone on its line, so `> file` captures it.
  std::printf("%s\n", issued.token().c_str());
  std::fprintf(stderr,
               "token %s for %s, expires %s. It is shown only this once: hand it over privately "
               "(the user sets HOSO_TOKEN or puts \"token = ...\" in ~/.config/hoso/config).\n",
               issued.info().id().c_str(), name_.c_str(), Day(issued.info().expires()).c_str());
  return kOk;
}

int PeopleCommands::TokenRevoke(Connection& c, const GlobalOptions& options) {
  v1::RevokeTokenRequest r;
  r.set_id(ref_);
  v1::TokenInfo info;
  if (grpc::Status s = c.users().RevokeToken(c.Context().get(), r, &info); !s.ok()) {
    return ReportRpcError("token revoke " + ref_, s);
  }
  if (options.json) {
    PrintJson(info);
  } else {
    std::printf("revoked token %s of %s\n", info.id().c_str(), info.user().c_str());
  }
  return kOk;
}

int PeopleCommands::TokenList(Connection& c, const GlobalOptions& options) {
  v1::ListTokensRequest r;
  r.set_user(name_);
  v1::ListTokensResponse list;
  if (grpc::Status s = c.users().ListTokens(c.Context().get(), r, &list); !s.ok()) {
    return ReportRpcError("token ls", s);
  }
  if (options.json) {
    PrintJson(list);
    return kOk;
  }
  std::printf("%-14s %-16s %-11s %-11s %s\n", "ID", "USER", "ISSUED", "EXPIRES", "BY");
  for (const auto& t : list.tokens()) {
    std::printf("%-14s %-16s %-11s %-11s %s\n", t.id().c_str(), t.user().c_str(),
                Day(t.created()).c_str(), Day(t.expires()).c_str(), t.issued_by().c_str());
  }
  return kOk;
}

int PeopleCommands::WhoAmI(Connection& c, const GlobalOptions& options) {
  v1::User user;
  if (grpc::Status s = c.users().WhoAmI(c.Context().get(), {}, &user); !s.ok()) {
    return ReportRpcError("whoami", s);
  }
  if (options.json) {
    PrintJson(user);
  } else {
    PrintUser(user);
  }
  return kOk;
}

int PeopleCommands::Review(Connection& c, const GlobalOptions& options, bool approve) {
  v1::ReviewRequest r;
  r.set_school(options.school);
  r.set_ref(ref_);
  r.set_approve(approve);
  r.set_reason(reason_);
  v1::Evidence e;
  if (grpc::Status s = c.evidence().ReviewEvidence(c.Context().get(), r, &e); !s.ok()) {
    return ReportRpcError(std::string("review ") + (approve ? "approve " : "return ") + ref_, s);
  }
  if (options.json) {
    PrintJson(e);
  } else {
    std::printf("%s %s %s\n", e.code().c_str(), approve ? "approved:" : "returned to " , 
                approve ? e.title().c_str() : (e.uploader() + ": " + e.review_reason()).c_str());
  }
  return kOk;
}

int PeopleCommands::ReviewList(Connection& c, const GlobalOptions& options) {
  if (pending_ + returned_ + approved_ > 1) {
    return ReportError("choose one of --pending, --returned, --approved", kUsage);
  }
  v1::ListEvidenceRequest r;
  r.set_school(options.school);
  r.set_review_state(returned_   ? v1::REVIEW_STATE_RETURNED
                     : approved_ ? v1::REVIEW_STATE_APPROVED
                                 : v1::REVIEW_STATE_SUBMITTED);
  v1::ListEvidenceResponse list;
  if (grpc::Status s = c.evidence().ListEvidence(c.Context().get(), r, &list); !s.ok()) {
    return ReportRpcError("review ls", s);
  }
  if (options.json) {
    PrintJson(list);
  } else {
    PrintEvidenceTable(list);
  }
  return kOk;
}

int PeopleCommands::AuditList(Connection& c, const GlobalOptions& options) {
  v1::ListAuditRequest r;
  r.set_school(options.school);
  r.set_actor(actor_);
  r.set_target(target_);
  r.set_limit(limit_);
  if (!since_.empty()) {
    const int64_t day = ParseDay(since_);
    if (day < 0) return ReportError("--since takes YYYY-MM-DD", kUsage);
    r.mutable_since()->set_seconds(day);
  }
  v1::ListAuditResponse list;
  if (grpc::Status s = c.audit().ListAudit(c.Context().get(), r, &list); !s.ok()) {
    return ReportRpcError("audit ls", s);
  }
  if (options.json) {
    PrintJson(list);
    return kOk;
  }
  for (const auto& e : list.entries()) {
    std::printf("%6llu %s %-12s %-16s %-8s %s%s%s\n", static_cast<unsigned long long>(e.seq()),
                Moment(e.time()).c_str(), e.actor().c_str(), e.action().c_str(),
                e.school().empty() ? "-" : e.school().c_str(), e.target().c_str(),
                e.detail().empty() ? "" : "  ", e.detail().c_str());
    for (const auto& sha : e.sha256()) std::printf("       sha256 %s\n", sha.c_str());
  }
  std::printf("%d entr%s\n", list.entries_size(), list.entries_size() == 1 ? "y" : "ies");
  return kOk;
}

int PeopleCommands::AuditVerify(Connection& c, const GlobalOptions& options) {
  v1::VerifyAuditResponse result;
  if (grpc::Status s = c.audit().VerifyAudit(c.Context(std::chrono::seconds(3600)).get(), {}, &result);
      !s.ok()) {
    return ReportRpcError("audit verify", s);
  }
  if (options.json) {
    PrintJson(result);
  } else if (result.intact()) {
    std::printf("audit log intact: %llu entries, head %s\n",
                static_cast<unsigned long long>(result.entries()), result.head_hash().c_str());
  } else {
    std::printf("audit log BROKEN at entry %llu: %s\n",
                static_cast<unsigned long long>(result.first_broken_seq()), result.problem().c_str());
  }
  return result.intact() ? kOk : kCorrupt;
}

int PeopleCommands::SchoolSet(Connection& c, const GlobalOptions& options) {
  v1::UpdateSchoolRequest r;
  r.set_school(school_code_);
  r.set_dossier_includes_unapproved(dossier_items_ == "all");
  r.add_fields("dossier_includes_unapproved");
  v1::School school;
  if (grpc::Status s = c.schools().UpdateSchool(c.Context().get(), r, &school); !s.ok()) {
    return ReportRpcError("school set " + school_code_, s);
  }
  if (options.json) {
    PrintJson(school);
  } else {
    std::printf("%s: dossiers take %s\n", school.code().c_str(),
                school.dossier_includes_unapproved() ? "every live item" : "approved items only");
  }
  return kOk;
}

}  // namespace hoso::cli
