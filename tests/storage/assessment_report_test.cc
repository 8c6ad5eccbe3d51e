// The report (PL6) and the forms (PL5a) from hand-built records: HTML
// escaped and self-contained, the .docx a zip of XML parts that a second
// reader takes apart, red marks exactly where the check found problems.
#include "storage/assessment/assessment_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/storage/assessment_records.h"
#include "tests/storage/docx_reader.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

using ::hoso::testing::Citation;
using ::hoso::testing::DocxContent;
using ::hoso::testing::Item;
using ::hoso::testing::ReadDocx;
using ::hoso::testing::Result;
using ::hoso::testing::StatusIs;
using ::hoso::testing::Task;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kUncited[] = "Hằng năm nhà trường tổ chức rà soát.";

CriterionAssessmentRecord Written(const std::string& code, const std::string& description,
                                  int level) {
  CriterionAssessmentRecord r;
  r.set_school("LQD");
  r.set_assessment(1);
  r.set_criterion(code);
  r.set_revision(1);
  r.set_description(description);
  r.set_strengths("Kế hoạch phù hợp.");
  r.set_weaknesses("Chưa rà soát định kỳ.");
  r.set_improvement("Rà soát hằng năm.");
  r.set_level(level);
  r.set_state(ASSESSMENT_APPROVED);
  r.set_writer("nguyen.van.a");
  r.set_group("Nhóm 1");
  return r;
}

// A school whose assessment is complete when `complete`; else 1.1 has an
// uncited sentence, a code that does not resolve and an unjudged
// indicator, and 1.2 and the report's "dat-van-de" are not written.
class ReportTest : public ::testing::Test {
 protected:
  ReportTest() : framework_(hoso::testing::SmallFramework()) {
    framework_.mutable_standards()->RemoveLast();  // 2.1 has no indicator texts
    framework_.set_criteria_count(2);
    school_.set_code("LQD");
    school_.set_name("Trường Tiểu học Lê Quý Đôn");
    assessment_.set_school("LQD");
    assessment_.set_id(1);
    assessment_.set_first_year("2020-2021");
    assessment_.set_last_year("2024-2025");
    assessment_.set_title("Báo cáo tự đánh giá Trường Tiểu học Lê Quý Đôn");
    for (const char* key :
         {"co-so-du-lieu", "dat-van-de", "mo-dau-1", "ket-luan-1", "muc-4", "ket-luan-chung"}) {
      (*assessment_.mutable_sections())[key] = "Nội dung phần báo cáo [H1-1.1-01].";
    }
    evidence_ = {Item(1, "[H1-1.1-01]", "Kế hoạch chiến lược", "1.1"),
                 Item(2, "[H1-1.2-01]", "Quyết định thành lập hội đồng trường", "1.2")};
    CriterionAssessmentRecord c11 =
        Written("1.1", "Nhà trường có kế hoạch chiến lược [H1-1.1-01].", 3);
    for (auto [level, code] : {std::pair{1, "a"}, {1, "b"}, {2, "a"}, {3, "a"}}) {
      *c11.add_indicators() = Result(level, code, JUDGEMENT_MET);
    }
    *c11.add_citations() = Citation("H1-1.1-01", 1);
    CriterionAssessmentRecord c12 =
        Written("1.2", "Hội đồng trường được thành lập [H1-1.2-01].", 1);
    *c12.add_indicators() = Result(1, "a", JUDGEMENT_MET);
    *c12.add_indicators() = Result(2, "a", JUDGEMENT_NOT_MET);
    *c12.add_indicators() = Result(3, "a", JUDGEMENT_NOT_MET);
    *c12.add_citations() = Citation("H1-1.2-01", 2);
    CriterionAssessmentRecord m4 = Written("M4", "Nhà trường đạt nội dung 1 [H1-1.1-01].", 0);
    *m4.add_indicators() = Result(4, "1", JUDGEMENT_MET);
    *m4.add_indicators() = Result(4, "2", JUDGEMENT_NOT_MET);
    *m4.add_citations() = Citation("H1-1.1-01", 1);
    criteria_ = {c11, c12, m4};
    tasks_ = {Task("1.1"), Task("1.2")};
  }

  void MakeProblems() {
    CriterionAssessmentRecord& c11 = criteria_[0];
    c11.set_description(c11.description() + " " + kUncited + " Có biên bản [H1-1.1-09].");
    c11.mutable_indicators()->RemoveLast();  // 3a unjudged
    criteria_.erase(criteria_.begin() + 1);  // 1.2 never written
    assessment_.mutable_sections()->erase("dat-van-de");
  }

  ReportInput Input() {
    CheckInput check;
    check.framework = &framework_;
    check.assessment = &assessment_;
    check.criteria = criteria_;
    check.evidence = evidence_;
    check.tasks = tasks_;
    ReportInput input;
    input.school = &school_;
    input.framework = &framework_;
    input.assessment = &assessment_;
    input.criteria = criteria_;
    input.evidence = evidence_;
    input.problems = CheckAssessment(check);
    input.school_level = 1;
    return input;
  }

  std::string Html(const std::string& only = "") {
    auto html = ReportHtml(Input(), only);
    EXPECT_OK(html);
    return html.ok() ? *html : "";
  }

  DocxContent Docx(const std::string& only = "") {
    auto docx = ReportDocx(Input(), only, scratch_.path());
    EXPECT_OK(docx);
    DocxContent content = ReadDocx(docx.ok() ? *docx : "");
    EXPECT_THAT(content.errors, ::testing::IsEmpty());
    return content;
  }

  static std::string Red(const DocxContent& docx) {
    std::string red;
    for (const auto& p : docx.paragraphs) red += p.red + "|";
    return red;
  }

  static std::vector<std::string> Headings(const DocxContent& docx, const std::string& style) {
    std::vector<std::string> out;
    for (const auto& p : docx.paragraphs) {
      if (p.style == style) out.push_back(p.text);
    }
    return out;
  }

  Framework framework_;
  SchoolRecord school_;
  AssessmentRecord assessment_;
  std::vector<CriterionAssessmentRecord> criteria_;
  std::vector<EvidenceRecord> evidence_;
  std::vector<TaskRecord> tasks_;
  hoso::testing::TempDir scratch_;
};

TEST_F(ReportTest, ACompleteAssessmentHasNoRedMark) {
  ASSERT_THAT(Input().problems, ::testing::IsEmpty());
  EXPECT_THAT(Html(), Not(HasSubstr("class=\"problem\"")));
  EXPECT_EQ(Red(Docx()), std::string(Docx().paragraphs.size(), '|'));
}

TEST_F(ReportTest, TheHtmlMarksInRedWhatTheCheckFound) {
  MakeProblems();
  const std::string html = Html();
  EXPECT_THAT(html, HasSubstr(std::string("<span class=\"problem\">") + kUncited + "</span>"));
  EXPECT_THAT(html, HasSubstr("<span class=\"problem\">H1-1.1-09</span>"));
  EXPECT_THAT(html, HasSubstr("<span class=\"problem\">Chưa đánh giá</span>"));  // 3a
  EXPECT_THAT(html, HasSubstr("<span class=\"problem\">Chưa viết</span>"));      // dat-van-de
  EXPECT_THAT(html, HasSubstr("Cần bổ sung trước khi công bố"));
  EXPECT_THAT(html, Not(HasSubstr("<span class=\"problem\">Nhà trường có kế hoạch")))
      << "a cited sentence is not red";
}

TEST_F(ReportTest, TheHtmlIsSelfContainedAndUserTextIsInert) {
  criteria_[0].set_strengths("<script>alert('x')</script> & \"tốt\" <img src=x onerror=y>");
  const std::string html = Html();
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html,
              HasSubstr("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;tốt&quot;"));
  EXPECT_THAT(html, Not(HasSubstr("src=\"http")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, HasSubstr("<style>"));
}

// A right-to-left override would show "biên bản\u202Efdp.exe" reversed, in
// both formats: it is written out, as the dossier's index does.
TEST_F(ReportTest, BidirectionalControlsAreWrittenOut) {
  criteria_[0].set_weaknesses("Hồ sơ \u202Ecod.exe\u202C còn thiếu.");
  const std::string html = Html();
  EXPECT_THAT(html, Not(HasSubstr("\u202E")));
  EXPECT_THAT(html, HasSubstr("Hồ sơ [U+202E]cod.exe[U+202C] còn thiếu."));
  const std::string document = Docx().parts["word/document.xml"];
  EXPECT_THAT(document, Not(HasSubstr("\u202E")));
  EXPECT_THAT(document, HasSubstr("Hồ sơ [U+202E]cod.exe[U+202C] còn thiếu."));
}

TEST_F(ReportTest, CitedCodesLinkToTheirEvidenceWhenLinksAreGiven) {
  ReportInput input = Input();
  input.evidence_links[1] = "../Tiêu chuẩn 1/[H1-1.1-01] Kế hoạch/ke-hoach.pdf";
  input.evidence_links[2] = "javascript:alert(1)";
  auto html = ReportHtml(input, "");
  ASSERT_OK(html);
  EXPECT_THAT(
      *html,
      HasSubstr("<a href=\"../Tiêu chuẩn 1/[H1-1.1-01] Kế hoạch/ke-hoach.pdf\">H1-1.1-01</a>"));
  EXPECT_THAT(*html, Not(HasSubstr("javascript:")));
  EXPECT_THAT(Html(), Not(HasSubstr("<a href=\".."))) << "without links, codes are plain text";
}

TEST_F(ReportTest, TheSummaryShowsEachCriterionsLevelAndTheSchools) {
  const std::string html = Html();
  EXPECT_THAT(html,
              HasSubstr("<tr><td>Tiêu chí 1.1</td><td></td><td></td><td></td><td>x</td></tr>"));
  EXPECT_THAT(html,
              HasSubstr("<tr><td>Tiêu chí 1.2</td><td></td><td>x</td><td></td><td></td></tr>"));
  EXPECT_THAT(html, HasSubstr("Kết quả: Trường đạt Mức 1"));
  EXPECT_THAT(html, HasSubstr("Mức 4: đạt 1/2 tiêu chí"));
}

TEST_F(ReportTest, TheDocxIsAZipOfTheOfficePartsWithHeadingsAndTheSummaryTable) {
  const DocxContent docx = Docx();
  for (const char* part :
       {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
        "word/settings.xml", "word/_rels/document.xml.rels", "docProps/core.xml"}) {
    EXPECT_TRUE(docx.parts.count(part)) << part;
  }
  EXPECT_THAT(docx.parts.at("word/settings.xml"), HasSubstr("<w:updateFields w:val=\"true\"/>"));
  EXPECT_THAT(docx.parts.at("word/styles.xml"), HasSubstr("w:styleId=\"Heading1\""));
  EXPECT_THAT(docx.parts.at("word/document.xml"), HasSubstr(" TOC \\o"));
  EXPECT_THAT(Headings(docx, "Heading1"),
              ::testing::ElementsAre("MỤC LỤC", "DANH MỤC CÁC CHỮ VIẾT TẮT",
                                     "BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ", "Phần I. CƠ SỞ DỮ LIỆU",
                                     "Phần II. TỰ ĐÁNH GIÁ", "Phần III. PHỤ LỤC"));
  EXPECT_THAT(Headings(docx, "Heading2"),
              ::testing::ElementsAre("A. ĐẶT VẤN ĐỀ", "B. TỰ ĐÁNH GIÁ", "KẾT LUẬN CHUNG",
                                     "Danh mục mã minh chứng"));
  EXPECT_THAT(Headings(docx, "Heading5"),
              ::testing::ElementsAre(HasSubstr("Tiêu chí 1.1"), HasSubstr("Tiêu chí 1.2")));
  // The summary: the second table, after the abbreviations.
  ASSERT_GE(docx.tables.size(), 2u);
  const auto& summary = docx.tables[1];
  ASSERT_EQ(summary.size(), 4u);  // header, standard 1, 1.1, 1.2
  EXPECT_THAT(summary[2], ::testing::ElementsAre("Tiêu chí 1.1", "", "", "", "x"));
  EXPECT_THAT(summary[3], ::testing::ElementsAre("Tiêu chí 1.2", "", "x", "", ""));
  EXPECT_TRUE(std::filesystem::is_empty(scratch_.path())) << "working files were left behind";
}

TEST_F(ReportTest, TheDocxMarksInRedWhatTheCheckFound) {
  MakeProblems();
  const std::string red = Red(Docx());
  EXPECT_THAT(red, HasSubstr(kUncited));
  EXPECT_THAT(red, HasSubstr("H1-1.1-09"));
  EXPECT_THAT(red, HasSubstr("Chưa đánh giá"));
  EXPECT_THAT(red, HasSubstr("Chưa viết"));
  EXPECT_THAT(red, Not(HasSubstr("Nhà trường có kế hoạch chiến lược")));
}

TEST_F(ReportTest, TheDocxEscapesUserText) {
  criteria_[0].set_strengths("a < b & c > d \"e\" </w:t></w:r></w:p><w:p><w:r><w:t>x");
  const DocxContent docx = Docx();
  bool found = false;
  for (const auto& p : docx.paragraphs) found |= p.text == criteria_[0].strengths();
  EXPECT_TRUE(found) << "the text comes back as written, in one paragraph";
}

TEST_F(ReportTest, ACriterionsFormHasTheHeaderPartsAndSignatures) {
  const std::string html = Html("1.1");
  EXPECT_THAT(html, HasSubstr("PHIẾU ĐÁNH GIÁ TIÊU CHÍ"));
  EXPECT_THAT(html, HasSubstr("<strong>Trường: </strong>Trường Tiểu học Lê Quý Đôn"));
  EXPECT_THAT(html, HasSubstr("<strong>Nhóm, cá nhân: </strong>Nhóm 1"));
  for (const char* part :
       {"1. Mô tả hiện trạng", "2. Điểm mạnh", "3. Điểm yếu", "4. Kế hoạch cải tiến chất lượng",
        "5. Tự đánh giá", "Kết quả: Đạt Mức 3", "Xác nhận của trưởng nhóm công tác", "Người viết",
        "a) Phù hợp với mục tiêu giáo dục"}) {
    EXPECT_THAT(html, HasSubstr(part));
  }
  EXPECT_THAT(html, Not(HasSubstr("BẢNG TỔNG HỢP")));
  const DocxContent docx = Docx("1.1");
  EXPECT_THAT(Headings(docx, "Heading2"), ::testing::ElementsAre(HasSubstr("Tiêu chí 1.1")));
  EXPECT_THAT(Html("M4"), HasSubstr("PHIẾU ĐÁNH GIÁ CÁC TIÊU CHÍ MỨC 4"));
}

TEST_F(ReportTest, AnUnknownCriterionIsNotFound) {
  EXPECT_THAT(ReportHtml(Input(), "9.9"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("không có tiêu chí 9.9")));
  EXPECT_THAT(ReportDocx(Input(), "9.9", scratch_.path()),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("9.9")));
}

TEST_F(ReportTest, AMissingScratchDirIsAnError) {
  EXPECT_THAT(ReportDocx(Input(), "", scratch_.Sub("gone")),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("gone")));
}

}  // namespace
}  // namespace hoso::storage
