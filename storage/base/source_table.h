#ifndef HOSO_STORAGE_BASE_SOURCE_TABLE_H_
#define HOSO_STORAGE_BASE_SOURCE_TABLE_H_

#include <cstdint>
#include <string>
#include <vector>

namespace hoso::storage {

// A table from a school's document (a Word table, a sheet, a CSV file) as a
// client decoded it, before anything is interpreted: what plan and catalogue
// imports read. Merged cells are resolved as in hoso.v1.Table: a vertical
// merge repeats its text in every row, a horizontal one leaves the spanned
// columns empty.
struct SourceRow {
  uint32_t row = 0;                // 1-based row of the sheet or table, or line of the file
  std::vector<std::string> cells;  // UTF-8; paragraphs separated by '\n'
};

struct SourceTable {
  std::string source;  // how a person finds it: "Sheet1", "bảng 2", a file name
  std::vector<SourceRow> rows;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_BASE_SOURCE_TABLE_H_
