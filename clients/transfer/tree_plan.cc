// Planning a folder tree upload: which files make which evidence item.
#include "clients/transfer/tree_plan.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
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

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A name folded for matching: lower case, no diacritics, "đ" as "d", runs
// of spaces and punctuation as one space ("Phương hướng, chiến lược" and
// "phuong huong chien luoc" fold alike).
std::string Fold(std::string_view name) {
  static const std::unique_ptr<icu::Transliterator> strip = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "NFD; [:Nonspacing Mark:] Remove; Lower; NFC", UTRANS_FORWARD, status));
    return U_FAILURE(status) ? nullptr : std::move(t);
  }();
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  if (strip) strip->transliterate(text);
  text.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x0111)), "d");  // đ
  text.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x0110)), "d");  // Đ
  std::string utf8, out;
  text.toUTF8String(utf8);
  for (char c : utf8) {
    const bool word =
        IsDigit(c) || (c >= 'a' && c <= 'z') || (static_cast<unsigned char>(c) >= 0x80);
    if (word) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// "1.1" at the start of `s` followed by the end or a space: the criterion.
std::optional<std::string> LeadingCriterion(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i == 0 || i > 2 || i >= s.size() || s[i] != '.') return std::nullopt;
  const size_t dot = i++;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i == dot + 1 || i - dot - 1 > 2) return std::nullopt;
  if (i < s.size() && s[i] != ' ') return std::nullopt;
  return std::to_string(std::stoi(std::string(s.substr(0, dot)))) + "." +
         std::to_string(std::stoi(std::string(s.substr(dot + 1, i - dot - 1))));
}

// The file name without its extension (".docx"); a name that is all
// extension (".profile") stays whole.
std::string Stem(const std::string& name) {
  const size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

// The folders from `root` down to `folder`, outermost first, with the
// root's own name (and its parent's) before them.
std::vector<std::string> FoldersOf(const fs::path& root, const fs::path& folder) {
  std::vector<std::string> out;
  const fs::path clean = root.lexically_normal();
  const fs::path base = clean.has_filename() ? clean : clean.parent_path();
  out.push_back(base.parent_path().filename().string());
  out.push_back(base.filename().string());
  const fs::path relative = folder.lexically_relative(root);
  if (!relative.empty() && relative != ".") {
    for (const fs::path& part : relative) out.push_back(part.string());
  }
  return out;
}

// What folder names stand for, each name read once (ICU folding is slow,
// and an archive repeats a few dozen names over thousands of files).
class FolderNames {
 public:
  explicit FolderNames(const std::vector<CriterionName>& framework) : framework_(framework) {}
  const std::pair<std::optional<std::string>, std::optional<std::string>>& Of(
      const std::string& name) {
    auto it = known_.find(name);
    if (it == known_.end()) {
      it = known_.emplace(name, std::make_pair(CriterionInName(name, framework_), YearInName(name)))
               .first;
    }
    return it->second;
  }

 private:
  const std::vector<CriterionName>& framework_;
  std::map<std::string, std::pair<std::optional<std::string>, std::optional<std::string>>> known_;
};

// Fills criterion (when not given), year and the note of `item` from its folders.
void Place(const std::vector<std::string>& folders, const std::vector<std::string>& criteria,
           FolderNames& names, PlannedItem& item) {
  std::optional<std::string> from_folder;
  for (const std::string& f : folders) {
    const auto& [criterion, year] = names.Of(f);
    if (criterion) from_folder = criterion;  // the innermost wins
    if (year) item.year = *year;
  }
  if (item.code) {
    item.criteria = {item.code->criterion};
    for (const std::string& c : criteria) {
      if (c != item.code->criterion) item.criteria.push_back(c);
    }
    if (from_folder && *from_folder != item.code->criterion) {
      item.note = "mã " + item.written_code + " ghi tiêu chí " + item.code->criterion +
                  ", thư mục ghi tiêu chí " + *from_folder + ": theo mã";
    }
  } else if (!criteria.empty()) {
    item.criteria = criteria;
  } else if (from_folder) {
    item.criteria = {*from_folder};
  }
}

// Splits `name` into code and title; a name that is only a code keeps it as title.
void Name(const std::string& name, PlannedItem& item) {
  const std::string nfc = NfcName(name);
  CodedName split = SplitLeadingCode(nfc);
  item.code = split.code;
  if (item.code) item.written_code = nfc.substr(0, nfc.size() - split.title.size());
  while (!item.written_code.empty() &&
         (item.written_code.back() == ' ' || item.written_code.back() == '-' ||
          item.written_code.back() == '_')) {
    item.written_code.pop_back();
  }
  item.title = split.title.empty() ? nfc : split.title;
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

std::string CodeKey(const SchoolCode& code) {
  return code.criterion + "-" + std::to_string(code.seq);
}

std::optional<std::string> CriterionInName(std::string_view raw,
                                           const std::vector<CriterionName>& framework) {
  const std::string name = Fold(NfcName(raw));
  if (name.empty()) return std::nullopt;
  // A code names an item, not a criterion folder.
  if (SplitLeadingCode(NfcName(raw)).code) return std::nullopt;
  for (const char* word : {"tieu chi ", "criterion ", "tc "}) {
    const std::string w(word);
    if (name.rfind(w, 0) == 0) {
      // Fold turned "1.1" into "1 1": read the digits from the raw name instead.
      std::string rest = NfcName(raw);
      size_t i = 0;
      while (i < rest.size() && !IsDigit(rest[i])) ++i;
      return LeadingCriterion(std::string_view(rest).substr(i));
    }
  }
  const std::string nfc = NfcName(raw);
  if (auto c = LeadingCriterion(nfc)) return c;
  for (const auto& [code, title] : framework) {
    if (!title.empty() && Fold(title) == name) return code;
  }
  return std::nullopt;
}

std::optional<std::string> YearInName(std::string_view raw) {
  std::string name = Fold(NfcName(raw));
  if (name.rfind("nam hoc ", 0) == 0) name = name.substr(8);
  // Fold made "2021-2022" "2021 2022".
  if (name.size() != 9 || name[4] != ' ') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 7, 8}) {
    if (!IsDigit(name[i])) return std::nullopt;
  }
  const int first = std::stoi(name.substr(0, 4)), second = std::stoi(name.substr(5));
  if (second != first + 1) return std::nullopt;
  return name.substr(0, 4) + "-" + name.substr(5);
}

absl::StatusOr<TreePlan> PlanTree(const std::vector<std::string>& roots,
                                  const std::vector<std::string>& criteria,
                                  const std::vector<CriterionName>& framework,
                                  size_t max_files_per_item) {
  TreePlan plan;
  FolderNames folder_names(framework);
  std::set<std::string> folders_without_criterion;
  for (const std::string& root : roots) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return absl::InvalidArgumentError(root + " is not a folder");
    fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
    if (ec) return absl::PermissionDeniedError("cannot read " + root + ": " + ec.message());
    // The coded folder being collected, and its files.
    std::vector<PlannedItem> found;
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
      PlannedItem item;
      if (it->is_directory(ec)) {
        if (!SplitLeadingCode(NfcName(name)).code) continue;
        // A folder named by a code: one item of every file inside.
        it.disable_recursion_pending();
        item.folder = path.string();
        Name(name, item);
        for (fs::recursive_directory_iterator in(path, ec), end; !ec && in != end;
             in.increment(ec)) {
          const std::string inner = in->path().filename().string();
          if (Hidden(inner)) {
            if (in->is_directory(ec)) in.disable_recursion_pending();
            plan.skipped.push_back(in->path().string());
          } else if (in->is_symlink(ec) || (!in->is_directory(ec) && !in->is_regular_file(ec))) {
            plan.skipped.push_back(in->path().string());
          } else if (in->is_regular_file(ec)) {
            item.files.push_back(in->path().string());
          }
        }
        if (ec)
          return absl::PermissionDeniedError("cannot read " + path.string() + ": " + ec.message());
        if (item.files.empty()) continue;
        std::sort(item.files.begin(), item.files.end());
        std::set<std::string> names;
        for (const std::string& f : item.files) {
          if (!names.insert(NfcName(fs::path(f).filename().string())).second) {
            plan.problems.push_back(path.string() + ": two files named \"" +
                                    NfcName(fs::path(f).filename().string()) +
                                    "\" in one item; rename one");
          }
        }
        if (item.files.size() > max_files_per_item) {
          plan.problems.push_back(path.string() + ": " + std::to_string(item.files.size()) +
                                  " files, more than an item holds (" +
                                  std::to_string(max_files_per_item) + ")");
        }
        Place(FoldersOf(root, path.parent_path()), criteria, folder_names, item);
      } else {
        item.folder = path.parent_path().string();
        item.files = {path.string()};
        Name(Stem(name), item);
        Place(FoldersOf(root, path.parent_path()), criteria, folder_names, item);
      }
      if (item.criteria.empty()) {
        folders_without_criterion.insert(item.folder);
        continue;
      }
      found.push_back(std::move(item));
    }
    for (PlannedItem& item : found) plan.items.push_back(std::move(item));
  }
  for (const std::string& folder : folders_without_criterion) {
    plan.problems.push_back(folder +
                            ": no criterion in its path or names (name a folder \"Tiêu chí "
                            "1.1\", a file \"H1-1.1-01 …\", or pass --criterion)");
  }
  std::sort(plan.items.begin(), plan.items.end(),
            [](const PlannedItem& a, const PlannedItem& b) { return a.files < b.files; });
  return plan;
}

}  // namespace hoso::cli
