// hoso catalogue import FILE: a school's own danh mục minh chứng (.xlsx,
// .csv, also .docx, .tsv) read here into tables, applied by the server by code.
#include <cstdio>
#include <memory>
#include <string>

#include "clients/app/commands.h"
#include "clients/app/exit_codes.h"
#include "clients/app/output.h"
#include "clients/commands/command_groups.h"
#include "clients/commands/document_tables.h"

namespace hoso::cli {
namespace {

const char* ActionName(v1::CatalogueImportRow::Action action) {
  switch (action) {
    case v1::CatalogueImportRow::ACTION_UPDATED:
      return "updated";
    case v1::CatalogueImportRow::ACTION_CREATED:
      return "created";
    case v1::CatalogueImportRow::ACTION_UNCHANGED:
      return "unchanged";
    default:
      return "?";
  }
}

int RunCatalogueImport(Connection& c, const GlobalOptions& options, const std::string& path,
                       bool dry_run) {
  v1::ImportCatalogueRequest request;
  request.set_school(options.school);
  request.set_dry_run(dry_run);
  if (int code = ReadDocumentTables("catalogue import", path, request.mutable_tables());
      code != kOk) {
    return code;
  }
  v1::ImportCatalogueResponse response;
  if (grpc::Status s = c.evidence().ImportCatalogue(c.Context(std::chrono::seconds(120)).get(),
                                                    request, &response);
      !s.ok()) {
    return ReportRpcError("catalogue import " + path, s);
  }
  if (options.json) {
    PrintJson(response);
  } else {
    for (const auto& row : response.rows()) {
      if (row.action() == v1::CatalogueImportRow::ACTION_UNCHANGED) continue;
      std::printf("%-9s %-14s %s: %s\n", ActionName(row.action()), row.code().c_str(),
                  ProblemPlace(path, row.source(), row.row()).c_str(), row.detail().c_str());
    }
    for (const auto& p : response.problems()) {
      std::fprintf(stderr, "%s: %s\n", ProblemPlace(path, p.source(), p.line()).c_str(),
                   p.reason().c_str());
    }
    std::printf("%s: %u updated, %u created without files, %u unchanged; %d row(s) not read%s\n",
                response.imported() ? "imported"
                : dry_run           ? "dry run, nothing changed"
                                    : "nothing to change",
                response.updated(), response.created(), response.unchanged(),
                response.problems_size(),
                response.problems().empty() ? "" : " (listed above with their rows)");
  }
  if (response.rows().empty() && !response.problems().empty()) {
    return ReportError("catalogue import " + path + ": no row could be read or matched", kRejected);
  }
  return kOk;
}

}  // namespace

void AddCatalogueImportCommand(Registry& registry) {
  struct Args {
    std::string path;
    bool dry_run = false;
  };
  auto args = std::make_shared<Args>();
  registry.Add({
      .path = "catalogue import",
      .help = "fill the items' title, number/date, issuer and note from the school's own "
              "catalogue (.xlsx, .csv) by code; codes no item has become items without files",
      .school = SchoolFlag::kRequired,
      .flags =
          [args](CLI::App& c) {
            c.add_option("FILE", args->path, "the catalogue: .xlsx, .csv (also .docx, .tsv)")
                ->required()
                ->check(CLI::ExistingFile);
            c.add_flag("--dry-run", args->dry_run, "report what would change, change nothing");
          },
      .run =
          [args](Connection& c, const GlobalOptions& o) {
            return RunCatalogueImport(c, o, args->path, args->dry_run);
          },
  });
}

}  // namespace hoso::cli
