#include "storage/assessment/citations.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>

namespace hoso::storage {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// [begin, end) without the spaces around it.
void Trim(std::string_view text, size_t& begin, size_t& end) {
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
}

// The citations of one bracket's contents, or none when a part is not a code.
std::vector<WrittenCitation> ReadBracket(std::string_view text, size_t open, size_t close) {
  std::vector<WrittenCitation> out;
  size_t begin = open + 1;
  while (begin <= close) {
    size_t end = begin;
    while (end < close && text[end] != ';' && text[end] != ',') ++end;
    size_t b = begin, e = end;
    Trim(text, b, e);
    if (b == e) return {};
    auto code = ParseSchoolCode(text.substr(b, e - b));
    if (!code) return {};
    out.push_back({std::string(text.substr(b, e - b)), *code, b, e - b});
    begin = end + 1;
  }
  return out;
}

// Where the citation brackets (and the punctuation between them) at the
// start of [begin, end) end: `begin` when it does not start with one.
size_t CitationPrefixEnd(std::string_view text, size_t begin, size_t end) {
  size_t last = begin;
  for (size_t i = begin; i < end;) {
    const char c = text[i];
    if (c == '[') {
      const size_t close = text.find(']', i);
      if (close == std::string_view::npos || close >= end) break;
      if (ReadBracket(text, i, close).empty()) break;
      i = last = close + 1;
    } else if (IsSpace(c) || c == ';' || c == ',' || c == '.') {
      ++i;
      if (last > begin) last = i;
    } else {
      break;
    }
  }
  return last;
}

}  // namespace

std::vector<WrittenCitation> FindCitations(std::string_view text) {
  std::vector<WrittenCitation> out;
  for (size_t open = text.find('['); open != std::string_view::npos;
       open = text.find('[', open + 1)) {
    const size_t close = text.find_first_of("[]", open + 1);
    if (close == std::string_view::npos) break;
    if (text[close] == '[') continue;  // an unclosed '[' before another
    for (WrittenCitation& c : ReadBracket(text, open, close)) out.push_back(std::move(c));
    open = close;
  }
  return out;
}

std::vector<Statement> Statements(std::string_view text) {
  std::vector<Statement> out;
  UErrorCode status = U_ZERO_ERROR;
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  std::unique_ptr<icu::BreakIterator> sentences(
      icu::BreakIterator::createSentenceInstance(icu::Locale("vi"), status));
  if (U_FAILURE(status)) {
    utext_close(utext);
    return out;
  }
  sentences->setText(utext, status);
  // With UTF-8 text, ICU's boundaries are byte offsets.
  for (int32_t start = sentences->first(), end = sentences->next(); end != icu::BreakIterator::DONE;
       start = end, end = sentences->next()) {
    size_t b = static_cast<size_t>(start), e = static_cast<size_t>(end);
    Trim(text, b, e);
    if (b == e) continue;
    // "… năm 2020. [H1-1.1-01] Năm 2021 …": the brackets after the full
    // stop are the sentence before's.
    const size_t prefix = out.empty() ? b : CitationPrefixEnd(text, b, e);
    if (prefix > b) {
      size_t pb = b, pe = prefix;
      Trim(text, pb, pe);
      Statement& last = out.back();
      last.text = std::string(text.substr(last.offset, pe - last.offset));
      last.cited = true;
      b = prefix;
      Trim(text, b, e);
      if (b == e) continue;
    }
    const std::string_view sentence = text.substr(b, e - b);
    out.push_back({std::string(sentence), b, !FindCitations(sentence).empty()});
  }
  utext_close(utext);
  return out;
}

}  // namespace hoso::storage
