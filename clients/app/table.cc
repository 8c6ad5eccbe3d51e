#include "clients/app/table.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <utility>

namespace hoso::cli {
namespace {

bool IsPrintableAscii(std::string_view s) {
  for (const char c : s) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// The width of a grapheme cluster that starts with `c`; the marks and joiners
// after it take no column of their own.
int ClusterWidth(UChar32 c) {
  const int8_t category = u_charType(c);
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR ||
      category == U_CONTROL_CHAR) {
    return 0;
  }
  const int east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}

// The NFC form of `utf8`; false (and `out` untouched) when ICU cannot normalize.
bool Normalize(std::string_view utf8, icu::UnicodeString& out) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return false;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString normalized = nfc->normalize(text, status);
  if (U_FAILURE(status)) return false;
  out = std::move(normalized);
  return true;
}

int Pad(int width, int used) { return width > used ? width - used : 0; }

}  // namespace

int DisplayWidth(std::string_view utf8) {
  if (IsPrintableAscii(utf8)) return static_cast<int>(utf8.size());
  icu::UnicodeString text;
  if (!Normalize(utf8, text)) return static_cast<int>(utf8.size());
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> clusters(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) return static_cast<int>(utf8.size());
  clusters->setText(text);
  int width = 0;
  for (int32_t start = clusters->first(), end = clusters->next(); end != icu::BreakIterator::DONE;
       start = end, end = clusters->next()) {
    width += ClusterWidth(text.char32At(start));
  }
  return width;
}

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

std::string Table::Row(const std::vector<std::string>& cells) const {
  std::string line;
  const size_t n = std::max(columns_.size(), cells.size());
  for (size_t i = 0; i < n; ++i) {
    static const Column kExtra;
    const Column& column = i < columns_.size() ? columns_[i] : kExtra;
    static const std::string kEmpty;
    const std::string& cell = i < cells.size() ? cells[i] : kEmpty;
    if (i > 0) line += column.gap;
    const std::string padding(Pad(column.width, DisplayWidth(cell)), ' ');
    if (column.align == Align::kRight) line += padding;
    line += cell;
    if (column.align == Align::kLeft) line += padding;
  }
  return line;
}

void Table::Print(const std::vector<std::string>& cells) const {
  std::printf("%s\n", Row(cells).c_str());
}

Table::Column Left(int width, std::string gap) {
  return {width, Table::Align::kLeft, std::move(gap)};
}

Table::Column Right(int width, std::string gap) {
  return {width, Table::Align::kRight, std::move(gap)};
}

}  // namespace hoso::cli
