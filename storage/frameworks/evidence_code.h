#ifndef HOSO_STORAGE_FRAMEWORKS_EVIDENCE_CODE_H_
#define HOSO_STORAGE_FRAMEWORKS_EVIDENCE_CODE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace hoso::storage {

// Evidence codes (mã minh chứng) are made from a format of the framework or
// the school: literal text with the fields {box}, {criterion} and {seq},
// where {seq:02} pads the sequence to two digits. "[H{box}-{criterion}-{seq:02}]"
// gives "[H1-1.1-01]"; "{criterion}-{seq:02}" gives "1.1-01".

// OK when `format` has {criterion} and {seq} and only known fields.
absl::Status ValidateCodeFormat(std::string_view format);
std::string FormatEvidenceCode(std::string_view format, int box, std::string_view criterion,
                               uint32_t seq);

// The lookup form of a code typed by a person: brackets and spaces dropped,
// letters upper-cased. "[h1-1.1-01]" and "H1-1.1-01" are the same code.
std::string NormalizeCodeRef(std::string_view code);

// The standard a criterion belongs to: "1.10" -> 1; 0 if malformed.
int StandardOf(std::string_view criterion);

// Natural order of codes and criteria: digit runs compare as numbers, so
// "1.2" < "1.10" and "[H1-1.2-01]" < "[H1-1.10-01]".
bool NaturalLess(std::string_view a, std::string_view b);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_FRAMEWORKS_EVIDENCE_CODE_H_
