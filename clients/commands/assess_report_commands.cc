// hoso assess check, report, form: what the self-assessment still lacks, and
// the report (PL6) and forms (PL5a/PL5b) with those gaps in red.
#include <unistd.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "clients/app/commands.h"
#include "clients/app/exit_codes.h"
#include "clients/app/output.h"
#include "clients/commands/command_groups.h"
#include "clients/transfer/receive_file.h"

namespace hoso::cli {
namespace {

std::string CriterionTitle(const std::string& criterion) {
  if (criterion.empty()) return "Báo cáo";
  if (criterion == "M4") return "Mức 4";
  return "Tiêu chí " + criterion;
}

int RunCheck(Connection& c, const GlobalOptions& options, uint64_t assessment) {
  v1::CheckAssessmentRequest request;
  request.set_school(options.school);
  request.set_assessment(assessment);
  v1::CheckAssessmentResponse response;
  if (grpc::Status s =
          c.assessment_reports().CheckAssessment(c.Context().get(), request, &response);
      !s.ok()) {
    return ReportRpcError("assess check", s);
  }
  if (options.json) {
    PrintJson(response);
  } else {
    const bool colour = ::isatty(STDOUT_FILENO);
    const char* red = colour ? "\033[31m" : "";
    const char* reset = colour ? "\033[0m" : "";
    std::string last = "\x01";
    int criteria = 0;
    for (const v1::AssessmentProblem& p : response.problems()) {
      if (p.criterion() != last) {
        last = p.criterion();
        ++criteria;
        std::printf("%s\n", CriterionTitle(last).c_str());
      }
      // The message names the kind already; --json gives it as a field.
      std::printf("  %s–%s %s\n", red, reset, p.message().c_str());
    }
    if (response.problems().empty()) {
      std::printf("Không còn thiếu sót: mọi câu có minh chứng, mọi chỉ báo đã đánh giá\n");
    } else {
      std::printf("%d vấn đề ở %d mục (problems found)\n", response.problems_size(), criteria);
    }
  }
  return response.problems().empty() ? kOk : kIncomplete;
}

struct RenderArgs {
  uint64_t assessment = 0;
  std::string criterion, output, format;
};

int RunRender(Connection& c, const GlobalOptions& options, const RenderArgs& args,
              const std::string& what) {
  std::string format = args.format;
  if (format.empty()) {
    const size_t dot = args.output.rfind('.');
    const std::string ext = dot == std::string::npos ? "" : args.output.substr(dot + 1);
    format = ext == "html" || ext == "htm" ? "html" : "docx";
  }
  v1::RenderReportRequest request;
  request.set_school(options.school);
  request.set_assessment(args.assessment);
  request.set_criterion(args.criterion);
  if (format == "html") {
    request.set_format(v1::REPORT_HTML);
  } else if (format == "docx") {
    request.set_format(v1::REPORT_DOCX);
  } else {
    return ReportError("--format is docx or html", kUsage);
  }
  auto context = c.StreamContext();
  auto reader = c.assessment_reports().RenderReport(context.get(), request);
  uint64_t total = 0;
  if (int code = ReceiveFile(*context, *reader, args.output, what, &total); code != kOk) {
    return code;
  }
  if (!options.json) {
    std::printf("wrote %s (%s)\n", args.output.c_str(), HumanBytes(total).c_str());
  }
  return kOk;
}

void AddRenderFlags(CLI::App& c, RenderArgs& args) {
  c.add_option("-o,--output", args.output, "tệp sẽ ghi (.docx hoặc .html)")->required();
  c.add_option("--format", args.format, "docx hoặc html (mặc định: theo đuôi tệp)");
  c.add_option("--assessment", args.assessment, "đợt tự đánh giá (mặc định: đợt mới nhất)");
}

}  // namespace

void AddAssessReportCommands(Registry& registry) {
  // The group "assess" is AddAssessCommands's (a second declaration would be unused).
  auto check = std::make_shared<uint64_t>(0);
  registry.Add({
      .path = "assess check",
      .help = "những gì còn thiếu, theo từng tiêu chí (mã thoát 11 khi còn thiếu)",
      .school = SchoolFlag::kRequired,
      .flags =
          [check](CLI::App& c) {
            c.add_option("--assessment", *check, "đợt tự đánh giá (mặc định: đợt mới nhất)");
          },
      .run = [check](Connection& c, const GlobalOptions& o) { return RunCheck(c, o, *check); },
  });
  auto report = std::make_shared<RenderArgs>();
  registry.Add({
      .path = "assess report",
      .help = "ghi báo cáo tự đánh giá (PL6) ra .docx hoặc .html, chỗ thiếu tô đỏ",
      .school = SchoolFlag::kRequired,
      .flags = [report](CLI::App& c) { AddRenderFlags(c, *report); },
      .run = [report](Connection& c,
                      const GlobalOptions& o) { return RunRender(c, o, *report, "assess report"); },
  });
  auto form = std::make_shared<RenderArgs>();
  registry.Add({
      .path = "assess form",
      .help =
          "ghi phiếu đánh giá một tiêu chí (PL5a; M4: PL5b) ra .docx hoặc .html, chỗ thiếu tô đỏ",
      .school = SchoolFlag::kRequired,
      .flags =
          [form](CLI::App& c) {
            c.add_option("CRITERION", form->criterion, "tiêu chí, ví dụ 1.1; M4: Mức 4")
                ->required();
            AddRenderFlags(c, *form);
          },
      .run = [form](Connection& c,
                    const GlobalOptions& o) { return RunRender(c, o, *form, "assess form"); },
  });
}

}  // namespace hoso::cli
