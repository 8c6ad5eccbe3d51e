// hoso: the command-line client of hosod.
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "clients/app/commands.h"
#include "clients/app/connection.h"
#include "clients/commands/domain_cli.h"
#include "clients/app/exit_codes.h"
#include "clients/commands/people_cli.h"

namespace hoso::cli {
namespace {

constexpr const char* kKinds = "minutes, decision, plan, report, photo or other";

void AddSchoolOption(CLI::App* command, GlobalOptions& options) {
  command->add_option("--school", options.school, "school code, e.g. LQD (env HOSO_SCHOOL)");
}

void AddMetadataOptions(CLI::App* c, std::string& title, std::string& number, std::string& date,
                        std::string& issuer, std::string& kind, std::string& year,
                        std::string& note) {
  c->add_option("--title", title, "evidence name (Tên minh chứng)");
  c->add_option("--number", number, "document number (Số văn bản)");
  c->add_option("--date", date, "issue or survey date, YYYY-MM-DD");
  c->add_option("--issuer", issuer, "issuer, or the group or person who made it");
  c->add_option("--kind", kind, std::string("kind: ") + kKinds);
  c->add_option("--year", year, "school year, e.g. 2024-2025");
  c->add_option("--note", note, "note (Ghi chú)");
}

int Main(int argc, char** argv) {
  CLI::App app{"hoso: upload, find and fetch school accreditation evidence (minh chứng)"};
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions options;
  app.add_option("--server", options.server, "HOST:PORT of hosod (env HOSO_SERVER; 127.0.0.1:50051)");
  app.add_option("--token", options.token, "access token (env HOSO_TOKEN or ~/.config/hoso/config)");
  app.add_flag("--json", options.json, "print proto3 JSON for scripts");
  app.add_option("--ca", options.ca, "TLS: the CA certificate that signed hosod's (env HOSO_CA)");
  app.add_option("--cert", options.cert, "TLS: client certificate, when hosod asks for one (env HOSO_CERT)");
  app.add_option("--key", options.key, "TLS: the client certificate's key (env HOSO_KEY)");
  app.add_flag("--tls", options.tls, "TLS trusting the system's CAs (implied by --ca)");
  app.footer("Exit status: 0 ok, 1 failure, 2 usage, 3 not found, 4 not authenticated or denied, "
             "5 rejected input, 6 server unavailable, 7 corrupt data, 8 local file error.");

  auto* school = app.add_subcommand("school", "manage schools");
  school->require_subcommand(1);
  std::string code, name, framework;
  auto* school_add = school->add_subcommand("add", "add a school");
  school_add->add_option("CODE", code, "short code, e.g. LQD")->required();
  school_add->add_option("--name", name, "full name")->required();
  school_add->add_option("--framework", framework, "tt17-2018 (primary), tt18-2018 "
                         "(secondary) or tt19-2018 (preschool)")->required();
  std::string code_format;
  school_add->add_option("--code-format", code_format,
                         "evidence code format, e.g. \"{criterion}-{seq:02}\" for codes without "
                         "the box (default: the framework's, [H{box}-{criterion}-{seq:02}])");
  auto* school_ls = school->add_subcommand("ls", "list schools");

  UploadArgs upload;
  auto* up = app.add_subcommand(
      "upload",
      "upload FILEs as one evidence item, or FOLDERs as one item per folder (titled by the "
      "folder's path; criterion from a folder named \"Tiêu chí N.M\" unless --criterion; "
      "items already there unchanged are skipped, so a rerun finishes an interrupted upload)");
  AddSchoolOption(up, options);
  up->add_option("--criterion", upload.criteria,
                 "criterion, e.g. 1.1 (repeatable; first is root); required for files");
  up->add_option("--task", upload.tasks, "improvement plan task code (repeatable)");
  up->add_option("--box", upload.box, "evidence box number (default: the root criterion's standard)");
  AddMetadataOptions(up, upload.title, upload.number, upload.date, upload.issuer, upload.kind,
                     upload.year, upload.note);
  up->add_option("--limit-rate", upload.limit_rate, "at most this many bytes/s, e.g. 500K, 2M")
      ->transform(CLI::AsSizeValue(false));
  up->add_option("--parallel", upload.parallel, "folders: files sent at once (default 4)")
      ->check(CLI::Range(1, 16));
  up->add_flag("--rehash", upload.rehash,
               "folders: hash every file again instead of trusting the hash cache "
               "(~/.cache/hoso/hashes: path, size, times and inode of files hashed before)");
  up->add_option("PATH", upload.files, "files of the item, or folders")
      ->required()
      ->check(CLI::ExistingPath);

  ListArgs list;
  auto* ls = app.add_subcommand("ls", "list evidence of a school");
  AddSchoolOption(ls, options);
  ls->add_option("--criterion", list.criterion, "only items linked to this criterion");
  ls->add_option("--task", list.task, "only items linked to this plan task");
  ls->add_option("--kind", list.kind, std::string("only this kind: ") + kKinds);
  ls->add_option("--year", list.year, "only this school year");
  ls->add_option("--uploader", list.uploader, "only items this user uploaded");
  ls->add_flag("--deleted", list.include_deleted, "include deleted items");

  std::string ref;
  auto* show = app.add_subcommand("show", "show one evidence item");
  AddSchoolOption(show, options);
  show->add_option("REF", ref, "evidence id or code, e.g. H1-1.1-01")->required();

  GetArgs get;
  auto* g = app.add_subcommand("get", "download the files of an evidence item");
  AddSchoolOption(g, options);
  g->add_option("REF", get.ref, "evidence id or code")->required();
  g->add_option("-o,--output", get.out_dir, "directory to write into")->capture_default_str();
  g->add_flag("--force", get.force, "overwrite files that exist");

  auto* rm = app.add_subcommand("rm", "delete an evidence item (soft: it can be recovered)");
  AddSchoolOption(rm, options);
  rm->add_option("REF", ref, "evidence id or code")->required();

  std::string criterion;
  auto* link = app.add_subcommand("link", "cite an item under another criterion (it keeps its code)");
  AddSchoolOption(link, options);
  link->add_option("REF", ref, "evidence id or code")->required();
  link->add_option("--criterion", criterion, "the criterion that cites it")->required();
  auto* unlink = app.add_subcommand("unlink", "stop citing an item under a criterion");
  AddSchoolOption(unlink, options);
  unlink->add_option("REF", ref, "evidence id or code")->required();
  unlink->add_option("--criterion", criterion, "the criterion to remove")->required();

  auto* codes = app.add_subcommand("codes", "manage evidence codes");
  codes->require_subcommand(1);
  auto* renumber = codes->add_subcommand(
      "renumber", "close the gaps deletions left (shows old -> new; changes only with --apply)");
  AddSchoolOption(renumber, options);
  bool apply = false, dry_run = false;
  renumber->add_flag("--apply", apply, "make the changes");
  renumber->add_flag("--dry-run", dry_run, "only show the changes (the default)");

  EditArgs edit;
  auto* ed = app.add_subcommand("edit", "change the metadata of an evidence item");
  AddSchoolOption(ed, options);
  ed->add_option("REF", edit.ref, "evidence id or code")->required();
  ed->add_option("--criterion", edit.criteria,
                 "replace the criteria (repeatable; the root must stay first)");
  ed->add_option("--task", edit.tasks, "replace the plan tasks (repeatable)");
  AddMetadataOptions(ed, edit.title, edit.number, edit.date, edit.issuer, edit.kind, edit.year,
                     edit.note);

  DomainCommands domain(app, options);
  PeopleCommands people(app, options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }
  ResolveDefaults(options);
  const bool needs_school = up->parsed() || ls->parsed() || show->parsed() || g->parsed() ||
                            rm->parsed() || ed->parsed() || link->parsed() || unlink->parsed() ||
                            renumber->parsed() || domain.NeedsSchool() || people.NeedsSchool();
  if (apply && dry_run) return ReportError("--apply and --dry-run exclude each other", kUsage);
  if (needs_school && options.school.empty()) {
    return ReportError("name the school with --school CODE (or set HOSO_SCHOOL)", kUsage);
  }
  edit.set_title = ed->count("--title") > 0;
  edit.set_number = ed->count("--number") > 0;
  edit.set_date = ed->count("--date") > 0;
  edit.set_issuer = ed->count("--issuer") > 0;
  edit.set_kind = ed->count("--kind") > 0;
  edit.set_year = ed->count("--year") > 0;
  edit.set_note = ed->count("--note") > 0;

  if (domain.Offline()) return domain.RunOffline(options);
  Connection connection(options);
  if (!connection.error().empty()) return ReportError(connection.error(), kLocalIo);
  if (school_add->parsed()) {
    return RunSchoolAdd(connection, options, code, name, framework, code_format);
  }
  if (domain.Parsed()) return domain.Run(connection, options);
  if (people.Parsed()) return people.Run(connection, options);
  if (link->parsed()) return RunLink(connection, options, ref, criterion, false);
  if (unlink->parsed()) return RunLink(connection, options, ref, criterion, true);
  if (renumber->parsed()) return RunRenumber(connection, options, apply);
  if (school_ls->parsed()) return RunSchoolList(connection, options);
  if (up->parsed()) return RunUpload(connection, options, upload);
  if (ls->parsed()) return RunList(connection, options, list);
  if (show->parsed()) return RunShow(connection, options, ref);
  if (g->parsed()) return RunGet(connection, options, get);
  if (rm->parsed()) return RunRemove(connection, options, ref);
  if (ed->parsed()) return RunEdit(connection, options, edit);
  return kUsage;
}

}  // namespace
}  // namespace hoso::cli

int main(int argc, char** argv) {
  // Few malloc arenas: gRPC's threads would each keep freed 1 MiB buffers.
  mallopt(M_ARENA_MAX, 2);
  return hoso::cli::Main(argc, argv);
}
