// hoso plan import when it cannot import: every row refused, no plan table,
// and --json errors; and the per-item fields it prints for the samples.
#include <regex>

#include "tests/support/hosod_fixture.h"

namespace hoso {
namespace {

using PlanImportTest = HosodTest;

std::string Sample(const std::string& name) { return std::string(HOSO_TEST_DATA) + "/" + name; }

TEST_F(PlanImportTest, AnImportThatRefusesEveryRowExitsNonZeroAndSaysWhy) {
  const std::string path = dir_.Sub("foreign.tsv");
  WriteFile(path,
            "Tiêu chí\tNội dung kế hoạch\tThời gian thực hiện\n"
            "Tiêu chí 9.1: Không có trong thông tư\t1. Việc một. 2. Việc hai.\t9/2024\n");
  CommandResult r = Hoso({"plan", "import", path, "--school", "LQD"});
  EXPECT_EQ(r.exit_code, 5) << r.out << r.err;
  EXPECT_NE(r.err.find("nothing imported: all 1 row(s) with plan text were refused (first: "
                       "criterion 9.1 is not in framework tt17-2018"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("foreign.tsv:2: criterion 9.1"), std::string::npos) << r.err;

  CommandResult json = Hoso({"--json", "plan", "import", path, "--school", "LQD"});
  EXPECT_EQ(json.exit_code, 5);
  // The response with its problems, then the error: one JSON document a line.
  EXPECT_NE(json.out.find("\"reason\":\"criterion 9.1 is not in framework"), std::string::npos)
      << json.out;
  EXPECT_TRUE(std::regex_search(
      json.out, std::regex("\n\\{\"error\":\\{\"message\":\"plan import [^\"]*: nothing "
                           "imported[^\n]*\"exit_code\":5\\}\\}\n$")))
      << json.out;
  EXPECT_EQ(Hoso({"plan", "ls", "--school", "LQD"}).out.find("0 task(s)") != std::string::npos,
            true);
}

TEST_F(PlanImportTest, AFileWithoutPlanTableNamesTheLineThatCameClosest) {
  const std::string path = dir_.Sub("letter.tsv");
  WriteFile(path,
            "KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG\n"
            "TT\tHọ và tên\tChức vụ\n"
            "Tiêu chí\tBiện pháp thực hiện\tNgười thực hiện\tThời gian hoàn thành\n"
            "1.1\tRà soát\tBGH\t5/2025\n");
  CommandResult r = Hoso({"plan", "import", path, "--school", "LQD"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.err.find("no plan table found"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 3 comes closest (Tiêu chí | Biện pháp thực hiện | Người thực hiện | "
                       "Thời gian hoàn thành) but has no Nội dung column"),
            std::string::npos)
      << r.err;

  CommandResult json = Hoso({"--json", "plan", "import", path, "--school", "LQD"});
  EXPECT_EQ(json.exit_code, 5);
  EXPECT_TRUE(std::regex_search(
      json.out, std::regex("^\\{\"error\":\\{\"what\":\"plan import [^\"]*letter.tsv\","
                           "\"message\":\"no plan table found[^\n]*line 3 comes closest[^\n]*\","
                           "\"code\":\"INVALID_ARGUMENT\",\"exit_code\":5\\}\\}\n$")))
      << json.out;
}

TEST_F(PlanImportTest, JsonErrorsOfOtherCommandsAreJsonToo) {
  CommandResult r = Hoso({"--json", "plan", "show", "9.9.99", "--school", "LQD"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(std::regex_search(
      r.out, std::regex("^\\{\"error\":\\{\"what\":\"[^\"]*\",\"message\":\"no plan task 9.9.99[^"
                        "\"]*\",\"code\":\"NOT_FOUND\",\"exit_code\":3\\}\\}\n$")))
      << r.out;
  // Without --json the error is for people only, on stderr.
  CommandResult plain = Hoso({"plan", "show", "9.9.99", "--school", "LQD"});
  EXPECT_EQ(plain.out, "");
  EXPECT_NE(plain.err.find("no plan task 9.9.99"), std::string::npos);
}

// The Lê Quý Đôn plan's criterion 2.2: three items, owners and funding per
// item as the plan writes them (funding: "Ngân sách" for 1, "Tự túc" for 2,
// none for 3, whose row continues the table after a page break).
TEST_F(PlanImportTest, TheSamplePlanShowsCriterion22ItemByItem) {
  ASSERT_EQ(Hoso({"school", "add", "LQD2", "--name", "Trường Tiểu học Lê Quý Đôn (TT18)",
                  "--framework", "tt18-2018"})
                .exit_code,
            0);
  CommandResult r = Hoso({"plan", "import", Sample("ke-hoach-cai-tien-TH-Le-Quy-Don-2024-2029.txt"),
                          "--school", "LQD2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("imported 71 task(s)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 row(s) not imported"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 remark(s) on imported rows"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find(":121: criterion 1.6: the \"Người phụ trách\" cell has 2 parts for 3 tasks"),
            std::string::npos)
      << r.err;
  const std::pair<const char*, const char*> expected[] = {
      {"BGH, Chủ tịch công đoàn", "Ngân sách"}, {"CB, GV, NV", "Tự túc"}, {"CB, GV, NV", ""}};
  for (int k = 0; k < 3; ++k) {
    const std::string code = "2.2.0" + std::to_string(k + 1);
    CommandResult task = Hoso({"plan", "show", code, "--school", "LQD2"});
    ASSERT_EQ(task.exit_code, 0) << task.err;
    EXPECT_NE(task.out.find(std::string("owners:     ") + expected[k].first + "\n"),
              std::string::npos)
        << task.out;
    if (*expected[k].second != '\0') {
      EXPECT_NE(task.out.find(std::string("funding:    ") + expected[k].second + "\n"),
                std::string::npos)
          << task.out;
    } else {
      EXPECT_EQ(task.out.find("funding:"), std::string::npos) << task.out;
    }
  }
}

}  // namespace
}  // namespace hoso
