#ifndef HOSO_STORAGE_EVIDENCE_CATALOGUE_IMPORT_H_
#define HOSO_STORAGE_EVIDENCE_CATALOGUE_IMPORT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/base/source_table.h"

namespace hoso::storage {

// A school's own evidence catalogue (danh mục minh chứng, Phụ lục 4 of the
// circulars) read from the tables a client decoded: which rows describe
// which code. EvidenceStore::ImportCatalogue applies them.

// One row of the catalogue that names a code.
struct CatalogueEntry {
  std::string source;  // table
  uint32_t row = 0;
  std::string code;  // as written
  std::string title, number_and_date, issuer, note;
  std::string criterion;  // of the heading above it ("Tiêu chí 1.1: …"), if any
};

// A row that could not be read or matched, for the person who fixes it.
struct CatalogueProblem {
  std::string source;
  uint32_t row = 0;
  std::string reason;  // Vietnamese
};

struct CatalogueRows {
  std::vector<CatalogueEntry> entries;
  std::vector<CatalogueProblem> problems;
};

// The columns are found by their header (the variants real catalogues use:
// "Mã minh chứng", "Mã MC", "Tên minh chứng", "Tên văn bản", "Số/ngày ban
// hành", "Thời điểm khảo sát", "Nơi ban hành", "Cơ quan ban hành", "Người
// thực hiện", "Ghi chú", ...); rows above the header (the title), heading rows
// (Tiêu chuẩn, Tiêu chí), repeated headers and column-number rows are not items.
CatalogueRows ReadCatalogueRows(const std::vector<SourceTable>& tables);

// "Số 12/QĐ-THCS ngày 05/9/2021", "12/QĐ-THCS, 05/09/2021", "Ngày 15/09/2024",
// "ngày 5 tháng 9 năm 2021": number and date (YYYY-MM-DD). `rest` is what was
// not understood (empty when everything was): the caller keeps it as written.
struct ParsedNumberAndDate {
  std::string number, date;
  bool understood = true;
};
ParsedNumberAndDate ParseNumberAndDate(std::string_view text);

// The lookup form (k/ index) of a code as the school wrote it: the forms of
// an archive's file names ("H1.1.1.03", "1.2-5") name the code the school's
// `format` makes ("[H1-1.1-03]"), as they do on upload.
std::string CodeKeyOf(const std::string& written, const std::string& format);

// What the import did, or would do (dry run), with an item.
struct CatalogueChange {
  enum class Action { kUpdated, kCreated, kUnchanged } action = Action::kUnchanged;
  std::string source;
  uint32_t row = 0;
  std::string code;
  uint64_t id = 0;
  std::string detail;  // the fields changed, old → new
};

struct CatalogueImport {
  std::vector<CatalogueChange> changes;  // in the order of the rows
  std::vector<CatalogueProblem> problems;
  bool applied = false;  // false on a dry run or when nothing changed
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_EVIDENCE_CATALOGUE_IMPORT_H_
