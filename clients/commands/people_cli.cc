#include "clients/commands/people_cli.h"

#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "clients/app/exit_codes.h"
#include "clients/app/output.h"
#include "clients/app/table.h"
#include "clients/commands/command_groups.h"
#include "storage/base/clock.h"

namespace hoso::cli {
namespace {

constexpr const char* kRoles =
    "admin (principal, council chair), secretary (thư ký), teacher, assessor";

std::string Day(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0) return "never";
  return FormatUtc(t.seconds(), "%Y-%m-%d");
}

std::string Moment(const google::protobuf::Timestamp& t) {
  return FormatUtc(t.seconds(), "%Y-%m-%d %H:%M:%SZ");
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

// NAME, FULL NAME, ROLES: the columns of user ls, whoami and user add.
const Table& UserTable() {
  static const Table* const table = new Table({Left(16), Left(28), Left(0, "")});
  return *table;
}

void PrintUser(const v1::User& u) {
  std::string grants;
  for (int i = 0; i < u.grants_size(); ++i) {
    grants += (i == 0 ? " " : ", ") + DescribeGrant(u.grants(i));
  }
  UserTable().Print({u.name(), u.full_name().empty() ? "-" : u.full_name(), grants});
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

namespace {

// The arguments of the people commands; each command fills the ones it takes.
struct PeopleArgs {
  std::string name, full_name, role, expires, ref, reason, since, actor, target;
  std::vector<int> standards;
  bool everywhere = false, pending = false, returned = false, approved = false;
  unsigned limit = 0;
};

int UserAdd(Connection& c, const GlobalOptions& options, const PeopleArgs& a) {
  v1::AddUserRequest r;
  r.set_name(a.name);
  r.set_full_name(a.full_name);
  r.set_school(options.school);
  r.set_role(a.role);
  for (int s : a.standards) r.add_standards(s);
  if (!a.expires.empty()) {
    const int64_t expires = ParseExpiry(a.expires);
    if (expires < 0)
      return ReportError("--expires takes YYYY-MM-DD or a number of days like 90d", kUsage);
    r.mutable_expires()->set_seconds(expires);
  }
  v1::User user;
  if (grpc::Status s = c.users().AddUser(c.Context().get(), r, &user); !s.ok()) {
    return ReportRpcError("user add " + a.name, s);
  }
  if (options.json) {
    PrintJson(user);
  } else {
    PrintUser(user);
    std::printf("next: hoso token issue %s --expires 365d   (gives them their token)\n",
                a.name.c_str());
  }
  return kOk;
}

int UserList(Connection& c, const GlobalOptions& options) {
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
  UserTable().Print({"NAME", "FULL NAME", " ROLES"});
  for (const auto& u : list.users()) PrintUser(u);
  return kOk;
}

int UserRemove(Connection& c, const GlobalOptions& options, const PeopleArgs& a) {
  v1::RemoveUserRequest r;
  r.set_name(a.name);
  if (!a.everywhere) r.set_school(options.school);
  v1::User user;
  if (grpc::Status s = c.users().RemoveUser(c.Context().get(), r, &user); !s.ok()) {
    return ReportRpcError("user rm " + a.name, s);
  }
  if (options.json) {
    PrintJson(user);
  } else if (a.everywhere) {
    std::printf("removed %s and revoked their tokens\n", a.name.c_str());
  } else {
    std::printf("%s no longer holds a role in %s\n", a.name.c_str(), options.school.c_str());
  }
  return kOk;
}

int TokenIssue(Connection& c, const GlobalOptions& options, const PeopleArgs& a) {
  v1::IssueTokenRequest r;
  r.set_user(a.name);
  if (!a.expires.empty()) {
    const int64_t expires = ParseExpiry(a.expires);
    if (expires < 0)
      return ReportError("--expires takes YYYY-MM-DD or a number of days like 90d", kUsage);
    r.mutable_expires()->set_seconds(expires);
  }
  v1::IssueTokenResponse issued;
  if (grpc::Status s = c.users().IssueToken(c.Context().get(), r, &issued); !s.ok()) {
    return ReportRpcError("token issue " + a.name, s);
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
               issued.info().id().c_str(), a.name.c_str(), Day(issued.info().expires()).c_str());
  return kOk;
}

int TokenRevoke(Connection& c, const GlobalOptions& options, const PeopleArgs& a) {
  v1::RevokeTokenRequest r;
  r.set_id(a.ref);
  v1::TokenInfo info;
  if (grpc::Status s = c.users().RevokeToken(c.Context().get(), r, &info); !s.ok()) {
    return ReportRpcError("token revoke " + a.ref, s);
  }
  if (options.json) {
    PrintJson(info);
  } else {
    std::printf("revoked token %s of %s\n", info.id().c_str(), info.user().c_str());
  }
  return kOk;
}

int TokenList(Connection& c, const GlobalOptions& options, const PeopleArgs& a) {
  v1::ListTokensRequest r;
  r.set_user(a.name);
  v1::ListTokensResponse list;
  if (grpc::Status s = c.users().ListTokens(c.Context().get(), r, &list); !s.ok()) {
    return ReportRpcError("token ls", s);
  }
  if (options.json) {
    PrintJson(list);
    return kOk;
  }
  // A session (signed in on the web) expires within hours: its time matters.
  const Table table({Left(14), Left(16), Left(8), Left(11), Left(21), Left(0)});
  table.Print({"ID", "USER", "KIND", "ISSUED", "EXPIRES", "BY"});
  for (const auto& t : list.tokens()) {
    table.Print({t.id(), t.user(), t.session() ? "session" : "token", Day(t.created()),
                 t.session() ? Moment(t.expires()) : Day(t.expires()), t.issued_by()});
  }
  return kOk;
}

int WhoAmI(Connection& c, const GlobalOptions& options) {
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

int Review(Connection& c, const GlobalOptions& options, const PeopleArgs& a, bool approve) {
  v1::ReviewRequest r;
  r.set_school(options.school);
  r.set_ref(a.ref);
  r.set_approve(approve);
  r.set_reason(a.reason);
  v1::Evidence e;
  if (grpc::Status s = c.evidence().ReviewEvidence(c.Context().get(), r, &e); !s.ok()) {
    return ReportRpcError(std::string("review ") + (approve ? "approve " : "return ") + a.ref, s);
  }
  if (options.json) {
    PrintJson(e);
  } else {
    std::printf("%s %s %s\n", e.code().c_str(), approve ? "approved:" : "returned to ",
                approve ? e.title().c_str() : (e.uploader() + ": " + e.review_reason()).c_str());
  }
  return kOk;
}

int ReviewList(Connection& c, const GlobalOptions& options, const PeopleArgs& a) {
  if (a.pending + a.returned + a.approved > 1) {
    return ReportError("choose one of --pending, --returned, --approved", kUsage);
  }
  v1::ListEvidenceRequest r;
  r.set_school(options.school);
  r.set_review_state(a.returned   ? v1::REVIEW_STATE_RETURNED
                     : a.approved ? v1::REVIEW_STATE_APPROVED
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

int AuditList(Connection& c, const GlobalOptions& options, const PeopleArgs& a) {
  v1::ListAuditRequest r;
  r.set_school(options.school);
  r.set_actor(a.actor);
  r.set_target(a.target);
  r.set_limit(a.limit);
  if (!a.since.empty()) {
    const int64_t day = ParseDay(a.since);
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
  const Table table({Right(6), Left(0), Left(12), Left(16), Left(8), Left(0)});
  for (const auto& e : list.entries()) {
    table.Print({std::to_string(e.seq()), Moment(e.time()), e.actor(), e.action(),
                 e.school().empty() ? "-" : e.school(),
                 e.target() + (e.detail().empty() ? "" : "  ") + e.detail()});
    for (const auto& sha : e.sha256()) std::printf("       sha256 %s\n", sha.c_str());
  }
  std::printf("%d entr%s\n", list.entries_size(), list.entries_size() == 1 ? "y" : "ies");
  return kOk;
}

int AuditVerify(Connection& c, const GlobalOptions& options) {
  v1::VerifyAuditResponse result;
  if (grpc::Status s =
          c.audit().VerifyAudit(c.Context(std::chrono::seconds(3600)).get(), {}, &result);
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
                static_cast<unsigned long long>(result.first_broken_seq()),
                result.problem().c_str());
  }
  return result.intact() ? kOk : kCorrupt;
}

// Declares a people command whose arguments are a PeopleArgs.
void AddPeople(Registry& registry, std::string path, std::string help, SchoolFlag school,
               std::function<void(CLI::App&, PeopleArgs&)> flags,
               int (*run)(Connection&, const GlobalOptions&, const PeopleArgs&)) {
  auto args = std::make_shared<PeopleArgs>();
  registry.Add({
      .path = std::move(path),
      .help = std::move(help),
      .school = school,
      .flags = [args, flags](CLI::App& c) { flags(c, *args); },
      .run = [args, run](Connection& c, const GlobalOptions& o) { return run(c, o, *args); },
  });
}

void AddUserCommands(Registry& registry) {
  registry.AddGroup("user", "people and their roles per school");
  AddPeople(
      registry, "user add", "give a person a role in a school (creates them if new)",
      SchoolFlag::kRequired,
      [](CLI::App& c, PeopleArgs& a) {
        c.add_option("NAME", a.name, "login name, e.g. lan.nguyen")->required();
        c.add_option("--role", a.role, std::string("role: ") + kRoles)->required();
        c.add_option("--full-name", a.full_name, "full name, e.g. \"Nguyễn Thị Lan\"");
        c.add_option("--standards", a.standards, "secretary: only these standards, e.g. 1,3")
            ->delimiter(',');
        c.add_option("--expires", a.expires,
                     "the role ends after this day (YYYY-MM-DD) or in Nd days");
      },
      UserAdd);
  registry.Add({.path = "user ls",
                .help = "list the people of a school (all schools without --school)",
                .school = SchoolFlag::kOptional,
                .run = UserList});
  // The school is needed unless --everywhere, so the check asks for it.
  auto rm = std::make_shared<PeopleArgs>();
  registry.Add({
      .path = "user rm",
      .help = "take a person's role in a school away",
      .school = SchoolFlag::kOptional,
      .flags =
          [rm](CLI::App& c) {
            c.add_option("NAME", rm->name, "login name")->required();
            c.add_flag("--everywhere", rm->everywhere,
                       "remove the person and all their tokens (server admin)");
          },
      .check =
          [rm](const GlobalOptions& o) {
            return !rm->everywhere && o.school.empty() ? ReportMissingSchool() : kOk;
          },
      .run = [rm](Connection& c, const GlobalOptions& o) { return UserRemove(c, o, *rm); },
  });
}

void AddTokenCommands(Registry& registry) {
  registry.AddGroup("token", "access tokens");
  AddPeople(
      registry, "token issue", "issue a token for a user; it is shown only once", SchoolFlag::kNone,
      [](CLI::App& c, PeopleArgs& a) {
        c.add_option("USER", a.name, "login name")->required();
        c.add_option("--expires", a.expires, "e.g. 90d or 2027-05-31 (default: never)");
      },
      TokenIssue);
  AddPeople(
      registry, "token revoke", "revoke a token at once", SchoolFlag::kNone,
      [](CLI::App& c, PeopleArgs& a) {
        c.add_option("ID", a.ref, "token id (from hoso token ls)")->required();
      },
      TokenRevoke);
  AddPeople(
      registry, "token ls", "list tokens (ids and dates, never the secrets)", SchoolFlag::kNone,
      [](CLI::App& c, PeopleArgs& a) {
        c.add_option("--user", a.name, "whose tokens (default: yours)");
      },
      TokenList);
}

void AddReviewCommands(Registry& registry) {
  registry.AddGroup("review", "approve evidence or return it to its uploader");
  AddPeople(
      registry, "review approve", "approve an item (locks it against teacher edits)",
      SchoolFlag::kRequired,
      [](CLI::App& c, PeopleArgs& a) {
        c.add_option("REF", a.ref, "evidence id or code")->required();
        c.add_option("--reason", a.reason, "a note");
      },
      [](Connection& c, const GlobalOptions& o, const PeopleArgs& a) {
        return Review(c, o, a, true);
      });
  AddPeople(
      registry, "review return", "return an item to its uploader", SchoolFlag::kRequired,
      [](CLI::App& c, PeopleArgs& a) {
        c.add_option("REF", a.ref, "evidence id or code")->required();
        c.add_option("--reason", a.reason, "what to fix")->required();
      },
      [](Connection& c, const GlobalOptions& o, const PeopleArgs& a) {
        return Review(c, o, a, false);
      });
  AddPeople(
      registry, "review ls", "list items by review state", SchoolFlag::kRequired,
      [](CLI::App& c, PeopleArgs& a) {
        c.add_flag("--pending", a.pending, "waiting for review (the default)");
        c.add_flag("--returned", a.returned, "returned to their uploaders");
        c.add_flag("--approved", a.approved, "approved");
      },
      ReviewList);
}

void AddAuditCommands(Registry& registry) {
  registry.AddGroup("audit", "the tamper-evident log of who did what");
  AddPeople(
      registry, "audit ls", "list audit entries, oldest first", SchoolFlag::kOptional,
      [](CLI::App& c, PeopleArgs& a) {
        c.add_option("--since", a.since, "from this day on (YYYY-MM-DD)");
        c.add_option("--actor", a.actor, "only this user's actions");
        c.add_option("--target", a.target, "only entries about this evidence REF");
        c.add_option("--limit", a.limit, "the newest N entries (default 1000)");
      },
      AuditList);
  registry.Add({.path = "audit verify",
                .help = "recompute the hash chain; exit 7 if broken",
                .run = AuditVerify});
}

}  // namespace

void AddPeopleCommands(Registry& registry) {
  AddUserCommands(registry);
  AddLoginCommands(registry);
  AddTokenCommands(registry);
  registry.Add(
      {.path = "whoami", .help = "who the token belongs to and their roles", .run = WhoAmI});
  AddReviewCommands(registry);
  AddAuditCommands(registry);
}

}  // namespace hoso::cli
