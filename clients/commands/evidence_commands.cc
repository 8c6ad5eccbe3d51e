// The evidence commands: upload, ls, show, get, rm, link, unlink, codes renumber, edit.
#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "clients/app/commands.h"
#include "clients/app/exit_codes.h"
#include "clients/app/output.h"
#include "clients/app/table.h"
#include "clients/commands/command_groups.h"

namespace hoso::cli {

int FetchEvidence(Connection& c, const GlobalOptions& options, const std::string& ref,
                  const std::string& what, v1::Evidence* evidence) {
  v1::GetEvidenceRequest request;
  request.set_school(options.school);
  request.set_ref(ref);
  if (grpc::Status s = c.evidence().GetEvidence(c.Context().get(), request, evidence); !s.ok()) {
    return ReportRpcError(what, s);
  }
  return kOk;
}

namespace {

int PrintOne(const GlobalOptions& options, const v1::Evidence& evidence) {
  if (options.json) {
    PrintJson(evidence);
  } else {
    PrintEvidence(evidence);
  }
  return kOk;
}

}  // namespace

int RunList(Connection& c, const GlobalOptions& options, const ListArgs& args) {
  v1::ListEvidenceRequest request;
  request.set_school(options.school);
  request.set_criterion(args.criterion);
  request.set_task(args.task);
  if (!args.kind.empty()) {
    request.set_kind(ParseKind(args.kind));
    if (request.kind() == v1::EVIDENCE_KIND_UNSPECIFIED) {
      return ReportError("unknown --kind \"" + args.kind + "\"", kUsage);
    }
  }
  request.set_year(args.year);
  request.set_uploader(args.uploader);
  request.set_include_deleted(args.include_deleted);
  v1::ListEvidenceResponse response;
  if (grpc::Status s = c.evidence().ListEvidence(c.Context().get(), request, &response); !s.ok()) {
    return ReportRpcError("ls", s);
  }
  if (options.json) {
    PrintJson(response);
  } else {
    PrintEvidenceTable(response);
  }
  return kOk;
}

int RunShow(Connection& c, const GlobalOptions& options, const std::string& ref) {
  v1::Evidence evidence;
  if (int code = FetchEvidence(c, options, ref, "show " + ref, &evidence); code != kOk) {
    return code;
  }
  return PrintOne(options, evidence);
}

int RunRemove(Connection& c, const GlobalOptions& options, const std::string& ref) {
  v1::DeleteEvidenceRequest request;
  request.set_school(options.school);
  request.set_ref(ref);
  v1::Evidence evidence;
  if (grpc::Status s = c.evidence().DeleteEvidence(c.Context().get(), request, &evidence);
      !s.ok()) {
    return ReportRpcError("rm " + ref, s);
  }
  if (options.json) return PrintOne(options, evidence);
  std::printf("deleted #%llu %s %s (kept in the archive; its files stay stored)\n",
              static_cast<unsigned long long>(evidence.id()), evidence.code().c_str(),
              evidence.title().c_str());
  return kOk;
}

int RunEdit(Connection& c, const GlobalOptions& options, const EditArgs& a) {
  v1::UpdateEvidenceRequest r;
  r.set_school(options.school);
  r.set_ref(a.ref);
  if (a.set_title) r.set_title(a.title);
  if (a.set_number) r.set_number(a.number);
  if (a.set_date) r.set_date(a.date);
  if (a.set_issuer) r.set_issuer(a.issuer);
  if (a.set_year) r.set_year(a.year);
  if (a.set_note) r.set_note(a.note);
  if (a.set_kind) {
    r.set_kind(ParseKind(a.kind));
    if (r.kind() == v1::EVIDENCE_KIND_UNSPECIFIED) {
      return ReportError("unknown --kind \"" + a.kind + "\"", kUsage);
    }
  }
  r.set_replace_criteria(!a.criteria.empty());
  for (const auto& x : a.criteria) r.add_criteria(x);
  r.set_replace_tasks(!a.tasks.empty());
  for (const auto& x : a.tasks) r.add_tasks(x);
  v1::Evidence evidence;
  if (grpc::Status s = c.evidence().UpdateEvidence(c.Context().get(), r, &evidence); !s.ok()) {
    return ReportRpcError("edit " + a.ref, s);
  }
  return PrintOne(options, evidence);
}

int RunLink(Connection& c, const GlobalOptions& options, const std::string& ref,
            const std::string& criterion, bool unlink) {
  v1::LinkRequest request;
  request.set_school(options.school);
  request.set_ref(ref);
  request.set_criterion(criterion);
  v1::Evidence evidence;
  grpc::Status s = unlink ? c.evidence().UnlinkCriterion(c.Context().get(), request, &evidence)
                          : c.evidence().LinkCriterion(c.Context().get(), request, &evidence);
  if (!s.ok()) return ReportRpcError((unlink ? "unlink " : "link ") + ref, s);
  return PrintOne(options, evidence);
}

int RunRenumber(Connection& c, const GlobalOptions& options, bool apply) {
  v1::RenumberRequest request;
  request.set_school(options.school);
  request.set_apply(apply);
  v1::RenumberResponse response;
  if (grpc::Status s = c.evidence().RenumberCodes(c.Context().get(), request, &response); !s.ok()) {
    return ReportRpcError("codes renumber", s);
  }
  if (options.json) {
    PrintJson(response);
    return kOk;
  }
  const Table table({Left(16), Left(0, " -> ")});
  for (const auto& change : response.changes()) {
    table.Print({change.old_code(), change.new_code()});
  }
  if (response.changes().empty()) {
    std::printf("no gaps: nothing to renumber\n");
  } else if (!apply) {
    std::printf("%d code(s) would change; run again with --apply to renumber\n",
                response.changes_size());
  } else {
    std::printf("%d code(s) renumbered\n", response.changes_size());
  }
  return kOk;
}

namespace {

constexpr const char* kKinds = "minutes, decision, plan, report, photo or other";

void AddMetadataOptions(CLI::App& c, std::string& title, std::string& number, std::string& date,
                        std::string& issuer, std::string& kind, std::string& year,
                        std::string& note) {
  c.add_option("--title", title, "evidence name (Tên minh chứng)");
  c.add_option("--number", number, "document number (Số văn bản)");
  c.add_option("--date", date, "issue or survey date, YYYY-MM-DD");
  c.add_option("--issuer", issuer, "issuer, or the group or person who made it");
  c.add_option("--kind", kind, std::string("kind: ") + kKinds);
  c.add_option("--year", year, "school year, e.g. 2024-2025");
  c.add_option("--note", note, "note (Ghi chú)");
}

void AddUploadCommand(Registry& registry) {
  auto args = std::make_shared<UploadArgs>();
  registry.Add({
      .path = "upload",
      .help = "upload FILEs as one evidence item, or FOLDERs (a school's archive) as one item "
              "per document: a file, or a folder whose name starts with a code; titled by the "
              "name without extension and code. A code the school wrote at the start of a name "
              "(H5-5.2-24, [H1-1.1-01], H1.1.1.01, 1.1-01) is kept and gives the criterion; "
              "else a folder \"Tiêu chí 1.1\", \"TC 1.1\", \"1.1 …\" or a criterion's name, "
              "or --criterion. Years from folders \"Năm học 2021-2022\" or \"2021-2022\". One "
              "code on different documents is reported and those are left out; identical copies "
              "are one item. Exit status 10: partly done (the rest imported; rename and run "
              "again). Items already there unchanged are skipped, so a rerun finishes an "
              "interrupted upload",
      .school = SchoolFlag::kRequired,
      .flags =
          [args](CLI::App& c) {
            UploadArgs& a = *args;
            c.add_option("--criterion", a.criteria,
                         "criterion, e.g. 1.1 (repeatable; first is root); required for files");
            c.add_option("--task", a.tasks, "improvement plan task code (repeatable)");
            c.add_option("--box", a.box,
                         "evidence box number, 1 to 999 (default: the root criterion's standard)");
            AddMetadataOptions(c, a.title, a.number, a.date, a.issuer, a.kind, a.year, a.note);
            c.add_option("--limit-rate", a.limit_rate, "at most this many bytes/s, e.g. 500K, 2M")
                ->transform(CLI::AsSizeValue(false));
            c.add_option("--parallel", a.parallel, "folders: files sent at once (default 4)")
                ->check(CLI::Range(1, 16));
            c.add_flag("--rehash", a.rehash,
                       "hash every file again instead of trusting the hash cache "
                       "(~/.cache/hoso/hashes: path, size, times and inode of files hashed "
                       "before)");
            c.add_flag("--dry-run", a.dry_run,
                       "folders: print each file's item (code, title, criterion, year) and what "
                       "would be refused or left out, checked by the server; send nothing");
            c.add_option("PATH", a.files, "files of the item, or folders")
                ->required()
                ->check(CLI::ExistingPath);
          },
      .run = [args](Connection& c, const GlobalOptions& o) { return RunUpload(c, o, *args); },
  });
}

void AddListCommand(Registry& registry) {
  auto args = std::make_shared<ListArgs>();
  registry.Add({
      .path = "ls",
      .help = "list evidence of a school",
      .school = SchoolFlag::kRequired,
      .flags =
          [args](CLI::App& c) {
            c.add_option("--criterion", args->criterion, "only items linked to this criterion");
            c.add_option("--task", args->task, "only items linked to this plan task");
            c.add_option("--kind", args->kind, std::string("only this kind: ") + kKinds);
            c.add_option("--year", args->year, "only this school year");
            c.add_option("--uploader", args->uploader, "only items this user uploaded");
            c.add_flag("--deleted", args->include_deleted, "include deleted items");
          },
      .run = [args](Connection& c, const GlobalOptions& o) { return RunList(c, o, *args); },
  });
}

void AddGetCommand(Registry& registry) {
  auto args = std::make_shared<GetArgs>();
  registry.Add({
      .path = "get",
      .help = "download the files of an evidence item",
      .school = SchoolFlag::kRequired,
      .flags =
          [args](CLI::App& c) {
            c.add_option("REF", args->ref, "evidence id or code")->required();
            c.add_option("-o,--output", args->out_dir, "directory to write into")
                ->capture_default_str();
            c.add_flag("--force", args->force, "overwrite files that exist");
          },
      .run = [args](Connection& c, const GlobalOptions& o) { return RunGet(c, o, *args); },
  });
}

// show and rm: a REF and nothing else.
void AddRefCommand(Registry& registry, std::string name, std::string help, std::string ref_help,
                   int (*run)(Connection&, const GlobalOptions&, const std::string&)) {
  auto ref = std::make_shared<std::string>();
  registry.Add({
      .path = std::move(name),
      .help = std::move(help),
      .school = SchoolFlag::kRequired,
      .flags = [ref, ref_help](CLI::App& c) { c.add_option("REF", *ref, ref_help)->required(); },
      .run = [ref, run](Connection& c, const GlobalOptions& o) { return run(c, o, *ref); },
  });
}

void AddLinkCommand(Registry& registry, bool unlink) {
  struct LinkArgs {
    std::string ref, criterion;
  };
  auto args = std::make_shared<LinkArgs>();
  registry.Add({
      .path = unlink ? "unlink" : "link",
      .help = unlink ? "stop citing an item under a criterion"
                     : "cite an item under another criterion (it keeps its code)",
      .school = SchoolFlag::kRequired,
      .flags =
          [args, unlink](CLI::App& c) {
            c.add_option("REF", args->ref, "evidence id or code")->required();
            c.add_option("--criterion", args->criterion,
                         unlink ? "the criterion to remove" : "the criterion that cites it")
                ->required();
          },
      .run =
          [args, unlink](Connection& c, const GlobalOptions& o) {
            return RunLink(c, o, args->ref, args->criterion, unlink);
          },
  });
}

void AddRenumberCommand(Registry& registry) {
  struct RenumberArgs {
    bool apply = false, dry_run = false;
  };
  auto args = std::make_shared<RenumberArgs>();
  registry.AddGroup("codes", "manage evidence codes");
  registry.Add({
      .path = "codes renumber",
      .help = "close the gaps deletions left (shows old -> new; changes only with --apply)",
      .school = SchoolFlag::kRequired,
      .flags =
          [args](CLI::App& c) {
            c.add_flag("--apply", args->apply, "make the changes");
            c.add_flag("--dry-run", args->dry_run, "only show the changes (the default)");
          },
      .check =
          [args](const GlobalOptions&) {
            return args->apply && args->dry_run
                       ? ReportError("--apply and --dry-run exclude each other", kUsage)
                       : kOk;
          },
      .run = [args](Connection& c,
                    const GlobalOptions& o) { return RunRenumber(c, o, args->apply); },
  });
}

void AddEditCommand(Registry& registry) {
  auto args = std::make_shared<EditArgs>();
  auto command = std::make_shared<CLI::App*>(nullptr);
  registry.Add({
      .path = "edit",
      .help = "change the metadata of an evidence item",
      .school = SchoolFlag::kRequired,
      .flags =
          [args, command](CLI::App& c) {
            EditArgs& a = *args;
            *command = &c;
            c.add_option("REF", a.ref, "evidence id or code")->required();
            c.add_option("--criterion", a.criteria,
                         "replace the criteria (repeatable; the root must stay first)");
            c.add_option("--task", a.tasks, "replace the plan tasks (repeatable)");
            AddMetadataOptions(c, a.title, a.number, a.date, a.issuer, a.kind, a.year, a.note);
          },
      .run =
          [args, command](Connection& c, const GlobalOptions& o) {
            const CLI::App& ed = **command;
            EditArgs& a = *args;
            a.set_title = ed.count("--title") > 0;
            a.set_number = ed.count("--number") > 0;
            a.set_date = ed.count("--date") > 0;
            a.set_issuer = ed.count("--issuer") > 0;
            a.set_kind = ed.count("--kind") > 0;
            a.set_year = ed.count("--year") > 0;
            a.set_note = ed.count("--note") > 0;
            return RunEdit(c, o, a);
          },
  });
}

}  // namespace

void AddEvidenceCommands(Registry& registry) {
  AddUploadCommand(registry);
  AddListCommand(registry);
  AddRefCommand(registry, "show", "show one evidence item", "evidence id or code, e.g. H1-1.1-01",
                RunShow);
  AddGetCommand(registry);
  AddRefCommand(registry, "rm", "delete an evidence item (soft: it can be recovered)",
                "evidence id or code", RunRemove);
  AddLinkCommand(registry, false);
  AddLinkCommand(registry, true);
  AddRenumberCommand(registry);
  AddEditCommand(registry);
}

}  // namespace hoso::cli
