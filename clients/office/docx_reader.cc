// .docx: every table of word/document.xml, numbered paragraphs labelled as
// Word shows them (word/numbering.xml, word/styles.xml), merged cells resolved.
#include <array>
#include <map>
#include <memory>
#include <optional>

#include "clients/office/office_parts.h"
#include "clients/office/table_budget.h"
#include "clients/office/xml_stream.h"

namespace hoso::office {
namespace {

constexpr int kLevels = 9;

int ToInt(std::string_view v, int fallback = 0) {
  if (v.empty() || v.size() > 9) return fallback;
  int out = 0;
  bool negative = false;
  size_t i = 0;
  if (v[0] == '-') {
    negative = true;
    i = 1;
  }
  for (; i < v.size(); ++i) {
    if (v[i] < '0' || v[i] > '9') return fallback;
    out = out * 10 + (v[i] - '0');
  }
  return negative ? -out : out;
}

// A paragraph's list membership as written: numId 0 is "no list".
struct NumberingRef {
  int num_id = -1;  // -1: not given
  int level = -1;
  std::string style;
};

struct Paragraph {
  std::string text;
  int label = -1;  // index into the labels, once numbering is resolved
};

struct Cell {
  std::vector<Paragraph> paragraphs;
  int span = 1;
  enum class Merge { kNone, kRestart, kContinue } merge = Merge::kNone;
};

struct Row {
  int grid_before = 0;
  std::vector<Cell> cells;
};

using WordTable = std::vector<Row>;

// word/document.xml: tables (nested tables' text goes into the outer cell),
// and the numbering of every paragraph in document order, inside tables or not.
class DocumentHandler : public XmlHandler {
 public:
  explicit DocumentHandler(TableBudget* budget) : budget_(budget) {}

  std::vector<WordTable> tables;
  std::vector<NumberingRef> numbered;  // in document order

  absl::Status Start(std::string_view name, const XmlAttributes& a) override {
    if (fallback_ > 0 || name == "Fallback") {  // mc:Choice holds the same content
      ++fallback_;
      return absl::OkStatus();
    }
    if (name == "tbl") {
      if (++table_depth_ == 1) {
        if (absl::Status s = budget_->AddTable(); !s.ok()) return s;
        tables.emplace_back();
      }
    } else if (table_depth_ == 1 && name == "tr") {
      if (absl::Status s = budget_->AddRow(); !s.ok()) return s;
      tables.back().emplace_back();
    } else if (table_depth_ == 1 && name == "tc" && HasRow()) {
      if (absl::Status s = budget_->AddCell(); !s.ok()) return s;
      tables.back().back().cells.emplace_back();
      if (absl::Status s = budget_->CheckColumn(tables.back().back().cells.size(), "một hàng");
          !s.ok()) {
        return s;
      }
    } else if (table_depth_ == 1 && name == "gridBefore" && HasRow()) {
      tables.back().back().grid_before = std::clamp(ToInt(a.Get("val")), 0, 64);
    } else if (table_depth_ == 1 && name == "gridSpan" && HasCell() && paragraph_depth_ == 0) {
      CurrentCell().span = std::clamp(ToInt(a.Get("val"), 1), 1, 64);
    } else if (table_depth_ == 1 && name == "vMerge" && HasCell() && paragraph_depth_ == 0) {
      CurrentCell().merge =
          a.Get("val") == "restart" ? Cell::Merge::kRestart : Cell::Merge::kContinue;
    } else if (name == "p") {
      if (paragraph_depth_++ == 0) {
        text_.clear();
        ref_ = NumberingRef{};
      } else if (!text_.empty()) {
        text_ += '\n';  // a text box's paragraph inside this one
      }
    } else if (name == "pPrChange") {
      in_change_ = true;
    } else if (paragraph_depth_ == 1 && !in_change_ && name == "pStyle") {
      ref_.style = std::string(a.Get("val"));
    } else if (paragraph_depth_ == 1 && !in_change_ && name == "numId") {
      ref_.num_id = ToInt(a.Get("val"), 0);
    } else if (paragraph_depth_ == 1 && !in_change_ && name == "ilvl") {
      ref_.level = std::clamp(ToInt(a.Get("val")), 0, kLevels - 1);
    } else if (paragraph_depth_ > 0 && name == "t") {
      in_text_ = true;
    } else if (paragraph_depth_ > 0 && name == "tab") {
      if (!in_ppr_) return Append("\t");
    } else if (paragraph_depth_ > 0 && (name == "br" || name == "cr")) {
      return Append("\n");
    } else if (name == "pPr") {
      in_ppr_ = true;  // its w:tabs/w:tab are tab stops, not tabs
    }
    return absl::OkStatus();
  }

  absl::Status End(std::string_view name) override {
    if (fallback_ > 0) {
      --fallback_;
      return absl::OkStatus();
    }
    if (name == "tbl") {
      --table_depth_;
    } else if (name == "t") {
      in_text_ = false;
    } else if (name == "pPr") {
      in_ppr_ = false;
    } else if (name == "pPrChange") {
      in_change_ = false;
    } else if (name == "p" && paragraph_depth_ > 0 && --paragraph_depth_ == 0) {
      Paragraph paragraph{std::move(text_), -1};
      if (ref_.num_id != -1 || !ref_.style.empty()) {
        paragraph.label = static_cast<int>(numbered.size());
        numbered.push_back(ref_);
      }
      if (table_depth_ > 0 && HasCell()) {
        CurrentCell().paragraphs.push_back(std::move(paragraph));
      }
      text_.clear();
    }
    return absl::OkStatus();
  }

  absl::Status Text(std::string_view text) override {
    if (in_text_ && paragraph_depth_ > 0) return Append(text);
    return absl::OkStatus();
  }

 private:
  bool HasRow() const { return !tables.empty() && !tables.back().empty(); }
  bool HasCell() const { return HasRow() && !tables.back().back().cells.empty(); }
  Cell& CurrentCell() { return tables.back().back().cells.back(); }
  absl::Status Append(std::string_view text) {
    if (table_depth_ == 0) return absl::OkStatus();  // text outside tables is not kept
    cell_bytes_ = text_.size() + text.size();
    if (absl::Status s = budget_->CheckCell(cell_bytes_); !s.ok()) return s;
    text_.append(text);
    return absl::OkStatus();
  }

  TableBudget* budget_;
  int table_depth_ = 0, paragraph_depth_ = 0, fallback_ = 0;
  bool in_text_ = false, in_ppr_ = false, in_change_ = false;
  std::string text_;
  size_t cell_bytes_ = 0;
  NumberingRef ref_;
};

struct Level {
  int start = 1;
  std::string format = "decimal";
  std::string text;  // "%1."
  bool has_text = false;
};

struct Numbering {
  std::map<int, std::array<Level, kLevels>> abstract;  // abstractNumId ->
  std::map<int, int> num_to_abstract;
  std::map<int, std::map<int, int>> start_override;  // numId -> level -> start
  struct Style {
    int num_id = -1, level = -1;
    std::string based_on;
  };
  std::map<std::string, Style> styles;
};

// word/numbering.xml.
class NumberingHandler : public XmlHandler {
 public:
  explicit NumberingHandler(Numbering* out) : out_(out) {}
  absl::Status Start(std::string_view name, const XmlAttributes& a) override {
    if (name == "abstractNum") {
      abstract_ = ToInt(a.Get("abstractNumId"), -1);
      if (abstract_ >= 0 && out_->abstract.size() < 10000) out_->abstract[abstract_];
    } else if (name == "num") {
      num_ = ToInt(a.Get("numId"), -1);
    } else if (name == "abstractNumId" && num_ >= 0 && out_->num_to_abstract.size() < 10000) {
      out_->num_to_abstract[num_] = ToInt(a.Get("val"), -1);
    } else if (name == "lvl" || name == "lvlOverride") {
      level_ = std::clamp(ToInt(a.Get("ilvl")), 0, kLevels - 1);
    } else if (name == "startOverride" && num_ >= 0 && out_->start_override.size() < 10000) {
      out_->start_override[num_][level_] = ToInt(a.Get("val"), 1);
    } else if (abstract_ >= 0 && num_ < 0 && out_->abstract.count(abstract_)) {
      Level& level = out_->abstract[abstract_][level_];
      if (name == "start") level.start = ToInt(a.Get("val"), 1);
      if (name == "numFmt") level.format = std::string(a.Get("val"));
      if (name == "lvlText") {
        level.text = std::string(a.Get("val").substr(0, 100));
        level.has_text = true;
      }
    }
    return absl::OkStatus();
  }
  absl::Status End(std::string_view name) override {
    if (name == "abstractNum") abstract_ = -1;
    if (name == "num") num_ = -1;
    return absl::OkStatus();
  }
  absl::Status Text(std::string_view) override { return absl::OkStatus(); }

 private:
  Numbering* out_;
  int abstract_ = -1, num_ = -1, level_ = 0;
};

// word/styles.xml: which paragraph styles are lists ("List Number").
class StylesHandler : public XmlHandler {
 public:
  explicit StylesHandler(Numbering* out) : out_(out) {}
  absl::Status Start(std::string_view name, const XmlAttributes& a) override {
    if (name == "style") {
      style_ = std::string(a.Get("styleId"));
      if (out_->styles.size() < 10000) out_->styles[style_];
    } else if (!style_.empty() && out_->styles.count(style_)) {
      Numbering::Style& s = out_->styles[style_];
      if (name == "basedOn") s.based_on = std::string(a.Get("val"));
      if (name == "numId") s.num_id = ToInt(a.Get("val"), 0);
      if (name == "ilvl") s.level = std::clamp(ToInt(a.Get("val")), 0, kLevels - 1);
    }
    return absl::OkStatus();
  }
  absl::Status End(std::string_view name) override {
    if (name == "style") style_.clear();
    return absl::OkStatus();
  }
  absl::Status Text(std::string_view) override { return absl::OkStatus(); }

 private:
  Numbering* out_;
  std::string style_;
};

std::string Letters(int n, char base) {
  std::string out;
  if (n <= 0) return "0";
  // Word: a..z, then aa..zz, aaa...
  const int repeat = (n - 1) / 26 + 1;
  out.assign(static_cast<size_t>(std::min(repeat, 10)), static_cast<char>(base + (n - 1) % 26));
  return out;
}

std::string Roman(int n, bool upper) {
  if (n <= 0 || n >= 4000) return std::to_string(n);
  static const std::pair<int, const char*> kParts[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  for (auto [value, text] : kParts) {
    while (n >= value) {
      out += text;
      n -= value;
    }
  }
  if (upper) {
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string FormatNumber(int n, const std::string& format) {
  if (format == "lowerLetter") return Letters(n, 'a');
  if (format == "upperLetter") return Letters(n, 'A');
  if (format == "lowerRoman") return Roman(n, false);
  if (format == "upperRoman") return Roman(n, true);
  if (format == "decimalZero") return (n < 10 ? "0" : "") + std::to_string(n);
  return std::to_string(n);
}

// The labels of the numbered paragraphs, counting per list as Word does:
// lists sharing an abstract definition continue each other, a level restarts
// after a higher level, a startOverride restarts its list where it is first used.
std::vector<std::string> Labels(const std::vector<NumberingRef>& refs, const Numbering& numbering) {
  std::vector<std::string> labels(refs.size());
  std::map<int, std::array<int, kLevels>> counters;  // abstract -> level -> last, 0: unset
  std::map<int, std::array<bool, kLevels>> override_used;
  for (size_t i = 0; i < refs.size(); ++i) {
    int num_id = refs[i].num_id, level = refs[i].level;
    std::string style = refs[i].style;
    for (int hops = 0; (num_id == -1 || level == -1) && !style.empty() && hops < 10; ++hops) {
      auto it = numbering.styles.find(style);
      if (it == numbering.styles.end()) break;
      if (num_id == -1) num_id = it->second.num_id;
      if (level == -1) level = it->second.level;
      style = it->second.based_on;
    }
    if (num_id <= 0) continue;
    if (level < 0) level = 0;
    auto abstract_id = numbering.num_to_abstract.find(num_id);
    if (abstract_id == numbering.num_to_abstract.end()) continue;
    auto abstract = numbering.abstract.find(abstract_id->second);
    if (abstract == numbering.abstract.end()) continue;
    const std::array<Level, kLevels>& levels = abstract->second;
    std::array<int, kLevels>& count = counters.try_emplace(abstract->first).first->second;
    int start = levels[level].start;
    bool restart = count[level] == 0;
    if (auto o = numbering.start_override.find(num_id); o != numbering.start_override.end()) {
      if (auto l = o->second.find(level); l != o->second.end()) {
        bool& used = override_used.try_emplace(num_id).first->second[level];
        if (!used) {
          used = true;
          restart = true;
          start = l->second;
        }
      }
    }
    count[level] = restart ? start : count[level] + 1;
    for (int deeper = level + 1; deeper < kLevels; ++deeper) count[deeper] = 0;
    const Level& spec = levels[level];
    if (spec.format == "bullet") {
      labels[i] = "- ";
      continue;
    }
    if (spec.format == "none" || !spec.has_text) continue;
    std::string label;
    for (size_t k = 0; k < spec.text.size(); ++k) {
      const char c = spec.text[k];
      if (c == '%' && k + 1 < spec.text.size() && spec.text[k + 1] >= '1' &&
          spec.text[k + 1] <= '9') {
        const int which = spec.text[k + 1] - '1';
        label += FormatNumber(count[which] == 0 ? levels[which].start : count[which],
                              levels[which].format);
        ++k;
      } else {
        label += c;
      }
    }
    if (!label.empty()) labels[i] = label + " ";
  }
  return labels;
}

std::string CellText(const Cell& cell, const std::vector<std::string>& labels) {
  std::string out;
  size_t kept = 0;  // trailing empty paragraphs are layout, not text
  for (const Paragraph& p : cell.paragraphs) {
    if (!out.empty() || kept > 0) out += '\n';
    if (p.label >= 0) out += labels[static_cast<size_t>(p.label)];
    out += p.text;
    ++kept;
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

v1::Table Resolve(const WordTable& table, int number, const std::vector<std::string>& labels) {
  v1::Table out;
  out.set_source("bảng " + std::to_string(number));
  std::vector<std::string> above;  // the resolved row above, by grid column
  uint32_t index = 0;
  size_t width = 0;
  for (const Row& row : table) {
    ++index;
    std::vector<std::string> cells(static_cast<size_t>(row.grid_before));
    for (const Cell& cell : row.cells) {
      const size_t column = cells.size();
      if (cell.merge == Cell::Merge::kContinue) {
        cells.push_back(column < above.size() ? above[column] : "");
      } else {
        cells.push_back(CellText(cell, labels));
      }
      cells.resize(cells.size() + static_cast<size_t>(cell.span - 1));
    }
    width = std::max(width, cells.size());
    above = cells;
    v1::TableRow* r = out.add_rows();
    r->set_source_row(index);
    for (std::string& c : cells) *r->add_cells() = std::move(c);
  }
  for (v1::TableRow& r : *out.mutable_rows()) {
    while (static_cast<size_t>(r.cells_size()) < width) r.add_cells();
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<v1::Table>> ReadDocx(ZipParts& zip, const std::string& name,
                                                const ReadLimits& limits) {
  TableBudget budget(name, limits);
  DocumentHandler document(&budget);
  Numbering numbering;
  NumberingHandler numbering_handler(&numbering);
  StylesHandler styles_handler(&numbering);
  std::unique_ptr<XmlStream> stream;
  bool saw_document = false;
  auto handler_of = [&](const std::string& part) -> XmlHandler* {
    if (part == "word/document.xml") return &document;
    if (part == "word/numbering.xml") return &numbering_handler;
    if (part == "word/styles.xml") return &styles_handler;
    return nullptr;
  };
  absl::Status read =
      zip.ForEach([&](const std::string& part) { return handler_of(part) != nullptr; },
                  [&](const std::string& part, std::string_view bytes) -> absl::Status {
                    if (!stream)
                      stream = std::make_unique<XmlStream>(handler_of(part), limits.max_xml_depth);
                    if (absl::Status s = stream->Feed(bytes); !s.ok())
                      return zip.Refuse(part, std::string(s.message()));
                    return absl::OkStatus();
                  },
                  [&](const std::string& part) -> absl::Status {
                    if (!stream)
                      stream = std::make_unique<XmlStream>(handler_of(part), limits.max_xml_depth);
                    absl::Status s = stream->Finish();
                    stream.reset();
                    if (!s.ok()) return zip.Refuse(part, std::string(s.message()));
                    if (part == "word/document.xml") saw_document = true;
                    return absl::OkStatus();
                  });
  if (!read.ok()) return read;
  if (!saw_document) {
    return zip.Refuse("", "không có word/document.xml: không phải tài liệu Word (.docx)");
  }
  const std::vector<std::string> labels = Labels(document.numbered, numbering);
  std::vector<v1::Table> out;
  for (size_t i = 0; i < document.tables.size(); ++i) {
    out.push_back(Resolve(document.tables[i], static_cast<int>(i + 1), labels));
  }
  return out;
}

}  // namespace hoso::office
