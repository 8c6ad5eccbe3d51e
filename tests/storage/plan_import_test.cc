#include "storage/plan/plan_import.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "storage/plan/plan_store.h"
#include "storage/store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_data.h"

namespace hoso::storage {
namespace {

const Actor kTester{"tester", "admin"};

std::map<std::string, int> CountPerCriterion(const ParsedPlan& plan) {
  std::map<std::string, int> counts;
  for (const ImportedTask& t : plan.tasks) ++counts[t.task.criterion()];
  return counts;
}

// Counted by hand from tests/data/ke-hoach-cai-tien-TH-Le-Quy-Don-2024-2029.txt:
// the criterion-column table has one row (1.1, TT 1); the criteria-rows table
// numbers its items 1., 2., … inside each cell, continued across page breaks.
TEST(PlanImportTest, LeQuyDonSampleGivesTheTasksAPersonCounts) {
  const ParsedPlan plan = ParsePlan(ReadTestData("ke-hoach-cai-tien-TH-Le-Quy-Don-2024-2029.txt"));
  const std::map<std::string, int> expected = {
      {"1.1", 3}, {"1.2", 1}, {"1.3", 4},  {"1.4", 4}, {"1.5", 3}, {"1.6", 3}, {"1.7", 4},
      {"1.8", 2}, {"1.9", 3}, {"1.10", 3}, {"2.1", 2}, {"2.2", 3}, {"2.3", 1}, {"2.4", 4},
      {"3.1", 2}, {"3.2", 1}, {"3.3", 2},  {"3.4", 2}, {"3.5", 1}, {"3.6", 3}, {"4.1", 3},
      {"4.2", 3}, {"5.1", 3}, {"5.2", 2},  {"5.3", 3}, {"5.4", 1}, {"5.5", 2}, {"5.6", 3}};
  EXPECT_EQ(CountPerCriterion(plan), expected);
  EXPECT_EQ(plan.tasks.size(), 71u);
  // Two cells give fewer parts than their criterion has tasks: reported, the
  // whole text kept on each task (see plan_alignment_test.cc).
  ASSERT_EQ(plan.problems.size(), 2u);
  EXPECT_EQ(plan.problems[0].line, 121u);
  EXPECT_EQ(plan.problems[0].reason,
            "criterion 1.6: the \"Người phụ trách\" cell has 2 parts for 3 tasks; each task keeps "
            "all of it");
  EXPECT_EQ(plan.problems[1].line, 160u);

  // The criterion-column row keeps its columns.
  const TaskRecord& first = plan.tasks[0].task;
  EXPECT_EQ(plan.tasks[0].line, 30u);
  EXPECT_EQ(first.criterion(), "1.1");
  EXPECT_EQ(first.owners(), "BGH, thành viên");
  EXPECT_EQ(first.start(), "2024-09");
  EXPECT_EQ(first.budget_vnd(), 230450);
  EXPECT_EQ(first.supervisor(), "HĐT");
  EXPECT_EQ(first.report(), "5/2025");
  // An item continued after a page break is whole: "… truyền" + "thống …".
  bool joined = false;
  for (const auto& t : plan.tasks) {
    if (t.task.criterion() == "4.2" &&
        t.task.content().find("truyền thống của nhà trường") != std::string::npos) {
      joined = true;
    }
  }
  EXPECT_TRUE(joined);
}

// Counted by hand from tests/data/ke-hoach-cai-tien-THCS-Lac-Vien-2024-2025.txt:
// 1.2 holds three "- " items; 1.4, 1.9, 1.10, 2.2, 2.3, 2.4, 5.1 and 5.4 one
// each. 1.5, 3.1 and 3.6 have only a time or note and no content.
TEST(PlanImportTest, LacVienSampleGivesTheTasksAPersonCountsAndReportsTheRest) {
  const ParsedPlan plan = ParsePlan(ReadTestData("ke-hoach-cai-tien-THCS-Lac-Vien-2024-2025.txt"));
  const std::map<std::string, int> expected = {{"1.2", 3},  {"1.4", 1}, {"1.9", 1},
                                               {"1.10", 1}, {"2.2", 1}, {"2.3", 1},
                                               {"2.4", 1},  {"5.1", 1}, {"5.4", 1}};
  EXPECT_EQ(CountPerCriterion(plan), expected);
  EXPECT_EQ(plan.tasks.size(), 11u);
  ASSERT_EQ(plan.problems.size(), 3u);
  EXPECT_EQ(plan.problems[0].line, 112u);
  EXPECT_NE(plan.problems[0].reason.find("criterion 1.5"), std::string::npos);
  EXPECT_EQ(plan.problems[1].line, 125u);
  EXPECT_EQ(plan.problems[2].line, 130u);
  const TaskRecord& kien_toan = plan.tasks[0].task;
  EXPECT_EQ(kien_toan.content(), "Kiện toàn Hội đồng tư vấn tâm lý HS.");
  EXPECT_EQ(kien_toan.start(), "2024-12");
  EXPECT_EQ(kien_toan.due(), "2025-04");
}

TEST(PlanImportTest, ReadsCsvWithQuotedMultilineCells) {
  const std::string csv =
      "Tiêu chí,TT,Nội dung kế hoạch,Phân công thực hiện,Thời gian thực hiện,Kinh phí thực hiện\n"
      "1.1,1,\"Rà soát chiến lược,\nbổ sung phương hướng\",BGH,9/2024,\"1.500.000\"\n"
      "1.2,1,Kiện toàn Hội đồng trường,Hiệu trưởng,Năm học 2024 - 2025 và các năm tiếp theo,\n";
  const ParsedPlan plan = ParsePlan(csv);
  ASSERT_EQ(plan.tasks.size(), 2u);
  EXPECT_EQ(plan.tasks[0].task.content(), "Rà soát chiến lược,\nbổ sung phương hướng");
  EXPECT_EQ(plan.tasks[0].task.budget_vnd(), 1500000);
  EXPECT_EQ(plan.tasks[1].line, 4u);
  EXPECT_TRUE(plan.tasks[1].task.recurring());
  EXPECT_EQ(plan.tasks[1].task.start(), "2024-09");
  EXPECT_EQ(plan.tasks[1].task.due(), "2025-05");
}

TEST(PlanImportTest, RowsWithoutCriterionAreReportedNotGuessed) {
  const std::string tsv =
      "TT\tNội dung công việc\tThời gian thực hiện\n"
      "\tMột việc không rõ tiêu chí\t9/2024\n"
      "Tiêu chí 1.1: Phương hướng\t1. Việc một. 2. Việc hai.\t10/2024\n";
  const ParsedPlan plan = ParsePlan(tsv);
  ASSERT_EQ(plan.tasks.size(), 2u);
  ASSERT_EQ(plan.problems.size(), 1u);
  EXPECT_EQ(plan.problems[0].line, 2u);
}

TEST(PlanImportTest, TimeTexts) {
  TaskRecord t;
  ParsePlanTime("Kế hoạch: T8/2024. Hoàn thành T3/2025", t);
  EXPECT_EQ(t.start(), "2024-08");
  EXPECT_EQ(t.due(), "2025-03");
  TaskRecord u;
  ParsePlanTime("Hoàn thành năm học 2026 -2027", u);
  EXPECT_EQ(u.due(), "2027-05");
}

TEST(PlanStoreTest, ImportNumbersTasksPerCriterionAndRefusesForeignCriteria) {
  hoso::testing::TempDir dir;
  auto store = Store::Open(dir.path());
  ASSERT_OK(store);
  ASSERT_OK((*store)->schools().Create(kTester, "LQD", "Lê Quý Đôn", "tt17-2018"));
  // tt17-2018 has no criterion 5.6: those three tasks are refused with their line.
  auto dry = (*store)->plan().Import(kTester, "LQD",
                                     ReadTestData("ke-hoach-cai-tien-TH-Le-Quy-Don-2024-2029.txt"),
                                     /*dry_run=*/true);
  ASSERT_OK(dry);
  EXPECT_FALSE(dry->imported);
  EXPECT_EQ(dry->tasks.size(), 68u);
  ASSERT_EQ(dry->problems.size(), 3u);  // 1.6 and 5.3 as in LeQuyDonSample…, then 5.6
  EXPECT_EQ(dry->problems[2].line, 164u);
  EXPECT_EQ(dry->problems[2].reason,
            "criterion 5.6 is not in framework tt17-2018 (1.1–5.5); not imported");
  EXPECT_TRUE((*store)->plan().List("LQD")->empty()) << "a dry run stored tasks";

  auto done = (*store)->plan().Import(kTester, "LQD",
                                      ReadTestData("ke-hoach-cai-tien-TH-Le-Quy-Don-2024-2029.txt"),
                                      /*dry_run=*/false);
  ASSERT_OK(done);
  auto tasks = (*store)->plan().List("LQD");
  ASSERT_EQ(tasks->size(), 68u);
  EXPECT_EQ((*tasks)[0].code(), "1.1.01");
  EXPECT_EQ((*tasks)[2].code(), "1.1.03");
  EXPECT_EQ((*tasks)[3].code(), "1.2.01");
  EXPECT_EQ(tasks->back().code(), "5.5.02");
  EXPECT_EQ((*store)->plan().Import(kTester, "LQD", "chỉ là một lá thư", false).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace hoso::storage
