#ifndef HOSO_STORAGE_ASSESSMENT_REPORT_OUTLINE_H_
#define HOSO_STORAGE_ASSESSMENT_REPORT_OUTLINE_H_

// The report (PL6) or one criterion's form (PL5a/PL5b) as a list of blocks,
// built once from the records and the check's problems, then written out as
// HTML (report_html.cc) or OOXML (report_docx.cc): both show the same text
// and the same red marks.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/assessment/assessment_report.h"

namespace hoso::storage {

// A piece of text with one look. `red`: something the check found.
struct Run {
  std::string text;
  bool red = false;
  bool bold = false;
  bool italic = false;
  uint64_t evidence_id = 0;  // a cited code: the item it names (0: plain text)
};

struct Cell {
  std::vector<Run> runs;
  int span = 1;  // columns it covers
};

struct Block {
  enum class Kind {
    kTitle,       // the document's title, centred
    kHeading,     // level 1..5: what a table of contents lists
    kParagraph,   // runs
    kTable,       // rows of cells; the first row is the header
    kContents,    // the table of contents (Mục lục)
    kSignatures,  // the form's signature lines (a borderless two-cell row)
  };
  Kind kind = Kind::kParagraph;
  int level = 0;
  std::vector<Run> runs;
  std::vector<std::vector<Cell>> rows;
  bool centred = false;
  std::vector<int> widths;  // tables: each column's share of the width, in percent
  std::string anchor;       // headings: a stable id ("tieu-chi-1.1")
};

struct Outline {
  std::string title;  // the document's title (docProps, <title>)
  std::vector<Block> blocks;
};

// NotFound (in Vietnamese) for a criterion the framework does not have.
absl::StatusOr<Outline> BuildOutline(const ReportInput& input, std::string_view only_criterion);

// Every character of `text` NFC, with what XML 1.0 cannot carry (C0
// controls but tab and newline) dropped and bidirectional controls written
// out ("[U+202E]", as in the dossier's index): user text goes into both formats.
std::string CleanForMarkup(std::string_view text);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_ASSESSMENT_REPORT_OUTLINE_H_
