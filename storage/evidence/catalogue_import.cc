// A school's own catalogue (danh mục minh chứng) read from tables and applied
// to its evidence items by code.
#include "storage/evidence/catalogue_import.h"

#include <map>
#include <optional>
#include <set>

#include "storage/base/school_code.h"
#include "storage/base/text.h"
#include "storage/evidence/evidence_changes.h"
#include "storage/evidence/evidence_rules.h"
#include "storage/evidence/evidence_store.h"
#include "storage/frameworks/evidence_code.h"
#include "storage/frameworks/framework_catalog.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/schools/school_store.h"

namespace hoso::storage {
namespace {

enum class Column { kNone, kNumber, kCode, kTitle, kNumberDate, kIssuer, kNote };

bool Has(const std::string& folded, std::string_view word) {
  return folded.find(word) != std::string::npos;
}

std::string Trim(std::string_view s) {
  size_t begin = 0, end = s.size();
  while (begin < end && (std::string_view(" \t\r\n").find(s[begin]) != std::string_view::npos)) {
    ++begin;
  }
  while (end > begin && (std::string_view(" \t\r\n").find(s[end - 1]) != std::string_view::npos)) {
    --end;
  }
  return std::string(s.substr(begin, end - begin));
}

// What a header cell names. The words of Phụ lục 4 and the variants schools
// write; the order matters ("Mã minh chứng" and "Tên minh chứng" both say
// "minh chứng", "Nơi ban hành" and "Số, ngày ban hành" both say "ban hành").
Column ColumnOf(const std::string& header) {
  const std::string h = text::FoldCase(Trim(header));
  if (h.empty()) return Column::kNone;
  if (Has(h, "ghi chú")) return Column::kNote;
  if (Has(h, "mã")) return Column::kCode;
  if (Has(h, "nơi") || Has(h, "cơ quan") || Has(h, "đơn vị") || Has(h, "cá nhân") ||
      Has(h, "người") || Has(h, "tác giả") || Has(h, "nhóm")) {
    return Column::kIssuer;
  }
  if (Has(h, "tên") || Has(h, "nội dung") || Has(h, "trích yếu") || h == "minh chứng") {
    return Column::kTitle;
  }
  if (Has(h, "ngày") || Has(h, "thời điểm") || Has(h, "thời gian") || h.rfind("số", 0) == 0 ||
      Has(h, "số hiệu") || Has(h, "số văn bản") || Has(h, "ký hiệu")) {
    return Column::kNumberDate;
  }
  if (h == "tt" || h == "stt" || Has(h, "thứ tự") || h == "số tt") return Column::kNumber;
  return Column::kNone;
}

struct Header {
  std::map<Column, size_t> columns;
  std::vector<std::string> unknown;
};

// The header row: one naming a code column and a title column.
std::optional<Header> HeaderOf(const SourceRow& row) {
  Header header;
  for (size_t i = 0; i < row.cells.size(); ++i) {
    const Column c = ColumnOf(row.cells[i]);
    if (c == Column::kNone) {
      if (!Trim(row.cells[i]).empty()) header.unknown.push_back(Trim(row.cells[i]));
    } else {
      header.columns.try_emplace(c, i);
    }
  }
  if (!header.columns.count(Column::kCode) || !header.columns.count(Column::kTitle)) {
    return std::nullopt;
  }
  return header;
}

std::string Cell(const SourceRow& row, const Header& header, Column column) {
  auto it = header.columns.find(column);
  if (it == header.columns.end() || it->second >= row.cells.size()) return "";
  std::string v = Trim(row.cells[it->second]);
  // The quote our own export puts before a text a spreadsheet would run as a formula.
  if (v.size() >= 2 && v[0] == '\'' && std::string_view("=+-@").find(v[1]) != std::string::npos) {
    v.erase(0, 1);
  }
  return v;
}

// "(1)", "2": a row numbering the columns.
bool IsColumnNumber(const std::string& cell) {
  std::string v = Trim(cell);
  if (v.size() >= 2 && v.front() == '(' && v.back() == ')') v = v.substr(1, v.size() - 2);
  return !v.empty() && v.size() <= 3 && v.find_first_not_of("0123456789") == std::string::npos;
}

// "(1) (2) (3) …" under the header: the columns numbered, not an item.
bool IsColumnNumbering(const SourceRow& row) {
  size_t numbers = 0;
  for (const std::string& c : row.cells) {
    if (Trim(c).empty()) continue;
    if (!IsColumnNumber(c)) return false;
    ++numbers;
  }
  return numbers >= 2;
}

// The criterion of a heading "Tiêu chí 1.1: …" ("" for "Tiêu chuẩn 1: …").
std::optional<std::string> HeadingOf(const SourceRow& row) {
  for (const std::string& cell : row.cells) {
    const std::string v = Trim(cell);
    if (v.empty()) continue;
    const std::string f = text::FoldCase(v);
    if (f.rfind("tiêu chuẩn", 0) == 0) return std::string();
    if (f.rfind("tiêu chí", 0) != 0) return std::nullopt;
    size_t i = std::string("tiêu chí").size();
    while (i < v.size() && v[i] == ' ') ++i;
    const size_t start = i;
    while (i < v.size() && ((v[i] >= '0' && v[i] <= '9') || v[i] == '.')) ++i;
    std::string code = v.substr(start, i - start);
    while (!code.empty() && code.back() == '.') code.pop_back();
    return code;
  }
  return std::nullopt;
}

bool AllEmpty(const SourceRow& row) {
  for (const std::string& c : row.cells) {
    if (!Trim(c).empty()) return false;
  }
  return true;
}

int Digits(std::string_view s, size_t& i, size_t max) {
  int value = 0;
  size_t n = 0;
  while (i < s.size() && n < max && s[i] >= '0' && s[i] <= '9') {
    value = value * 10 + (s[i] - '0');
    ++i;
    ++n;
  }
  return n == 0 ? -1 : value;
}

bool ValidDay(int d, int m, int y) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m != 2 || d <= 28 || leap;
}

std::string IsoDate(int d, int m, int y) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
  return buffer;
}

// The last date in `s`: "05/9/2021", "5-9-2021", "5.9.2021" or
// "ngày 5 tháng 9 năm 2021". Its span in `s` on success.
std::optional<std::pair<size_t, size_t>> FindDate(std::string_view s, std::string* iso) {
  std::optional<std::pair<size_t, size_t>> found;
  for (size_t start = 0; start < s.size(); ++start) {
    if (s[start] < '0' || s[start] > '9' ||
        (start > 0 && s[start - 1] >= '0' && s[start - 1] <= '9')) {
      continue;
    }
    size_t i = start;
    const int d = Digits(s, i, 2);
    if (i >= s.size() || std::string_view("/-.").find(s[i]) == std::string_view::npos) continue;
    const char sep = s[i++];
    const int m = Digits(s, i, 2);
    if (m < 0 || i >= s.size() || s[i] != sep) continue;
    ++i;
    const size_t year_start = i;
    const int y = Digits(s, i, 4);
    if (i - year_start != 4 || (i < s.size() && s[i] >= '0' && s[i] <= '9')) continue;
    if (!ValidDay(d, m, y)) continue;
    *iso = IsoDate(d, m, y);
    found = std::pair{start, i};
  }
  if (found) return found;
  // ngày 5 tháng 9 năm 2021
  const std::string folded = text::FoldCase(s);
  if (folded.size() != s.size()) return std::nullopt;  // spans would not line up
  const size_t at = folded.rfind("ngày ");
  if (at == std::string::npos) return std::nullopt;
  size_t i = at + std::string("ngày ").size();
  const int d = Digits(s, i, 2);
  if (folded.compare(i, std::string(" tháng ").size(), " tháng ") != 0) return std::nullopt;
  i += std::string(" tháng ").size();
  const int m = Digits(s, i, 2);
  if (folded.compare(i, std::string(" năm ").size(), " năm ") != 0) return std::nullopt;
  i += std::string(" năm ").size();
  const int y = Digits(s, i, 4);
  if (!ValidDay(d, m, y)) return std::nullopt;
  *iso = IsoDate(d, m, y);
  return std::pair{at, i};
}

// Drops separators and the words "Số", "ngày" from either end.
std::string StripWords(std::string s) {
  for (bool changed = true; changed;) {
    changed = false;
    const std::string before = s;
    s = Trim(s);
    while (!s.empty() && std::string_view(",;:-–").find(s.back()) != std::string_view::npos) {
      s.pop_back();
    }
    while (!s.empty() && std::string_view(",;:").find(s.front()) != std::string_view::npos) {
      s.erase(0, 1);
    }
    s = Trim(s);
    const std::string f = text::FoldCase(s);
    if (f.size() == s.size()) {
      for (std::string_view word : {"ngày", "số", "số:", "ký hiệu"}) {
        if (f.size() >= word.size() && f.compare(f.size() - word.size(), word.size(), word) == 0 &&
            (f.size() == word.size() || f[f.size() - word.size() - 1] == ' ')) {
          s.erase(s.size() - word.size());
        }
        if (f.rfind(word, 0) == 0 && (f.size() == word.size() || f[word.size()] == ' ')) {
          s.erase(0, word.size());
        }
      }
    }
    changed = s != before;
  }
  return s;
}

// A document number: "12/QĐ-THCS", "45/KH-UBND", "12": digits first, then
// letters after a slash, or digits alone.
bool LooksLikeNumber(const std::string& s) {
  if (s.empty() || s.size() > 60 || s[0] < '0' || s[0] > '9') return false;
  if (s.find(' ') != std::string::npos) return false;
  const size_t slash = s.find('/');
  if (slash == std::string::npos) return s.find_first_not_of("0123456789") == std::string::npos;
  return slash + 1 < s.size() && !(s[slash + 1] >= '0' && s[slash + 1] <= '9');
}

// The part of `code` that names the item: seq digits at the end.
std::optional<uint32_t> TrailingSeq(const std::string& normalized) {
  size_t end = normalized.size();
  size_t start = end;
  while (start > 0 && normalized[start - 1] >= '0' && normalized[start - 1] <= '9') --start;
  if (start == end || end - start > 6) return std::nullopt;
  return static_cast<uint32_t>(std::stoul(normalized.substr(start)));
}

}  // namespace

std::string CodeKeyOf(const std::string& written, const std::string& format) {
  if (const std::optional<SchoolCode> code = ParseSchoolCode(text::Nfc(written))) {
    const int box = code->box > 0 ? code->box : StandardOf(code->criterion);
    return NormalizeCodeRef(FormatEvidenceCode(format, box, code->criterion, code->seq));
  }
  return NormalizeCodeRef(written);
}

ParsedNumberAndDate ParseNumberAndDate(std::string_view raw) {
  ParsedNumberAndDate out;
  const std::string text = Trim(raw);
  if (text.empty()) return out;
  std::string iso;
  std::string before = text, after;
  if (auto span = FindDate(text, &iso)) {
    out.date = iso;
    before = text.substr(0, span->first);
    after = text.substr(span->second);
  }
  const std::string number = StripWords(before);
  if (!number.empty()) {
    if (LooksLikeNumber(number)) {
      out.number = number;
    } else {
      out.understood = false;
    }
  }
  if (!StripWords(after).empty()) out.understood = false;
  if (out.date.empty() && out.number.empty()) out.understood = false;
  return out;
}

CatalogueRows ReadCatalogueRows(const std::vector<SourceTable>& tables) {
  CatalogueRows out;
  for (const SourceTable& table : tables) {
    std::optional<Header> header;
    std::string criterion;
    for (const SourceRow& row : table.rows) {
      if (AllEmpty(row)) continue;
      if (header && ColumnOf(Cell(row, *header, Column::kCode)) == Column::kCode) {
        continue;  // the header again, on a new page
      }
      if (auto found = header ? std::nullopt : HeaderOf(row)) {
        {
          for (const std::string& name : found->unknown) {
            out.problems.push_back({table.source, row.row,
                                    std::string("cột \"") + name +
                                        "\" không phải cột của danh mục minh chứng: bỏ qua"});
          }
        }
        header = std::move(found);
        continue;
      }
      if (!header) continue;  // the title above the table
      if (IsColumnNumbering(row)) continue;
      const std::string code = Cell(row, *header, Column::kCode);
      if (code.empty()) {
        if (auto heading = HeadingOf(row)) {
          criterion = *heading;
          continue;
        }
        const std::string title = Cell(row, *header, Column::kTitle);
        std::string reason = "không có mã minh chứng: không biết dòng này là minh chứng nào";
        if (!title.empty()) reason += std::string(" (\"") + title + "\")";
        out.problems.push_back({table.source, row.row, std::move(reason)});
        continue;
      }
      CatalogueEntry entry;
      entry.source = table.source;
      entry.row = row.row;
      entry.code = code;
      entry.title = Cell(row, *header, Column::kTitle);
      entry.number_and_date = Cell(row, *header, Column::kNumberDate);
      entry.issuer = Cell(row, *header, Column::kIssuer);
      entry.note = Cell(row, *header, Column::kNote);
      entry.criterion = criterion;
      out.entries.push_back(std::move(entry));
    }
    if (!header && !table.rows.empty()) {
      out.problems.push_back(
          {table.source, 0,
           "không thấy dòng tiêu đề có cột \"Mã minh chứng\" và \"Tên minh chứng\": bảng này không "
           "được đọc"});
    }
  }
  return out;
}

namespace {

constexpr std::string_view kSharedNote = "Minh chứng dùng chung, mã gốc ";

// A note as our export writes it for a reused item, without that prefix.
std::string OwnNote(const std::string& note) {
  if (note.rfind(kSharedNote, 0) != 0) return note;
  const size_t close = note.find(')');
  if (close == std::string::npos) return "";
  std::string rest = note.substr(close + 1);
  if (rest.rfind("; ", 0) == 0) rest.erase(0, 2);
  return rest;
}

// The fields a catalogue row gives an item; `problem` is set for a date or
// number that cannot be read (then kept in the note as written).
void Fill(const CatalogueEntry& e, EvidenceRecord& record) {
  if (!e.title.empty()) record.set_title(e.title);
  if (!e.issuer.empty()) record.set_issuer(e.issuer);
  std::string note = OwnNote(e.note);
  if (!note.empty()) record.set_note(note);
  if (!e.number_and_date.empty()) {
    const ParsedNumberAndDate parsed = ParseNumberAndDate(e.number_and_date);
    if (!parsed.number.empty()) record.set_number(parsed.number);
    if (!parsed.date.empty()) record.set_date(parsed.date);
    if (!parsed.understood) {
      const std::string kept = "Số, ngày ban hành: " + e.number_and_date;
      if (record.note().find(kept) == std::string::npos) {
        record.set_note(record.note().empty() ? kept : record.note() + "\n" + kept);
      }
    }
  }
}

}  // namespace

absl::StatusOr<CatalogueImport> EvidenceStore::ImportCatalogue(
    const Actor& actor, const std::string& school_ref, const std::vector<SourceTable>& tables,
    bool dry_run, const Edit& check) {
  auto school = schools_->Get(school_ref);
  if (!school.ok()) return school.status();
  const std::string code_of_school = school->code();
  auto framework = FrameworkOf(code_of_school);
  if (!framework.ok()) return framework.status();
  auto format = CodeFormatOf(code_of_school);
  if (!format.ok()) return format.status();

  CatalogueRows rows = ReadCatalogueRows(tables);
  CatalogueImport out;
  out.problems = std::move(rows.problems);
  if (rows.entries.empty() && out.problems.empty()) {
    return absl::InvalidArgumentError(
        "không có dòng nào của danh mục minh chứng: cần một bảng có cột \"Mã minh chứng\" và "
        "\"Tên minh chứng\"");
  }

  // The rows of each code, in order; the first row under the code's own
  // criterion describes the item, the others cite it elsewhere.
  std::map<std::string, std::vector<const CatalogueEntry*>> by_code;
  std::vector<std::string> order;
  for (const CatalogueEntry& e : rows.entries) {
    const std::string normalized = CodeKeyOf(e.code, *format);
    if (normalized.empty() || normalized.size() > kMaxCodeBytes) {
      out.problems.push_back({e.source, e.row, "mã \"" + e.code + "\" không đọc được"});
      continue;
    }
    auto [it, fresh] = by_code.try_emplace(normalized);
    if (fresh) order.push_back(normalized);
    it->second.push_back(&e);
  }

  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto last_id = ReadCounter(*database_, keys::EvidenceIdCounter());
  if (!last_id.ok()) return last_id.status();
  uint64_t next_id = *last_id;
  std::map<std::string, uint64_t> seqs;  // criterion -> highest seq after this import
  WriteBatch batch;
  std::string audit;
  const int64_t now = database_->clock().NowUnix();

  for (const std::string& normalized : order) {
    const std::vector<const CatalogueEntry*>& entries = by_code[normalized];
    auto index = database_->Get(keys::CodeIndex(code_of_school, normalized));
    if (!index.ok()) return index.status();
    EvidenceRecord before, record;
    bool create = !index->has_value();
    std::string root;
    if (!create) {
      auto stored = ReadRecord<EvidenceRecord>(
          *database_, keys::Evidence(code_of_school, keys::ReadBigEndian(**index)));
      if (!stored.ok()) return stored.status();
      if (!stored->has_value() || (*stored)->deleted()) {
        out.problems.push_back(
            {entries[0]->source, entries[0]->row,
             "minh chứng " + entries[0]->code + " đã bị xoá: khôi phục nó hoặc dùng mã khác"});
        continue;
      }
      before = record = **stored;
      root = record.criteria_size() > 0 ? record.criteria(0) : "";
    } else {
      // A new item without files: its code must be one the school's format makes.
      const std::optional<uint32_t> seq = TrailingSeq(normalized);
      for (const Standard& standard : (*framework)->standards()) {
        for (const Criterion& criterion : standard.criteria()) {
          if (!seq || !root.empty()) break;
          for (int box : {StandardOf(criterion.code()), standard.number()}) {
            const std::string made = FormatEvidenceCode(*format, box, criterion.code(), *seq);
            if (NormalizeCodeRef(made) == normalized) {
              root = criterion.code();
              record.set_code(made);
              record.set_box(box);
              record.set_seq(*seq);
              break;
            }
          }
        }
      }
      if (root.empty()) {
        out.problems.push_back({entries[0]->source, entries[0]->row,
                                "mã " + entries[0]->code +
                                    " không có trong trường và không theo cách đánh mã " +
                                    FormatEvidenceCode(*format, 1, "1.1", 1) +
                                    " của trường: không tạo được minh chứng mới cho nó"});
        continue;
      }
      record.set_school(code_of_school);
      *record.add_criteria() = root;
      record.set_uploader(actor.user);
    }
    if (check) {
      EvidenceRecord checked = create ? record : before;
      if (absl::Status s = check(checked); !s.ok()) {
        out.problems.push_back({entries[0]->source, entries[0]->row, std::string(s.message())});
        continue;
      }
    }
    const CatalogueEntry* primary = entries[0];
    for (const CatalogueEntry* e : entries) {
      if (e->criterion == root) {
        primary = e;
        break;
      }
    }
    Fill(*primary, record);
    // Listed under another criterion's heading: the item is cited there too.
    for (const CatalogueEntry* e : entries) {
      if (e->criterion.empty() || e->criterion == root) continue;
      if (!FrameworkCatalog::CheckCriterion(**framework, e->criterion).ok()) continue;
      if (std::find(record.criteria().begin(), record.criteria().end(), e->criterion) ==
          record.criteria().end()) {
        *record.add_criteria() = e->criterion;
      }
    }
    if (absl::Status s = NormalizeEvidence(**framework, record); !s.ok()) {
      out.problems.push_back(
          {primary->source, primary->row, "mã " + primary->code + ": " + std::string(s.message())});
      continue;
    }
    CatalogueChange change;
    change.source = primary->source;
    change.row = primary->row;
    change.code = create ? record.code() : before.code();
    if (create) {
      record.set_id(++next_id);
      record.set_created_unix(now);
      record.set_updated_unix(now);
      record.set_review_state(REVIEW_SUBMITTED);
      uint64_t& seq = seqs[root];
      if (seq == 0) {
        auto stored = ReadCounter(*database_, keys::SeqCounter(code_of_school, root));
        if (!stored.ok()) return stored.status();
        seq = *stored;
      }
      seq = std::max<uint64_t>(seq, record.seq());
      batch.Put(keys::CodeIndex(code_of_school, normalized), keys::EncodeUint64(record.id()));
      change.action = CatalogueChange::Action::kCreated;
      change.detail = "mới, chưa có tệp: " + record.title();
    } else {
      const std::string described = DescribeChange(before, record);
      if (described == "no change") {
        change.action = CatalogueChange::Action::kUnchanged;
        change.id = record.id();
        out.changes.push_back(std::move(change));
        continue;
      }
      if (ReviewStateOf(before) == REVIEW_APPROVED && DescriptionChanged(before, record)) {
        // The approval was of what the item said; what it says now needs review.
        record.set_review_state(REVIEW_SUBMITTED);
        record.clear_reviewer();
        record.clear_review_reason();
        record.set_reviewed_unix(0);
      } else if (record.review_state() == REVIEW_RETURNED) {
        record.set_review_state(REVIEW_SUBMITTED);
      }
      record.set_updated_unix(now);
      change.action = CatalogueChange::Action::kUpdated;
      change.detail = DescribeChange(before, record);
    }
    change.id = record.id();
    batch.Put(keys::Evidence(code_of_school, record.id()), record.SerializeAsString());
    audit += (audit.empty() ? "" : "\n") + change.code + " #" + std::to_string(record.id()) + ": " +
             change.detail;
    out.changes.push_back(std::move(change));
  }
  if (dry_run || audit.empty()) return out;
  PutCounter(batch, keys::EvidenceIdCounter(), next_id);
  for (const auto& [criterion, seq] : seqs) {
    PutCounter(batch, keys::SeqCounter(code_of_school, criterion), seq);
  }
  const AuditFacts facts{.action = "catalogue.import",
                         .school = code_of_school,
                         .target = "danh mục minh chứng",
                         .detail = audit};
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) return s;
  out.applied = true;
  return out;
}

}  // namespace hoso::storage
