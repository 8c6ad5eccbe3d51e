// The accreditation domain end to end: codes, plan, coverage, catalogue and
// frameworks, through the real hoso and hosod binaries.
#include <archive.h>
#include <archive_entry.h>

#include <regex>

#include "tests/support/hosod_fixture.h"

namespace hoso {
namespace {

using DomainTest = HosodTest;

std::string Sample(const std::string& name) { return std::string(HOSO_TEST_DATA) + "/" + name; }

// The text of one member of a zip (an XLSX), read with libarchive.
std::string ZipMember(const std::string& path, const std::string& member) {
  archive* a = archive_read_new();
  archive_read_support_format_zip(a);
  std::string out;
  if (archive_read_open_filename(a, path.c_str(), 10240) == ARCHIVE_OK) {
    archive_entry* entry;
    while (archive_read_next_header(a, &entry) == ARCHIVE_OK) {
      if (member != archive_entry_pathname(entry)) continue;
      char buffer[8192];
      la_ssize_t n;
      while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0) out.append(buffer, n);
    }
  }
  archive_read_free(a);
  return out;
}

TEST_F(DomainTest, BothSamplePlansImportWithTheCountsAPersonFinds) {
  ASSERT_EQ(
      Hoso({"school", "add", "LV", "--name", "Trường THCS Lạc Viên", "--framework", "tt18-2018"})
          .exit_code,
      0);
  ASSERT_EQ(Hoso({"school", "add", "LQD2", "--name", "Trường Tiểu học Lê Quý Đôn (TT18)",
                  "--framework", "tt18-2018"})
                .exit_code,
            0);
  const std::string lv = Sample("ke-hoach-cai-tien-THCS-Lac-Vien-2024-2025.txt");
  CommandResult dry = Hoso({"plan", "import", lv, "--school", "LV", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("would import 11 task(s)"), std::string::npos) << dry.out;
  EXPECT_NE(Hoso({"plan", "ls", "--school", "LV"}).out.find("0 task(s)"), std::string::npos);

  CommandResult lv_done = Hoso({"plan", "import", lv, "--school", "LV"});
  ASSERT_EQ(lv_done.exit_code, 0) << lv_done.err;
  EXPECT_NE(lv_done.out.find("imported 11 task(s): 1.2:3 1.4:1 1.9:1 1.10:1 2.2:1 2.3:1 2.4:1 "
                             "5.1:1 5.4:1"),
            std::string::npos)
      << lv_done.out;
  for (const char* line : {":112: criterion 1.5", ":125: criterion 3.1", ":130: criterion 3.6"}) {
    EXPECT_NE(lv_done.err.find(line), std::string::npos) << lv_done.err;
  }
  CommandResult lqd =
      Hoso({"plan", "import", Sample("ke-hoach-cai-tien-TH-Le-Quy-Don-2024-2029.txt"), "--school",
            "LQD2"});
  ASSERT_EQ(lqd.exit_code, 0) << lqd.err;
  EXPECT_NE(lqd.out.find("imported 71 task(s)"), std::string::npos) << lqd.out;
  EXPECT_NE(lqd.out.find("0 row(s) not imported"), std::string::npos) << lqd.out;
  CommandResult task = Hoso({"plan", "show", "1.2.03", "--school", "LV"});
  ASSERT_EQ(task.exit_code, 0) << task.err;
  EXPECT_NE(task.out.find("Phối hợp với trạm y tế phường Máy Chai"), std::string::npos);
  EXPECT_NE(task.out.find("2024-12 .. 2025-04"), std::string::npos) << task.out;

  // Owners match regardless of case, Vietnamese letters included.
  CommandResult lower = Hoso({"plan", "ls", "--school", "LQD2", "--owner", "hiệu trưởng"});
  CommandResult upper = Hoso({"plan", "ls", "--school", "LQD2", "--owner", "HIỆU TRƯỞNG"});
  ASSERT_EQ(upper.exit_code, 0) << upper.err;
  EXPECT_EQ(upper.out, lower.out);
  std::smatch count;
  ASSERT_TRUE(std::regex_search(upper.out, count, std::regex("([0-9]+) task\\(s\\)"))) << upper.out;
  EXPECT_GT(std::stoi(count[1].str()), 0) << upper.out;
}

TEST_F(DomainTest, CodesAreStableAndRenumberedOnlyWhenAsked) {
  const std::string path = dir_.Sub("a.pdf");
  for (const char* title : {"Kế hoạch chiến lược", "Nghị quyết", "Quyết định"}) {
    WriteFile(path, title);
    ASSERT_EQ(
        Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title", title, path}).exit_code,
        0);
  }
  ASSERT_EQ(Hoso({"rm", "H1-1.1-02", "--school", "LQD"}).exit_code, 0);
  CommandResult dry = Hoso({"codes", "renumber", "--school", "LQD"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("[H1-1.1-03]      -> [H1-1.1-02]"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("would change"), std::string::npos);
  EXPECT_NE(Hoso({"show", "[H1-1.1-03]", "--school", "LQD"}).out.find("Quyết định"),
            std::string::npos);
  ASSERT_EQ(Hoso({"codes", "renumber", "--school", "LQD", "--apply"}).exit_code, 0);
  EXPECT_NE(Hoso({"show", "H1-1.1-02", "--school", "LQD"}).out.find("Quyết định"),
            std::string::npos);

  CommandResult linked =
      Hoso({"--json", "link", "H1-1.1-01", "--school", "LQD", "--criterion", "2.1"});
  ASSERT_EQ(linked.exit_code, 0) << linked.err;
  EXPECT_NE(linked.out.find("\"criteria\":[\"1.1\",\"2.1\"]"), std::string::npos) << linked.out;
  EXPECT_NE(linked.out.find("\"code\":\"[H1-1.1-01]\""), std::string::npos);
  CommandResult root = Hoso({"unlink", "H1-1.1-01", "--school", "LQD", "--criterion", "1.1"});
  EXPECT_EQ(root.exit_code, 5);
  EXPECT_NE(root.err.find("cannot be unlinked while 2.1 cite it"), std::string::npos) << root.err;
}

TEST_F(DomainTest, CoverageCountsAKnownSet) {
  ASSERT_EQ(Hoso({"plan", "add", "--school", "LQD", "--criterion", "1.1", "--content", "Rà soát",
                  "--due", "2020-01"})
                .exit_code,
            0);
  ASSERT_EQ(Hoso({"plan", "add", "--school", "LQD", "--criterion", "1.1", "--content", "Bổ sung",
                  "--time", "Năm học 2024 - 2025 và các năm tiếp theo"})
                .exit_code,
            0);
  WriteFile(dir_.Sub("a.pdf"), std::string(1000, 'a'));
  WriteFile(dir_.Sub("b.jpg"), std::string(24, 'b'));
  ASSERT_EQ(
      Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--criterion", "2.1", "--task",
            "1.1.02", "--title", "A", "--year", "2024-2025", dir_.Sub("a.pdf"), dir_.Sub("b.jpg")})
          .exit_code,
      0);
  ASSERT_EQ(Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title", "B", "--year",
                  "2023-2024", dir_.Sub("b.jpg")})
                .exit_code,
            0);
  CommandResult all = Hoso({"--json", "coverage", "--school", "LQD"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(all.out.find("{\"criterion\":\"1.1\",\"name\":\"Phương hướng, chiến lược xây dựng và "
                         "phát triển nhà trường\",\"items\":2,\"files\":3,\"bytes\":\"1048\","
                         "\"tasks\":2,\"tasks_overdue\":1,\"tasks_without_evidence\":1,"
                         "\"items_without_files\":0}"),
            std::string::npos)
      << all.out;
  EXPECT_NE(all.out.find("\"criterion\":\"2.1\",\"name\":\"Đối với hiệu trưởng, phó hiệu trưởng\","
                         "\"items\":1,\"files\":2,\"bytes\":\"1024\""),
            std::string::npos)
      << all.out;
  EXPECT_NE(all.out.find("\"criteria_total\":27,\"criteria_covered\":2"), std::string::npos);
  // Criteria without evidence come first.
  EXPECT_LT(all.out.find("\"criterion\":\"1.2\""), all.out.find("\"criterion\":\"1.1\""));
  CommandResult year = Hoso({"--json", "coverage", "--school", "LQD", "--year", "2023-2024"});
  EXPECT_NE(year.out.find("\"criterion\":\"1.1\",\"name\":\"Phương hướng, chiến lược xây dựng và "
                          "phát triển nhà trường\",\"items\":1,\"files\":1,\"bytes\":\"24\""),
            std::string::npos)
      << year.out;
}

TEST_F(DomainTest, CatalogueCsvAndXlsxListItemsUnderEachCitingCriterion) {
  WriteFile(dir_.Sub("a.pdf"), "a");
  ASSERT_EQ(Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--criterion", "2.1",
                  "--title", "Kế hoạch chiến lược", "--number", "12/KH-LQĐ", "--date", "2024-09-15",
                  "--issuer", "Hiệu trưởng", dir_.Sub("a.pdf")})
                .exit_code,
            0);
  ASSERT_EQ(Hoso({"catalogue", "--school", "LQD", "-o", dir_.Sub("dm.csv")}).exit_code, 0);
  const std::string csv = ReadFile(dir_.Sub("dm.csv"));
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("TT,Mã minh chứng,Tên minh chứng,\"Số, ngày ban hành"), std::string::npos);
  EXPECT_NE(csv.find("1,[H1-1.1-01],Kế hoạch chiến lược,\"Số 12/KH-LQĐ, ngày 15/09/2024\","
                     "Hiệu trưởng,\r\n"),
            std::string::npos)
      << csv;
  const size_t under_21 = csv.find("Tiêu chí 2.1");
  ASSERT_NE(under_21, std::string::npos);
  EXPECT_NE(csv.find("1,[H1-1.1-01],Kế hoạch chiến lược", under_21), std::string::npos);
  EXPECT_NE(csv.find("Minh chứng dùng chung, mã gốc [H1-1.1-01] (tiêu chí 1.1)", under_21),
            std::string::npos);

  ASSERT_EQ(Hoso({"catalogue", "--school", "LQD", "--format", "xlsx", "-o", dir_.Sub("dm.xlsx")})
                .exit_code,
            0);
  const std::string strings = ZipMember(dir_.Sub("dm.xlsx"), "xl/sharedStrings.xml");
  for (const char* text : {"Kế hoạch chiến lược", "[H1-1.1-01]", "Số 12/KH-LQĐ, ngày 15/09/2024",
                           "Minh chứng dùng chung, mã gốc [H1-1.1-01] (tiêu chí 1.1)",
                           "Tiêu chuẩn 5: Hoạt động giáo dục và kết quả giáo dục"}) {
    EXPECT_NE(strings.find(text), std::string::npos) << text;
  }
  EXPECT_NE(ZipMember(dir_.Sub("dm.xlsx"), "xl/worksheets/sheet1.xml").find("<row"),
            std::string::npos);
}

TEST_F(DomainTest, FrameworksImportWithLineNumberedErrors) {
  std::string json = ReadFile(std::string(HOSO_FRAMEWORKS) + "/tt17-2018.json");
  const std::string good = std::regex_replace(json, std::regex("\"id\": \"tt17-2018\""),
                                              "\"id\": \"tt17-2018-tt22-2024\"");
  WriteFile(dir_.Sub("good.json"), good);
  CommandResult imported = Hoso({"framework", "import", dir_.Sub("good.json")});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(Hoso({"framework", "import", dir_.Sub("good.json")}).exit_code, 5);

  std::string broken = good;
  broken.replace(broken.find("\"code\": \"1.2\""), 13, "\"code\": \"1.1\"");
  broken = std::regex_replace(broken, std::regex("tt17-2018-tt22-2024"), "broken-edition");
  WriteFile(dir_.Sub("dup.json"), broken);
  CommandResult dup = Hoso({"framework", "import", dir_.Sub("dup.json")});
  EXPECT_EQ(dup.exit_code, 5);
  EXPECT_TRUE(std::regex_search(dup.err, std::regex("line [0-9]+: criterion 1.1 is listed twice")))
      << dup.err;
  std::string syntax = good;
  syntax.erase(syntax.find("\"title\""), 1);  // a stray quote mark goes missing
  WriteFile(dir_.Sub("syntax.json"), syntax);
  CommandResult bad = Hoso({"framework", "import", dir_.Sub("syntax.json")});
  EXPECT_EQ(bad.exit_code, 5);
  EXPECT_TRUE(std::regex_search(bad.err, std::regex("line 3: "))) << bad.err;

  StopServer();
  StartServer();
  CommandResult ls = Hoso({"framework", "ls"});
  EXPECT_NE(ls.out.find("tt17-2018-tt22-2024 27        imported"), std::string::npos) << ls.out;
  EXPECT_EQ(ls.out.find("broken-edition"), std::string::npos);
  ASSERT_EQ(Hoso({"school", "add", "NEW", "--name", "Trường mới", "--framework",
                  "tt17-2018-tt22-2024", "--code-format", "{criterion}-{seq:02}"})
                .exit_code,
            0);
  WriteFile(dir_.Sub("x.pdf"), "x");
  CommandResult up = Hoso({"--json", "upload", "--school", "NEW", "--criterion", "5.5", "--title",
                           "x", dir_.Sub("x.pdf")});
  EXPECT_NE(up.out.find("\"code\":\"5.5-01\""), std::string::npos) << up.out;
}

}  // namespace
}  // namespace hoso
