#ifndef HOSO_STORAGE_ASSESSMENT_CITATIONS_H_
#define HOSO_STORAGE_ASSESSMENT_CITATIONS_H_

// Evidence codes cited in a judgement's text, written as schools write them:
// "[H1-1.1-01]", several in one bracket separated by ';' or ','
// ("[H1-1.1-01; H1-1.1-03]"), or bracket after bracket. A bracket whose
// parts are not all codes ("[1]", "[xem phụ lục]") is text, not a citation.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "storage/base/school_code.h"

namespace hoso::storage {

struct WrittenCitation {
  std::string written;  // the part as written, trimmed: "H1-1.1-01"
  SchoolCode code;
  size_t offset = 0;  // byte offset of the part in the text
  size_t length = 0;
};

// Every cited code of `text`, in order (a code cited twice appears twice).
std::vector<WrittenCitation> FindCitations(std::string_view text);

// The statements of `text`: its sentences (ICU sentence breaks, Vietnamese),
// trimmed, empty ones dropped. A citation bracket after the full stop
// ("… năm 2020. [H1-1.1-01]") belongs to the sentence before it.
struct Statement {
  std::string text;
  size_t offset = 0;
  bool cited = false;  // holds at least one citation
};
std::vector<Statement> Statements(std::string_view text);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_ASSESSMENT_CITATIONS_H_
