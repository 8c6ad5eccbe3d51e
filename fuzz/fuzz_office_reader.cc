// The reader of a school's documents takes any .docx, .xlsx or .csv a user
// points it at. The first byte picks the format; the rest is the file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "clients/office/office_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const hoso::office::DocumentKind kKinds[] = {
      hoso::office::DocumentKind::kDocx, hoso::office::DocumentKind::kXlsx,
      hoso::office::DocumentKind::kCsv, hoso::office::DocumentKind::kTsv};
  const auto kind = kKinds[data[0] % 4];
  hoso::office::ReadLimits limits;  // small, so that a run stays fast
  limits.max_entry_bytes = 4 << 20;
  limits.max_total_bytes = 8 << 20;
  limits.max_rows = 2000;
  limits.max_cells = 20000;
  auto tables = hoso::office::ReadOfficeData(
      "fuzz", kind, std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), limits);
  if (tables.ok()) {
    for (const auto& t : *tables) (void)t.rows_size();
  }
  return 0;
}
