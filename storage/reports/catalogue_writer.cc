// The catalogue's file formats: CSV and XLSX.
#include <xlsxwriter.h>

#include "storage/base/portable_name.h"
#include "storage/base/scratch_file.h"
#include "storage/base/text.h"
#include "storage/reports/reports.h"

namespace hoso::storage {
namespace {

// Which catalogue field a column shows, from its header words.
enum class Field { kNumber, kCode, kTitle, kNumberDate, kIssuer, kNote, kNone };

Field FieldOf(const std::string& column, size_t index) {
  auto has = [&](const char* w) { return column.find(w) != std::string::npos; };
  if (has("Mã")) return Field::kCode;
  if (has("Tên")) return Field::kTitle;
  if (has("Số") || has("ngày")) return Field::kNumberDate;
  if (has("Nơi") || has("nhóm") || has("người") || has("Người")) return Field::kIssuer;
  if (has("Ghi chú")) return Field::kNote;
  if (has("TT") || index == 0) return Field::kNumber;
  return Field::kNone;
}

std::vector<std::string> Cells(const Catalogue& c, const CatalogueLine& line) {
  std::vector<std::string> cells;
  for (size_t i = 0; i < c.columns.size(); ++i) {
    if (line.kind != CatalogueLine::Kind::kItem) {
      cells.push_back(i == 0 ? line.heading : "");
      continue;
    }
    switch (FieldOf(c.columns[i], i)) {
      case Field::kNumber:
        cells.push_back(std::to_string(line.number));
        break;
      case Field::kCode:
        cells.push_back(line.code);
        break;
      case Field::kTitle:
        cells.push_back(line.title);
        break;
      case Field::kNumberDate:
        cells.push_back(line.number_and_date);
        break;
      case Field::kIssuer:
        cells.push_back(line.issuer);
        break;
      case Field::kNote:
        cells.push_back(line.note);
        break;
      case Field::kNone:
        cells.push_back("");
        break;
    }
  }
  // A title must not show itself reversed in a spreadsheet either.
  for (std::string& cell : cells) cell = text::EscapeBidiControls(cell);
  return cells;
}

// A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before
// one) as a formula: such a title from a teacher's upload must stay text.
// OWASP's advice: prefix a single quote, which Excel shows as text.
std::string NeutraliseFormula(const std::string& v) {
  if (v.empty() || std::string_view("=+-@\t\r").find(v.front()) == std::string_view::npos) {
    return v;
  }
  std::string text(1, '\'');
  return text.append(v);
}

std::string CsvCell(const std::string& raw) {
  const std::string v = NeutraliseFormula(raw);
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string CatalogueCsv(const Catalogue& catalogue, const std::string& title) {
  std::string out = "\xEF\xBB\xBF" + CsvCell(title) + "\r\n";
  auto row = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      out += CsvCell(cells[i]);
    }
    out += "\r\n";
  };
  row(catalogue.columns);
  for (const CatalogueLine& line : catalogue.lines) row(Cells(catalogue, line));
  return out;
}

namespace {

absl::Status WriteXlsx(const Catalogue& catalogue, const std::string& title,
                       const std::string& path, const std::string& scratch_dir) {
  lxw_workbook_options options{};
  options.tmpdir = const_cast<char*>(scratch_dir.c_str());
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (workbook == nullptr) return absl::InternalError("cannot create the workbook " + path);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Danh mục minh chứng");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* wrap = workbook_add_format(workbook);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  worksheet_write_string(sheet, 0, 0, title.c_str(), bold);
  for (size_t i = 0; i < catalogue.columns.size(); ++i) {
    worksheet_write_string(sheet, 2, static_cast<lxw_col_t>(i), catalogue.columns[i].c_str(), bold);
    const double width = FieldOf(catalogue.columns[i], i) == Field::kNumber ? 6
                         : FieldOf(catalogue.columns[i], i) == Field::kCode ? 16
                                                                            : 40;
    worksheet_set_column(sheet, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i), width, wrap);
  }
  lxw_row_t r = 3;
  for (const CatalogueLine& line : catalogue.lines) {
    const std::vector<std::string> cells = Cells(catalogue, line);
    const bool heading = line.kind != CatalogueLine::Kind::kItem;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (cells[i].empty()) continue;
      worksheet_write_string(sheet, r, static_cast<lxw_col_t>(i), cells[i].c_str(),
                             heading ? bold : nullptr);
    }
    ++r;
  }
  const lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR) {
    return absl::InternalError(std::string("writing the workbook failed: ") + lxw_strerror(error));
  }
  return absl::OkStatus();
}

}  // namespace

std::string CatalogueTitle(const std::string& school_name, const std::string& year) {
  return "DANH MỤC MINH CHỨNG — " + school_name + (year.empty() ? "" : " — năm học " + year);
}

absl::StatusOr<std::string> CatalogueXlsx(const Catalogue& catalogue, const std::string& title,
                                          const std::string& scratch_dir) {
  return WriteThroughScratchFile(scratch_dir, "catalogue", [&](const std::string& path) {
    return WriteXlsx(catalogue, title, path, scratch_dir);
  });
}

}  // namespace hoso::storage
