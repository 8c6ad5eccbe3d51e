// hoso catalogue import: a school's own danh mục minh chứng (.xlsx built here
// with python3-openpyxl, .csv) fills its items' metadata by code through the
// real hosod and hoso binaries.
#include <gtest/gtest.h>

#include <regex>

#include "tests/support/hosod_fixture.h"

namespace hoso {
namespace {

// Writes the workbook `script` builds into `path` with Debian's openpyxl.
void Workbook(const std::string& dir, const std::string& path, const std::string& script) {
  const std::string py = dir + "/make.py";
  WriteFile(py, "import datetime, openpyxl\nwb = openpyxl.Workbook()\nws = wb.active\n" + script +
                    "\nwb.save(" + "'" + path + "')\n");
  const CommandResult r = hoso::testing::Run({"/usr/bin/python3", py}, {});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

std::string Field(const std::string& json, const std::string& name) {
  std::smatch m;
  if (!std::regex_search(json, m, std::regex("\"" + name + "\":\\s*\"([^\"]*)\""))) return "";
  return m[1].str();
}

class CatalogueImportTest : public HosodTest {
 protected:
  std::string Show(const std::string& ref) {
    const CommandResult r = Hoso({"--json", "show", "--school", "LQD", ref});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  void UploadTo(const std::string& criterion, const std::string& title, uint32_t seed) {
    const std::string file = dir_.Sub(title + ".pdf");
    WriteFile(file, RandomBytes(1000, seed));
    const CommandResult r =
        Hoso({"upload", "--school", "LQD", "--criterion", criterion, "--title", title, file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
};

// Phụ lục 4 as a school keeps it: a title, headers named their own way, a row
// numbering the columns, merged headings per standard and criterion.
const char kSchoolCatalogue[] = R"(
ws.title = 'DM minh chung'
ws.append(['DANH MỤC MINH CHỨNG TRƯỜNG TIỂU HỌC LÊ QUÝ ĐÔN'])
ws.merge_cells('A1:F1')
ws.append([])
ws.append(['STT', 'Mã MC', 'Tên văn bản', 'Số/ngày ban hành', 'Cơ quan ban hành', 'Ghi chú'])
ws.append(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)'])
ws.append(['Tiêu chuẩn 1: Tổ chức và quản lý nhà trường'])
ws.merge_cells('A5:F5')
ws.append(['Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường'])
ws.merge_cells('A6:F6')
ws.append([1, 'H1-1.1-01', 'Quyết định thành lập Hội đồng trường', 'Số 12/QĐ-UBND ngày 05/9/2021', 'UBND huyện', ''])
ws.append([2, '[H1-1.1-02]', 'Kế hoạch chiến lược 2021-2025', '45/KH-THLQĐ, 10/10/2021', 'Hiệu trưởng', 'Bản gốc lưu văn thư'])
ws.append([3, 'H1.1.1.03', 'Nghị quyết Hội đồng trường', 'Tháng 9/2021', 'Hội đồng trường', ''])
ws.append(['Tiêu chí 1.2: Hội đồng trường'])
ws.merge_cells('A10:F10')
ws.append([1, 'H1-1.2-01', 'Biên bản họp Hội đồng trường', datetime.date(2021, 9, 15), 'Thư ký hội đồng', ''])
ws.append([2, '1.2-5', 'Quy chế hoạt động', '', 'Hội đồng trường', ''])
ws.append([3, '', 'Sổ nghị quyết (chưa có mã)', '', '', ''])
ws.append([4, 'XYZ-99', 'Mã sai', '', '', ''])
ws.append([5, 'H1-1.1-01', 'Quyết định thành lập Hội đồng trường', '', '', 'dùng chung'])
ws.append(['Tiêu chí 1.3: Tổ chức Đảng'])
ws.merge_cells('A16:F16')
ws.append([1, 'H1-1.3-01', 'Báo cáo của chi bộ', 'Số 03-BC/CB ngày 5 tháng 9 năm 2021', 'Chi bộ', ''])
)";

TEST_F(CatalogueImportTest, SchoolCatalogueFillsMetadataByCodeAndListsMissingDocuments) {
  UploadTo("1.1", "qd", 1);  // H1-1.1-01
  UploadTo("1.1", "kh", 2);  // H1-1.1-02
  UploadTo("1.2", "bb", 3);  // H1-1.2-01
  ASSERT_EQ(Hoso({"review", "approve", "--school", "LQD", "H1-1.1-02"}).exit_code, 0);
  const std::string xlsx = dir_.Sub("Danh mục.xlsx");
  Workbook(dir_.path(), xlsx, kSchoolCatalogue);

  // A dry run reports and changes nothing.
  const CommandResult dry = Hoso({"catalogue", "import", "--school", "LQD", "--dry-run", xlsx});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("dry run, nothing changed: 3 updated, 3 created without files"),
            std::string::npos)
      << dry.out;
  EXPECT_EQ(Field(Show("H1-1.1-01"), "title"), "qd");
  EXPECT_NE(Hoso({"show", "--school", "LQD", "H1-1.1-03"}).exit_code, 0);

  const CommandResult run = Hoso({"catalogue", "import", "--school", "LQD", xlsx});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("imported: 3 updated, 3 created without files, 0 unchanged; 2 row(s) "
                         "not read"),
            std::string::npos)
      << run.out;
  // The rows it cannot use, each with its sheet and row.
  EXPECT_NE(run.err.find("(DM minh chung) dòng 13: không có mã minh chứng"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("(DM minh chung) dòng 14: mã XYZ-99 không có trong trường"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(run.err.find("cột \"STT\""), std::string::npos) << "STT is the TT column: " << run.err;
  EXPECT_EQ(run.err.find("dòng 4"), std::string::npos) << "(1) (2) … numbers columns: " << run.err;

  const std::string qd = Show("H1-1.1-01");
  EXPECT_EQ(Field(qd, "title"), "Quyết định thành lập Hội đồng trường");
  EXPECT_EQ(Field(qd, "number"), "12/QĐ-UBND");
  EXPECT_EQ(Field(qd, "date"), "2021-09-05");
  EXPECT_EQ(Field(qd, "issuer"), "UBND huyện");
  // Listed again under 1.2 (a reused item): cited there, its description kept.
  EXPECT_NE(qd.find("\"criteria\":[\"1.1\",\"1.2\"]"), std::string::npos) << qd;
  const std::string kh = Show("H1-1.1-02");
  EXPECT_EQ(Field(kh, "number"), "45/KH-THLQĐ");
  EXPECT_EQ(Field(kh, "date"), "2021-10-10");
  EXPECT_EQ(Field(kh, "note"), "Bản gốc lưu văn thư");
  EXPECT_EQ(Field(kh, "review_state"), "REVIEW_STATE_SUBMITTED") << "approval withdrawn: " << kh;
  const std::string bc = Show("H1-1.3-01");
  EXPECT_EQ(Field(bc, "number"), "03-BC/CB");
  EXPECT_EQ(Field(bc, "date"), "2021-09-05");
  // An Excel date cell is a date too.
  EXPECT_EQ(Field(Show("H1-1.2-01"), "date"), "2021-09-15");

  // What cannot be read as number and date is kept as written, in the note.
  const std::string nq = Show("H1-1.1-03");
  EXPECT_EQ(Field(nq, "title"), "Nghị quyết Hội đồng trường");
  EXPECT_NE(Field(nq, "note").find("Tháng 9/2021"), std::string::npos) << nq;
  EXPECT_NE(nq.find("\"files\":[]"), std::string::npos) << "no files yet: " << nq;

  // Coverage: 1.3 has only a listed item, so it still misses its evidence.
  const CommandResult coverage = Hoso({"--json", "coverage", "--school", "LQD"});
  ASSERT_EQ(coverage.exit_code, 0) << coverage.err;
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(coverage.out, m, std::regex("\\{[^{}]*\"criterion\":\\s*\"1.3\"[^{}]*\\}")))
      << coverage.out;
  EXPECT_NE(m[0].str().find("\"items\":0"), std::string::npos) << m[0];
  EXPECT_NE(m[0].str().find("\"items_without_files\":1"), std::string::npos) << m[0];
  const CommandResult text = Hoso({"coverage", "--school", "LQD"});
  EXPECT_NE(text.out.find("3 catalogue item(s) listed without their documents yet"),
            std::string::npos)
      << text.out;

  // The next upload under 1.2 continues after the catalogue's H1-1.2-05.
  const std::string file = dir_.Sub("quy-che.pdf");
  WriteFile(file, RandomBytes(500, 9));
  const CommandResult next = Hoso({"--json", "upload", "--school", "LQD", "--criterion", "1.2",
                                   "--title", "Quy chế mới", file});
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_NE(next.out.find("H1-1.2-06"), std::string::npos) << next.out;

  // Imported again: nothing left to change.
  const CommandResult again = Hoso({"catalogue", "import", "--school", "LQD", xlsx});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("nothing to change: 0 updated, 0 created without files, 6 unchanged"),
            std::string::npos)
      << again.out;
}

TEST_F(CatalogueImportTest, TheExportedCatalogueImportedBackChangesNothing) {
  for (auto [criterion, title, seed] :
       {std::tuple{"1.1", "Quyết định", 1u}, std::tuple{"1.2", "-Biên bản (dấu trừ đầu)", 2u},
        std::tuple{"2.1", "Kế hoạch, số liệu", 3u}}) {
    UploadTo(criterion, title, seed);
  }
  ASSERT_EQ(Hoso({"edit", "--school", "LQD", "H1-1.1-01", "--number", "12/QĐ-UBND", "--date",
                  "2021-09-05", "--issuer", "UBND huyện", "--note", "Bản sao, có dấu \"đỏ\""})
                .exit_code,
            0);
  ASSERT_EQ(Hoso({"edit", "--school", "LQD", "H1-1.2-01", "--date", "2022-01-31"}).exit_code, 0);
  ASSERT_EQ(Hoso({"link", "--school", "LQD", "H2-2.1-01", "--criterion", "1.1"}).exit_code, 0);
  const std::string before = Hoso({"--json", "ls", "--school", "LQD"}).out;
  for (const char* format : {"xlsx", "csv"}) {
    const std::string out = dir_.Sub(std::string("export.") + format);
    const CommandResult exported =
        Hoso({"catalogue", "--school", "LQD", "--format", format, "-o", out});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    const CommandResult back = Hoso({"catalogue", "import", "--school", "LQD", out});
    ASSERT_EQ(back.exit_code, 0) << back.err;
    EXPECT_NE(back.out.find("nothing to change: 0 updated, 0 created without files, 3 unchanged; "
                            "0 row(s) not read"),
              std::string::npos)
        << format << ": " << back.out << back.err;
  }
  EXPECT_EQ(Hoso({"--json", "ls", "--school", "LQD"}).out, before);
}

TEST_F(CatalogueImportTest, ATeacherCannotImportTheCatalogue) {
  ASSERT_EQ(Hoso({"user", "add", "lan", "--school", "LQD", "--role", "teacher"}).exit_code, 0)
      << "user add";
  const CommandResult token = Hoso({"token", "issue", "lan"});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  std::string secret = token.out;
  while (!secret.empty() && secret.back() == '\n') secret.pop_back();
  const std::string csv = dir_.Sub("dm.csv");
  WriteFile(csv, "TT,Mã minh chứng,Tên minh chứng\n1,H1-1.1-01,Quyết định\n");
  const CommandResult r = HosoWithToken({"catalogue", "import", "--school", "LQD", csv}, secret);
  EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
}

}  // namespace
}  // namespace hoso
