#ifndef HOSO_STORAGE_PLAN_PLAN_IMPORT_H_
#define HOSO_STORAGE_PLAN_PLAN_IMPORT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/base/source_table.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

struct ImportedTask {
  TaskRecord task;  // criterion and fields; no code yet
  uint32_t line = 0;
  std::string source;  // SourceTable::source of the table it came from
};

struct PlanProblem {
  uint32_t line = 0;
  std::string reason;
  std::string source;     // SourceTable::source; empty for text
  bool imported = false;  // the row's tasks were kept; the reason says how
};

struct ParsedPlan {
  std::vector<ImportedTask> tasks;
  std::vector<PlanProblem> problems;
  // When no plan table was found: the row that came closest to a header
  // (say, a Tiêu chí column but no Nội dung), and what it lacks.
  PlanProblem closest;
  int tables = 0;  // plan tables found (header rows)
};

// Reads improvement plan tables as people write them in Word or Excel, with
// a header row naming the columns (see plan_columns.h for the vocabulary).
// Two layouts are understood:
//  - a criterion column with one task per row (numbered TT);
//  - criteria as heading rows ("Tiêu chí 1.1: …") whose content cell holds
//    several numbered items "1. … 2. …" (or "- " bullets), each a task.
// Cells hold paragraphs separated by '\n'. Rows broken across pages (an
// empty or fragment first cell) continue the row above, and a table without
// a header of the same width continues the plan table before it. Anything
// else that cannot be read with confidence becomes a problem with its row,
// not a guess. Everything outside plan tables (the letter around them) is
// skipped.
ParsedPlan ParsePlanTables(const std::vector<SourceTable>& tables);

// Tab-separated text or CSV as exported from Word or Excel, as one table:
// one row per line (quoted CSV fields may span lines), paragraph tags
// <p>…</p> turned into '\n'.
SourceTable SplitPlanText(std::string_view text);

// ParsePlanTables of SplitPlanText: both inputs take one path.
ParsedPlan ParsePlan(std::string_view text);

// Reads a "Thời gian thực hiện" text into months (YYYY-MM) and a recurring
// flag: "9/2024", "Thực hiện: tháng 12/2024 Hoàn thành Tháng 4/2025",
// "Năm học 2024 - 2025 và các năm tiếp theo".
void ParsePlanTime(std::string_view text, TaskRecord& task);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_PLAN_PLAN_IMPORT_H_
