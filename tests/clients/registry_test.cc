#include "clients/app/registry.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hoso::cli {
namespace {

// A registry with a group of two commands and a top-level one, built into an
// app; Parse returns the command the words name.
class RegistryTest : public ::testing::Test {
 protected:
  RegistryTest() {
    registry_.AddGroup("plan", "the plan");
    registry_.Add({.path = "plan add",
                   .help = "add a task",
                   .school = SchoolFlag::kRequired,
                   .flags = [this](CLI::App& c) { c.add_option("--content", content_); },
                   .run = [](Connection&, const GlobalOptions&) { return 11; }});
    registry_.Add({.path = "plan ls", .help = "list tasks", .run = nullptr});
    registry_.Add({.path = "verify", .help = "offline", .run_offline = [](const GlobalOptions&) {
                     return 12;
                   }});
    registry_.Build(app_, options_);
  }

  const Command* Parse(std::vector<std::string> words) {
    std::vector<const char*> argv = {"hoso"};
    for (const std::string& w : words) argv.push_back(w.c_str());
    app_.parse(static_cast<int>(argv.size()), const_cast<char**>(argv.data()));
    return registry_.Parsed();
  }

  CLI::App app_{"test"};
  GlobalOptions options_;
  Registry registry_;
  std::string content_;
};

TEST_F(RegistryTest, GroupIsOneSubcommandHoldingItsCommands) {
  ASSERT_EQ(app_.get_subcommands({}).size(), 2u);
  CLI::App* plan = app_.get_subcommand("plan");
  EXPECT_EQ(plan->get_description(), "the plan");
  EXPECT_EQ(plan->get_subcommands({}).size(), 2u);
}

TEST_F(RegistryTest, ParsedIsTheCommandGivenWithItsFlagsAndSchool) {
  const Command* command = Parse({"plan", "add", "--school", "LQD", "--content", "x"});
  ASSERT_NE(command, nullptr);
  EXPECT_EQ(command->path, "plan add");
  EXPECT_EQ(options_.school, "LQD");
  EXPECT_EQ(content_, "x");
}

TEST_F(RegistryTest, SchoolFlagOnlyWhereDeclared) {
  EXPECT_NE(app_.get_subcommand("plan")->get_subcommand("add")->get_option_no_throw("--school"),
            nullptr);
  EXPECT_EQ(app_.get_subcommand("plan")->get_subcommand("ls")->get_option_no_throw("--school"),
            nullptr);
}

TEST_F(RegistryTest, OfflineCommandRunsWithoutConnection) {
  const Command* command = Parse({"verify"});
  ASSERT_NE(command, nullptr);
  ASSERT_TRUE(command->run_offline);
  EXPECT_EQ(command->run_offline(options_), 12);
}

TEST_F(RegistryTest, GroupNeedsASubcommand) { EXPECT_THROW(Parse({"plan"}), CLI::RequiredError); }

}  // namespace
}  // namespace hoso::cli
