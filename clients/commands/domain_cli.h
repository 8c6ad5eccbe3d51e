#ifndef HOSO_CLIENTS_COMMANDS_DOMAIN_CLI_H_
#define HOSO_CLIENTS_COMMANDS_DOMAIN_CLI_H_

#include <CLI/CLI.hpp>
#include <string>

#include "clients/app/commands.h"

namespace hoso::cli {

// The accreditation commands (framework, plan, coverage, catalogue): their
// flags, and running whichever was parsed.
class DomainCommands {
 public:
  DomainCommands(CLI::App& app, GlobalOptions& options);
  // Whether one of these commands was given, whether it needs --school, and
  // whether it runs without a server.
  bool Parsed() const;
  bool NeedsSchool() const;
  bool Offline() const { return verify_->parsed(); }
  int Run(Connection& connection, const GlobalOptions& options);
  int RunOffline(const GlobalOptions& options) { return RunVerify(options, path_, ca_); }

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
  CLI::App* dossier_build_;
  CLI::App* dossier_ls_;
  CLI::App* dossier_seal_;
  CLI::App* dossier_download_;
  CLI::App* verify_;
  CLI::App* fsck_;
  CLI::App* backup_;
  DossierArgs dossier_;
  std::string ca_;

  std::string id_, path_, year_, format_ = "csv", output_;
  bool dry_run_ = false;
  bool repair_ = false;
  TaskArgs task_;
  int64_t budget_ = 0;
  PlanListArgs list_;
};

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_COMMANDS_DOMAIN_CLI_H_
