// The plan importer reads whatever a school exports from Word or Excel: as
// text, and as the tables a client decoded (here: the input's lines, cells
// split at tabs, '\v' a paragraph break, a form feed starting a new table).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "storage/plan/plan_budget.h"
#include "storage/plan/plan_import.h"

namespace {

std::vector<hoso::storage::SourceTable> TablesOf(std::string_view text) {
  std::vector<hoso::storage::SourceTable> tables(1);
  hoso::storage::SourceRow row{1, {""}};
  for (char c : text) {
    if (c == '\n' || c == '\f') {
      tables.back().rows.push_back(std::move(row));
      row = {static_cast<uint32_t>(tables.back().rows.size() + 1), {""}};
      if (c == '\f') tables.emplace_back();
    } else if (c == '\t') {
      row.cells.emplace_back();
    } else {
      row.cells.back().push_back(c == '\v' ? '\n' : c);
    }
  }
  tables.back().rows.push_back(std::move(row));
  return tables;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  hoso::storage::ParsedPlan plan = hoso::storage::ParsePlan(text);
  for (const auto& task : plan.tasks) (void)task;
  hoso::storage::ParsedPlan tables = hoso::storage::ParsePlanTables(TablesOf(text));
  for (const auto& task : tables.tasks) (void)task;
  hoso::storage::TaskRecord task;
  hoso::storage::ParsePlanTime(text.substr(0, 200), task);
  (void)hoso::storage::ParsePlanBudget(text.substr(0, 200));
  return 0;
}
