#ifndef HOSO_CLIENTS_TRANSFER_TREE_PLAN_H_
#define HOSO_CLIENTS_TRANSFER_TREE_PLAN_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/base/school_code.h"

namespace hoso::cli {

// One evidence item to make from an uploaded tree: a document (one file),
// or a folder whose own name starts with a code (its files, e.g. scanned
// pages).
struct PlannedItem {
  std::string folder;                 // on disk: the file's folder, or the coded folder
  std::string title;                  // the name without extension and leading code
  std::vector<std::string> criteria;  // the first is the root criterion
  std::vector<std::string> files;     // paths, by name
  std::optional<SchoolCode> code;     // the school's code in the name
  std::string written_code;           // that code as written
  std::string year;                   // "2021-2022" from a folder, or empty
  std::string note;                   // e.g. the code's criterion is not the folder's
};

struct TreePlan {
  std::vector<PlannedItem> items;     // by path
  std::vector<std::string> skipped;   // hidden files, links, devices: not evidence
  std::vector<std::string> problems;  // what cannot become items, and why
};

// A criterion of the school's framework: code and name ("1.1", "Phương hướng…").
using CriterionName = std::pair<std::string, std::string>;

// Walks each root (a directory) and plans one item per file, or per folder
// named with a code. Codes come from the names (SplitLeadingCode); the
// criterion from the code, else `criteria` when given, else the innermost
// folder naming one ("Tiêu chí 1.1", "TC 1.1", "1.1", "1.1 Phương hướng…",
// or a criterion's name in `framework`, compared without case and
// diacritics); the year from the innermost folder "Năm học 2021-2022" or
// "2021-2022". More than `max_files_per_item` files in a coded folder, or
// two of its files named alike, is a problem.
absl::StatusOr<TreePlan> PlanTree(const std::vector<std::string>& roots,
                                  const std::vector<std::string>& criteria,
                                  const std::vector<CriterionName>& framework,
                                  size_t max_files_per_item);

// The criterion code ("1.1") a folder name stands for, if any.
std::optional<std::string> CriterionInName(std::string_view name,
                                           const std::vector<CriterionName>& framework = {});
// The school year ("2021-2022") a folder name stands for, if any.
std::optional<std::string> YearInName(std::string_view name);
// The NFC form of a UTF-8 name (the bytes as they are when not UTF-8).
std::string NfcName(std::string_view name);
// "H1-1.1-05" style key of a code for comparing items: criterion and number.
std::string CodeKey(const SchoolCode& code);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_TRANSFER_TREE_PLAN_H_
