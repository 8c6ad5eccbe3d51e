// hoso coverage, hoso catalogue: what a secretary checks before assessors come;
// hoso admin fsck, backup, gc, migrate-content: what the operator runs.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include "clients/app/commands.h"
#include "clients/app/exit_codes.h"
#include "clients/app/output.h"
#include "clients/app/table.h"
#include "clients/commands/command_groups.h"
#include "clients/transfer/receive_file.h"

namespace hoso::cli {

int RunCoverage(Connection& c, const GlobalOptions& options, const std::string& year) {
  v1::CoverageRequest request;
  request.set_school(options.school);
  request.set_year(year);
  v1::CoverageResponse response;
  if (grpc::Status s = c.reports().Coverage(c.Context().get(), request, &response); !s.ok()) {
    return ReportRpcError("coverage", s);
  }
  if (options.json) {
    PrintJson(response);
    return kOk;
  }
  const bool colour = ::isatty(STDOUT_FILENO);
  const char* red = colour ? "\033[31m" : "";
  const char* yellow = colour ? "\033[33m" : "";
  const char* reset = colour ? "\033[0m" : "";
  const Table table(
      {Left(8), Right(6), Right(6), Right(10), Right(6), Right(8), Right(10), Left(0, "  ")});
  table.Print({"CRITERION", "ITEMS", "FILES", "SIZE", "TASKS", "OVERDUE", "NO-EVID.", "NAME"});
  for (const auto& row : response.criteria()) {
    const char* tint = row.items() == 0 ? red : (row.tasks_overdue() > 0 ? yellow : "");
    std::printf("%s%s%s\n", tint,
                table
                    .Row({row.criterion(), std::to_string(row.items()), std::to_string(row.files()),
                          HumanBytes(row.bytes()), std::to_string(row.tasks()),
                          std::to_string(row.tasks_overdue()),
                          std::to_string(row.tasks_without_evidence()), row.name()})
                    .c_str(),
                *tint ? reset : "");
  }
  std::printf("%u of %u criteria have evidence\n", response.criteria_covered(),
              response.criteria_total());
  uint32_t listed = 0;
  for (const auto& row : response.criteria()) listed += row.items_without_files();
  if (listed > 0) {
    std::printf("%u catalogue item(s) listed without their documents yet (not counted)\n", listed);
  }
  return kOk;
}

int RunCatalogue(Connection& c, const GlobalOptions& options, const std::string& format,
                 const std::string& year, const std::string& out_path) {
  v1::CatalogueRequest request;
  request.set_school(options.school);
  request.set_year(year);
  if (format == "xlsx") {
    request.set_format(v1::CATALOGUE_FORMAT_XLSX);
  } else if (format != "csv") {
    return ReportError("--format is csv or xlsx", kUsage);
  }
  auto context = c.StreamContext();
  auto reader = c.reports().Catalogue(context.get(), request);
  uint64_t total = 0;
  if (int code = ReceiveFile(*context, *reader, out_path, "catalogue", &total); code != kOk) {
    return code;
  }
  if (!options.json) std::printf("wrote %s (%s)\n", out_path.c_str(), HumanBytes(total).c_str());
  return kOk;
}

double Percent(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

int RunFsck(Connection& c, const GlobalOptions& options, bool repair) {
  v1::FsckRequest request;
  request.set_repair(repair);
  v1::FsckReport report;
  if (grpc::Status s =
          c.admin().Fsck(c.Context(std::chrono::seconds(24 * 3600)).get(), request, &report);
      !s.ok()) {
    return ReportRpcError("admin fsck", s);
  }
  if (options.json) {
    PrintJson(report);
  } else {
    std::printf(
        "checked %llu content object(s), %s, %llu reference(s); %llu stored but unreferenced\n",
        static_cast<unsigned long long>(report.contents()), HumanBytes(report.bytes()).c_str(),
        static_cast<unsigned long long>(report.references()),
        static_cast<unsigned long long>(report.unreferenced()));
    for (const auto& p : report.problems()) {
      std::printf("%s %s: %s\n", p.kind().c_str(), p.sha256().c_str(), p.detail().c_str());
      for (const auto& a : p.affected()) std::printf("  affects %s\n", a.c_str());
      if (!p.repair().empty()) std::printf("  repaired: %s\n", p.repair().c_str());
    }
    if (report.healed() > 0) {
      std::printf("%llu item(s) healed: their files are intact again\n",
                  static_cast<unsigned long long>(report.healed()));
    }
    std::printf(
        "dung lượng chết (dead space): %s of %s in %u pack(s), %.1f%%; hoso admin gc "
        "reclaims it\n",
        HumanBytes(report.dead_bytes()).c_str(), HumanBytes(report.pack_bytes()).c_str(),
        report.packs(), Percent(report.dead_bytes(), report.pack_bytes()));
    std::printf(report.problems().empty() ? "clean\n" : "%d problem(s)\n", report.problems_size());
  }
  // Exit 7 while any data is damaged; a fully repaired problem does not count.
  for (const auto& p : report.problems()) {
    if (!p.resolved()) return kCorrupt;
  }
  return kOk;
}

int RunBackup(Connection& c, const GlobalOptions& options, const std::string& dir) {
  v1::BackupRequest request;
  request.set_dir(std::filesystem::absolute(dir).lexically_normal().string());
  v1::BackupReport report;
  if (grpc::Status s =
          c.admin().Backup(c.Context(std::chrono::seconds(24 * 3600)).get(), request, &report);
      !s.ok()) {
    return ReportRpcError("admin backup", s);
  }
  if (options.json) {
    PrintJson(report);
  } else {
    std::printf(
        "backup %u in %s: index %s in %u files; %u pack(s), %s, of which %s copied now "
        "(%.1f s)\n",
        report.backup_id(), request.dir().c_str(), HumanBytes(report.index_bytes()).c_str(),
        report.index_files(), report.packs(), HumanBytes(report.pack_bytes()).c_str(),
        HumanBytes(report.pack_bytes_copied()).c_str(), report.seconds());
    if (report.objects() > 0) {
      std::printf("%llu object(s) in the bucket named in %s/OBJECTS (restore checks them)\n",
                  static_cast<unsigned long long>(report.objects()), request.dir().c_str());
    }
    std::printf("restore: hosod --restore-from %s --data NEW_DIR\n", request.dir().c_str());
  }
  return kOk;
}

struct GcArgs {
  bool dry_run = false;
  int64_t min_age_days = 7;
  uint32_t min_dead_percent = 50;
};

int RunGc(Connection& c, const GlobalOptions& options, const GcArgs& args) {
  v1::GcRequest request;
  request.set_dry_run(args.dry_run);
  request.set_unlinked_min_age_seconds(args.min_age_days * 24 * 3600);
  request.set_min_dead_percent(args.min_dead_percent);
  v1::GcReport report;
  if (grpc::Status s =
          c.admin().Gc(c.Context(std::chrono::seconds(24 * 3600)).get(), request, &report);
      !s.ok()) {
    return ReportRpcError("admin gc", s);
  }
  if (options.json) {
    PrintJson(report);
    return kOk;
  }
  const bool dry = report.dry_run();
  std::printf("%s\n", dry ? "Chạy thử (dry run): chưa xoá gì" : "Đã dọn (gc done)");
  std::printf("  nội dung không ai dùng (unlinked content): %llu, %s%s\n",
              static_cast<unsigned long long>(report.unlinked_contents()),
              HumanBytes(report.unlinked_bytes()).c_str(), dry ? " sẽ bị xoá (would go)" : "");
  std::printf("  khúc mồ côi (orphan chunks): %llu nhóm, %s\n",
              static_cast<unsigned long long>(report.orphan_chunk_groups()),
              HumanBytes(report.orphan_bytes()).c_str());
  std::printf("  gói nén lại (packs repacked): %u, chép %s (%u khúc), thu hồi (reclaimed) %s\n",
              report.packs_repacked(), HumanBytes(report.bytes_copied()).c_str(),
              report.chunks_copied(), HumanBytes(report.bytes_reclaimed()).c_str());
  if (report.packs_skipped() > 0) {
    std::printf("  bỏ qua %u gói có khúc hỏng (skipped, unreadable chunks): run hoso admin fsck\n",
                report.packs_skipped());
  }
  std::printf("  trước (before): %u pack(s), %s, dung lượng chết (dead) %s, %.1f%%\n",
              report.packs_before(), HumanBytes(report.pack_bytes_before()).c_str(),
              HumanBytes(report.dead_bytes_before()).c_str(),
              Percent(report.dead_bytes_before(), report.pack_bytes_before()));
  std::printf("  %s: %u pack(s), %s, dung lượng chết (dead) %s, %.1f%%\n",
              dry ? "sau khi dọn (would be after)" : "sau (after)", report.packs_after(),
              HumanBytes(report.pack_bytes_after()).c_str(),
              HumanBytes(report.dead_bytes_after()).c_str(),
              Percent(report.dead_bytes_after(), report.pack_bytes_after()));
  return kOk;
}

struct MigrateArgs {
  std::string target, endpoint, region;
  bool virtual_hosted = false;
};

int RunMigrateContent(Connection& c, const GlobalOptions& options, const MigrateArgs& args) {
  v1::MigrateContentRequest request;
  request.set_target(args.target);
  request.set_s3_endpoint(args.endpoint);
  request.set_s3_region(args.region);
  request.set_s3_virtual_hosted(args.virtual_hosted);
  auto context = c.Context(std::chrono::seconds(30 * 24 * 3600));
  auto reader = c.admin().MigrateContent(context.get(), request);
  v1::MigrateContentProgress p;
  bool done = false;
  while (reader->Read(&p)) {
    done = p.phase() == "done";
    if (options.json) {
      PrintJson(p);  // one line per step (JSON Lines), as it comes
      std::fflush(stdout);
      continue;
    }
    if (p.phase() == "copying") {
      std::fprintf(stderr, "chép (copying) %llu/%llu khúc (chunks), %s, %.1f MB/s\n",
                   static_cast<unsigned long long>(p.chunks_copied()),
                   static_cast<unsigned long long>(p.chunks_total()),
                   HumanBytes(p.bytes_copied()).c_str(), p.copy_mb_per_second());
    } else if (p.phase() == "verifying") {
      std::fprintf(stderr, "đọc lại kiểm tra (verifying) %llu nội dung (contents), %s\n",
                   static_cast<unsigned long long>(p.contents_verified()),
                   HumanBytes(p.bytes_verified()).c_str());
    }
  }
  if (grpc::Status s = reader->Finish(); !s.ok()) return ReportRpcError("admin migrate-content", s);
  if (!done)
    return ReportError("admin migrate-content: the server ended without finishing", kFailure);
  if (!options.json) {
    std::printf(
        "Đã chuyển nội dung (content moved) từ %s sang %s: %llu khúc (chunks), %s chép trong "
        "%.1f s (%.1f MB/s); %llu nội dung đọc lại đúng (contents verified)\n",
        p.source().c_str(), p.target().c_str(), static_cast<unsigned long long>(p.chunks_copied()),
        HumanBytes(p.bytes_copied()).c_str(), p.seconds(), p.copy_mb_per_second(),
        static_cast<unsigned long long>(p.contents_verified()));
    std::printf("restart hosod with --content %s%s\n", p.target().c_str(),
                p.target() == "packs" ? "" : " --s3-endpoint URL (and its keys)");
    std::printf("left behind: %s\n", p.left_behind().c_str());
  }
  return kOk;
}

void AddReportCommands(Registry& registry) {
  auto year = std::make_shared<std::string>();
  registry.Add({
      .path = "coverage",
      .help = "evidence and tasks per criterion, gaps first",
      .school = SchoolFlag::kRequired,
      .flags =
          [year](CLI::App& c) {
            c.add_option("--year", *year, "only evidence of this school year");
          },
      .run = [year](Connection& c, const GlobalOptions& o) { return RunCoverage(c, o, *year); },
  });
  struct CatalogueArgs {
    std::string format = "csv", year, output;
  };
  auto args = std::make_shared<CatalogueArgs>();
  registry.Add({
      .path = "catalogue",
      .help = "write the evidence catalogue (danh mục minh chứng)",
      .school = SchoolFlag::kRequired,
      .flags =
          [args](CLI::App& c) {
            c.add_option("--format", args->format, "csv or xlsx")->capture_default_str();
            c.add_option("--year", args->year, "only evidence of this school year");
            // Not required here: `catalogue import` runs without it.
            c.add_option("-o,--output", args->output, "file to write (required)");
          },
      .run =
          [args](Connection& c, const GlobalOptions& o) {
            if (args->output.empty()) return ReportError("catalogue needs -o FILE", kUsage);
            return RunCatalogue(c, o, args->format, args->year, args->output);
          },
  });
  AddCatalogueImportCommand(registry);
}

void AddAdminCommands(Registry& registry) {
  registry.AddGroup("admin", "operator tasks");
  auto repair = std::make_shared<bool>(false);
  registry.Add({
      .path = "admin fsck",
      .help = "re-hash all stored content and check references (exit 7 while data is damaged)",
      .flags =
          [repair](CLI::App& c) {
            c.add_flag("--repair", *repair,
                       "quarantine corrupt content, mark the items it affects, fix reference "
                       "counts (never deletes evidence)");
          },
      .run = [repair](Connection& c, const GlobalOptions& o) { return RunFsck(c, o, *repair); },
  });
  auto dir = std::make_shared<std::string>();
  registry.Add({
      .path = "admin backup",
      .help = "consistent online backup into DIR on the server's machine (incremental on repeat)",
      .flags =
          [dir](CLI::App& c) {
            c.add_option("DIR", *dir, "backup directory, on the server's machine")->required();
          },
      .run = [dir](Connection& c, const GlobalOptions& o) { return RunBackup(c, o, *dir); },
  });
  auto gc = std::make_shared<GcArgs>();
  registry.Add({
      .path = "admin gc",
      .help = "reclaim dead space: unlinked content, orphan chunks, mostly-dead packs (online)",
      .flags =
          [gc](CLI::App& c) {
            c.add_flag("--dry-run", gc->dry_run, "only say what would be reclaimed");
            c.add_option("--min-age-days", gc->min_age_days,
                         "collect stored content no item or dossier names once it is this many "
                         "days old")
                ->check(CLI::Range(int64_t{0}, int64_t{36500}))
                ->capture_default_str();
            c.add_option("--min-dead", gc->min_dead_percent,
                         "repack a pack once this percentage of it is dead")
                ->check(CLI::Range(1u, 100u))
                ->capture_default_str();
          },
      .run = [gc](Connection& c, const GlobalOptions& o) { return RunGc(c, o, *gc); },
  });
  auto migrate = std::make_shared<MigrateArgs>();
  registry.Add({
      .path = "admin migrate-content",
      .help = "move the content bytes to an S3 bucket (radosgw) or back to pack files, online; "
              "uploads and downloads go on. The keys are hosod's own (its --s3-credentials file "
              "or its environment): they are never sent from here. Run again after an "
              "interruption, it resumes",
      .flags =
          [migrate](CLI::App& c) {
            c.add_option("TARGET", migrate->target, "s3://BUCKET[/PREFIX] or packs")->required();
            c.add_option("--s3-endpoint", migrate->endpoint,
                         "the S3 service, as hosod reaches it: http://127.0.0.1:7480");
            c.add_option("--s3-region", migrate->region,
                         "signed into requests (radosgw accepts any)");
            c.add_flag("--s3-virtual-hosted", migrate->virtual_hosted,
                       "bucket.endpoint/key instead of endpoint/bucket/key");
          },
      .run = [migrate](Connection& c,
                       const GlobalOptions& o) { return RunMigrateContent(c, o, *migrate); },
  });
}

}  // namespace hoso::cli
