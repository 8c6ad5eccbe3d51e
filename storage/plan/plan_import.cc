#include "storage/plan/plan_import.h"

#include <map>
#include <optional>
#include <regex>
#include <set>

#include "storage/plan/plan_budget.h"
#include "storage/plan/plan_columns.h"

namespace hoso::storage {
namespace {

using Column = PlanColumn;

std::string Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n\xC2\xA0");
  if (b == std::string_view::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

bool Has(const std::string& key, const char* part) { return key.find(part) != std::string::npos; }

// A text cell as a table cell: paragraph tags <p>…</p> become '\n' (text
// outside tags, such as a row continued from the previous page, is a
// paragraph too).
std::string CellOfText(const std::string& cell) {
  if (cell.find("<p>") == std::string::npos && cell.find("</p>") == std::string::npos) return cell;
  static const std::regex kTag("</?p>");
  std::string out;
  std::sregex_token_iterator it(cell.begin(), cell.end(), kTag, -1), end;
  for (; it != end; ++it) {
    if (std::string p = Trim(it->str()); !p.empty()) out += (out.empty() ? "" : "\n") + p;
  }
  return out;
}

// Paragraphs of a cell: its '\n'-separated lines, trimmed, empty ones left out.
std::vector<std::string> Paragraphs(const std::string& cell) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= cell.size()) {
    size_t end = cell.find('\n', start);
    if (end == std::string::npos) end = cell.size();
    if (std::string p = Trim(std::string_view(cell).substr(start, end - start)); !p.empty())
      out.push_back(p);
    start = end + 1;
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

struct Item {
  std::string text;
  size_t start = 0;  // offset in the text it was cut from
};

// Items numbered 1., 2., 3. … in order; with `at_paragraphs` only numbers
// that begin a paragraph count (a Word numbered list), else any after a space.
std::vector<Item> NumberedItems(const std::string& text, bool at_paragraphs) {
  static const std::regex kAnywhere("(^|\\s)([0-9]{1,2})[.)]\\s+");
  static const std::regex kAtParagraph("(^|\\n)\\s*([0-9]{1,2})[.)]\\s+");
  std::vector<std::pair<size_t, size_t>> starts;  // item start, text start
  int expected = 1;
  const std::regex& number = at_paragraphs ? kAtParagraph : kAnywhere;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), number);
       it != std::sregex_iterator(); ++it) {
    if (std::stoi((*it)[2].str()) != expected) continue;
    starts.push_back(
        {static_cast<size_t>(it->position(2)), static_cast<size_t>(it->position() + it->length())});
    ++expected;
  }
  std::vector<Item> items;
  for (size_t k = 0; k < starts.size(); ++k) {
    const size_t end = k + 1 < starts.size() ? starts[k + 1].first : text.size();
    std::string item = Trim(text.substr(starts[k].second, end - starts[k].second));
    size_t start = starts[k].first;
    if (k == 0 && starts[0].first > 0) {  // words before "1." belong to it
      item = Trim(Trim(text.substr(0, starts[0].first)) + " " + item);
      start = 0;
    }
    if (!item.empty()) items.push_back({item, start});
  }
  return items;
}

// Splits content into items numbered 1., 2., 3. … in order; or "- " bullets;
// else the whole text is one item.
std::vector<Item> Items(const std::string& text) {
  if (std::vector<Item> numbered = NumberedItems(text, /*at_paragraphs=*/false); !numbered.empty())
    return numbered;
  std::vector<Item> items;
  if (text.rfind("- ", 0) == 0) {
    static const std::regex kBullet("(^|\\s)-\\s+");
    size_t from = 0;
    auto add = [&](size_t end) {
      if (std::string item = Trim(text.substr(from, end - from)); !item.empty())
        items.push_back({item, from});
    };
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kBullet);
         it != std::sregex_iterator(); ++it) {
      add(static_cast<size_t>(it->position()));
      from = static_cast<size_t>(it->position() + it->length());
    }
    add(text.size());
    return items;
  }
  if (std::string whole = Trim(text); !whole.empty()) items.push_back({whole, 0});
  return items;
}

std::optional<std::string> CriterionIn(const std::string& cell, bool heading) {
  static const std::regex kHeading(
      "^\\s*Ti\xC3\xAA"
      "u ch\xC3\xAD\\s+([0-9]+\\.[0-9]+)");
  static const std::regex kBare("^\\s*([0-9]+\\.[0-9]+)\\s*$");
  std::smatch m;
  if (std::regex_search(cell, m, heading ? kHeading : kBare)) return m[1].str();
  return std::nullopt;
}

bool IsStandardHeading(const std::string& cell) {
  return PlanHeaderKey(cell).rfind("tiêuchuẩn", 0) == 0;
}

// The columns that give a task a field (not the note, not the anchors).
bool IsField(Column c) {
  return c != Column::kUnknown && c != Column::kNote && c != Column::kCriterion &&
         c != Column::kStandard && c != Column::kNumber;
}

// How a person names a column: its header as written, on one line.
std::string NameOf(const std::string& header) { return Join(Paragraphs(header), " "); }

struct Header {
  std::vector<Column> columns;
  std::vector<std::string> names;
  uint32_t line = 0;
  std::string source;
};

// A header row: short cells naming a content column and a criterion or
// number column, and no criterion code (data rows mention "nội dung" too).
// Otherwise, with `closeness`, how near it came (0: not at all) and what it
// lacks.
std::optional<Header> HeaderOf(const SourceRow& row, int* closeness, std::string* lacks) {
  static const std::regex kCode("[0-9]+\\.[0-9]+");
  *closeness = 0;
  Header header;
  bool content = false, anchor = false;
  int known = 0;
  for (const std::string& cell : row.cells) {
    if (cell.size() > 160 || std::regex_search(cell, kCode)) return std::nullopt;
    const std::string name = NameOf(cell);
    const Column c = PlanColumnOf(name);
    content |= c == Column::kContent;
    anchor |= c == Column::kCriterion || c == Column::kNumber;
    known += c != Column::kUnknown;
    header.columns.push_back(name.empty() ? Column::kNote : c);
    header.names.push_back(name);
  }
  if (content && anchor && row.cells.size() >= 3) {
    header.line = row.row;
    // A header cell merged across columns leaves the others empty: they
    // carry its name; a column without any name is "cột N".
    for (size_t i = 0; i < header.names.size(); ++i) {
      if (!header.names[i].empty()) continue;
      header.names[i] = i > 0 ? header.names[i - 1] : "cột 1";
      if (header.names[i].empty()) header.names[i] = "cột " + std::to_string(i + 1);
    }
    return header;
  }
  if (row.cells.size() >= 2 && known >= 2 && (content || anchor)) {
    *closeness = known + (content ? 2 : 0) + (anchor ? 2 : 0);
    *lacks = content ? "no Tiêu chí or TT column" : "no Nội dung column";
    if (row.cells.size() < 3) *lacks = "fewer than three columns";
  }
  return std::nullopt;
}

// One plan table being read: rows gathered per criterion (a heading row and
// the rows continuing it, or one task row), then cut into tasks.
class TableReader {
 public:
  TableReader(Header header, ParsedPlan* out) : header_(std::move(header)), out_(out) {
    for (size_t i = 0; i < header_.columns.size(); ++i) {
      if (header_.columns[i] == Column::kCriterion && criterion_col_ < 0)
        criterion_col_ = static_cast<int>(i);
    }
  }
  ~TableReader() {
    Flush();
    ReportUnknownColumns();
  }

  size_t width() const { return header_.columns.size(); }

  void Add(const SourceRow& row, const std::string& source) {
    if (expect_sub_header_) {
      expect_sub_header_ = false;
      if (TakeSubHeader(row)) return;
    }
    const std::string first = row.cells.empty() ? "" : Trim(row.cells[0]);
    std::string criterion_cell =
        criterion_col_ >= 0 && criterion_col_ < static_cast<int>(row.cells.size())
            ? Trim(row.cells[criterion_col_])
            : "";
    if (auto c = CriterionIn(criterion_cell, /*heading=*/false)) {  // one task per row
      Flush();
      Start(*c, row.row, source, /*per_row=*/true);
    } else if (auto h = CriterionIn(first, /*heading=*/true)) {  // a criterion heading row
      Flush();
      Start(*h, row.row, source, /*per_row=*/false);
    } else if (IsStandardHeading(first) && Empty(row, /*skip_first=*/true)) {
      Flush();
      return;
    } else if (criterion_.empty()) {
      if (HasText(row, /*fields_only=*/false)) {
        Problem(row.row, source, "a row with plan text but no criterion; not imported");
      }
      return;
    }
    rows_.push_back(row);
    rows_.back().cells.resize(width());
    for (size_t i = 0; i < width(); ++i) {
      if (!Trim(row.cells.size() > i ? row.cells[i] : "").empty()) used_[i] = true;
    }
  }

 private:
  // `imported`: a remark on rows that were imported, not a refusal.
  void Problem(uint32_t line, const std::string& source, std::string reason,
               bool imported = false) {
    if (!reported_.insert({line, reason}).second) return;
    out_->problems.push_back({line, std::move(reason), source, imported});
  }

  // A second header row naming the parts of a merged header cell ("Kết quả
  // đã đạt" over "Mức 2", "Mức 3"): short texts only under note columns.
  bool TakeSubHeader(const SourceRow& row) {
    bool any = false;
    for (size_t i = 0; i < row.cells.size() && i < width(); ++i) {
      const std::string cell = NameOf(row.cells[i]);
      if (cell.empty()) continue;
      const Column c = header_.columns[i];
      if ((c != Column::kNote && c != Column::kUnknown) || cell.size() > 40) return false;
      any = true;
    }
    if (!any) return false;
    for (size_t i = 0; i < row.cells.size() && i < width(); ++i) {
      if (const std::string cell = NameOf(row.cells[i]); !cell.empty())
        header_.names[i] += " / " + cell;
    }
    return true;
  }

  void ReportUnknownColumns() {
    for (size_t i = 0; i < width(); ++i) {
      if (header_.columns[i] != Column::kUnknown || !used_[i]) continue;
      Problem(header_.line, header_.source,
              "column \"" + header_.names[i] +
                  "\" is not a plan column hoso knows; its text is kept in the tasks' note",
              /*imported=*/true);
    }
  }

  bool HasText(const SourceRow& row, bool fields_only) const {
    for (size_t i = 0; i < row.cells.size() && i < width(); ++i) {
      const Column c = header_.columns[i];
      if (fields_only ? !IsField(c) : (c == Column::kCriterion || c == Column::kStandard)) continue;
      if (!Trim(row.cells[i]).empty()) return true;
    }
    return false;
  }

  bool Empty(const SourceRow& row, bool skip_first) const {
    for (size_t i = skip_first ? 1 : 0; i < row.cells.size(); ++i) {
      if (!Trim(row.cells[i]).empty()) return false;
    }
    return true;
  }

  void Start(const std::string& criterion, uint32_t line, const std::string& source, bool per_row) {
    criterion_ = criterion;
    line_ = line;
    source_ = source;
    per_row_ = per_row;
    rows_.clear();
  }

  // The content of the gathered rows (paragraphs kept, rows joined by a
  // space: a row continued after a page break), cut into items, each with
  // the row it starts in.
  std::vector<Item> CutItems(size_t content_col, std::vector<size_t>* item_rows) const {
    std::string content;
    std::vector<std::pair<size_t, size_t>> row_at;  // offset, row
    for (size_t r = 0; r < rows_.size(); ++r) {
      const std::string cell = Join(Paragraphs(rows_[r].cells[content_col]), "\n");
      if (cell.empty()) continue;
      if (!content.empty()) content += " ";
      row_at.push_back({content.size(), r});
      content += cell;
    }
    std::vector<Item> items;
    if (per_row_) {
      items = NumberedItems(content, /*at_paragraphs=*/true);
      if (items.size() < 2) items = {{Trim(content), 0}};
      if (items[0].text.empty()) items.clear();
    } else {
      items = Items(content);
    }
    for (const Item& item : items) {
      size_t row = 0;
      for (const auto& [offset, r] : row_at) {
        if (offset <= item.start) row = r;
      }
      item_rows->push_back(row);
    }
    return items;
  }

  // The text of column `col` for each of the items: one part per item when
  // the cells say so, else the whole text on every item (and a problem).
  std::vector<std::string> Align(size_t col, const std::vector<size_t>& item_rows) {
    const size_t n = item_rows.size();
    std::vector<std::vector<std::string>> per_row;
    std::vector<std::string> all;
    for (const SourceRow& row : rows_) {
      per_row.push_back(Paragraphs(row.cells[col]));
      all.insert(all.end(), per_row.back().begin(), per_row.back().end());
    }
    if (all.empty()) return std::vector<std::string>(n);
    if (n == 1) return {Join(all, " ")};
    if (all.size() == n) return all;  // one paragraph per item, in order
    if (std::vector<Item> numbered = NumberedItems(Join(all, "\n"), /*at_paragraphs=*/false);
        numbered.size() == n) {
      std::vector<std::string> out;
      for (const Item& item : numbered) out.push_back(item.text);
      return out;
    }
    if (std::set<std::string>(all.begin(), all.end()).size() == 1)
      return std::vector<std::string>(n, all[0]);  // one value for every item
    // Row by row (a cell broken across a page): a row's cell with one part
    // per item starting in that row, or one part for all of them; a part
    // more than that, or parts in a row where no item starts, continue the
    // item above.
    std::vector<std::string> out(n);
    bool aligned = true;
    for (size_t r = 0; r < rows_.size() && aligned; ++r) {
      std::vector<size_t> mine;
      for (size_t k = 0; k < n; ++k) {
        if (item_rows[k] == r) mine.push_back(k);
      }
      std::vector<std::string> parts = per_row[r];
      if (parts.empty()) continue;
      size_t above = n;  // the last item started in a row above
      for (size_t k = 0; k < n; ++k) {
        if (item_rows[k] < r) above = k;
      }
      if (mine.empty() || (parts.size() == mine.size() + 1 && above != n)) {
        // The cell continues the item above: "Năm học 2024 - 2025 và" | "các năm…".
        if (above == n) {
          aligned = false;
          continue;
        }
        const size_t continued = mine.empty() ? parts.size() : 1;
        std::vector<std::string> head(parts.begin(), parts.begin() + continued);
        out[above] = Trim(out[above] + " " + Join(head, " "));
        parts.erase(parts.begin(), parts.begin() + continued);
        if (parts.empty()) continue;
      }
      if (parts.size() == mine.size()) {
        for (size_t j = 0; j < mine.size(); ++j) out[mine[j]] = parts[j];
      } else if (parts.size() == 1) {
        for (size_t k : mine) out[k] = parts[0];
      } else {
        aligned = false;
      }
    }
    if (aligned) return out;
    Problem(line_, source_,
            "criterion " + criterion_ + ": the \"" + header_.names[col] + "\" cell has " +
                std::to_string(all.size()) + " parts for " + std::to_string(n) +
                " tasks; each task keeps all of it",
            /*imported=*/true);
    return std::vector<std::string>(n, Join(all, " "));
  }

  // Turns the gathered rows of one criterion (or one task row) into tasks.
  void Flush() {
    if (criterion_.empty()) return;
    size_t content_col = width();
    for (size_t i = 0; i < width() && content_col == width(); ++i) {
      if (header_.columns[i] == Column::kContent) content_col = i;
    }
    std::vector<size_t> item_rows;
    const std::vector<Item> items = CutItems(content_col, &item_rows);
    if (items.empty()) {
      std::string other;
      for (const SourceRow& row : rows_) {
        for (size_t i = 0; i < width(); ++i) {
          if (IsField(header_.columns[i]) && i != content_col)
            other = Trim(other + " " + Join(Paragraphs(row.cells[i]), " "));
        }
      }
      if (!other.empty()) {
        Problem(line_, source_,
                "criterion " + criterion_ + " has text but no task content (\"" +
                    other.substr(0, 60) + "\"); not imported");
      }
      criterion_.clear();
      return;
    }
    const size_t n = items.size();
    std::vector<TaskRecord> tasks(n);
    std::vector<std::string> due(n);
    for (size_t i = 0; i < width(); ++i) {
      const Column c = header_.columns[i];
      if (i == content_col || c == Column::kCriterion || c == Column::kStandard ||
          c == Column::kNumber)
        continue;
      const std::vector<std::string> values = Align(i, item_rows);
      for (size_t k = 0; k < n; ++k) {
        const std::string& v = values[k];
        if (v.empty()) continue;
        TaskRecord& t = tasks[k];
        auto append = [&](std::string* field, const char* separator) {
          *field += (field->empty() ? "" : separator) + v;
        };
        switch (c) {
          case Column::kSolution:
            append(t.mutable_solution(), "; ");
            break;
          case Column::kOwners:
            append(t.mutable_owners(), "; ");
            break;
          case Column::kTime:
            append(t.mutable_time_text(), " ");
            break;
          case Column::kDue:
            due[k] += (due[k].empty() ? "" : " ") + v;
            break;
          case Column::kBudget:
            append(t.mutable_budget_text(), "; ");
            break;
          case Column::kFunding:
            append(t.mutable_funding(), ", ");
            break;
          case Column::kSupervisor:
            append(t.mutable_supervisor(), "; ");
            break;
          case Column::kReport:
            append(t.mutable_report(), "; ");
            break;
          default:  // note and unknown columns: kept with their header
            *t.mutable_note() += (t.note().empty() ? "" : "\n") + header_.names[i] + ": " + v;
        }
      }
    }
    for (size_t k = 0; k < n; ++k) {
      TaskRecord& task = tasks[k];
      task.set_criterion(criterion_);
      task.set_content(items[k].text);
      if (!due[k].empty()) {
        const bool says_done = PlanHeaderKey(due[k]).find("hoànthành") != std::string::npos;
        *task.mutable_time_text() += std::string(task.time_text().empty() ? "" : " ") +
                                     (says_done ? "" : "Hoàn thành ") + due[k];
      }
      if (!task.budget_text().empty()) {
        const PlanBudget budget = ParsePlanBudget(task.budget_text());
        task.set_budget_vnd(budget.amount_vnd);
        if (task.funding().empty()) task.set_funding(budget.funding);
        if (!budget.problem.empty())
          Problem(line_, source_, "criterion " + criterion_ + ": " + budget.problem,
                  /*imported=*/true);
      }
      ParsePlanTime(task.time_text(), task);
      task.set_status(TASK_PLANNED);
      out_->tasks.push_back({std::move(task), line_, source_});
    }
    criterion_.clear();
  }

  Header header_;
  ParsedPlan* const out_;
  int criterion_col_ = -1;
  bool expect_sub_header_ = true;
  std::map<size_t, bool> used_;  // columns holding text in some data row
  std::set<std::pair<uint32_t, std::string>> reported_;
  std::string criterion_;
  uint32_t line_ = 0;
  std::string source_;
  bool per_row_ = false;
  std::vector<SourceRow> rows_;
};

// Splits the text into rows: tab-separated when any line has a tab, else CSV
// (quoted fields may span lines).
std::vector<SourceRow> SplitRows(std::string_view text) {
  std::vector<SourceRow> rows;
  const bool tabs = text.find('\t') != std::string_view::npos;
  uint32_t line = 1;
  size_t i = 0;
  while (i <= text.size()) {
    SourceRow row;
    row.row = line;
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
        row.cells.push_back(CellOfText(cell));
        cell.clear();
      } else if (c == '\n') {
        break;
      } else if (c != '\r') {
        cell.push_back(c);
      }
    }
    row.cells.push_back(CellOfText(cell));
    rows.push_back(std::move(row));
    ++i;
    ++line;
  }
  return rows;
}

bool Blank(const SourceRow& row) {
  for (const std::string& cell : row.cells) {
    if (!Trim(cell).empty()) return false;
  }
  return true;
}

// `from_text`: a line with one cell is prose around the tables, ending one.
ParsedPlan ParseTables(const std::vector<SourceTable>& tables, bool from_text) {
  ParsedPlan plan;
  std::optional<TableReader> reader;
  int best = 0;
  for (const SourceTable& table : tables) {
    bool first = true;
    for (const SourceRow& row : table.rows) {
      if (Blank(row)) continue;  // page breaks inside a table
      int closeness = 0;
      std::string lacks;
      if (auto header = HeaderOf(row, &closeness, &lacks)) {
        header->source = table.source;
        reader.reset();
        reader.emplace(std::move(*header), &plan);
        ++plan.tables;
        first = false;
        continue;
      }
      // A table without a header as wide as the plan table before it
      // continues it (a Word table split by a page break).
      if (first && !from_text && reader && row.cells.size() != reader->width()) reader.reset();
      first = false;
      if (from_text && row.cells.size() == 1) reader.reset();  // prose again: the table ended
      if (!reader) {
        if (closeness > best) {
          best = closeness;
          std::string cells;
          for (const std::string& cell : row.cells) {
            if (const std::string name = NameOf(cell); !name.empty())
              cells += (cells.empty() ? "" : " | ") + name;
          }
          plan.closest = {row.row,
                          "line " + std::to_string(row.row) +
                              (table.source.empty() ? "" : " of " + table.source) +
                              " comes closest (" + cells.substr(0, 200) + ") but has " + lacks,
                          table.source};
        }
        continue;
      }
      reader->Add(row, table.source);
    }
  }
  reader.reset();
  return plan;
}

}  // namespace

void ParsePlanTime(std::string_view text_view, TaskRecord& task) {
  const std::string text(text_view);
  const std::string key = PlanHeaderKey(text);
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

SourceTable SplitPlanText(std::string_view text) {
  SourceTable table;
  table.rows = SplitRows(text);
  return table;
}

ParsedPlan ParsePlanTables(const std::vector<SourceTable>& tables) {
  return ParseTables(tables, /*from_text=*/false);
}

ParsedPlan ParsePlan(std::string_view text) {
  return ParseTables({SplitPlanText(text)}, /*from_text=*/true);
}

}  // namespace hoso::storage
