#ifndef HOSO_CLIENTS_TRANSFER_TREE_PLAN_H_
#define HOSO_CLIENTS_TRANSFER_TREE_PLAN_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace hoso::cli {

// One evidence item to make from a folder of an uploaded tree.
struct PlannedItem {
  std::string folder;                 // on disk
  std::string title;                  // the folder's path inside the tree, " / " between parts
  std::vector<std::string> criteria;  // the first is the root criterion
  std::vector<std::string> files;     // paths, by name
};

struct TreePlan {
  std::vector<PlannedItem> items;     // by folder
  std::vector<std::string> skipped;   // hidden files, links, devices: not evidence
  std::vector<std::string> problems;  // folders that cannot become items, and why
};

// Walks each root (a directory) and plans one item per folder that holds
// files. Criteria: `criteria` when given, else the innermost folder named
// like "Tiêu chí 1.1" (also "Tieu chi", "TC", "Criterion"; any case of the
// ASCII letters). Files whose names are equal once NFC-normalised, or more
// than `max_files_per_item` in a folder, go into further items of the same
// folder titled "<title> (2)", ... so that no file is left out.
absl::StatusOr<TreePlan> PlanTree(const std::vector<std::string>& roots,
                                  const std::vector<std::string>& criteria,
                                  size_t max_files_per_item);

// The criterion code ("1.1") a folder name stands for, if any.
std::optional<std::string> CriterionInName(std::string_view name);
// The NFC form of a UTF-8 name (the bytes as they are when not UTF-8).
std::string NfcName(std::string_view name);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_TRANSFER_TREE_PLAN_H_
