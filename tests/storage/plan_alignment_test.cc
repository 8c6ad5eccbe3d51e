// Plans as tables (what the client decodes from .docx/.xlsx) and as text
// take one path; numbered items are matched item by item in every column.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "storage/plan/plan_budget.h"
#include "storage/plan/plan_columns.h"
#include "storage/plan/plan_import.h"
#include "storage/plan/plan_store.h"
#include "storage/store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_data.h"

namespace hoso::storage {
namespace {

const Actor kTester{"tester", "admin"};

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
    SourceTable table = SplitPlanText(ReadTestData(name));
    table.source = name;
    const ParsedPlan from_text = ParsePlan(ReadTestData(name));
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

std::vector<const TaskRecord*> TasksOf(const ParsedPlan& plan, const std::string& criterion) {
  std::vector<const TaskRecord*> out;
  for (const ImportedTask& t : plan.tasks) {
    if (t.task.criterion() == criterion) out.push_back(&t.task);
  }
  return out;
}

// tests/data/ke-hoach-cai-tien-TH-Le-Quy-Don-2024-2029.txt, line 132-134:
// items 1 and 2 in one row with <p> paragraphs per item in every column,
// item 3 after a page break with its own owner and no funding.
TEST(PlanAlignmentTest, LeQuyDonCriterion22ItemByItem) {
  const ParsedPlan plan = ParsePlan(ReadTestData("ke-hoach-cai-tien-TH-Le-Quy-Don-2024-2029.txt"));
  const auto tasks = TasksOf(plan, "2.2");
  ASSERT_EQ(tasks.size(), 3u);
  EXPECT_EQ(tasks[0]->content().rfind("Bộ phận chuyên môn sắp xếp thời khóa biểu", 0), 0u);
  EXPECT_EQ(tasks[1]->content().rfind("Nhà trường tiếp tục tạo điều kiện cho GV", 0), 0u);
  EXPECT_NE(tasks[1]->content().find("công nghệ thông tin, ngoại ngữ."), std::string::npos)
      << "item 2 continues after the page break";
  EXPECT_EQ(tasks[2]->content().rfind("Năm học 2024-2025 và các năm học tiếp theo", 0), 0u);
  EXPECT_EQ(tasks[0]->owners(), "BGH, Chủ tịch công đoàn");
  EXPECT_EQ(tasks[1]->owners(), "CB, GV, NV");
  EXPECT_EQ(tasks[2]->owners(), "CB, GV, NV");
  EXPECT_EQ(tasks[0]->funding(), "Ngân sách");
  EXPECT_EQ(tasks[1]->funding(), "Tự túc");
  EXPECT_EQ(tasks[2]->funding(), "");
  for (const TaskRecord* t : tasks) {
    EXPECT_EQ(t->time_text(), "Năm học 2024 - 2025 và các năm tiếp theo");
    EXPECT_TRUE(t->recurring());
  }
}

// Line 114-116: a time cell broken across the page ("… và" | "các năm tiếp
// theo") continues item 2; owners one per item over both rows.
TEST(PlanAlignmentTest, LeQuyDonCriterion13JoinsACellBrokenAcrossThePage) {
  const ParsedPlan plan = ParsePlan(ReadTestData("ke-hoach-cai-tien-TH-Le-Quy-Don-2024-2029.txt"));
  const auto tasks = TasksOf(plan, "1.3");
  ASSERT_EQ(tasks.size(), 4u);
  for (const TaskRecord* t : tasks)
    EXPECT_EQ(t->time_text(), "Năm học 2024 - 2025 và các năm tiếp theo");
  EXPECT_EQ(tasks[0]->owners().rfind("Các thành viên của tổ chức Đảng", 0), 0u);
  EXPECT_EQ(tasks[1]->owners(), "BGH");
  EXPECT_EQ(tasks[2]->owners(), "Tổng phụ trách Đội");
  EXPECT_EQ(tasks[3]->owners(), "BGH");
  EXPECT_EQ(tasks[0]->funding(), "Ngân sách nhà nước");
}

// Line 160: two funding paragraphs for three items in one row: no way to
// tell which is whose, so each task keeps both and the import says so.
TEST(PlanAlignmentTest, CountsThatDifferKeepTheWholeTextAndSaySo) {
  const ParsedPlan plan = ParsePlan(ReadTestData("ke-hoach-cai-tien-TH-Le-Quy-Don-2024-2029.txt"));
  const auto tasks = TasksOf(plan, "5.3");
  ASSERT_EQ(tasks.size(), 3u);
  for (const TaskRecord* t : tasks) EXPECT_EQ(t->funding(), "Ngân sách Nguồn đóng góp của PHHS");
  EXPECT_EQ(tasks[1]->owners(), "Hiệu trưởng");
  ASSERT_EQ(plan.problems.size(), 2u);
  EXPECT_EQ(plan.problems[1].line, 160u);
  EXPECT_EQ(plan.problems[1].reason,
            "criterion 5.3: the \"Điều kiện thực hiện\" cell has 2 parts for 3 tasks; each task "
            "keeps all of it");
  EXPECT_TRUE(plan.problems[1].imported);
}

// tests/data/ke-hoach-cai-tien-THCS-Lac-Vien-2024-2025.txt, line 109: three
// "- " items sharing one time; the "Kết quả đã đạt" columns (under the
// sub-header Mức 2 / Mức 3) kept as the note.
TEST(PlanAlignmentTest, LacVienCriterion12ItemByItem) {
  const ParsedPlan plan = ParsePlan(ReadTestData("ke-hoach-cai-tien-THCS-Lac-Vien-2024-2025.txt"));
  const auto tasks = TasksOf(plan, "1.2");
  ASSERT_EQ(tasks.size(), 3u);
  EXPECT_EQ(tasks[0]->content(), "Kiện toàn Hội đồng tư vấn tâm lý HS.");
  EXPECT_EQ(tasks[1]->content(), "Tập huấn bồi dưỡng đội ngũ làm công tác tư vấn.");
  EXPECT_EQ(tasks[2]->content().rfind("Phối hợp với trạm y tế phường Máy Chai", 0), 0u);
  for (const TaskRecord* t : tasks) {
    EXPECT_EQ(t->time_text(), "Thực hiện: tháng 12/2024 Hoàn thành Tháng 4/2025");
    EXPECT_EQ(t->start(), "2024-12");
    EXPECT_EQ(t->due(), "2025-04");
    EXPECT_EQ(t->note(), "Kết quả đã đạt / Mức 3: x");
  }
  EXPECT_EQ(TasksOf(plan, "1.10")[0]->note(), "") << "no mark, no note";
}

TEST(PlanAlignmentTest, NumberedItemsInOtherCellsAlignByNumber) {
  const ParsedPlan plan = ParsePlan(
      "Tiêu chí\tNội dung\tNgười thực hiện\tKinh phí\n"
      "Tiêu chí 1.1: Phương hướng\t1. Rà soát. 2. Bổ sung. 3. Công khai.\t1. BGH 2. Tổ CM 3. "
      "Văn thư\t5 triệu\n");
  ASSERT_EQ(plan.tasks.size(), 3u);
  EXPECT_EQ(plan.tasks[0].task.owners(), "BGH");
  EXPECT_EQ(plan.tasks[1].task.owners(), "Tổ CM");
  EXPECT_EQ(plan.tasks[2].task.owners(), "Văn thư");
  EXPECT_EQ(plan.tasks[2].task.budget_vnd(), 5000000);
  EXPECT_TRUE(plan.problems.empty());
}

// Header words of published plans land in the right fields.
TEST(PlanColumnsTest, VocabularyVariantsMapToTheirFields) {
  const std::vector<std::pair<const char*, PlanColumn>> cases = {
      {"Biện pháp thực hiện", PlanColumn::kSolution},
      {"Biện pháp", PlanColumn::kSolution},
      {"Giải pháp thực hiện", PlanColumn::kSolution},
      {"Người thực hiện", PlanColumn::kOwners},
      {"Người chịu trách nhiệm", PlanColumn::kOwners},
      {"Bộ phận thực hiện", PlanColumn::kOwners},
      {"Phân công thực hiện", PlanColumn::kOwners},
      {"Người phụ trách", PlanColumn::kOwners},
      {"Thời gian hoàn thành", PlanColumn::kDue},
      {"Thời gian thực hiện", PlanColumn::kTime},
      {"Thời điểm thực hiện/hoàn thành", PlanColumn::kTime},
      {"Nguồn lực", PlanColumn::kFunding},
      {"Nguồn kinh phí", PlanColumn::kFunding},
      {"Điều kiện thực hiện", PlanColumn::kFunding},
      {"Dự kiến kinh phí", PlanColumn::kBudget},
      {"Kinh phí thực hiện", PlanColumn::kBudget},
      {"Minh chứng", PlanColumn::kNote},
      {"Ghi chú", PlanColumn::kNote},
      {"Phân công giám sát", PlanColumn::kSupervisor},
      {"Thời điểm báo cáo", PlanColumn::kReport},
      {"Kế hoạch cải tiến chất lượng/Nội dung công việc", PlanColumn::kContent},
      {"T T", PlanColumn::kNumber},
      {"Tiêu chu ẩn", PlanColumn::kStandard},
      {"Đánh giá của hội đồng", PlanColumn::kUnknown},
  };
  for (const auto& [header, column] : cases) EXPECT_EQ(PlanColumnOf(header), column) << header;
}

TEST(PlanColumnsTest, AUnknownColumnIsReportedAndKeptAsNote) {
  SourceTable table;
  table.source = "Sheet1";
  table.rows = {
      {1,
       {"STT", "Tiêu chí", "Nội dung cải tiến", "Biện pháp thực hiện", "Người chịu trách nhiệm",
        "Thời gian bắt đầu", "Thời gian hoàn thành", "Dự kiến kinh phí", "Nguồn lực",
        "Người giám sát", "Minh chứng", "Đánh giá của hội đồng"}},
      {2,
       {"1", "1.1", "Rà soát chiến lược", "Họp hội đồng", "Hiệu trưởng", "9/2024", "5/2025",
        "2,5 triệu đồng", "Ngân sách", "Chủ tịch HĐT", "Nghị quyết HĐT", "Đạt"}},
  };
  const ParsedPlan plan = ParsePlanTables({table});
  ASSERT_EQ(plan.tasks.size(), 1u);
  const TaskRecord& t = plan.tasks[0].task;
  EXPECT_EQ(t.content(), "Rà soát chiến lược");
  EXPECT_EQ(t.solution(), "Họp hội đồng");
  EXPECT_EQ(t.owners(), "Hiệu trưởng");
  EXPECT_EQ(t.time_text(), "9/2024 Hoàn thành 5/2025");
  EXPECT_EQ(t.start(), "2024-09");
  EXPECT_EQ(t.due(), "2025-05");
  EXPECT_EQ(t.budget_text(), "2,5 triệu đồng");
  EXPECT_EQ(t.budget_vnd(), 2500000);
  EXPECT_EQ(t.funding(), "Ngân sách");
  EXPECT_EQ(t.supervisor(), "Chủ tịch HĐT");
  EXPECT_EQ(t.note(), "Minh chứng: Nghị quyết HĐT\nĐánh giá của hội đồng: Đạt");
  ASSERT_EQ(plan.problems.size(), 1u);
  EXPECT_EQ(plan.problems[0].line, 1u);
  EXPECT_EQ(plan.problems[0].source, "Sheet1");
  EXPECT_EQ(plan.problems[0].reason,
            "column \"Đánh giá của hội đồng\" is not a plan column hoso knows; its text is kept "
            "in the tasks' note");
}

TEST(PlanBudgetTest, AmountsAsSchoolsWriteThem) {
  const std::vector<std::pair<const char*, int64_t>> cases = {
      {"5.000.000 đ", 5000000}, {"5.000.000đ", 5000000},
      {"5 triệu", 5000000},     {"2,5 triệu đồng", 2500000},
      {"1.200 nghìn", 1200000}, {"5.000.000 VNĐ", 5000000},
      {"230 450", 230450},      {"1.500.000", 1500000},
      {"3tr", 3000000},         {"Ngân sách: 2 triệu", 2000000}};
  for (const auto& [text, vnd] : cases) {
    const PlanBudget b = ParsePlanBudget(text);
    EXPECT_TRUE(b.has_amount) << text;
    EXPECT_EQ(b.amount_vnd, vnd) << text;
    EXPECT_EQ(b.problem, "") << text;
  }
  EXPECT_EQ(ParsePlanBudget("Ngân sách: 2 triệu").funding, "Ngân sách");
}

TEST(PlanBudgetTest, FundingWordsAreFundingAndNoAmountIsSaid) {
  for (const char* text : {"Xã hội hóa", "Ngân sách", "Tự túc", "XHH",
                           "Ngân sách nhà nước và các nguồn thu hợp pháp khác"}) {
    const PlanBudget b = ParsePlanBudget(text);
    EXPECT_FALSE(b.has_amount) << text;
    EXPECT_NE(b.funding, "") << text;
    EXPECT_EQ(b.problem, "") << text;
  }
  EXPECT_EQ(ParsePlanBudget("Xã hội hóa").funding, "Xã hội hóa");
  EXPECT_TRUE(ParsePlanBudget("Không").has_amount);
  EXPECT_EQ(ParsePlanBudget("Theo dự toán").problem,
            "the budget \"Theo dự toán\" holds no amount; kept as text, no amount");
  EXPECT_NE(ParsePlanBudget("5").problem, "");
  EXPECT_FALSE(ParsePlanBudget("5").has_amount);
}

TEST(PlanBudgetTest, InATableFundingWordsFillFundingAndNoAmountIsAProblem) {
  const ParsedPlan plan = ParsePlan(
      "Tiêu chí\tNội dung\tKinh phí\tĐiều kiện thực hiện\n"
      "1.1\tRà soát\tXã hội hóa\t\n"
      "1.2\tKiện toàn\tTheo dự toán\tNgân sách\n");
  ASSERT_EQ(plan.tasks.size(), 2u);
  EXPECT_EQ(plan.tasks[0].task.funding(), "Xã hội hóa");
  EXPECT_EQ(plan.tasks[0].task.budget_text(), "Xã hội hóa");
  EXPECT_EQ(plan.tasks[0].task.budget_vnd(), 0);
  EXPECT_EQ(plan.tasks[1].task.funding(), "Ngân sách");
  EXPECT_EQ(plan.tasks[1].task.budget_text(), "Theo dự toán");
  ASSERT_EQ(plan.problems.size(), 1u);
  EXPECT_EQ(plan.problems[0].line, 3u);
  EXPECT_EQ(plan.problems[0].reason,
            "criterion 1.2: the budget \"Theo dự toán\" holds no amount; kept as text, no amount");
  EXPECT_TRUE(plan.problems[0].imported);
}

}  // namespace
}  // namespace hoso::storage
