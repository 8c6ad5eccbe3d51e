#ifndef HOSO_STORAGE_FRAMEWORKS_FRAMEWORK_CHECKS_H_
#define HOSO_STORAGE_FRAMEWORKS_FRAMEWORK_CHECKS_H_

// The checks of a framework file's indicators, level-4 list and school-level
// rules, each error naming the line of the file that holds the culprit.

#include <string_view>

#include "absl/status/status.h"
#include "storage/frameworks/json_lines.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

// InvalidArgument "line N: …" for the first indicator, level-4 item or rule
// that cannot be used: a level outside 1..3 or not among `levels`, a code
// listed twice within a level, an empty code or text, a level-4 list without
// level 4, a rule naming an unknown level, standard or criterion, a percent
// outside 0..100, a condition that counts nothing.
absl::Status CheckIndicatorsAndRules(const Framework& framework, const JsonLines& lines);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_FRAMEWORKS_FRAMEWORK_CHECKS_H_
