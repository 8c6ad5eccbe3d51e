#ifndef HOSO_CLIENTS_DOMAIN_CLI_H_
#define HOSO_CLIENTS_DOMAIN_CLI_H_

#include <CLI/CLI.hpp>
#include <string>

#include "clients/commands.h"

namespace hoso::cli {

// The accreditation commands (framework, plan, coverage, catalogue): their
// flags, and running whichever was parsed.
class DomainCommands {
 public:
  DomainCommands(CLI::App& app, GlobalOptions& options);
  // Whether one of these commands was given, and whether it needs --school.
  bool Parsed() const;
  bool NeedsSchool() const;
  int Run(Connection& connection, const GlobalOptions& options);

 private:
  void AddTaskFields(CLI::App* command, bool for_set);

  CLI::App* framework_ls_;
  CLI::App* framework_show_;
  CLI::App* framework_import_;
  CLI::App* plan_add_;
  CLI::App* plan_set_;
  CLI::App* plan_done_;
  CLI::App* plan_ls_;
  CLI::App* plan_show_;
  CLI::App* plan_import_;
  CLI::App* coverage_;
  CLI::App* catalogue_;

  std::string id_, path_, year_, format_ = "csv", output_;
  bool dry_run_ = false;
  TaskArgs task_;
  int64_t budget_ = 0;
  PlanListArgs list_;
};

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_DOMAIN_CLI_H_
