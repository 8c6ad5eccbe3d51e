#ifndef HOSO_STORAGE_PLAN_PLAN_IMPORT_H_
#define HOSO_STORAGE_PLAN_PLAN_IMPORT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/index/records.pb.h"

namespace hoso::storage {

struct ImportedTask {
  TaskRecord task;  // criterion and fields; no code yet
  uint32_t line = 0;
};

struct PlanProblem {
  uint32_t line = 0;
  std::string reason;
};

struct ParsedPlan {
  std::vector<ImportedTask> tasks;
  std::vector<PlanProblem> problems;
};

// Reads improvement plan tables as people export them from Word or Excel:
// tab-separated text or CSV, with a header row naming the columns (Tiêu chí,
// TT, Nội dung…, Giải pháp…, Phân công thực hiện / Người phụ trách, Thời gian
// / Thời điểm thực hiện, Kinh phí, Điều kiện thực hiện, Phân công giám sát,
// Thời điểm báo cáo). Two layouts are understood:
//  - a criterion column with one task per row (numbered TT);
//  - criteria as heading rows ("Tiêu chí 1.1: …") whose content cell holds
//    several numbered items "1. … 2. …" (or "- " bullets), each a task.
// Paragraph tags <p>…</p> are text breaks; rows broken across pages (an
// empty or fragment first cell) continue the row above. Anything else that
// cannot be read with confidence becomes a problem with its line, not a
// guess. Everything outside plan tables (the letter around them) is skipped.
ParsedPlan ParsePlan(std::string_view text);

// Reads a "Thời gian thực hiện" text into months (YYYY-MM) and a recurring
// flag: "9/2024", "Thực hiện: tháng 12/2024 Hoàn thành Tháng 4/2025",
// "Năm học 2024 - 2025 và các năm tiếp theo".
void ParsePlanTime(std::string_view text, TaskRecord& task);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_PLAN_PLAN_IMPORT_H_
