// .xlsx: every sheet in workbook order, shared and inline strings, numbers as
// written, dates in the cell's date format as dd/mm/yyyy, merged ranges resolved.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>

#include "clients/office/office_parts.h"
#include "clients/office/table_budget.h"
#include "clients/office/xml_stream.h"

namespace hoso::office {
namespace {

struct RawCell {
  enum class Type { kNumber, kShared, kInline, kText, kBool, kDate } type = Type::kNumber;
  std::string value;
  int style = 0;
};

struct CellRef {
  uint32_t row = 0, column = 0;  // 1-based; 0: none
};

// "C14" -> row 14, column 3. Zero fields when malformed.
CellRef ParseRef(std::string_view ref) {
  CellRef out;
  size_t i = 0;
  uint64_t column = 0, row = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 4) {
    column = column * 26 + static_cast<uint64_t>(ref[i] - 'A' + 1);
    ++i;
  }
  const size_t digits = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && i - digits < 8) {
    row = row * 10 + static_cast<uint64_t>(ref[i] - '0');
    ++i;
  }
  if (i != ref.size()) return {};
  out.column = static_cast<uint32_t>(column);
  out.row = static_cast<uint32_t>(row);
  return out;
}

uint32_t ToUint(std::string_view v) {
  uint64_t out = 0;
  if (v.empty() || v.size() > 9) return 0;
  for (char c : v) {
    if (c < '0' || c > '9') return 0;
    out = out * 10 + static_cast<uint64_t>(c - '0');
  }
  return static_cast<uint32_t>(out);
}

struct Sheet {
  std::map<uint32_t, std::map<uint32_t, RawCell>> rows;
  std::vector<std::pair<CellRef, CellRef>> merges;
};

// xl/worksheets/*.xml.
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(Sheet* sheet, TableBudget* budget) : sheet_(sheet), budget_(budget) {}

  absl::Status Start(std::string_view name, const XmlAttributes& a) override {
    if (name == "row") {
      const uint32_t r = ToUint(a.Get("r"));
      row_ = r > 0 ? r : row_ + 1;
      column_ = 0;
    } else if (name == "c") {
      const CellRef ref = ParseRef(a.Get("r"));
      column_ = ref.column > 0 ? ref.column : column_ + 1;
      if (ref.row > 0) row_ = ref.row;
      if (row_ == 0) row_ = 1;
      if (absl::Status s = budget_->CheckColumn(column_, "ô ở dòng " + std::to_string(row_));
          !s.ok()) {
        return s;
      }
      cell_ = RawCell{};
      const std::string_view t = a.Get("t");
      if (t == "s") cell_.type = RawCell::Type::kShared;
      if (t == "inlineStr") cell_.type = RawCell::Type::kInline;
      if (t == "str" || t == "e") cell_.type = RawCell::Type::kText;
      if (t == "b") cell_.type = RawCell::Type::kBool;
      if (t == "d") cell_.type = RawCell::Type::kDate;
      cell_.style = static_cast<int>(ToUint(a.Get("s")));
      in_cell_ = true;
    } else if (in_cell_ && name == "v") {
      in_value_ = true;
    } else if (in_cell_ && name == "rPh") {
      in_phonetic_ = true;
    } else if (in_cell_ && name == "t" && !in_phonetic_) {
      in_value_ = cell_.type == RawCell::Type::kInline;
    } else if (name == "mergeCell") {
      const std::string_view ref = a.Get("ref");
      const size_t colon = ref.find(':');
      if (colon != std::string_view::npos && sheet_->merges.size() < budget_->limits().max_cells) {
        const CellRef from = ParseRef(ref.substr(0, colon)), to = ParseRef(ref.substr(colon + 1));
        if (from.row > 0 && from.column > 0 && to.row >= from.row && to.column >= from.column) {
          sheet_->merges.push_back({from, to});
        }
      }
    }
    return absl::OkStatus();
  }

  absl::Status End(std::string_view name) override {
    if (name == "v" || name == "t") {
      in_value_ = false;
    } else if (name == "rPh") {
      in_phonetic_ = false;
    } else if (name == "c" && in_cell_) {
      in_cell_ = false;
      if (cell_.value.empty()) return absl::OkStatus();
      if (absl::Status s = budget_->AddCell(); !s.ok()) return s;
      auto& row = sheet_->rows[row_];
      if (row.empty()) {
        if (absl::Status s = budget_->AddRow(); !s.ok()) return s;
      }
      row[column_] = std::move(cell_);
    }
    return absl::OkStatus();
  }

  absl::Status Text(std::string_view text) override {
    if (!in_value_) return absl::OkStatus();
    if (absl::Status s = budget_->CheckCell(cell_.value.size() + text.size()); !s.ok()) return s;
    cell_.value.append(text);
    return absl::OkStatus();
  }

 private:
  Sheet* sheet_;
  TableBudget* budget_;
  uint32_t row_ = 0, column_ = 0;
  bool in_cell_ = false, in_value_ = false, in_phonetic_ = false;
  RawCell cell_;
};

// xl/sharedStrings.xml: each <si>, its rich text runs joined, phonetic runs left out.
class SharedStringsHandler : public XmlHandler {
 public:
  SharedStringsHandler(std::vector<std::string>* out, TableBudget* budget)
      : out_(out), budget_(budget) {}
  absl::Status Start(std::string_view name, const XmlAttributes&) override {
    if (name == "si") {
      if (out_->size() >= budget_->limits().max_shared_strings) {
        return budget_->Refuse("có hơn " + std::to_string(budget_->limits().max_shared_strings) +
                               " chuỗi dùng chung");
      }
      out_->emplace_back();
      in_si_ = true;
    } else if (name == "rPh") {
      in_phonetic_ = true;
    } else if (in_si_ && !in_phonetic_ && name == "t") {
      in_text_ = true;
    }
    return absl::OkStatus();
  }
  absl::Status End(std::string_view name) override {
    if (name == "si") in_si_ = false;
    if (name == "rPh") in_phonetic_ = false;
    if (name == "t") in_text_ = false;
    return absl::OkStatus();
  }
  absl::Status Text(std::string_view text) override {
    if (!in_text_) return absl::OkStatus();
    if (absl::Status s = budget_->CheckCell(out_->back().size() + text.size()); !s.ok()) return s;
    out_->back().append(text);
    return absl::OkStatus();
  }

 private:
  std::vector<std::string>* out_;
  TableBudget* budget_;
  bool in_si_ = false, in_phonetic_ = false, in_text_ = false;
};

// Whether a number format shows a date: the built-in date formats, or a
// custom code with day or year fields outside quoted text and brackets.
bool IsDateFormat(int id, const std::string& code) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) {
    return true;
  }
  if (code.empty()) return false;
  bool quoted = false, bracket = false, date = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '[') bracket = true;
    if (c == ']') bracket = false;
    if (bracket) continue;
    if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') date = true;
  }
  return date;
}

struct Styles {
  std::map<int, std::string> formats;  // numFmtId -> formatCode
  std::vector<int> cell_formats;       // cellXfs index -> numFmtId
};

// xl/styles.xml.
class StylesHandler : public XmlHandler {
 public:
  explicit StylesHandler(Styles* out) : out_(out) {}
  absl::Status Start(std::string_view name, const XmlAttributes& a) override {
    if (name == "numFmt" && out_->formats.size() < 10000) {
      out_->formats[static_cast<int>(ToUint(a.Get("numFmtId")))] =
          std::string(a.Get("formatCode").substr(0, 200));
    } else if (name == "cellXfs") {
      in_xfs_ = true;
    } else if (in_xfs_ && name == "xf" && out_->cell_formats.size() < 100000) {
      out_->cell_formats.push_back(static_cast<int>(ToUint(a.Get("numFmtId"))));
    }
    return absl::OkStatus();
  }
  absl::Status End(std::string_view name) override {
    if (name == "cellXfs") in_xfs_ = false;
    return absl::OkStatus();
  }
  absl::Status Text(std::string_view) override { return absl::OkStatus(); }

 private:
  Styles* out_;
  bool in_xfs_ = false;
};

struct SheetEntry {
  std::string name, relation;
};

// xl/workbook.xml: the sheets in order, and the date system.
class WorkbookHandler : public XmlHandler {
 public:
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
  absl::Status Start(std::string_view name, const XmlAttributes& a) override {
    if (name == "sheet" && sheets.size() < 10000) {
      sheets.push_back({std::string(a.Get("name").substr(0, 200)), std::string(a.Get("id"))});
    } else if (name == "workbookPr") {
      const std::string_view v = a.Get("date1904");
      date1904 = v == "1" || v == "true";
    }
    return absl::OkStatus();
  }
  absl::Status End(std::string_view) override { return absl::OkStatus(); }
  absl::Status Text(std::string_view) override { return absl::OkStatus(); }
};

// xl/_rels/workbook.xml.rels: relation id -> part.
class RelationsHandler : public XmlHandler {
 public:
  std::map<std::string, std::string> targets;
  absl::Status Start(std::string_view name, const XmlAttributes& a) override {
    if (name == "Relationship" && targets.size() < 10000) {
      std::string target(a.Get("Target"));
      if (!target.empty() && target[0] == '/') {
        target.erase(0, 1);
      } else {
        target = "xl/" + target;
      }
      targets[std::string(a.Get("Id"))] = target;
    }
    return absl::OkStatus();
  }
  absl::Status End(std::string_view) override { return absl::OkStatus(); }
  absl::Status Text(std::string_view) override { return absl::OkStatus(); }
};

// A number as a person wrote it: integers without exponent, the rest with
// at most 15 significant digits (what Excel shows), so 0.1+0.2 is "0.3".
std::string NumberText(const std::string& raw) {
  char* end = nullptr;
  const double v = std::strtod(raw.c_str(), &end);
  if (end == raw.c_str() || *end != '\0' || !std::isfinite(v)) return raw;
  char buffer[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", v == 0 ? 0.0 : v);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.15g", v);
  }
  return buffer;
}

// Days since 1899-12-30 (or 1904-01-01) as dd/mm/yyyy; "" when out of range.
std::string SerialDate(const std::string& raw, bool date1904) {
  char* end = nullptr;
  const double v = std::strtod(raw.c_str(), &end);
  if (end == raw.c_str() || *end != '\0' || !std::isfinite(v) || v < 1 || v > 2958465) return "";
  int64_t days = static_cast<int64_t>(std::floor(v));
  if (date1904) {
    days += 1462;
  } else if (days < 60) {
    ++days;  // Excel's 29/02/1900, which never was, shifts the early serials
  }
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  int64_t z = days - 25569 + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", static_cast<int>(d), static_cast<int>(m),
                static_cast<int>(y));
  return buffer;
}

std::string CellText(const RawCell& cell, const std::vector<std::string>& shared,
                     const Styles& styles, bool date1904) {
  switch (cell.type) {
    case RawCell::Type::kShared: {
      const uint32_t index = ToUint(cell.value);
      if ((index == 0 && cell.value != "0") || index >= shared.size()) return "";
      return shared[index];
    }
    case RawCell::Type::kInline:
    case RawCell::Type::kText:
      return cell.value;
    case RawCell::Type::kBool:
      return cell.value == "1" ? "TRUE" : "FALSE";
    case RawCell::Type::kDate:
      if (cell.value.size() >= 10 && cell.value[4] == '-' && cell.value[7] == '-') {
        return cell.value.substr(8, 2) + "/" + cell.value.substr(5, 2) + "/" +
               cell.value.substr(0, 4);
      }
      return cell.value;
    case RawCell::Type::kNumber:
      break;
  }
  if (cell.style >= 0 && static_cast<size_t>(cell.style) < styles.cell_formats.size()) {
    const int id = styles.cell_formats[static_cast<size_t>(cell.style)];
    auto code = styles.formats.find(id);
    if (IsDateFormat(id, code == styles.formats.end() ? "" : code->second)) {
      std::string date = SerialDate(cell.value, date1904);
      if (!date.empty()) return date;
    }
  }
  return NumberText(cell.value);
}

v1::Table Resolve(const std::string& name, const Sheet& sheet,
                  const std::vector<std::string>& shared, const Styles& styles, bool date1904) {
  std::map<uint32_t, std::map<uint32_t, std::string>> rows;
  for (const auto& [r, cells] : sheet.rows) {
    for (const auto& [c, cell] : cells) rows[r][c] = CellText(cell, shared, styles, date1904);
  }
  const uint32_t last_row = rows.empty() ? 0 : rows.rbegin()->first;
  for (const auto& [from, to] : sheet.merges) {
    auto top = rows.find(from.row);
    if (top == rows.end()) continue;
    auto first = top->second.find(from.column);
    if (first == top->second.end()) continue;
    const std::string value = first->second;
    // Beyond the last row holding text a merge is only formatting.
    for (uint32_t r = from.row; r <= std::min(to.row, last_row); ++r) {
      auto row = rows.find(r);
      if (row == rows.end()) {
        if (r == from.row) continue;
        row = rows.emplace(r, std::map<uint32_t, std::string>{}).first;
      }
      auto right = row->second.upper_bound(from.column);
      while (right != row->second.end() && right->first <= to.column) {
        right = row->second.erase(right);
      }
      row->second[from.column] = value;
    }
  }
  v1::Table out;
  out.set_source(name);
  uint32_t width = 0;
  for (const auto& [r, cells] : rows) {
    for (const auto& [c, text] : cells) {
      if (!text.empty()) width = std::max(width, c);
    }
  }
  for (const auto& [r, cells] : rows) {
    bool any = false;
    for (const auto& [c, text] : cells) any = any || !text.empty();
    if (!any) continue;
    v1::TableRow* row = out.add_rows();
    row->set_source_row(r);
    for (uint32_t c = 1; c <= width; ++c) {
      auto it = cells.find(c);
      *row->add_cells() = it == cells.end() ? "" : it->second;
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<v1::Table>> ReadXlsx(ZipParts& zip, const std::string& name,
                                                const ReadLimits& limits) {
  TableBudget budget(name, limits);
  WorkbookHandler workbook;
  RelationsHandler relations;
  std::vector<std::string> shared;
  SharedStringsHandler shared_handler(&shared, &budget);
  Styles styles;
  StylesHandler styles_handler(&styles);
  std::map<std::string, Sheet> sheets;  // by part
  std::unique_ptr<SheetHandler> sheet_handler;
  std::unique_ptr<XmlStream> stream;
  bool saw_workbook = false;

  auto is_sheet = [](const std::string& part) {
    return part.rfind("xl/worksheets/", 0) == 0 && part.find('/', 14) == std::string::npos &&
           part.size() > 18 && part.compare(part.size() - 4, 4, ".xml") == 0;
  };
  auto handler_of = [&](const std::string& part) -> XmlHandler* {
    if (part == "xl/workbook.xml") return &workbook;
    if (part == "xl/_rels/workbook.xml.rels") return &relations;
    if (part == "xl/sharedStrings.xml") return &shared_handler;
    if (part == "xl/styles.xml") return &styles_handler;
    if (is_sheet(part)) {
      if (sheets.size() >= limits.max_tables) return nullptr;
      sheet_handler = std::make_unique<SheetHandler>(&sheets[part], &budget);
      return sheet_handler.get();
    }
    return nullptr;
  };
  auto open = [&](const std::string& part) -> absl::Status {
    if (stream) return absl::OkStatus();
    XmlHandler* handler = handler_of(part);
    if (handler == nullptr) {
      return budget.Refuse("có hơn " + std::to_string(limits.max_tables) + " trang tính");
    }
    stream = std::make_unique<XmlStream>(handler, limits.max_xml_depth);
    return absl::OkStatus();
  };
  absl::Status read = zip.ForEach(
      [&](const std::string& part) {
        return part == "xl/workbook.xml" || part == "xl/_rels/workbook.xml.rels" ||
               part == "xl/sharedStrings.xml" || part == "xl/styles.xml" || is_sheet(part);
      },
      [&](const std::string& part, std::string_view bytes) -> absl::Status {
        if (absl::Status s = open(part); !s.ok()) return s;
        if (absl::Status s = stream->Feed(bytes); !s.ok())
          return zip.Refuse(part, std::string(s.message()));
        return absl::OkStatus();
      },
      [&](const std::string& part) -> absl::Status {
        if (absl::Status s = open(part); !s.ok()) return s;
        absl::Status s = stream->Finish();
        stream.reset();
        if (!s.ok()) return zip.Refuse(part, std::string(s.message()));
        if (part == "xl/workbook.xml") saw_workbook = true;
        return absl::OkStatus();
      });
  if (!read.ok()) return read;
  if (!saw_workbook)
    return zip.Refuse("", "không có xl/workbook.xml: không phải tệp Excel (.xlsx)");
  std::vector<v1::Table> out;
  for (const SheetEntry& entry : workbook.sheets) {
    auto target = relations.targets.find(entry.relation);
    if (target == relations.targets.end()) continue;
    auto sheet = sheets.find(target->second);
    if (sheet == sheets.end()) continue;
    out.push_back(Resolve(entry.name, sheet->second, shared, styles, workbook.date1904));
  }
  return out;
}

}  // namespace hoso::office
