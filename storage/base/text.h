#ifndef HOSO_STORAGE_BASE_TEXT_H_
#define HOSO_STORAGE_BASE_TEXT_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace hoso::text {

// `value` as NFC after checking it is valid UTF-8 without control characters
// (tab and newline allowed when `multiline`) and at most `max_bytes` long.
// `field` names the input in errors ("title").
absl::StatusOr<std::string> CleanText(std::string_view field, std::string_view value,
                                      size_t max_bytes, bool multiline = false);

// `value` in Unicode normalisation form C (how hoso stores names, so "ệ"
// typed on a Mac, as e + two combining marks, matches "ệ" typed elsewhere).
// Invalid UTF-8 is normalised as far as it decodes.
std::string Nfc(std::string_view value);

// A file name as stored: NFC, non-empty, at most 255 bytes, no '/', '\\',
// NUL or control characters, not "." or "..". The error names the problem.
absl::StatusOr<std::string> CleanFileName(std::string_view raw);

// "2024-2025": the second year follows the first.
absl::Status ValidateSchoolYear(std::string_view year);
// "2024-09-15", a real calendar date.
absl::Status ValidateDate(std::string_view date);

// `text` safe inside XML and HTML, as element text and as a quoted
// attribute value: & < > " ' written as entities.
std::string EscapeMarkup(std::string_view text);

// `value` folded for matching regardless of case (ICU full case folding of
// its NFC form, so "HIỆU" and "hiệu" fold alike; diacritics stay: "hieu"
// does not match "hiệu"). Invalid UTF-8 is folded as far as it decodes.
std::string FoldCase(std::string_view value);
// Whether `needle` occurs in `haystack`, both folded with FoldCase.
bool ContainsFolded(std::string_view haystack, std::string_view needle);

// Vietnamese collation (ICU "vi"): "Đ" after "D", tones ordered as people
// expect. Thread-safe.
class VietnameseCollator {
 public:
  VietnameseCollator();
  ~VietnameseCollator();
  bool Less(std::string_view a, std::string_view b) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoso::text

#endif  // HOSO_STORAGE_BASE_TEXT_H_
