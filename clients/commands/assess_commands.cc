// hoso assess …: the self-assessment (tự đánh giá), criterion by criterion:
// the five parts of the form (PL5a), indicator results, review.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "clients/app/exit_codes.h"
#include "clients/app/output.h"
#include "clients/app/table.h"
#include "clients/commands/command_groups.h"

namespace hoso::cli {
namespace {

struct AssessArgs {
  uint64_t assessment = 0;  // 0: the school's latest
  std::string years, title;
  std::string criterion;
  std::string description, strengths, weaknesses, plan, group;
  std::vector<std::string> met, not_met;
  bool refuse_unlinked = false;
  uint32_t revision = 0;
  std::string key, text;
  CLI::App* command = nullptr;  // set by the flags, to see which were given
  bool Given(const char* flag) const { return command != nullptr && command->count(flag) > 0; }
};

constexpr const char* kLevel4 = "M4";

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// "M4" as people type it too ("m4").
std::string CriterionArg(const std::string& criterion) {
  return Upper(criterion) == kLevel4 ? std::string(kLevel4) : criterion;
}

std::string StateName(v1::AssessmentState state) {
  switch (state) {
    case v1::ASSESSMENT_SUBMITTED:
      return "đã nộp";
    case v1::ASSESSMENT_APPROVED:
      return "đã duyệt";
    default:
      return "nháp";
  }
}

std::string Named(const std::string& criterion) {
  return criterion == kLevel4 ? std::string("Mức 4") : "tiêu chí " + criterion;
}

// TEXT, or the contents of FILE for "@FILE".
int TextArg(const std::string& flag, const std::string& value, std::string* out) {
  if (value.empty() || value[0] != '@') {
    *out = value;
    return kOk;
  }
  const std::string path = value.substr(1);
  std::ifstream in(path, std::ios::binary);
  if (!in) return ReportError(flag + ": không đọc được tệp " + path, kLocalIo);
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return ReportError(flag + ": không đọc được tệp " + path, kLocalIo);
  return kOk;
}

// "1a" (level 1, indicator a); for M4 "3" (item 3 of the level-4 list).
bool ParseIndicator(const std::string& criterion, const std::string& token,
                    v1::IndicatorResult* out) {
  if (token.empty()) return false;
  if (criterion == kLevel4) {
    if (token.find_first_not_of("0123456789") != std::string::npos) return false;
    out->set_level(4);
    out->set_code(token);
    return true;
  }
  size_t digits = 0;
  while (digits < token.size() && token[digits] >= '0' && token[digits] <= '9') ++digits;
  if (digits == 0 || digits > 1 || digits == token.size()) return false;
  out->set_level(token[0] - '0');
  std::string code = token.substr(digits);
  for (char& c : code) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  out->set_code(code);
  return true;
}

int FetchAssessment(Connection& c, const GlobalOptions& options, uint64_t id,
                    const std::string& what, v1::Assessment* out) {
  v1::GetAssessmentRequest request;
  request.set_school(options.school);
  request.set_id(id);
  if (grpc::Status s = c.assessments().GetAssessment(c.Context().get(), request, out); !s.ok()) {
    return ReportRpcError(what, s);
  }
  return kOk;
}

// The indicator texts of the framework, by criterion then "1a"; empty when
// the server's framework has none (or cannot be read: the results still show).
std::map<std::string, std::string> IndicatorTexts(Connection& c, const std::string& framework,
                                                  const std::string& criterion) {
  std::map<std::string, std::string> texts;
  v1::GetFrameworkRequest request;
  request.set_id(framework);
  v1::Framework f;
  if (!c.frameworks().GetFramework(c.Context().get(), request, &f).ok()) return texts;
  if (criterion == kLevel4) {
    for (const auto& i : f.level4()) texts[i.code()] = i.text();
    return texts;
  }
  for (const auto& standard : f.standards()) {
    for (const auto& cr : standard.criteria()) {
      if (cr.code() != criterion) continue;
      for (const auto& i : cr.indicators()) texts[std::to_string(i.level()) + i.code()] = i.text();
    }
  }
  return texts;
}

std::string IndicatorKey(const std::string& criterion, const v1::IndicatorResult& r) {
  return criterion == kLevel4 ? r.code() : std::to_string(r.level()) + r.code();
}

void PrintCriterion(Connection& c, const std::string& framework,
                    const v1::CriterionAssessment& cr) {
  std::printf("%s — bản %u, %s, mức %d\n", Named(cr.criterion()).c_str(), cr.revision(),
              StateName(cr.state()).c_str(), cr.level());
  std::printf("Người viết: %s%s%s\n", cr.writer().c_str(),
              cr.group().empty() ? "" : "; nhóm: ", cr.group().c_str());
  if (!cr.reviewed_by().empty()) {
    std::printf("Xét duyệt: %s (%s)\n", cr.reviewed_by().c_str(), StateName(cr.state()).c_str());
  }
  const std::pair<const char*, const std::string*> parts[] = {
      {"1. Mô tả hiện trạng", &cr.description()},
      {"2. Điểm mạnh", &cr.strengths()},
      {"3. Điểm yếu", &cr.weaknesses()},
      {"4. Kế hoạch cải tiến chất lượng", &cr.improvement()},
  };
  for (const auto& [title, text] : parts) {
    std::printf("\n%s\n%s\n", title, text->empty() ? "(chưa viết)" : text->c_str());
  }
  std::printf("\n5. Tự đánh giá\n");
  const auto texts = IndicatorTexts(c, framework, cr.criterion());
  std::map<std::string, v1::Judgement> judged;
  for (const auto& r : cr.indicators()) judged[IndicatorKey(cr.criterion(), r)] = r.judgement();
  auto verdict = [](v1::Judgement j) {
    return j == v1::JUDGEMENT_MET       ? "Đạt"
           : j == v1::JUDGEMENT_NOT_MET ? "Không đạt"
                                        : "chưa đánh giá";
  };
  if (!texts.empty()) {
    for (const auto& [key, text] : texts) {
      auto it = judged.find(key);
      std::printf("  %-4s %-13s %s\n", key.c_str(),
                  verdict(it == judged.end() ? v1::JUDGEMENT_UNSET : it->second), text.c_str());
    }
  } else {
    for (const auto& [key, judgement] : judged) {
      std::printf("  %-4s %s\n", key.c_str(), verdict(judgement));
    }
  }
  std::printf("Kết quả: %s\n", cr.level() > 0 ? ("Đạt mức " + std::to_string(cr.level())).c_str()
                                              : "Chưa đạt mức 1");
  if (cr.citations_size() > 0) {
    std::printf("\nMinh chứng được dẫn:\n");
    for (const auto& cited : cr.citations()) {
      std::printf("  %s #%llu (%s)%s\n", cited.code().c_str(),
                  static_cast<unsigned long long>(cited.evidence_id()), cited.part().c_str(),
                  cited.linked() ? ", gắn là minh chứng dùng chung khi lưu" : "");
    }
  }
}

int RunNew(Connection& c, const GlobalOptions& options, const AssessArgs& args) {
  const size_t dots = args.years.find("..");
  if (dots == std::string::npos) {
    return ReportError("--years là NĂM..NĂM, ví dụ 2020-2021..2024-2025", kUsage);
  }
  v1::CreateAssessmentRequest request;
  request.set_school(options.school);
  request.set_first_year(args.years.substr(0, dots));
  request.set_last_year(args.years.substr(dots + 2));
  request.set_title(args.title);
  v1::Assessment a;
  if (grpc::Status s = c.assessments().CreateAssessment(c.Context().get(), request, &a); !s.ok()) {
    return ReportRpcError("assess new", s);
  }
  if (options.json) {
    PrintJson(a);
  } else {
    std::printf("đợt tự đánh giá #%llu của trường %s: %s..%s, %s\n",
                static_cast<unsigned long long>(a.id()), a.school().c_str(), a.first_year().c_str(),
                a.last_year().c_str(), a.title().c_str());
  }
  return kOk;
}

int RunList(Connection& c, const GlobalOptions& options) {
  v1::ListAssessmentsRequest request;
  request.set_school(options.school);
  v1::ListAssessmentsResponse response;
  if (grpc::Status s = c.assessments().ListAssessments(c.Context().get(), request, &response);
      !s.ok()) {
    return ReportRpcError("assess ls", s);
  }
  if (options.json) {
    PrintJson(response);
    return kOk;
  }
  const Table table({Left(4), Left(20), Left(12), Left(0, "  ")});
  table.Print({"ID", "NĂM HỌC", "KHUNG", "TÊN"});
  for (const auto& a : response.assessments()) {
    table.Print(
        {std::to_string(a.id()), a.first_year() + ".." + a.last_year(), a.framework(), a.title()});
  }
  return kOk;
}

int RunShow(Connection& c, const GlobalOptions& options, const AssessArgs& args) {
  v1::Assessment a;
  if (int code = FetchAssessment(c, options, args.assessment, "assess show", &a); code != kOk) {
    return code;
  }
  if (!args.criterion.empty()) {
    const std::string criterion = CriterionArg(args.criterion);
    for (const auto& cr : a.criteria()) {
      if (cr.criterion() != criterion) continue;
      if (options.json) {
        PrintJson(cr);
      } else {
        PrintCriterion(c, a.framework(), cr);
      }
      return kOk;
    }
    return ReportError(
        "assess show: " + Named(criterion) + " chưa được viết trong đợt #" + std::to_string(a.id()),
        kNotFound);
  }
  if (options.json) {
    PrintJson(a);
    return kOk;
  }
  std::printf("đợt tự đánh giá #%llu của trường %s (%s..%s, khung %s): %s\n",
              static_cast<unsigned long long>(a.id()), a.school().c_str(), a.first_year().c_str(),
              a.last_year().c_str(), a.framework().c_str(), a.title().c_str());
  const Table table({Left(9), Right(4), Left(9, "  "), Right(4), Left(0, "  ")});
  table.Print({"TIÊU CHÍ", "MỨC", "TRẠNG THÁI", "BẢN", "NGƯỜI VIẾT"});
  for (const auto& cr : a.criteria()) {
    table.Print({cr.criterion(), std::to_string(cr.level()), StateName(cr.state()),
                 std::to_string(cr.revision()), cr.writer()});
  }
  std::printf("đã duyệt %u/%u tiêu chí; trường đạt mức %d (theo các bản đã duyệt)\n",
              a.approved_criteria(), a.total_criteria(), a.school_level());
  return kOk;
}

int RunWrite(Connection& c, const GlobalOptions& options, const AssessArgs& args) {
  const std::string criterion = CriterionArg(args.criterion);
  v1::Assessment a;
  if (int code = FetchAssessment(c, options, args.assessment, "assess write", &a); code != kOk) {
    return code;
  }
  // What is not given stays as the latest revision has it.
  v1::CriterionAssessment draft;
  for (const auto& cr : a.criteria()) {
    if (cr.criterion() == criterion) draft = cr;
  }
  const uint32_t latest = draft.revision();
  draft.set_criterion(criterion);
  const std::pair<const char*, std::string*> parts[] = {
      {"--description", draft.mutable_description()},
      {"--strengths", draft.mutable_strengths()},
      {"--weaknesses", draft.mutable_weaknesses()},
      {"--plan", draft.mutable_improvement()},
  };
  const std::string* values[] = {&args.description, &args.strengths, &args.weaknesses, &args.plan};
  for (size_t i = 0; i < std::size(parts); ++i) {
    if (!args.Given(parts[i].first)) continue;
    if (int code = TextArg(parts[i].first, *values[i], parts[i].second); code != kOk) return code;
  }
  if (args.Given("--group")) draft.set_group(args.group);
  for (const auto& [tokens, judgement] :
       {std::pair{&args.met, v1::JUDGEMENT_MET}, std::pair{&args.not_met, v1::JUDGEMENT_NOT_MET}}) {
    for (const std::string& token : *tokens) {
      v1::IndicatorResult r;
      if (!ParseIndicator(criterion, token, &r)) {
        return ReportError("chỉ báo \"" + token +
                               "\" không đọc được: viết mức rồi mã, ví dụ 1a, 2b" +
                               (criterion == kLevel4 ? "; với M4 là số thứ tự: 1, 2" : ""),
                           kUsage);
      }
      r.set_judgement(judgement);
      bool replaced = false;
      for (auto& old : *draft.mutable_indicators()) {
        if (old.level() == r.level() && old.code() == r.code()) {
          old = r;
          replaced = true;
        }
      }
      if (!replaced) *draft.add_indicators() = r;
    }
  }
  v1::SaveCriterionRequest request;
  request.set_school(options.school);
  request.set_assessment(a.id());
  *request.mutable_criterion() = draft;
  request.set_unlinked(args.refuse_unlinked ? v1::UNLINKED_REFUSE : v1::UNLINKED_LINK_AS_CITING);
  // Refused if someone saved in between: what was kept came from `latest`.
  request.set_expected_revision(args.revision != 0 ? args.revision : latest);
  v1::CriterionAssessment saved;
  if (grpc::Status s = c.assessments().SaveCriterion(c.Context().get(), request, &saved); !s.ok()) {
    return ReportRpcError("assess write " + criterion, s);
  }
  if (options.json) {
    PrintJson(saved);
    return kOk;
  }
  std::printf("%s: đã lưu bản %u (%s), mức %d\n", Named(saved.criterion()).c_str(),
              saved.revision(), StateName(saved.state()).c_str(), saved.level());
  std::string linked;
  for (const auto& cited : saved.citations()) {
    if (cited.linked() && linked.find(cited.code()) == std::string::npos) {
      linked += (linked.empty() ? "" : " ") + cited.code();
    }
  }
  if (!linked.empty()) {
    std::printf("gắn là minh chứng dùng chung của %s: %s\n", Named(saved.criterion()).c_str(),
                linked.c_str());
  }
  return kOk;
}

int RunReview(Connection& c, const GlobalOptions& options, const AssessArgs& args,
              v1::ReviewAction action, const char* what) {
  v1::ReviewCriterionRequest request;
  request.set_school(options.school);
  request.set_assessment(args.assessment);
  request.set_criterion(CriterionArg(args.criterion));
  request.set_action(action);
  request.set_revision(args.revision);
  v1::CriterionAssessment reviewed;
  if (grpc::Status s = c.assessments().ReviewCriterion(c.Context().get(), request, &reviewed);
      !s.ok()) {
    return ReportRpcError(std::string("assess ") + what + " " + request.criterion(), s);
  }
  if (options.json) {
    PrintJson(reviewed);
  } else {
    std::printf("%s (bản %u): %s\n", Named(reviewed.criterion()).c_str(), reviewed.revision(),
                StateName(reviewed.state()).c_str());
  }
  return kOk;
}

int RunHistory(Connection& c, const GlobalOptions& options, const AssessArgs& args) {
  v1::CriterionHistoryRequest request;
  request.set_school(options.school);
  request.set_assessment(args.assessment);
  request.set_criterion(CriterionArg(args.criterion));
  v1::CriterionHistoryResponse response;
  if (grpc::Status s = c.assessments().CriterionHistory(c.Context().get(), request, &response);
      !s.ok()) {
    return ReportRpcError("assess history " + request.criterion(), s);
  }
  if (options.json) {
    PrintJson(response);
    return kOk;
  }
  if (response.revisions().empty()) {
    std::printf("%s chưa có bản nào\n", Named(request.criterion()).c_str());
    return kOk;
  }
  const Table table({Right(4), Right(4), Left(9, "  "), Left(16, "  "), Left(0, "  ")});
  table.Print({"BẢN", "MỨC", "TRẠNG THÁI", "NGƯỜI VIẾT", "XÉT DUYỆT"});
  for (const auto& r : response.revisions()) {
    table.Print({std::to_string(r.revision()), std::to_string(r.level()), StateName(r.state()),
                 r.writer(), r.reviewed_by()});
  }
  return kOk;
}

int RunSection(Connection& c, const GlobalOptions& options, const AssessArgs& args) {
  v1::SetSectionRequest request;
  request.set_school(options.school);
  request.set_assessment(args.assessment);
  request.set_key(args.key);
  if (int code = TextArg("TEXT", args.text, request.mutable_text()); code != kOk) return code;
  v1::Assessment a;
  if (grpc::Status s = c.assessments().SetSection(c.Context().get(), request, &a); !s.ok()) {
    return ReportRpcError("assess section " + args.key, s);
  }
  if (options.json) {
    PrintJson(a);
  } else {
    std::printf("đợt #%llu: %s phần %s\n", static_cast<unsigned long long>(a.id()),
                request.text().empty() ? "đã xoá" : "đã ghi", args.key.c_str());
  }
  return kOk;
}

void AddAssessmentFlag(CLI::App& c, AssessArgs& a) {
  c.add_option("--assessment", a.assessment, "đợt tự đánh giá (mặc định: đợt mới nhất)");
}

void AddCriterionCommand(Registry& registry, const std::string& name, const std::string& help,
                         std::function<int(Connection&, const GlobalOptions&, AssessArgs&)> run,
                         bool with_revision) {
  auto args = std::make_shared<AssessArgs>();
  registry.Add({
      .path = "assess " + name,
      .help = help,
      .school = SchoolFlag::kRequired,
      .flags =
          [args, with_revision](CLI::App& c) {
            c.add_option("CRITERION", args->criterion, "tiêu chí, ví dụ 1.1; M4: Mức 4")
                ->required();
            AddAssessmentFlag(c, *args);
            if (with_revision) {
              c.add_option("--revision", args->revision,
                           "chỉ khi bản mới nhất là bản này (tránh ghi đè việc của người khác)");
            }
          },
      .run = [args, run](Connection& c, const GlobalOptions& o) { return run(c, o, *args); },
  });
}

}  // namespace

void AddAssessCommands(Registry& registry) {
  registry.AddGroup("assess", "tự đánh giá: phiếu đánh giá tiêu chí, mức đạt, xét duyệt");
  auto created = std::make_shared<AssessArgs>();
  registry.Add({
      .path = "assess new",
      .help = "mở một đợt tự đánh giá cho một chu kỳ năm học",
      .school = SchoolFlag::kRequired,
      .flags =
          [created](CLI::App& c) {
            c.add_option("--years", created->years, "chu kỳ, ví dụ 2020-2021..2024-2025")
                ->required();
            c.add_option("--title", created->title,
                         "tên báo cáo (mặc định: Báo cáo tự đánh giá <tên trường>)");
          },
      .run = [created](Connection& c, const GlobalOptions& o) { return RunNew(c, o, *created); },
  });
  registry.Add({.path = "assess ls",
                .help = "liệt kê các đợt tự đánh giá",
                .school = SchoolFlag::kRequired,
                .run = RunList});
  auto shown = std::make_shared<AssessArgs>();
  registry.Add({
      .path = "assess show",
      .help = "tổng hợp mức từng tiêu chí, hoặc phiếu của một tiêu chí",
      .school = SchoolFlag::kRequired,
      .flags =
          [shown](CLI::App& c) {
            c.add_option("CRITERION", shown->criterion, "tiêu chí (bỏ trống: tổng hợp)");
            AddAssessmentFlag(c, *shown);
          },
      .run = [shown](Connection& c, const GlobalOptions& o) { return RunShow(c, o, *shown); },
  });
  auto written = std::make_shared<AssessArgs>();
  registry.Add({
      .path = "assess write",
      .help = "ghi một bản mới của phiếu một tiêu chí (phần không nêu giữ như bản trước)",
      .school = SchoolFlag::kRequired,
      .flags =
          [written](CLI::App& c) {
            AssessArgs& a = *written;
            a.command = &c;
            c.add_option("CRITERION", a.criterion, "tiêu chí, ví dụ 1.1; M4: Mức 4")->required();
            AddAssessmentFlag(c, a);
            c.add_option("--description", a.description,
                         "1. Mô tả hiện trạng, mã minh chứng trong ngoặc [H1-1.1-01] (hoặc @TỆP)");
            c.add_option("--strengths", a.strengths, "2. Điểm mạnh (hoặc @TỆP)");
            c.add_option("--weaknesses", a.weaknesses, "3. Điểm yếu (hoặc @TỆP)");
            c.add_option("--plan", a.plan, "4. Kế hoạch cải tiến chất lượng (hoặc @TỆP)");
            c.add_option("--met", a.met, "chỉ báo Đạt, ví dụ 1a,1b,2a")->delimiter(',');
            c.add_option("--not-met", a.not_met, "chỉ báo Không đạt, ví dụ 3a")->delimiter(',');
            c.add_option("--group", a.group, "nhóm, cá nhân viết phiếu");
            c.add_flag("--refuse-unlinked", a.refuse_unlinked,
                       "từ chối minh chứng chưa gắn với tiêu chí (mặc định: gắn là minh chứng "
                       "dùng chung)");
            c.add_option("--revision", a.revision,
                         "chỉ khi bản mới nhất là bản này (mặc định: bản vừa đọc)");
          },
      .run = [written](Connection& c, const GlobalOptions& o) { return RunWrite(c, o, *written); },
  });
  AddCriterionCommand(
      registry, "submit", "nộp phiếu của một tiêu chí để hội đồng duyệt",
      [](Connection& c, const GlobalOptions& o, AssessArgs& a) {
        return RunReview(c, o, a, v1::REVIEW_SUBMIT, "submit");
      },
      true);
  AddCriterionCommand(
      registry, "approve", "duyệt phiếu đã nộp (chủ tịch hội đồng); bản đã duyệt bị khoá",
      [](Connection& c, const GlobalOptions& o, AssessArgs& a) {
        return RunReview(c, o, a, v1::REVIEW_APPROVE, "approve");
      },
      true);
  AddCriterionCommand(
      registry, "reopen", "trả phiếu đã nộp về nháp",
      [](Connection& c, const GlobalOptions& o, AssessArgs& a) {
        return RunReview(c, o, a, v1::REVIEW_REOPEN, "reopen");
      },
      true);
  AddCriterionCommand(
      registry, "history", "các bản của phiếu một tiêu chí, cũ trước",
      [](Connection& c, const GlobalOptions& o, AssessArgs& a) { return RunHistory(c, o, a); },
      false);
  auto section = std::make_shared<AssessArgs>();
  registry.Add({
      .path = "assess section",
      .help = "ghi một phần riêng của báo cáo (dat-van-de, co-so-du-lieu, ket-luan-chung, "
              "mo-dau-N, ket-luan-N, muc-4)",
      .school = SchoolFlag::kRequired,
      .flags =
          [section](CLI::App& c) {
            c.add_option("KEY", section->key, "phần của báo cáo")->required();
            c.add_option("TEXT", section->text, "nội dung, hoặc @TỆP (rỗng: xoá)")->required();
            AddAssessmentFlag(c, *section);
          },
      .run = [section](Connection& c,
                       const GlobalOptions& o) { return RunSection(c, o, *section); },
  });
}

}  // namespace hoso::cli
