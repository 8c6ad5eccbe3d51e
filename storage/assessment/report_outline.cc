#include "storage/assessment/report_outline.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "absl/status/status.h"
#include "storage/assessment/citations.h"
#include "storage/assessment/levels.h"
#include "storage/assessment/problem_subjects.h"
#include "storage/base/portable_name.h"
#include "storage/base/text.h"

namespace hoso::storage {

std::string CleanForMarkup(std::string_view text) {
  std::string nfc = text::EscapeBidiControls(text::Nfc(text));
  std::string out;
  out.reserve(nfc.size());
  for (char c : nfc) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') continue;
    out += c;
  }
  return out;
}

namespace {

constexpr char kNotWrittenText[] = "Chưa viết";

Run Plain(std::string text) { return Run{std::move(text)}; }
Run Bold(std::string text) { return Run{std::move(text), false, true}; }
Run Red(std::string text) { return Run{std::move(text), true}; }

bool Blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

Block Paragraph(std::vector<Run> runs) {
  Block b;
  b.runs = std::move(runs);
  return b;
}

Cell TextCell(std::string text, bool bold = false) {
  return Cell{{Run{std::move(text), false, bold}}};
}

std::string Anchor(std::string_view prefix, std::string_view code) {
  std::string out(prefix);
  for (char c : code) out += (c == '.' ? '-' : c);
  return out;
}

std::string LevelName(int level) { return "Mức " + std::to_string(level); }

class OutlineBuilder {
 public:
  explicit OutlineBuilder(const ReportInput& input) : input_(input) {
    for (const AssessmentProblem& p : input.problems) by_criterion_[p.criterion].push_back(&p);
    for (const CriterionAssessmentRecord& r : input.criteria) written_[r.criterion()] = &r;
    for (const EvidenceRecord& e : input.evidence) {
      if (!e.deleted()) live_[e.id()] = &e;
    }
  }

  Outline Report() {
    const Framework& f = *input_.framework;
    out_.title = Title();
    Title(out_.title);
    Heading(1, "MỤC LỤC", "muc-luc");
    Block contents;
    contents.kind = Block::Kind::kContents;
    out_.blocks.push_back(contents);
    Heading(1, "DANH MỤC CÁC CHỮ VIẾT TẮT", "chu-viet-tat");
    Abbreviations();
    Heading(1, "BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ", "bang-tong-hop");
    Summary();
    Heading(1, "Phần I. CƠ SỞ DỮ LIỆU", "phan-1");
    Section("co-so-du-lieu");
    Heading(1, "Phần II. TỰ ĐÁNH GIÁ", "phan-2");
    Heading(2, "A. ĐẶT VẤN ĐỀ", "dat-van-de");
    Section("dat-van-de");
    Heading(2, "B. TỰ ĐÁNH GIÁ", "tu-danh-gia");
    Heading(3, "I. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 1, 2 VÀ 3", "muc-1-3");
    for (const Standard& standard : f.standards()) {
      const std::string n = std::to_string(standard.number());
      Heading(4, "Tiêu chuẩn " + n + ": " + standard.name(), "tieu-chuan-" + n);
      Add(Paragraph({Bold("Mở đầu:")}));
      Section("mo-dau-" + n);
      for (const Criterion& criterion : standard.criteria()) {
        CriterionForm(criterion.code(), "Tiêu chí " + criterion.code() + ": " + criterion.name(), 5,
                      false);
      }
      Add(Paragraph({Bold("Kết luận về Tiêu chuẩn " + n + ":")}));
      Section("ket-luan-" + n);
    }
    if (!f.level4().empty()) {
      Heading(3, "II. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 4", "muc-4");
      Section("muc-4");
      CriterionForm(std::string(kLevel4Criterion), "Các tiêu chí Mức 4", 4, false);
    }
    Heading(2, "KẾT LUẬN CHUNG", "ket-luan-chung");
    Section("ket-luan-chung");
    Heading(1, "Phần III. PHỤ LỤC", "phan-3");
    Heading(2, "Danh mục mã minh chứng", "danh-muc-minh-chung");
    EvidenceList();
    return std::move(out_);
  }

  absl::StatusOr<Outline> Form(std::string_view code) {
    const Framework& f = *input_.framework;
    const bool level4 = code == kLevel4Criterion;
    const Criterion* criterion = level4 ? nullptr : FindCriterion(f, code);
    if (!level4 && criterion == nullptr) {
      return absl::NotFoundError("Bộ tiêu chuẩn " + f.id() + " không có tiêu chí " +
                                 std::string(code));
    }
    if (level4 && f.level4().empty()) {
      return absl::NotFoundError("Bộ tiêu chuẩn " + f.id() + " không có danh sách Mức 4");
    }
    out_.title = std::string(level4 ? "Phiếu đánh giá các tiêu chí Mức 4"
                                    : "Phiếu đánh giá tiêu chí " + std::string(code)) +
                 " — " + SchoolName();
    Title(level4 ? "PHIẾU ĐÁNH GIÁ CÁC TIÊU CHÍ MỨC 4" : "PHIẾU ĐÁNH GIÁ TIÊU CHÍ");
    CriterionForm(
        std::string(code),
        level4 ? "Các tiêu chí Mức 4" : "Tiêu chí " + criterion->code() + ": " + criterion->name(),
        2, true);
    return std::move(out_);
  }

 private:
  std::string SchoolName() const {
    return input_.school != nullptr ? input_.school->name() : input_.assessment->school();
  }

  std::string Title() const {
    if (!input_.assessment->title().empty()) return input_.assessment->title();
    return "Báo cáo tự đánh giá " + SchoolName();
  }

  void Add(Block b) { out_.blocks.push_back(std::move(b)); }

  void Title(const std::string& text) {
    Block b;
    b.kind = Block::Kind::kTitle;
    b.runs = {Bold(text)};
    b.centred = true;
    Add(std::move(b));
    Block school = Paragraph({Bold(SchoolName())});
    school.centred = true;
    Add(std::move(school));
    const AssessmentRecord& a = *input_.assessment;
    if (!a.first_year().empty()) {
      Block years = Paragraph({Plain("Giai đoạn " + a.first_year() + " – " + a.last_year())});
      years.centred = true;
      Add(std::move(years));
    }
  }

  void Heading(int level, const std::string& text, std::string anchor) {
    Block b;
    b.kind = Block::Kind::kHeading;
    b.level = level;
    b.runs = {Plain(text)};
    b.anchor = std::move(anchor);
    Add(std::move(b));
  }

  void Table(std::vector<std::vector<Cell>> rows, std::vector<int> widths) {
    Block b;
    b.kind = Block::Kind::kTable;
    b.rows = std::move(rows);
    b.widths = std::move(widths);
    Add(std::move(b));
  }

  void Abbreviations() {
    std::vector<std::vector<Cell>> rows = {
        {TextCell("Chữ viết tắt", true), TextCell("Nội dung", true)}};
    for (auto [short_form, long_form] : {std::pair{"CBQL", "Cán bộ quản lý"},
                                         {"CMHS", "Cha mẹ học sinh"},
                                         {"ĐGN", "Đánh giá ngoài"},
                                         {"GV", "Giáo viên"},
                                         {"HS", "Học sinh"},
                                         {"KĐCLGD", "Kiểm định chất lượng giáo dục"},
                                         {"NV", "Nhân viên"},
                                         {"TĐG", "Tự đánh giá"}}) {
      rows.push_back({TextCell(short_form), TextCell(long_form)});
    }
    Table(std::move(rows), {25, 75});
  }

  void Summary() {
    const Framework& f = *input_.framework;
    std::vector<std::vector<Cell>> rows = {
        {TextCell("Tiêu chuẩn, tiêu chí", true), TextCell("Không đạt", true),
         TextCell("Đạt Mức 1", true), TextCell("Đạt Mức 2", true), TextCell("Đạt Mức 3", true)}};
    for (const Standard& standard : f.standards()) {
      Cell heading = TextCell(
          "Tiêu chuẩn " + std::to_string(standard.number()) + ": " + standard.name(), true);
      heading.span = 5;
      rows.push_back({std::move(heading)});
      for (const Criterion& criterion : standard.criteria()) {
        std::vector<Cell> row(5);
        row[0].runs = {Plain("Tiêu chí " + criterion.code())};
        auto it = written_.find(criterion.code());
        if (it == written_.end()) {
          row[0].runs.push_back(Red(" (chưa đánh giá)"));
        } else {
          const int level = std::clamp(it->second->level(), 0, 3);
          row[static_cast<size_t>(level == 0 ? 1 : level + 1)].runs = {Plain("x")};
        }
        rows.push_back(std::move(row));
      }
    }
    Table(std::move(rows), {40, 15, 15, 15, 15});
    if (!f.level4().empty()) {
      auto it = written_.find(kLevel4Criterion);
      if (it == written_.end()) {
        Add(Paragraph({Plain("Mức 4: "), Red("chưa đánh giá")}));
      } else {
        Add(Paragraph({Plain("Mức 4: đạt " + std::to_string(Level4Met(*it->second)) + "/" +
                             std::to_string(f.level4_size()) + " tiêu chí")}));
      }
    }
    Add(Paragraph(
        {Bold(input_.school_level > 0 ? "Kết quả: Trường đạt " + LevelName(input_.school_level)
                                      : std::string("Kết quả: Trường chưa đạt Mức 1"))}));
  }

  int Level4Met(const CriterionAssessmentRecord& r) const {
    int met = 0;
    for (const Indicator& item : input_.framework->level4()) {
      for (const IndicatorResult& result : r.indicators()) {
        if (result.level() == 4 && result.code() == item.code() &&
            result.judgement() == JUDGEMENT_MET) {
          ++met;
          break;
        }
      }
    }
    return met;
  }

  // One of the report's own parts; a missing one in red.
  void Section(const std::string& key) {
    auto it = input_.assessment->sections().find(key);
    if (it == input_.assessment->sections().end() || Blank(it->second)) {
      Add(Paragraph({Red(kNotWrittenText)}));
      return;
    }
    Text(it->second, nullptr, "");
  }

  bool Has(const std::string& criterion, ProblemKind kind, const std::string& subject) const {
    auto it = by_criterion_.find(criterion);
    if (it == by_criterion_.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(), [&](const AssessmentProblem* p) {
      return p->kind == kind && p->subject == subject;
    });
  }

  // The item a written code names: the one its save resolved it to, else a
  // live one with that code.
  uint64_t Resolve(const CriterionAssessmentRecord* r, const WrittenCitation& c) const {
    if (r != nullptr) {
      for (const CitationRecord& record : r->citations()) {
        if (record.written() == c.written && live_.count(record.evidence_id())) {
          return record.evidence_id();
        }
      }
    }
    for (const auto& [id, e] : live_) {
      const std::optional<SchoolCode> own = ParseSchoolCode(e->code());
      if (own && SameCode(*own, c.code)) return id;
    }
    return 0;
  }

  // A text as paragraphs (one per line) of runs: cited codes linked to their
  // items, and in red what the check found: sentences without a code (in the
  // description, `statements`) and codes that do not resolve.
  void Text(const std::string& text, const CriterionAssessmentRecord* r,
            const std::string& criterion, bool statements = false) {
    struct Range {
      size_t begin, end;
      bool red;
      uint64_t id;
    };
    std::vector<Range> ranges;
    if (statements) {
      for (const Statement& s : Statements(text)) {
        if (!s.cited && Has(criterion, ProblemKind::kUncitedStatement, s.text)) {
          ranges.push_back({s.offset, s.offset + s.text.size(), true, 0});
        }
      }
    }
    for (const WrittenCitation& c : FindCitations(text)) {
      const bool bad = Has(criterion, ProblemKind::kBadCitation, CitationSubject(c.written));
      ranges.push_back({c.offset, c.offset + c.length, bad, Resolve(r, c)});
    }
    std::set<size_t> cuts = {0, text.size()};
    for (const Range& range : ranges) {
      cuts.insert(range.begin);
      cuts.insert(range.end);
    }
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') {
        cuts.insert(i);
        cuts.insert(i + 1);
      }
    }
    std::vector<Run> runs;
    auto flush = [&] {
      if (!runs.empty()) Add(Paragraph(std::move(runs)));
      runs.clear();
    };
    for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it) {
      const size_t begin = *it, end = *std::next(it);
      if (text[begin] == '\n') {
        flush();
        continue;
      }
      Run run{CleanForMarkup(std::string_view(text).substr(begin, end - begin))};
      for (const Range& range : ranges) {
        if (begin < range.begin || begin >= range.end) continue;
        run.red = run.red || range.red;
        if (range.id != 0) run.evidence_id = range.id;
      }
      if (!runs.empty() && runs.back().red == run.red && runs.back().evidence_id == 0 &&
          run.evidence_id == 0) {
        runs.back().text += run.text;
      } else {
        runs.push_back(std::move(run));
      }
    }
    flush();
  }

  void Part(const std::string& label, const std::string& text, const CriterionAssessmentRecord& r,
            bool statements) {
    Add(Paragraph({Bold(label)}));
    if (Blank(text)) {
      Add(Paragraph({Red(kNotWrittenText)}));
      return;
    }
    Text(text, &r, r.criterion(), statements);
  }

  void Indicators(const std::vector<Indicator>& indicators, bool level4) {
    if (indicators.empty()) {
      Add(Paragraph({Red("Bộ tiêu chuẩn chưa có nội dung chỉ báo của tiêu chí này")}));
      return;
    }
    int level = 0;
    for (const Indicator& indicator : indicators) {
      if (!level4 && indicator.level() != level) {
        level = indicator.level();
        Add(Paragraph({Bold(LevelName(level))}));
      }
      Add(Paragraph(
          {Plain(CleanForMarkup(indicator.code() + (level4 ? ". " : ") ") + indicator.text()))}));
    }
  }

  // 5. Tự đánh giá: a table per level, each indicator Đạt / Không đạt.
  void Judgements(const std::string& code, const std::vector<Indicator>& indicators,
                  const CriterionAssessmentRecord& r) {
    std::map<int, std::vector<const Indicator*>> by_level;
    for (const Indicator& i : indicators) by_level[i.level()].push_back(&i);
    for (const auto& [level, list] : by_level) {
      std::vector<std::vector<Cell>> rows = {
          {TextCell(LevelName(level), true), TextCell("Kết quả", true)}};
      for (const Indicator* i : list) {
        Judgement judgement = JUDGEMENT_UNSET;
        for (const IndicatorResult& result : r.indicators()) {
          if (result.level() == level && result.code() == i->code()) judgement = result.judgement();
        }
        Cell result;
        if (judgement == JUDGEMENT_MET) {
          result.runs = {Plain("Đạt")};
        } else if (judgement == JUDGEMENT_NOT_MET) {
          result.runs = {Plain("Không đạt")};
        } else {
          const bool found =
              Has(code, ProblemKind::kUnjudgedIndicator, IndicatorSubject(level, i->code()));
          result.runs = {Run{"Chưa đánh giá", found}};
        }
        rows.push_back(
            {TextCell((level == 4 ? "Tiêu chí " : "Chỉ báo ") + i->code()), std::move(result)});
      }
      Table(std::move(rows), {70, 30});
    }
    if (code == kLevel4Criterion) {
      Add(Paragraph({Bold("Kết quả: đạt " + std::to_string(Level4Met(r)) + "/" +
                          std::to_string(indicators.size()) + " tiêu chí Mức 4")}));
    } else {
      Add(Paragraph({Bold(r.level() > 0 ? "Kết quả: Đạt " + LevelName(r.level())
                                        : std::string("Kết quả: Không đạt Mức 1"))}));
    }
  }

  // The note under a criterion listing everything the check found.
  void ProblemNote(const std::string& code) {
    auto it = by_criterion_.find(code);
    if (it == by_criterion_.end() || it->second.empty()) return;
    Add(Paragraph({Run{"Cần bổ sung trước khi công bố:", true, true}}));
    for (const AssessmentProblem* p : it->second)
      Add(Paragraph({Red("– " + CleanForMarkup(p->message))}));
  }

  void CriterionForm(const std::string& code, const std::string& title, int level, bool form) {
    Heading(level, title, Anchor("tieu-chi-", code));
    auto it = written_.find(code);
    const CriterionAssessmentRecord* r = it == written_.end() ? nullptr : it->second;
    if (form) {
      Add(Paragraph({Bold("Trường: "), Plain(SchoolName())}));
      Add(Paragraph({Bold("Nhóm, cá nhân: "), Plain(r != nullptr ? r->group() : "")}));
    }
    ProblemNote(code);
    const bool level4 = code == kLevel4Criterion;
    const std::vector<Indicator> indicators = IndicatorsOf(*input_.framework, code);
    Indicators(indicators, level4);
    if (r == nullptr) {
      Add(Paragraph({Red(std::string(kNotWrittenText) + ": tiêu chí chưa được đánh giá")}));
    } else {
      Part("1. Mô tả hiện trạng:", r->description(), *r, true);
      Part("2. Điểm mạnh:", r->strengths(), *r, false);
      Part("3. Điểm yếu:", r->weaknesses(), *r, false);
      Part("4. Kế hoạch cải tiến chất lượng:", r->improvement(), *r, false);
      Add(Paragraph({Bold("5. Tự đánh giá:")}));
      Judgements(code, indicators, *r);
    }
    if (form) {
      Block b;
      b.kind = Block::Kind::kSignatures;
      b.rows = {{TextCell("Xác nhận của trưởng nhóm công tác", true), TextCell("Người viết", true)},
                {TextCell("(Ký và ghi rõ họ tên)"), TextCell("(Ký và ghi rõ họ tên)")},
                {TextCell(""), TextCell(r != nullptr ? r->writer() : "")}};
      Add(std::move(b));
    }
  }

  void EvidenceList() {
    std::vector<std::vector<Cell>> rows = {
        {TextCell("TT", true), TextCell("Mã minh chứng", true), TextCell("Tên minh chứng", true),
         TextCell("Số, ngày ban hành", true), TextCell("Nơi ban hành", true)}};
    int n = 0;
    for (const EvidenceRecord& e : input_.evidence) {
      if (e.deleted()) continue;
      Cell code;
      code.runs = {Run{CleanForMarkup(e.code()), false, false, false, e.id()}};
      std::string number = e.number();
      if (!e.date().empty()) number += (number.empty() ? "" : ", ") + e.date();
      rows.push_back({TextCell(std::to_string(++n)), std::move(code),
                      TextCell(CleanForMarkup(e.title())), TextCell(CleanForMarkup(number)),
                      TextCell(CleanForMarkup(e.issuer()))});
    }
    if (n == 0) {
      Add(Paragraph({Red("Chưa có minh chứng nào")}));
      return;
    }
    Table(std::move(rows), {6, 18, 40, 20, 16});
  }

  const ReportInput& input_;
  std::map<std::string, std::vector<const AssessmentProblem*>, std::less<>> by_criterion_;
  std::map<std::string, const CriterionAssessmentRecord*, std::less<>> written_;
  std::map<uint64_t, const EvidenceRecord*> live_;
  Outline out_;
};

}  // namespace

absl::StatusOr<Outline> BuildOutline(const ReportInput& input, std::string_view only_criterion) {
  if (input.framework == nullptr || input.assessment == nullptr) {
    return absl::InvalidArgumentError("the report needs a framework and an assessment");
  }
  OutlineBuilder builder(input);
  if (only_criterion.empty()) return builder.Report();
  return builder.Form(only_criterion);
}

}  // namespace hoso::storage
