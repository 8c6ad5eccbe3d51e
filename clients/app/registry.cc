#include "clients/app/registry.h"

#include <utility>

#include "clients/app/exit_codes.h"

namespace hoso::cli {

int ReportMissingSchool() {
  return ReportError("name the school with --school CODE (or set HOSO_SCHOOL)", kUsage);
}

void Registry::AddGroup(std::string name, std::string help) {
  groups_.push_back({std::move(name), std::move(help)});
}

void Registry::Add(Command command) { commands_.push_back({std::move(command)}); }

CLI::App* Registry::GroupApp(CLI::App& app, const std::string& name) {
  for (Group& group : groups_) {
    if (group.name != name) continue;
    if (group.app == nullptr) {
      group.app = app.add_subcommand(group.name, group.help);
      group.app->require_subcommand(1);
    }
    return group.app;
  }
  return nullptr;
}

void Registry::Build(CLI::App& app, GlobalOptions& options) {
  for (Entry& entry : commands_) {
    const Command& command = entry.command;
    const size_t space = command.path.find(' ');
    CLI::App* parent = &app;
    std::string name = command.path;
    if (space != std::string::npos) {
      parent = GroupApp(app, command.path.substr(0, space));
      name = command.path.substr(space + 1);
      // "catalogue import" under the command "catalogue", added before it.
      for (Entry& other : commands_) {
        if (parent == nullptr && other.app != nullptr &&
            other.command.path == command.path.substr(0, space)) {
          parent = other.app;
        }
      }
    }
    entry.app = parent->add_subcommand(name, command.help);
    if (command.school != SchoolFlag::kNone) {
      entry.app->add_option(
          "--school", options.school,
          "school code, e.g. LQD (env HOSO_SCHOOL; left out: the one school you can reach)");
    }
    if (command.flags) command.flags(*entry.app);
  }
}

const Command* Registry::Parsed() const {
  // The last parsed: a command's subcommand ("catalogue import") comes after it.
  for (auto it = commands_.rbegin(); it != commands_.rend(); ++it) {
    if (it->app != nullptr && it->app->parsed()) return &it->command;
  }
  return nullptr;
}

}  // namespace hoso::cli
