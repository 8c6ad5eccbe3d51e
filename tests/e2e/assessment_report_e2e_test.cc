// The self-assessment's check and report through the real hoso and hosod
// (issue 16): an assessment written with the CLI, `assess check` (text and
// --json), the .docx opened by a second reader (python3-docx from Debian),
// the .html, and a criterion's form. Red marks stand exactly where the check
// found problems, in both formats.
#include <regex>
#include <set>

#include "tests/support/hosod_fixture.h"

namespace hoso {
namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// 1.1 has 1a, 1b, 2a, 3a; 1.2 has 1a; the school reaches level 1 when every
// criterion does.
constexpr const char* kFramework = R"({
  "id": "thu-bao-cao",
  "title": "Khung thử báo cáo",
  "levels": [1, 2, 3],
  "evidence_code": {"format": "[H{box}-{criterion}-{seq:02}]"},
  "standards": [
    {"number": 1, "name": "Tổ chức và quản lý nhà trường", "criteria": [
      {"code": "1.1", "name": "Phương hướng, chiến lược xây dựng và phát triển", "indicators": [
        {"level": 1, "code": "a", "text": "Phù hợp mục tiêu giáo dục"},
        {"level": 1, "code": "b", "text": "Được công bố công khai"},
        {"level": 2, "code": "a", "text": "Được rà soát, bổ sung"},
        {"level": 3, "code": "a", "text": "Được các bên liên quan tham gia xây dựng"}]},
      {"code": "1.2", "name": "Hội đồng trường", "indicators": [
        {"level": 1, "code": "a", "text": "Được thành lập theo quy định"}]}]}],
  "school_levels": [{"level": 1, "all_of": [{"criteria_level": 1, "min_percent": 100}],
                     "text": "Mọi tiêu chí đạt Mức 1"}]
})";

// Reads a .docx with python3-docx: the headings by style, every table's
// cells, and the text of every red run (body and tables), as lines
// "H<tab>style<tab>text", "T<tab>table<tab>row<tab>cells joined by |",
// "R<tab>text".
constexpr const char* kDocxReader = R"(
import sys, docx
d = docx.Document(sys.argv[1])
def red(paragraphs):
    for p in paragraphs:
        for r in p.runs:
            if r.font.color is not None and r.font.color.rgb is not None and str(r.font.color.rgb) == 'FF0000':
                print('R\t' + r.text)
for p in d.paragraphs:
    if p.style.name.startswith('Heading'):
        print('H\t' + p.style.name + '\t' + p.text)
red(d.paragraphs)
for t, table in enumerate(d.tables):
    for i, row in enumerate(table.rows):
        print('T\t%d\t%d\t' % (t, i) + '|'.join(c.text for c in row.cells))
        for c in row.cells:
            red(c.paragraphs)
)";

class AssessmentReportTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    WriteFile(dir_.Sub("khung.json"), kFramework);
    CommandResult imported = Hoso({"framework", "import", dir_.Sub("khung.json")});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    CommandResult school = Hoso({"school", "add", "BCT", "--name", "Trường Tiểu học Báo Cáo Thử",
                                 "--framework", "thu-bao-cao"});
    ASSERT_EQ(school.exit_code, 0) << school.err;
    Item("1.1", "Kế hoạch chiến lược giai đoạn 2020-2025");  // H1-1.1-01
    Item("1.1", "Nghị quyết hội đồng trường");               // H1-1.1-02, deleted after the save
    Item("1.1", "Biên bản rà soát kế hoạch");                // H1-1.1-03, never cited
    Item("1.2", "Quyết định thành lập hội đồng trường");     // H1-1.2-01
    ASSERT_EQ(Assess({"new", "--years", "2020-2021..2024-2025"}).exit_code, 0);
  }

  void Item(const std::string& criterion, const std::string& title) {
    const std::string path = dir_.Sub(title + ".pdf");
    WriteFile(path, "nội dung " + title);
    CommandResult up = Hoso({"--json", "upload", "--school", "BCT", "--criterion", criterion,
                             "--title", title, "--year", "2022-2023", path});
    ASSERT_EQ(up.exit_code, 0) << up.err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(up.out, m, std::regex("\"id\":\"([0-9]+)\""))) << up.out;
    ASSERT_EQ(Hoso({"review", "approve", m[1].str(), "--school", "BCT"}).exit_code, 0);
  }

  CommandResult Assess(std::vector<std::string> args) {
    args.insert(args.begin(), "assess");
    args.insert(args.end(), {"--school", "BCT"});
    return Hoso(args);
  }

  // 1.1 written with an uncited sentence, 3a unjudged, left a draft, no
  // plan task, and a cited item deleted since; 1.2 complete and approved;
  // every section but "dat-van-de".
  void WriteWithProblems() {
    CommandResult c11 =
        Assess({"write", "1.1", "--description",
                "Nhà trường có kế hoạch chiến lược giai đoạn 2020-2025 [H1-1.1-01]. Kế hoạch được "
                "công khai trên cổng thông tin. Nghị quyết của hội đồng trường thông qua kế hoạch "
                "[H1-1.1-02].",
                "--strengths", "Kế hoạch phù hợp <script>alert(1)</script>.", "--weaknesses",
                "Chưa lấy ý kiến cha mẹ học sinh.", "--plan", "Rà soát kế hoạch hằng năm.", "--met",
                "1a,1b,2a", "--group", "Nhóm 1"});
    ASSERT_EQ(c11.exit_code, 0) << c11.err;
    CommandResult c12 = Assess({"write", "1.2", "--description",
                                "Hội đồng trường được thành lập theo quy định [H1-1.2-01].",
                                "--strengths", "Hoạt động đều đặn.", "--weaknesses", "Chưa có.",
                                "--plan", "Duy trì.", "--met", "1a"});
    ASSERT_EQ(c12.exit_code, 0) << c12.err;
    ASSERT_EQ(Assess({"submit", "1.2"}).exit_code, 0);
    CommandResult approved = Assess({"approve", "1.2"});
    ASSERT_EQ(approved.exit_code, 0) << approved.err;
    for (const char* key : {"co-so-du-lieu", "mo-dau-1", "ket-luan-1", "ket-luan-chung"}) {
      CommandResult set = Assess({"section", key, std::string("Nội dung phần ") + key + "."});
      ASSERT_EQ(set.exit_code, 0) << set.err;
    }
    CommandResult task = Hoso({"plan", "add", "--school", "BCT", "--criterion", "1.2", "--content",
                               "Duy trì hoạt động hội đồng trường"});
    ASSERT_EQ(task.exit_code, 0) << task.err;
    ASSERT_EQ(Hoso({"rm", "H1-1.1-02", "--school", "BCT"}).exit_code, 0);
  }

  // The messages `assess check --json` gives for `criterion`.
  std::vector<std::string> MessagesOf(const std::string& criterion) {
    CommandResult json = Assess({"--json", "check"});
    std::vector<std::string> out;
    const std::regex problem("\\{\"criterion\":\"" +
                             std::regex_replace(criterion, std::regex("\\."), "\\.") +
                             "\",[^}]*\"message\":\"((?:[^\"\\\\]|\\\\.)*)\"\\}");
    for (std::sregex_iterator it(json.out.begin(), json.out.end(), problem), end; it != end; ++it) {
      out.push_back(std::regex_replace((*it)[1].str(), std::regex("\\\\\""), "\""));
    }
    return out;
  }

  // Lines of kDocxReader's output that start with `tag`, the tag taken off.
  std::vector<std::string> ReadDocx(const std::string& path, const std::string& tag) {
    WriteFile(dir_.Sub("read_docx.py"), kDocxReader);
    CommandResult read = hoso::testing::Run({"/usr/bin/python3", dir_.Sub("read_docx.py"), path});
    EXPECT_EQ(read.exit_code, 0) << read.err;
    std::vector<std::string> out;
    size_t start = 0;
    while (start < read.out.size()) {
      const size_t end = std::min(read.out.find('\n', start), read.out.size());
      const std::string line = read.out.substr(start, end - start);
      if (line.rfind(tag + "\t", 0) == 0) out.push_back(line.substr(tag.size() + 1));
      start = end + 1;
    }
    return out;
  }
};

// What the report must mark in red for WriteWithProblems: the marks in the
// text, and the note under 1.1 with every message the check gave for it.
std::multiset<std::string> ExpectedRed(const std::vector<std::string>& messages_of_11) {
  std::multiset<std::string> red = {"Kế hoạch được công khai trên cổng thông tin.", "H1-1.1-02",
                                    "Chưa đánh giá", "Chưa viết", "Cần bổ sung trước khi công bố:"};
  for (const std::string& m : messages_of_11) red.insert("– " + m);
  return red;
}

TEST_F(AssessmentReportTest, CheckListsWhatEachCriterionLacksAndExitsElevenUntilNothingDoes) {
  WriteWithProblems();
  CommandResult check = Assess({"check"});
  EXPECT_EQ(check.exit_code, 11) << check.out << check.err;
  EXPECT_TRUE(Contains(check.out, "Tiêu chí 1.1\n")) << check.out;
  for (const char* line : {"  – Câu chưa dẫn mã minh chứng: \"Kế hoạch được công khai trên "
                           "cổng thông tin.\"",
                           "  – Minh chứng [H1-1.1-03] (Biên bản rà soát kế hoạch) gắn với "
                           "tiêu chí nhưng chưa được dẫn ở đâu",
                           "  – Chỉ báo a (Mức 3) chưa đánh giá Đạt / Không đạt",
                           "  – Tiêu chí 1.1 chưa có nhiệm vụ nào trong kế hoạch cải tiến "
                           "chất lượng",
                           "  – Mã [H1-1.1-02] trỏ tới minh chứng đã bị xoá",
                           "  – Bản đánh giá mới nhất (lần 1) còn là bản nháp, chưa được duyệt",
                           "Báo cáo\n  – Phần \"Đặt vấn đề\" (dat-van-de) của báo cáo chưa viết"}) {
    EXPECT_TRUE(Contains(check.out, line)) << line << "\n" << check.out;
  }
  EXPECT_FALSE(Contains(check.out, "Tiêu chí 1.2")) << "1.2 lacks nothing: " << check.out;
  EXPECT_TRUE(Contains(check.out, "7 vấn đề ở 2 mục")) << check.out;

  CommandResult json = Assess({"--json", "check"});
  EXPECT_EQ(json.exit_code, 11);
  for (const char* kind : {"PROBLEM_UNCITED_STATEMENT", "PROBLEM_UNCITED_EVIDENCE",
                           "PROBLEM_UNJUDGED_INDICATOR", "PROBLEM_NO_PLAN_TASK",
                           "PROBLEM_BAD_CITATION", "PROBLEM_NOT_APPROVED", "PROBLEM_NOT_WRITTEN"}) {
    EXPECT_TRUE(Contains(json.out, std::string("\"kind\":\"") + kind + "\"")) << kind << json.out;
  }
  EXPECT_TRUE(Contains(json.out, "\"subject\":\"[H1-1.1-02]\"")) << json.out;
  EXPECT_TRUE(Contains(json.out, "\"subject\":\"3a\"")) << json.out;

  // Everything supplied: nothing lacking, exit 0.
  ASSERT_EQ(Assess({"write", "1.1", "--description",
                    "Nhà trường có kế hoạch chiến lược giai đoạn 2020-2025 [H1-1.1-01]. Kế "
                    "hoạch được rà soát hằng năm [H1-1.1-03].",
                    "--not-met", "3a"})
                .exit_code,
            0);
  ASSERT_EQ(Assess({"submit", "1.1"}).exit_code, 0);
  ASSERT_EQ(Assess({"approve", "1.1"}).exit_code, 0);
  ASSERT_EQ(Assess({"section", "dat-van-de", "Đặt vấn đề."}).exit_code, 0);
  ASSERT_EQ(Hoso({"plan", "add", "--school", "BCT", "--criterion", "1.1", "--content", "Rà soát"})
                .exit_code,
            0);
  CommandResult clean = Assess({"check"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_TRUE(Contains(clean.out, "Không còn thiếu sót")) << clean.out;
}

TEST_F(AssessmentReportTest, TheDocxHasTheHeadingsTheSummaryAndRedExactlyWhereTheCheckFound) {
  WriteWithProblems();
  const std::vector<std::string> messages_of_11 = MessagesOf("1.1");
  ASSERT_EQ(messages_of_11.size(), 6u);
  CommandResult report = Assess({"report", "-o", dir_.Sub("bao-cao.docx")});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_TRUE(Contains(report.out, "wrote " + dir_.Sub("bao-cao.docx"))) << report.out;

  const std::vector<std::string> headings = ReadDocx(dir_.Sub("bao-cao.docx"), "H");
  for (const char* h :
       {"Heading 1\tMỤC LỤC", "Heading 1\tDANH MỤC CÁC CHỮ VIẾT TẮT",
        "Heading 1\tBẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ", "Heading 1\tPhần I. CƠ SỞ DỮ LIỆU",
        "Heading 1\tPhần II. TỰ ĐÁNH GIÁ", "Heading 2\tA. ĐẶT VẤN ĐỀ", "Heading 2\tB. TỰ ĐÁNH GIÁ",
        "Heading 4\tTiêu chuẩn 1: Tổ chức và quản lý nhà trường",
        "Heading 5\tTiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển",
        "Heading 2\tKẾT LUẬN CHUNG", "Heading 1\tPhần III. PHỤ LỤC"}) {
    EXPECT_NE(std::find(headings.begin(), headings.end(), h), headings.end()) << h;
  }
  // The summary (table 1, after the abbreviations): 1.1 at level 2 (3a not
  // judged), 1.2 at level 1 though only 1.2 is approved the draft counts here.
  const std::vector<std::string> tables = ReadDocx(dir_.Sub("bao-cao.docx"), "T");
  EXPECT_NE(std::find(tables.begin(), tables.end(), "1\t2\tTiêu chí 1.1|||x|"), tables.end());
  EXPECT_NE(std::find(tables.begin(), tables.end(), "1\t3\tTiêu chí 1.2||x||"), tables.end());
  const std::vector<std::string> red = ReadDocx(dir_.Sub("bao-cao.docx"), "R");
  EXPECT_EQ(std::multiset<std::string>(red.begin(), red.end()), ExpectedRed(messages_of_11));
}

TEST_F(AssessmentReportTest, TheHtmlIsSelfContainedWithTheSameRedMarks) {
  WriteWithProblems();
  const std::vector<std::string> messages_of_11 = MessagesOf("1.1");
  CommandResult report = Assess({"report", "-o", dir_.Sub("bao-cao.html")});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const std::string html = ReadFile(dir_.Sub("bao-cao.html"));
  EXPECT_TRUE(Contains(html, "<!DOCTYPE html>"));
  EXPECT_FALSE(Contains(html, "<script")) << "user text is inert";
  EXPECT_TRUE(Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  for (const char* external : {"src=", "<link", "@import", "url("}) {
    EXPECT_FALSE(Contains(html, external)) << external;
  }
  EXPECT_TRUE(Contains(html, "Kết quả: Trường chưa đạt Mức 1") ||
              Contains(html, "Kết quả: Trường đạt Mức 1"));
  std::multiset<std::string> red;
  const std::regex span("<span class=\"problem\">(?:<strong>)?([^<]*)(?:</strong>)?</span>");
  for (std::sregex_iterator it(html.begin(), html.end(), span), end; it != end; ++it) {
    std::string text = (*it)[1].str();
    text = std::regex_replace(text, std::regex("&quot;"), "\"");
    red.insert(text);
  }
  EXPECT_EQ(red, ExpectedRed(messages_of_11));
  // --format wins over the extension.
  CommandResult forced = Assess({"report", "-o", dir_.Sub("bao-cao.txt"), "--format", "html"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_TRUE(Contains(ReadFile(dir_.Sub("bao-cao.txt")), "<!DOCTYPE html>"));
}

TEST_F(AssessmentReportTest, ACriterionsFormComesOutTheSameWay) {
  WriteWithProblems();
  CommandResult form = Assess({"form", "1.1", "-o", dir_.Sub("phieu-1.1.docx")});
  ASSERT_EQ(form.exit_code, 0) << form.err;
  const std::vector<std::string> headings = ReadDocx(dir_.Sub("phieu-1.1.docx"), "H");
  EXPECT_EQ(headings,
            std::vector<std::string>{
                "Heading 2\tTiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển"});
  const std::vector<std::string> tables = ReadDocx(dir_.Sub("phieu-1.1.docx"), "T");
  EXPECT_NE(std::find(tables.begin(), tables.end(), "2\t1\tChỉ báo a|Chưa đánh giá"), tables.end())
      << "the level-3 table";
  EXPECT_NE(
      std::find(tables.begin(), tables.end(), "3\t0\tXác nhận của trưởng nhóm công tác|Người viết"),
      tables.end());
  const std::string html_path = dir_.Sub("phieu-1.1.html");
  ASSERT_EQ(Assess({"form", "1.1", "-o", html_path}).exit_code, 0);
  const std::string html = ReadFile(html_path);
  EXPECT_TRUE(Contains(html, "PHIẾU ĐÁNH GIÁ TIÊU CHÍ"));
  EXPECT_TRUE(Contains(html, "<strong>Nhóm, cá nhân: </strong>Nhóm 1"));
  EXPECT_FALSE(Contains(html, "BẢNG TỔNG HỢP"));

  CommandResult unknown = Assess({"form", "9.9", "-o", dir_.Sub("x.docx")});
  EXPECT_EQ(unknown.exit_code, 3) << unknown.err;
  EXPECT_TRUE(Contains(unknown.err, "không có tiêu chí 9.9")) << unknown.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("x.docx")));
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("x.docx.part")));
}

TEST_F(AssessmentReportTest, ATeacherOfTheSchoolMayCheckAndRenderOneOfAnotherMayNot) {
  WriteWithProblems();
  for (const auto& [user, school, role] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"giao.vien", "BCT", "teacher"}, {"khac.truong", "LQD", "admin"}}) {
    CommandResult added = Hoso({"user", "add", user, "--school", school, "--role", role});
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }
  auto token = [&](const std::string& user) {
    std::string t = Hoso({"token", "issue", user}).out;
    while (!t.empty() && t.back() == '\n') t.pop_back();
    return t;
  };
  const std::string teacher = token("giao.vien"), other = token("khac.truong");
  EXPECT_EQ(HosoWithToken({"assess", "check", "--school", "BCT"}, teacher).exit_code, 11);
  EXPECT_EQ(
      HosoWithToken({"assess", "report", "--school", "BCT", "-o", dir_.Sub("t.docx")}, teacher)
          .exit_code,
      0);
  CommandResult denied = HosoWithToken({"assess", "check", "--school", "BCT"}, other);
  EXPECT_EQ(denied.exit_code, 4) << denied.err;
  EXPECT_EQ(HosoWithToken({"assess", "report", "--school", "BCT", "-o", dir_.Sub("o.docx")}, other)
                .exit_code,
            4);
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("o.docx")));
}

}  // namespace
}  // namespace hoso
