#ifndef HOSO_CLIENTS_COMMANDS_PEOPLE_CLI_H_
#define HOSO_CLIENTS_COMMANDS_PEOPLE_CLI_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "clients/app/connection.h"

namespace hoso::cli {

// Who may do what, and who did what: user, token, whoami, review, audit and
// school set. Their flags, and running whichever was parsed.
class PeopleCommands {
 public:
  PeopleCommands(CLI::App& app, GlobalOptions& options);
  bool Parsed() const;
  bool NeedsSchool() const;
  int Run(Connection& connection, const GlobalOptions& options);

 private:
  int UserAdd(Connection& c, const GlobalOptions& options);
  int UserList(Connection& c, const GlobalOptions& options);
  int UserRemove(Connection& c, const GlobalOptions& options);
  int TokenIssue(Connection& c, const GlobalOptions& options);
  int TokenRevoke(Connection& c, const GlobalOptions& options);
  int TokenList(Connection& c, const GlobalOptions& options);
  int WhoAmI(Connection& c, const GlobalOptions& options);
  int Review(Connection& c, const GlobalOptions& options, bool approve);
  int ReviewList(Connection& c, const GlobalOptions& options);
  int AuditList(Connection& c, const GlobalOptions& options);
  int AuditVerify(Connection& c, const GlobalOptions& options);
  int SchoolSet(Connection& c, const GlobalOptions& options);

  CLI::App *user_add_, *user_ls_, *user_rm_;
  CLI::App *token_issue_, *token_revoke_, *token_ls_, *whoami_;
  CLI::App *review_approve_, *review_return_, *review_ls_;
  CLI::App *audit_ls_, *audit_verify_, *school_set_;

  std::string name_, full_name_, role_, expires_, ref_, reason_, since_, actor_, target_;
  std::string school_code_, dossier_items_;
  std::vector<int> standards_;
  bool everywhere_ = false, pending_ = false, returned_ = false, approved_ = false;
  unsigned limit_ = 0;
};

// "90d" (from now) or "2027-05-31" (valid through that day, UTC): seconds
// since the epoch; -1 when it is neither.
int64_t ParseExpiry(const std::string& text);
// "2027-05-31": the start of that day, UTC; -1 when it is not such a date.
int64_t ParseDay(const std::string& text);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_COMMANDS_PEOPLE_CLI_H_
