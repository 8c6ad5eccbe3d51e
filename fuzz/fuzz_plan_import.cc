// The plan importer reads whatever a school exports from Word or Excel.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "storage/plan/plan_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  hoso::storage::ParsedPlan plan = hoso::storage::ParsePlan(text);
  for (const auto& task : plan.tasks) (void)task;
  hoso::storage::TaskRecord task;
  hoso::storage::ParsePlanTime(text.substr(0, 200), task);
  return 0;
}
