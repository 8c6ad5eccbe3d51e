// The school commands: add, ls, set.
#include <cstdio>
#include <memory>
#include <string>

#include "clients/app/commands.h"
#include "clients/app/exit_codes.h"
#include "clients/app/output.h"
#include "clients/commands/command_groups.h"

namespace hoso::cli {

int RunSchoolAdd(Connection& c, const GlobalOptions& options, const std::string& code,
                 const std::string& name, const std::string& framework,
                 const std::string& code_format) {
  v1::CreateSchoolRequest request;
  request.mutable_school()->set_code(code);
  request.mutable_school()->set_name(name);
  request.mutable_school()->set_framework(framework);
  request.mutable_school()->set_code_format(code_format);
  v1::School school;
  if (grpc::Status s = c.schools().CreateSchool(c.Context().get(), request, &school); !s.ok()) {
    return ReportRpcError("school add", s);
  }
  if (options.json) {
    PrintJson(school);
  } else {
    std::printf("added school %s: %s (%s)\n", school.code().c_str(), school.name().c_str(),
                school.framework().c_str());
  }
  return kOk;
}

int RunSchoolList(Connection& c, const GlobalOptions& options) {
  v1::ListSchoolsResponse response;
  if (grpc::Status s = c.schools().ListSchools(c.Context().get(), {}, &response); !s.ok()) {
    return ReportRpcError("school ls", s);
  }
  if (options.json) {
    PrintJson(response);
  } else {
    PrintSchools(response);
  }
  return kOk;
}

namespace {

int RunSchoolSet(Connection& c, const GlobalOptions& options, const std::string& code,
                 const std::string& dossier_items) {
  v1::UpdateSchoolRequest r;
  r.set_school(code);
  r.set_dossier_includes_unapproved(dossier_items == "all");
  r.add_fields("dossier_includes_unapproved");
  v1::School school;
  if (grpc::Status s = c.schools().UpdateSchool(c.Context().get(), r, &school); !s.ok()) {
    return ReportRpcError("school set " + code, s);
  }
  if (options.json) {
    PrintJson(school);
  } else {
    std::printf("%s: dossiers take %s\n", school.code().c_str(),
                school.dossier_includes_unapproved() ? "every live item" : "approved items only");
  }
  return kOk;
}

void AddSchoolAddCommand(Registry& registry) {
  struct AddArgs {
    std::string code, name, framework, code_format;
  };
  auto args = std::make_shared<AddArgs>();
  registry.Add({
      .path = "school add",
      .help = "add a school",
      .flags =
          [args](CLI::App& c) {
            c.add_option("CODE", args->code, "short code, e.g. LQD")->required();
            c.add_option("--name", args->name, "full name")->required();
            c.add_option("--framework", args->framework,
                         "tt17-2018 (primary), tt18-2018 (secondary) or tt19-2018 (preschool)")
                ->required();
            c.add_option("--code-format", args->code_format,
                         "evidence code format, e.g. \"{criterion}-{seq:02}\" for codes without "
                         "the box (default: the framework's, [H{box}-{criterion}-{seq:02}])");
          },
      .run =
          [args](Connection& c, const GlobalOptions& o) {
            return RunSchoolAdd(c, o, args->code, args->name, args->framework, args->code_format);
          },
  });
}

void AddSchoolSetCommand(Registry& registry) {
  struct SetArgs {
    std::string code, dossier_items;
  };
  auto args = std::make_shared<SetArgs>();
  registry.Add({
      .path = "school set",
      .help = "change a school's settings (admin)",
      .flags =
          [args](CLI::App& c) {
            c.add_option("CODE", args->code, "school code")->required();
            c.add_option("--dossier-items", args->dossier_items,
                         "which items dossiers take: approved (default) or all")
                ->required()
                ->check(CLI::IsMember({"approved", "all"}));
          },
      .run =
          [args](Connection& c, const GlobalOptions& o) {
            return RunSchoolSet(c, o, args->code, args->dossier_items);
          },
  });
}

}  // namespace

void AddSchoolCommands(Registry& registry) {
  registry.AddGroup("school", "manage schools");
  AddSchoolAddCommand(registry);
  registry.Add({.path = "school ls", .help = "list schools", .run = RunSchoolList});
  AddSchoolSetCommand(registry);
}

}  // namespace hoso::cli
