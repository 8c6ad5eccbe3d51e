// Planning a folder tree upload: which files make which evidence item.
#include "clients/transfer/tree_plan.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

namespace hoso::cli {
namespace {

namespace fs = std::filesystem;

// Files that file managers and phones leave behind; never evidence.
bool Hidden(const std::string& name) {
  static const std::set<std::string> kLitter = {"Thumbs.db", "desktop.ini", "Desktop.ini"};
  return name.empty() || name[0] == '.' || kLitter.count(name) > 0;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Greedy: each file goes into the first part where its NFC name is new and
// there is room.
std::vector<std::vector<std::string>> SplitIntoParts(const std::vector<std::string>& files,
                                                     size_t max_files) {
  std::vector<std::vector<std::string>> parts;
  std::vector<std::set<std::string>> names;
  for (const std::string& file : files) {
    const std::string name = NfcName(fs::path(file).filename().string());
    size_t k = 0;
    while (k < parts.size() && (names[k].count(name) > 0 || parts[k].size() >= max_files)) ++k;
    if (k == parts.size()) {
      parts.emplace_back();
      names.emplace_back();
    }
    parts[k].push_back(file);
    names[k].insert(name);
  }
  return parts;
}

std::string TitleOf(const fs::path& root, const fs::path& folder) {
  const fs::path relative = folder.lexically_relative(root);
  if (relative.empty() || relative == ".") {
    const fs::path clean = root.lexically_normal();
    const std::string name = (clean.has_filename() ? clean : clean.parent_path()).filename();
    return NfcName(name.empty() ? std::string("evidence") : name);
  }
  std::string title;
  for (const fs::path& part : relative) {
    if (!title.empty()) title += " / ";
    title += part.string();
  }
  return NfcName(title);
}

std::optional<std::string> CriterionOnPath(const fs::path& root, const fs::path& folder) {
  std::optional<std::string> found;
  for (const fs::path& part : folder.lexically_relative(root)) {
    if (auto c = CriterionInName(part.string())) found = c;  // the innermost wins
  }
  if (!found)
    found = CriterionInName(fs::path(root).lexically_normal().parent_path().filename().string());
  if (!found) found = CriterionInName(fs::path(root).lexically_normal().filename().string());
  return found;
}

}  // namespace

std::string NfcName(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(name);
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  const icu::UnicodeString normal = nfc->normalize(text, status);
  if (U_FAILURE(status)) return std::string(name);
  std::string out;
  normal.toUTF8String(out);
  return out;
}

std::optional<std::string> CriterionInName(std::string_view raw) {
  const std::string name = Lower(NfcName(raw));
  // "tiêu chí" lower-cased in ASCII keeps its accented letters as they are.
  static const char* const kWords[] = {"tiêu chí", "tiÊu chÍ", "tieu chi", "criterion", "tc"};
  for (const char* word : kWords) {
    const std::string w = Lower(NfcName(word));
    if (name.rfind(w, 0) != 0) continue;
    size_t i = w.size();
    while (i < name.size() && (name[i] == ' ' || name[i] == '_' || name[i] == '-')) ++i;
    const size_t start = i;
    while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) ++i;
    if (i == start || i >= name.size() || name[i] != '.') continue;
    const size_t dot = i++;
    while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) ++i;
    if (i == dot + 1) continue;
    if (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) continue;
    return name.substr(start, i - start);
  }
  return std::nullopt;
}

absl::StatusOr<TreePlan> PlanTree(const std::vector<std::string>& roots,
                                  const std::vector<std::string>& criteria,
                                  size_t max_files_per_item) {
  TreePlan plan;
  std::map<std::pair<std::string, std::string>, std::vector<std::string>>
      folders;  // (root, folder)
  for (const std::string& root : roots) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return absl::InvalidArgumentError(root + " is not a folder");
    fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
    if (ec) return absl::PermissionDeniedError("cannot read " + root + ": " + ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec)
        return absl::PermissionDeniedError("cannot read " + it->path().string() + ": " +
                                           ec.message());
      const fs::path& path = it->path();
      const std::string name = path.filename().string();
      if (Hidden(name)) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        plan.skipped.push_back(path.string());
        continue;
      }
      if (it->is_symlink(ec) || (!it->is_directory(ec) && !it->is_regular_file(ec))) {
        plan.skipped.push_back(path.string());
        continue;
      }
      if (it->is_regular_file(ec))
        folders[{root, path.parent_path().string()}].push_back(path.string());
    }
  }
  for (auto& [where, files] : folders) {
    const auto& [root, folder] = where;
    std::sort(files.begin(), files.end());
    PlannedItem base;
    base.folder = folder;
    base.title = TitleOf(root, folder);
    if (!criteria.empty()) {
      base.criteria = criteria;
    } else if (auto found = CriterionOnPath(root, folder)) {
      base.criteria = {*found};
    } else {
      plan.problems.push_back(folder +
                              ": no criterion in its path (name a folder \"Tiêu chí 1.1\", "
                              "or pass --criterion)");
      continue;
    }
    const auto parts = SplitIntoParts(files, std::max<size_t>(1, max_files_per_item));
    for (size_t k = 0; k < parts.size(); ++k) {
      PlannedItem item = base;
      if (k > 0) item.title += " (" + std::to_string(k + 1) + ")";
      item.files = parts[k];
      plan.items.push_back(std::move(item));
    }
  }
  return plan;
}

}  // namespace hoso::cli
