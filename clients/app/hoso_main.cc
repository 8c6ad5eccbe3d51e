// hoso: the command-line client of hosod. Builds the command line from the
// registry the command groups fill, parses it and runs the command given.
#include <malloc.h>

#include <CLI/CLI.hpp>

#include "clients/app/connection.h"
#include "clients/app/default_school.h"
#include "clients/app/exit_codes.h"
#include "clients/app/registry.h"
#include "clients/commands/command_groups.h"

namespace hoso::cli {
namespace {

void AddGlobalOptions(CLI::App& app, GlobalOptions& options) {
  app.add_option("--server", options.server,
                 "HOST:PORT of hosod (env HOSO_SERVER; 127.0.0.1:50051)");
  app.add_option("--token", options.token,
                 "access token (env HOSO_TOKEN or ~/.config/hoso/config)");
  app.add_flag("--json", options.json, "print proto3 JSON for scripts");
  app.add_option("--ca", options.ca, "TLS: the CA certificate that signed hosod's (env HOSO_CA)");
  app.add_option("--cert", options.cert,
                 "TLS: client certificate, when hosod asks for one (env HOSO_CERT)");
  app.add_option("--key", options.key, "TLS: the client certificate's key (env HOSO_KEY)");
  app.add_flag("--tls", options.tls, "TLS trusting the system's CAs (implied by --ca)");
  app.footer(
      "Exit status: 0 ok, 1 failure, 2 usage, 3 not found, 4 not authenticated or denied, "
      "5 rejected input, 6 server unavailable, 7 corrupt data, 8 local file error, 9 verify: "
      "intact but the signer unchecked, 10 upload FOLDER: partly done, 11 assess check: "
      "something lacks, 12 conflict: changed meanwhile by someone else (look again, then "
      "retry).");
}

void AddAllCommands(Registry& registry) {
  AddSchoolCommands(registry);
  AddEvidenceCommands(registry);
  AddFrameworkCommands(registry);
  AddPlanCommands(registry);
  AddReportCommands(registry);
  AddDossierCommands(registry);
  AddAssessCommands(registry);
  AddAssessReportCommands(registry);  // after: its group is declared there
  AddAdminCommands(registry);
  AddVerifyCommand(registry);
  AddPeopleCommands(registry);
}

int Main(int argc, char** argv) {
  CLI::App app{"hoso: upload, find and fetch school accreditation evidence (minh chứng)"};
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions options;
  AddGlobalOptions(app, options);
  Registry registry;
  AddAllCommands(registry);
  registry.Build(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }
  ResolveDefaults(options);
  SetJsonErrors(options.json);
  const Command* command = registry.Parsed();
  if (command == nullptr) return kUsage;
  if (command->check) {
    if (const int code = command->check(options); code != kOk) return code;
  }
  const bool needs_school = command->school == SchoolFlag::kRequired && options.school.empty();
  if (command->run_offline)
    return needs_school ? ReportMissingSchool() : command->run_offline(options);
  Connection connection(options);
  if (!connection.error().empty()) return ReportError(connection.error(), kLocalIo);
  if (needs_school) {
    if (const int code = FillDefaultSchool(connection, options); code != kOk) return code;
  }
  return command->run(connection, options);
}

}  // namespace
}  // namespace hoso::cli

int main(int argc, char** argv) {
  // Few malloc arenas: gRPC's threads would each keep freed 1 MiB buffers.
  mallopt(M_ARENA_MAX, 2);
  return hoso::cli::Main(argc, argv);
}
