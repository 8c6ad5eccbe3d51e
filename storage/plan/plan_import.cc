#include "storage/plan/plan_import.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <map>
#include <optional>
#include <regex>

namespace hoso::storage {
namespace {

enum class Column {
  kNone,
  kStandard,
  kCriterion,
  kNumber,
  kContent,
  kSolution,
  kOwners,
  kTime,
  kBudget,
  kFunding,
  kSupervisor,
  kReport
};

struct Row {
  uint32_t line = 0;
  std::vector<std::string> cells;
};

std::string Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n\xC2\xA0");
  if (b == std::string_view::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Lower case without spaces or tags: the form header cells are compared in.
std::string Key(std::string_view cell) {
  std::string lower;
  icu::UnicodeString::fromUTF8(icu::StringPiece(cell.data(), cell.size()))
      .toLower(icu::Locale("vi"))
      .toUTF8String(lower);
  lower = std::regex_replace(lower, std::regex("</?p>"), "");
  std::string out;
  for (char c : lower) {
    if (c != ' ' && c != '\t' && c != '\r') out.push_back(c);
  }
  return out;
}

bool Has(const std::string& key, const char* part) { return key.find(part) != std::string::npos; }

Column ColumnOf(const std::string& key) {
  if (key == "tt" || key == "stt") return Column::kNumber;
  if (key == "tiêuchuẩn") return Column::kStandard;
  if (Has(key, "tiêuchí")) return Column::kCriterion;
  if (Has(key, "nộidung")) return Column::kContent;
  if (Has(key, "giảipháp")) return Column::kSolution;
  if (Has(key, "giámsát")) return Column::kSupervisor;
  if (Has(key, "phâncông") || Has(key, "phụtrách")) return Column::kOwners;
  if (Has(key, "báocáo")) return Column::kReport;
  if (Has(key, "thờigian") || Has(key, "thờiđiểm")) return Column::kTime;
  if (Has(key, "kinhphí")) return Column::kBudget;
  if (Has(key, "điềukiện") || Has(key, "nguồn")) return Column::kFunding;
  return Column::kNone;
}

// Splits the text into rows: tab-separated when any line has a tab, else CSV
// (quoted fields may span lines).
std::vector<Row> SplitRows(std::string_view text) {
  std::vector<Row> rows;
  const bool tabs = text.find('\t') != std::string_view::npos;
  uint32_t line = 1;
  size_t i = 0;
  while (i <= text.size()) {
    Row row;
    row.line = line;
    std::string cell;
    bool quoted = false;
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (!tabs && quoted) {
        if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          cell.push_back('"');
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') ++line;
          cell.push_back(c);
        }
        continue;
      }
      if (!tabs && c == '"' && cell.empty()) {
        quoted = true;
      } else if (c == (tabs ? '\t' : ',')) {
        row.cells.push_back(std::move(cell));
        cell.clear();
      } else if (c == '\n') {
        break;
      } else if (c != '\r') {
        cell.push_back(c);
      }
    }
    row.cells.push_back(std::move(cell));
    rows.push_back(std::move(row));
    ++i;
    ++line;
  }
  return rows;
}

// Paragraphs of a cell: the text between <p> and </p> tags (text outside
// tags, such as a row continued from the previous page, counts too).
std::vector<std::string> Paragraphs(const std::string& cell) {
  static const std::regex kTag("</?p>");
  std::vector<std::string> out;
  std::sregex_token_iterator it(cell.begin(), cell.end(), kTag, -1), end;
  for (; it != end; ++it) {
    if (std::string p = Trim(it->str()); !p.empty()) out.push_back(p);
  }
  return out;
}

// Splits content into items numbered 1., 2., 3. … in order; or "- " bullets.
std::vector<std::string> Items(const std::string& text) {
  static const std::regex kNumber("(^|\\s)([0-9]{1,2})\\.\\s+");
  std::vector<std::pair<size_t, size_t>> starts;  // item start, text start
  int expected = 1;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kNumber);
       it != std::sregex_iterator(); ++it) {
    if (std::stoi((*it)[2].str()) != expected) continue;
    starts.push_back(
        {static_cast<size_t>(it->position(2)), static_cast<size_t>(it->position() + it->length())});
    ++expected;
  }
  std::vector<std::string> items;
  if (!starts.empty()) {
    for (size_t k = 0; k < starts.size(); ++k) {
      const size_t end = k + 1 < starts.size() ? starts[k + 1].first : text.size();
      std::string item = Trim(text.substr(starts[k].second, end - starts[k].second));
      if (k == 0 && starts[0].first > 0) item = Trim(text.substr(0, starts[0].first)) + " " + item;
      if (!item.empty()) items.push_back(item);
    }
    return items;
  }
  if (text.rfind("- ", 0) == 0) {
    static const std::regex kBullet("(^|\\s)-\\s+");
    std::sregex_token_iterator it(text.begin(), text.end(), kBullet, -1), end;
    for (; it != end; ++it) {
      if (std::string item = Trim(it->str()); !item.empty()) items.push_back(item);
    }
    return items;
  }
  if (std::string whole = Trim(text); !whole.empty()) items.push_back(whole);
  return items;
}

std::optional<std::string> CriterionIn(const std::string& cell, bool heading) {
  static const std::regex kHeading(
      "^\\s*(?:<p>)?\\s*Ti\xC3\xAA"
      "u ch\xC3\xAD\\s+([0-9]+\\.[0-9]+)");
  static const std::regex kBare("^\\s*([0-9]+\\.[0-9]+)\\s*$");
  std::smatch m;
  if (std::regex_search(cell, m, heading ? kHeading : kBare)) return m[1].str();
  return std::nullopt;
}

bool IsStandardHeading(const std::string& cell) { return Key(cell).rfind("tiêuchuẩn", 0) == 0; }

int64_t ParseBudget(const std::string& cell) {
  std::string digits;
  for (char c : cell) {
    if (c >= '0' && c <= '9')
      digits.push_back(c);
    else if (c != ' ' && c != '.' && c != ',')
      return 0;
  }
  return digits.empty() || digits.size() > 15 ? 0 : std::stoll(digits);
}

// One plan table being read.
class TableReader {
 public:
  TableReader(std::vector<Column> columns, ParsedPlan* out)
      : columns_(std::move(columns)), out_(out) {
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (columns_[i] == Column::kCriterion && criterion_col_ < 0)
        criterion_col_ = static_cast<int>(i);
    }
  }
  ~TableReader() { Flush(); }

  void Add(const Row& row) {
    const std::string first = row.cells.empty() ? "" : Trim(row.cells[0]);
    std::string criterion_cell =
        criterion_col_ >= 0 && criterion_col_ < static_cast<int>(row.cells.size())
            ? Trim(row.cells[criterion_col_])
            : "";
    if (auto c = CriterionIn(criterion_cell, /*heading=*/false)) {  // one task per row
      Flush();
      Start(*c, row.line, /*per_row=*/true);
    } else if (auto h = CriterionIn(first, /*heading=*/true)) {  // a criterion heading row
      Flush();
      Start(*h, row.line, /*per_row=*/false);
    } else if (IsStandardHeading(first) && Empty(row, /*skip_first=*/true)) {
      Flush();
      return;
    } else if (criterion_.empty()) {
      if (HasMappedText(row)) {
        out_->problems.push_back({row.line, "a row with plan text but no criterion; not imported"});
      }
      return;
    }
    for (size_t i = 0; i < row.cells.size() && i < columns_.size(); ++i) {
      if (columns_[i] == Column::kNone || columns_[i] == Column::kCriterion ||
          columns_[i] == Column::kStandard || columns_[i] == Column::kNumber)
        continue;
      std::string& text = text_[columns_[i]];
      const std::string cell = Trim(row.cells[i]);
      if (!cell.empty()) text += (text.empty() ? "" : " ") + cell;
    }
  }

 private:
  bool HasMappedText(const Row& row) const {
    for (size_t i = 0; i < row.cells.size() && i < columns_.size(); ++i) {
      if (columns_[i] != Column::kNone && !Trim(row.cells[i]).empty()) return true;
    }
    return false;
  }

  bool Empty(const Row& row, bool skip_first) const {
    for (size_t i = skip_first ? 1 : 0; i < row.cells.size(); ++i) {
      if (!Trim(row.cells[i]).empty()) return false;
    }
    return true;
  }

  void Start(const std::string& criterion, uint32_t line, bool per_row) {
    criterion_ = criterion;
    line_ = line;
    per_row_ = per_row;
    text_.clear();
  }

  // Turns the collected rows of one criterion (or one task row) into tasks.
  void Flush() {
    if (criterion_.empty()) return;
    const std::string content = Join(Paragraphs(text_[Column::kContent]));
    std::vector<std::string> items =
        per_row_ ? std::vector<std::string>{Trim(content)} : Items(content);
    if (items.empty() || items[0].empty()) {
      std::string other;
      for (const auto& [column, text] : text_) other += text;
      if (!Trim(other).empty()) {
        out_->problems.push_back({line_, "criterion " + criterion_ +
                                             " has text but no task content (\"" +
                                             Trim(other).substr(0, 60) + "\"); not imported"});
      }
      criterion_.clear();
      return;
    }
    for (size_t k = 0; k < items.size(); ++k) {
      TaskRecord task;
      task.set_criterion(criterion_);
      task.set_content(items[k]);
      task.set_solution(Pick(Column::kSolution, k, items.size()));
      task.set_owners(Pick(Column::kOwners, k, items.size()));
      task.set_time_text(Pick(Column::kTime, k, items.size()));
      task.set_funding(Pick(Column::kFunding, k, items.size()));
      task.set_supervisor(Pick(Column::kSupervisor, k, items.size()));
      task.set_report(Pick(Column::kReport, k, items.size()));
      task.set_budget_vnd(ParseBudget(Trim(text_[Column::kBudget])));
      ParsePlanTime(task.time_text(), task);
      task.set_status(TASK_PLANNED);
      out_->tasks.push_back({std::move(task), line_});
    }
    criterion_.clear();
  }

  // The k-th paragraph of a column when it has one per item, else all of it.
  std::string Pick(Column column, size_t k, size_t count) {
    std::vector<std::string> parts = Paragraphs(text_[column]);
    if (parts.size() == count && count > 1) return parts[k];
    return Join(parts);
  }

  static std::string Join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
    return out;
  }

  const std::vector<Column> columns_;
  ParsedPlan* const out_;
  int criterion_col_ = -1;
  std::string criterion_;
  uint32_t line_ = 0;
  bool per_row_ = false;
  std::map<Column, std::string> text_;
};

// A header row: short cells naming a content column and a criterion or
// number column, and no criterion code (data rows mention "nội dung" too).
std::optional<std::vector<Column>> HeaderColumns(const Row& row) {
  static const std::regex kCode("[0-9]+\\.[0-9]+");
  std::vector<Column> columns;
  bool content = false, anchor = false;
  for (const std::string& cell : row.cells) {
    if (cell.size() > 160 || std::regex_search(cell, kCode)) return std::nullopt;
    const Column c = ColumnOf(Key(cell));
    content |= c == Column::kContent;
    anchor |= c == Column::kCriterion || c == Column::kNumber;
    columns.push_back(c);
  }
  if (!content || !anchor || row.cells.size() < 3) return std::nullopt;
  return columns;
}

}  // namespace

void ParsePlanTime(std::string_view text_view, TaskRecord& task) {
  const std::string text(text_view);
  const std::string key = Key(text);
  task.set_recurring(Has(key, "cácnămtiếptheo") || Has(key, "hàngnăm") || Has(key, "hằngnăm"));
  static const std::regex kMonth("(?:^|[^0-9])([0-9]{1,2})\\s*/\\s*([0-9]{4})");
  static const std::regex kYear("([0-9]{4})\\s*-\\s*([0-9]{4})");
  auto month = [](const std::smatch& m) {
    char out[8];
    std::snprintf(out, sizeof out, "%s-%02d", m[2].str().c_str(), std::stoi(m[1].str()));
    return std::string(out);
  };
  const size_t done_at = key.find("hoànthành") == std::string::npos
                             ? std::string::npos
                             : text.find("o\xC3\xA0n th\xC3\xA0nh");  // "oàn thành"
  const std::string before = text.substr(0, done_at == std::string::npos ? text.size() : done_at);
  const std::string after = done_at == std::string::npos ? "" : text.substr(done_at);
  std::smatch m;
  if (std::regex_search(before, m, kMonth)) {
    task.set_start(month(m));
    if (done_at == std::string::npos) task.set_due(task.start());
  } else if (std::regex_search(before, m, kYear)) {
    task.set_start(m[1].str() + "-09");  // a school year runs September to May
    task.set_due(m[2].str() + "-05");
  }
  if (!after.empty()) {
    if (std::regex_search(after, m, kMonth)) {
      task.set_due(month(m));
    } else if (std::regex_search(after, m, kYear)) {
      task.set_due(m[2].str() + "-05");
    }
  }
  if (task.start().size() != 7 || std::stoi(task.start().substr(5)) > 12) task.clear_start();
  if (task.due().size() != 7 || std::stoi(task.due().substr(5)) > 12) task.clear_due();
}

ParsedPlan ParsePlan(std::string_view text) {
  ParsedPlan plan;
  std::optional<TableReader> table;
  for (const Row& row : SplitRows(text)) {
    if (auto columns = HeaderColumns(row)) {
      table.reset();
      table.emplace(std::move(*columns), &plan);
      continue;
    }
    if (!table) continue;
    const bool blank = row.cells.size() == 1 && Trim(row.cells[0]).empty();
    if (blank) continue;          // page breaks inside a table
    if (row.cells.size() == 1) {  // prose again: the table ended
      table.reset();
      continue;
    }
    table->Add(row);
  }
  table.reset();
  return plan;
}

}  // namespace hoso::storage
