// Plans as tables (what the client decodes from .docx/.xlsx) and as text
// take one path; numbered items are matched item by item in every column.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "storage/plan/plan_import.h"
#include "storage/plan/plan_store.h"
#include "storage/store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

const Actor kTester{"tester", "admin"};

std::string Sample(const std::string& name) {
  std::ifstream in(std::string(HOSO_TEST_DATA) + "/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Serialized(const std::vector<ImportedTask>& tasks) {
  std::vector<std::string> out;
  for (const ImportedTask& t : tasks) out.push_back(t.task.DebugString());
  return out;
}

// A Word table as the client sends it: paragraphs separated by '\n', list
// items keeping their number, a vertical merge repeated in every row.
SourceTable WordTable() {
  SourceTable table;
  table.source = "bảng 1";
  table.rows = {
      {1,
       {"Tiêu chí", "Nội dung kế hoạch", "Người thực hiện", "Thời gian", "Kinh phí",
        "Điều kiện thực hiện"}},
      {2,
       {"Tiêu chí 2.2: Đối với giáo viên", "1. Sắp xếp thời khóa biểu.\n2. Cử GV đi học.",
        "BGH\nCB, GV", "9/2024\n10/2024", "5 triệu\n", "Ngân sách\nTự túc"}},
      {3,
       {"Tiêu chí 2.3: Đối với nhân viên", "1. Bổ sung nhân viên văn thư.", "Hiệu trưởng",
        "Năm học 2024 - 2025", "Xã hội hóa", ""}},
  };
  return table;
}

// The same table exported as text: tab-separated, <p> paragraphs.
const char* kWordTableAsText =
    "Tiêu chí\tNội dung kế hoạch\tNgười thực hiện\tThời gian\tKinh phí\tĐiều kiện thực hiện\n"
    "Tiêu chí 2.2: Đối với giáo viên\t<p>1. Sắp xếp thời khóa biểu.</p> <p>2. Cử GV đi "
    "học.</p>\t<p>BGH</p> <p>CB, GV</p>\t<p>9/2024</p> <p>10/2024</p>\t<p>5 triệu</p>\t<p>Ngân "
    "sách</p> <p>Tự túc</p>\n"
    "Tiêu chí 2.3: Đối với nhân viên\t1. Bổ sung nhân viên văn thư.\tHiệu trưởng\tNăm học 2024 - "
    "2025\tXã hội hóa\t\n";

TEST(PlanTablesTest, ATableAndTheSameTableAsTextGiveTheSameTasks) {
  const ParsedPlan from_table = ParsePlanTables({WordTable()});
  const ParsedPlan from_text = ParsePlan(kWordTableAsText);
  ASSERT_EQ(from_table.tasks.size(), 3u);
  EXPECT_EQ(Serialized(from_table.tasks), Serialized(from_text.tasks));
  EXPECT_EQ(from_table.tasks[0].source, "bảng 1");
  EXPECT_EQ(from_table.tasks[0].line, 2u);
  EXPECT_EQ(from_table.tasks[2].line, 3u);
  EXPECT_EQ(from_table.tasks[1].task.content(), "Cử GV đi học.");
  EXPECT_EQ(from_table.tasks[1].task.owners(), "CB, GV");
}

TEST(PlanTablesTest, BothSamplePlansGiveTheSameTasksAsTables) {
  for (const char* name : {"ke-hoach-cai-tien-TH-Le-Quy-Don-2024-2029.txt",
                           "ke-hoach-cai-tien-THCS-Lac-Vien-2024-2025.txt"}) {
    SourceTable table = SplitPlanText(Sample(name));
    table.source = name;
    const ParsedPlan from_text = ParsePlan(Sample(name));
    // As decoded tables, one per plan table: the letter's prose rows are
    // single cells the table path reads like any row, so cut them out.
    SourceTable only_rows;
    only_rows.source = name;
    for (SourceRow& row : table.rows) {
      if (row.cells.size() > 1) only_rows.rows.push_back(row);
    }
    const ParsedPlan from_table = ParsePlanTables({only_rows});
    EXPECT_EQ(Serialized(from_table.tasks), Serialized(from_text.tasks)) << name;
    ASSERT_EQ(from_table.problems.size(), from_text.problems.size()) << name;
    for (size_t i = 0; i < from_text.problems.size(); ++i) {
      EXPECT_EQ(from_table.problems[i].line, from_text.problems[i].line);
      EXPECT_EQ(from_table.problems[i].source, name);
    }
  }
}

TEST(PlanTablesTest, ATableWithoutHeaderAsWideAsThePlanTableContinuesIt) {
  SourceTable first = WordTable();
  SourceTable second;
  second.source = "bảng 2";
  second.rows = {
      {1, {"Tiêu chí 2.4: Đối với học sinh", "1. Tuyển sinh.", "BGH", "9/2024", "", ""}}};
  SourceTable narrow;
  narrow.source = "bảng 3";
  narrow.rows = {{1, {"Tiêu chí 3.1: Khuôn viên", "1. Trồng cây."}}};
  const ParsedPlan plan = ParsePlanTables({first, second, narrow});
  ASSERT_EQ(plan.tasks.size(), 4u);
  EXPECT_EQ(plan.tasks[3].task.criterion(), "2.4");
  EXPECT_EQ(plan.tasks[3].source, "bảng 2");
}

TEST(PlanTablesTest, StoreImportsTablesAndReportsProblemsWithTheirTable) {
  hoso::testing::TempDir dir;
  auto store = Store::Open(dir.path());
  ASSERT_OK(store);
  ASSERT_OK((*store)->schools().Create(kTester, "LQD", "Lê Quý Đôn", "tt17-2018"));
  SourceTable table = WordTable();
  table.rows.push_back({4, {"Tiêu chí 9.9: Không có", "1. Việc lạ.", "", "", "", ""}});
  auto result = (*store)->plan().ImportTables(kTester, "LQD", {table}, /*dry_run=*/false);
  ASSERT_OK(result);
  ASSERT_EQ(result->tasks.size(), 3u);
  EXPECT_EQ(result->tasks[0].code(), "2.2.01");
  ASSERT_EQ(result->problems.size(), 1u);
  EXPECT_EQ(result->problems[0].line, 4u);
  EXPECT_EQ(result->problems[0].source, "bảng 1");
  EXPECT_EQ((*store)->plan().List("LQD")->size(), 3u);
}

}  // namespace
}  // namespace hoso::storage
