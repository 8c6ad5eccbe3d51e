#include "storage/assessment/assessment_check.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "storage/assessment/citations.h"
#include "storage/assessment/levels.h"
#include "storage/assessment/problem_subjects.h"

namespace hoso::storage {

std::vector<std::string> SectionKeys(const Framework& framework) {
  std::vector<std::string> keys = {"co-so-du-lieu", "dat-van-de"};
  for (const Standard& standard : framework.standards()) {
    keys.push_back("mo-dau-" + std::to_string(standard.number()));
    keys.push_back("ket-luan-" + std::to_string(standard.number()));
  }
  if (!framework.level4().empty()) keys.push_back("muc-4");
  keys.push_back("ket-luan-chung");
  return keys;
}

std::string SectionTitle(const std::string& key) {
  if (key == "co-so-du-lieu") return "Cơ sở dữ liệu";
  if (key == "dat-van-de") return "Đặt vấn đề";
  if (key == "muc-4") return "Mức 4";
  if (key == "ket-luan-chung") return "Kết luận chung";
  if (key.rfind("mo-dau-", 0) == 0) return "Mở đầu của Tiêu chuẩn " + key.substr(7);
  if (key.rfind("ket-luan-", 0) == 0) return "Kết luận về Tiêu chuẩn " + key.substr(9);
  return key;
}

std::vector<Indicator> IndicatorsOf(const Framework& framework, std::string_view code) {
  if (code == kLevel4Criterion) return {framework.level4().begin(), framework.level4().end()};
  const Criterion* criterion = FindCriterion(framework, code);
  if (criterion == nullptr) return {};
  return {criterion->indicators().begin(), criterion->indicators().end()};
}

namespace {

// The four texts of a criterion, by the name CitationRecord.part uses.
std::vector<std::pair<std::string, const std::string*>> Parts(const CriterionAssessmentRecord& r) {
  return {{"description", &r.description()},
          {"strengths", &r.strengths()},
          {"weaknesses", &r.weaknesses()},
          {"improvement", &r.improvement()}};
}

bool Approved(const EvidenceRecord& e) {
  return !e.deleted() && e.review_state() == REVIEW_APPROVED;
}

class Checker {
 public:
  explicit Checker(const CheckInput& input) : input_(input) {
    for (const EvidenceRecord& e : input.evidence) {
      if (!e.deleted()) live_[e.id()] = &e;
    }
    for (const CriterionAssessmentRecord& r : input.criteria) written_[r.criterion()] = &r;
  }

  std::vector<AssessmentProblem> Run() {
    const Framework& framework = *input_.framework;
    for (const Standard& standard : framework.standards()) {
      for (const Criterion& criterion : standard.criteria()) CheckCriterion(criterion.code(), true);
    }
    if (!framework.level4().empty()) CheckCriterion(std::string(kLevel4Criterion), false);
    if (input_.assessment != nullptr) {
      for (const std::string& key : SectionKeys(framework)) {
        auto it = input_.assessment->sections().find(key);
        if (it == input_.assessment->sections().end() || Blank(it->second)) {
          // The key too: it is what `hoso assess section KEY` takes.
          Add("", ProblemKind::kNotWritten, key,
              "Phần \"" + SectionTitle(key) + "\" (" + key + ") của báo cáo chưa viết");
        }
      }
    }
    return std::move(problems_);
  }

 private:
  static bool Blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
  }

  void Add(const std::string& criterion, ProblemKind kind, std::string subject,
           std::string message) {
    problems_.push_back({criterion, kind, std::move(subject), std::move(message)});
  }

  void CheckCriterion(const std::string& code, bool in_plan) {
    const size_t first = problems_.size();
    const std::vector<Indicator> indicators = IndicatorsOf(*input_.framework, code);
    const std::string name = code == kLevel4Criterion ? "Mức 4" : "Tiêu chí " + code;
    auto it = written_.find(code);
    if (it == written_.end()) {
      Add(code, ProblemKind::kNotWritten, code, name + " chưa được đánh giá");
    } else {
      CheckWritten(code, *it->second, indicators);
    }
    if (in_plan && std::none_of(input_.tasks.begin(), input_.tasks.end(),
                                [&](const TaskRecord& t) { return t.criterion() == code; })) {
      Add(code, ProblemKind::kNoPlanTask, code,
          name + " chưa có nhiệm vụ nào trong kế hoạch cải tiến chất lượng");
    }
    if (indicators.empty()) {
      Add(code, ProblemKind::kNoIndicators, code,
          "Bộ tiêu chuẩn chưa có nội dung chỉ báo của " + name +
              ": nạp bộ tiêu chuẩn có đủ chỉ báo để đánh giá");
    }
    std::stable_sort(problems_.begin() + static_cast<std::ptrdiff_t>(first), problems_.end(),
                     [](const AssessmentProblem& a, const AssessmentProblem& b) {
                       return static_cast<int>(a.kind) < static_cast<int>(b.kind);
                     });
  }

  void CheckWritten(const std::string& code, const CriterionAssessmentRecord& r,
                    const std::vector<Indicator>& indicators) {
    for (const Statement& s : Statements(r.description())) {
      if (!s.cited) {
        Add(code, ProblemKind::kUncitedStatement, s.text,
            "Câu chưa dẫn mã minh chứng: \"" + s.text + "\"");
      }
    }
    CheckUncitedEvidence(code, r);
    for (const Indicator& indicator : indicators) {
      const bool judged = std::any_of(
          r.indicators().begin(), r.indicators().end(), [&](const IndicatorResult& result) {
            return result.level() == indicator.level() && result.code() == indicator.code() &&
                   result.judgement() != JUDGEMENT_UNSET;
          });
      if (!judged) {
        const std::string subject = IndicatorSubject(indicator.level(), indicator.code());
        Add(code, ProblemKind::kUnjudgedIndicator, subject,
            indicator.level() == 4
                ? "Nội dung " + indicator.code() + " của Mức 4 chưa đánh giá Đạt / Không đạt"
                : "Chỉ báo " + indicator.code() + " (Mức " + std::to_string(indicator.level()) +
                      ") chưa đánh giá Đạt / Không đạt");
      }
    }
    CheckCitations(code, r);
    if (r.state() != ASSESSMENT_APPROVED) {
      Add(code, ProblemKind::kNotApproved, code,
          std::string("Bản đánh giá mới nhất (lần ") + std::to_string(r.revision()) + ") " +
              (r.state() == ASSESSMENT_SUBMITTED ? "đã gửi, chưa được duyệt"
                                                 : "còn là bản nháp, chưa được duyệt"));
    }
  }

  // Every code written in the four texts.
  static std::vector<SchoolCode> CitedCodes(const CriterionAssessmentRecord& r) {
    std::vector<SchoolCode> codes;
    for (const auto& [part, text] : Parts(r)) {
      for (const WrittenCitation& c : FindCitations(*text)) codes.push_back(c.code);
    }
    return codes;
  }

  void CheckUncitedEvidence(const std::string& code, const CriterionAssessmentRecord& r) {
    const std::vector<SchoolCode> cited = CitedCodes(r);
    std::set<uint64_t> cited_ids;
    for (const CitationRecord& c : r.citations()) cited_ids.insert(c.evidence_id());
    for (const EvidenceRecord& e : input_.evidence) {
      if (e.deleted()) continue;
      if (std::find(e.criteria().begin(), e.criteria().end(), code) == e.criteria().end()) continue;
      if (cited_ids.count(e.id())) continue;
      const std::optional<SchoolCode> own = ParseSchoolCode(e.code());
      if (own && std::any_of(cited.begin(), cited.end(),
                             [&](const SchoolCode& c) { return SameCode(c, *own); })) {
        continue;
      }
      Add(code, ProblemKind::kUncitedEvidence, e.code(),
          "Minh chứng " + e.code() + " (" + e.title() +
              ") gắn với tiêu chí nhưng chưa được dẫn ở đâu");
    }
  }

  // A cited code is good while a live approved item carries it: the one the
  // save resolved it to, or (written after the save) one with that code.
  void CheckCitations(const std::string& code, const CriterionAssessmentRecord& r) {
    std::set<std::string> named;
    for (const auto& [part, text] : Parts(r)) {
      for (const WrittenCitation& c : FindCitations(*text)) {
        const std::string subject = CitationSubject(c.written);
        if (named.count(subject)) continue;
        std::string why;
        if (Resolves(r, part, c, &why)) continue;
        named.insert(subject);
        Add(code, ProblemKind::kBadCitation, subject, "Mã " + subject + " " + why);
      }
    }
  }

  bool Resolves(const CriterionAssessmentRecord& r, const std::string& part,
                const WrittenCitation& c, std::string* why) const {
    for (const CitationRecord& record : r.citations()) {
      if (record.written() != c.written || (!record.part().empty() && record.part() != part)) {
        continue;
      }
      auto it = live_.find(record.evidence_id());
      if (it == live_.end()) {
        *why = "trỏ tới minh chứng đã bị xoá";
        return false;
      }
      const EvidenceRecord& e = *it->second;
      const std::optional<SchoolCode> now = ParseSchoolCode(e.code());
      if (!now || !SameCode(*now, c.code)) {
        *why = "trỏ tới minh chứng nay mang mã " + e.code();
        return false;
      }
      if (!Approved(e)) {
        *why = "trỏ tới minh chứng chưa được duyệt (" + e.title() + ")";
        return false;
      }
      return true;
    }
    const EvidenceRecord* unapproved = nullptr;
    for (const auto& [id, e] : live_) {
      const std::optional<SchoolCode> own = ParseSchoolCode(e->code());
      if (!own || !SameCode(*own, c.code)) continue;
      if (Approved(*e)) return true;
      unapproved = e;
    }
    *why = unapproved != nullptr
               ? "trỏ tới minh chứng chưa được duyệt (" + unapproved->title() + ")"
               : "không có trong kho minh chứng của trường";
    return false;
  }

  const CheckInput& input_;
  std::map<uint64_t, const EvidenceRecord*> live_;
  std::map<std::string, const CriterionAssessmentRecord*, std::less<>> written_;
  std::vector<AssessmentProblem> problems_;
};

}  // namespace

std::vector<AssessmentProblem> CheckAssessment(const CheckInput& input) {
  if (input.framework == nullptr) return {};
  return Checker(input).Run();
}

}  // namespace hoso::storage
