#ifndef HOSO_CLIENTS_APP_REGISTRY_H_
#define HOSO_CLIENTS_APP_REGISTRY_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "clients/app/connection.h"

namespace hoso::cli {

// Whether a command takes --school, and whether it refuses to run without one
// (flag, HOSO_SCHOOL or the config file).
enum class SchoolFlag { kNone, kOptional, kRequired };

// One subcommand, declared once by its command group file (clients/commands/):
// everything hoso_main needs to offer, parse and run it. The closures share
// the command's parsed arguments, usually through a std::shared_ptr they capture.
struct Command {
  // "ls", or "plan add": a group's name, then the command's own.
  std::string path;
  std::string help;
  SchoolFlag school = SchoolFlag::kNone;
  // Adds the command's flags and arguments; --school is already there when
  // `school` asks for it. May be empty.
  std::function<void(CLI::App& command)> flags;
  // Runs after parsing and before connecting: kOk to go on, or the exit code
  // of a usage error it reported. May be empty.
  std::function<int(const GlobalOptions& options)> check;
  // Exactly one of these is set: the command against hosod, or one that needs
  // no server at all.
  std::function<int(Connection& connection, const GlobalOptions& options)> run;
  std::function<int(const GlobalOptions& options)> run_offline;
};

// The subcommands of hoso, in the order `hoso --help` lists them. Not
// copyable; must outlive the CLI::App it builds.
// Reports that the command needs a school and returns the usage exit code.
int ReportMissingSchool();

class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // A group ("plan") whose subcommands are added with paths "plan ...".
  // REQUIRES: declared before its first command.
  void AddGroup(std::string name, std::string help);
  void Add(Command command);

  // Adds every group and command to `app`, their --school bound to
  // options.school. Call once, before app.parse.
  void Build(CLI::App& app, GlobalOptions& options);
  // After app.parse: the command given, or nullptr.
  const Command* Parsed() const;

 private:
  struct Group {
    std::string name, help;
    CLI::App* app = nullptr;  // set by Build
  };
  struct Entry {
    Command command;
    CLI::App* app = nullptr;  // set by Build
  };
  CLI::App* GroupApp(CLI::App& app, const std::string& name);

  std::vector<Group> groups_;
  std::vector<Entry> commands_;
};

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_APP_REGISTRY_H_
