// .csv and .tsv: RFC 4180 (quoted cells may hold delimiters, quotes and line
// breaks), a UTF-8 byte order mark, CRLF or LF; UTF-8 only.
#include "clients/office/office_parts.h"
#include "clients/office/table_budget.h"

namespace hoso::office {
namespace {

// The 1-based line of the first byte that is not UTF-8, or 0.
size_t FirstBadUtf8Line(std::string_view s) {
  size_t line = 1;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n') ++line;
    size_t length = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (length == 0 || i + length > s.size()) return line;
    uint32_t code = length == 1   ? c
                    : length == 2 ? (c & 0x1F)
                    : length == 3 ? (c & 0x0F)
                                  : (c & 0x07);
    for (size_t k = 1; k < length; ++k) {
      const unsigned char next = static_cast<unsigned char>(s[i + k]);
      if ((next & 0xC0) != 0x80) return line;
      code = (code << 6) | (next & 0x3F);
    }
    const bool overlong = (length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
                          (length == 4 && code < 0x10000);
    if (overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return line;
    i += length;
  }
  return 0;
}

// The delimiter of a .csv: ',' or ';' (Excel with a Vietnamese or European
// locale writes ';'), whichever the first line has more of outside quotes.
char SniffDelimiter(std::string_view text) {
  size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (tabs > commas && tabs > semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}

}  // namespace

absl::StatusOr<std::vector<v1::Table>> ReadDelimited(const std::string& name, bool tabs,
                                                     std::string_view text,
                                                     const ReadLimits& limits) {
  TableBudget budget(name, limits);
  if (text.size() > limits.max_text_bytes) {
    return budget.Refuse("dài hơn " + std::to_string(limits.max_text_bytes >> 20) + " MiB");
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF") {
    return absl::InvalidArgumentError(
        "tệp " + name +
        " là UTF-16: hãy lưu lại dưới dạng \"CSV UTF-8\" (Excel: Lưu thành → CSV UTF-8)");
  }
  if (const size_t line = FirstBadUtf8Line(text); line != 0) {
    return absl::InvalidArgumentError(
        "tệp " + name + " không phải UTF-8 (dòng " + std::to_string(line) +
        "); có thể là bảng mã Windows-1258 hoặc TCVN3 của bản xuất cũ. Hãy mở tệp trong Excel và "
        "lưu lại dưới dạng \"CSV UTF-8\"; hoso không đoán bảng mã");
  }
  const char delimiter = tabs ? '\t' : SniffDelimiter(text);
  v1::Table table;
  table.set_source(name);
  if (absl::Status s = budget.AddTable(); !s.ok()) return s;

  uint32_t line = 1;  // where the current byte is
  v1::TableRow row;
  row.set_source_row(line);
  std::string cell;
  bool quoted = false, any = false;
  auto end_cell = [&]() -> absl::Status {
    if (absl::Status s = budget.AddCell(); !s.ok()) return s;
    if (absl::Status s = budget.CheckColumn(static_cast<uint64_t>(row.cells_size()) + 1,
                                            "dòng " + std::to_string(row.source_row()));
        !s.ok()) {
      return s;
    }
    any = any || !cell.empty();
    *row.add_cells() = std::move(cell);
    cell.clear();
    return absl::OkStatus();
  };
  auto end_row = [&]() -> absl::Status {
    if (absl::Status s = end_cell(); !s.ok()) return s;
    if (any) {
      if (absl::Status s = budget.AddRow(); !s.ok()) return s;
      *table.add_rows() = std::move(row);
    }
    row = v1::TableRow();
    row.set_source_row(line);
    any = false;
    return absl::OkStatus();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
        continue;
      }
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;  // CRLF inside
      if (c == '\n') ++line;
      cell += c;
    } else if (c == '"' && cell.empty()) {
      quoted = true;
    } else if (c == delimiter) {
      if (absl::Status s = end_cell(); !s.ok()) return s;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      if (absl::Status s = end_row(); !s.ok()) return s;
    } else {
      cell += c;
    }
    if (cell.size() > limits.max_cell_bytes) {
      if (absl::Status s = budget.CheckCell(cell.size()); !s.ok()) return s;
    }
  }
  if (quoted) {
    return absl::InvalidArgumentError("tệp " + name + ": dấu ngoặc kép mở ở dòng " +
                                      std::to_string(row.source_row()) + " không được đóng");
  }
  if (!cell.empty() || row.cells_size() > 0) {
    if (absl::Status s = end_row(); !s.ok()) return s;
  }
  // Every row as wide as the widest, as in a sheet.
  int width = 0;
  for (const v1::TableRow& r : table.rows()) width = std::max(width, r.cells_size());
  for (v1::TableRow& r : *table.mutable_rows()) {
    while (r.cells_size() < width) r.add_cells();
  }
  std::vector<v1::Table> out;
  out.push_back(std::move(table));
  return out;
}

}  // namespace hoso::office
