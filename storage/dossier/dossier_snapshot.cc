#include "storage/dossier/dossier_snapshot.h"

#include <algorithm>
#include <set>

#include "storage/base/portable_name.h"
#include "storage/base/text.h"
#include "storage/evidence/evidence_store.h"
#include "storage/frameworks/evidence_code.h"

namespace hoso::storage {
namespace {

// A folder name from a title: no separators, at most 100 bytes (whole
// UTF-8 characters).
std::string FolderName(const EvidenceRecord& e) {
  std::string code = e.code().empty() ? "#" + std::to_string(e.id()) : e.code();
  if (code.front() != '[') code = "[" + code + "]";
  std::string title = e.title();
  for (char& c : title) {
    if (c == '/' || c == '\\' || c == '\n' || c == '\r' || c == '\t') c = '-';
  }
  if (title.size() > 100) {
    size_t cut = 100;
    while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
    title.resize(cut);
  }
  while (!title.empty() && (title.back() == ' ' || title.back() == '.')) title.pop_back();
  return code + " " + title;
}

bool InScope(const EvidenceRecord& e, const DossierScope& scope) {
  if (!scope.first_year.empty() && (e.year().empty() || e.year() < scope.first_year)) return false;
  if (!scope.last_year.empty() && (e.year().empty() || e.year() > scope.last_year)) return false;
  auto cites = [&](auto&& pred) {
    return std::any_of(e.criteria().begin(), e.criteria().end(), pred);
  };
  if (!scope.standards.empty() && !cites([&](const std::string& c) {
        return std::count(scope.standards.begin(), scope.standards.end(), StandardOf(c)) > 0;
      })) {
    return false;
  }
  if (!scope.criteria.empty() && !cites([&](const std::string& c) {
        return std::count(scope.criteria.begin(), scope.criteria.end(), c) > 0;
      })) {
    return false;
  }
  return true;
}

}  // namespace

std::vector<EvidenceRecord> ItemsInScope(std::vector<EvidenceRecord> live,
                                         const DossierScope& scope, bool include_unapproved) {
  std::vector<EvidenceRecord> items;
  for (EvidenceRecord& e : live) {
    if (!include_unapproved && ReviewStateOf(e) != REVIEW_APPROVED) continue;
    if (InScope(e, scope)) items.push_back(std::move(e));
  }
  return items;
}

std::string DescribeScope(const DossierScope& scope) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
  if (!scope.first_year.empty() || !scope.last_year.empty()) {
    add("năm học " + scope.first_year + ".." + scope.last_year);
  }
  if (!scope.standards.empty()) {
    std::string list;
    for (int s : scope.standards) list += (list.empty() ? "" : ", ") + std::to_string(s);
    add("tiêu chuẩn " + list);
  }
  if (!scope.criteria.empty()) {
    std::string list;
    for (const auto& c : scope.criteria) list += (list.empty() ? "" : ", ") + c;
    add("tiêu chí " + list);
  }
  return out.empty() ? "toàn bộ khung tiêu chuẩn" : out;
}

DossierRecord NewDraft(const SchoolRecord& school, const DossierScope& scope,
                       const std::vector<EvidenceRecord>& items, int64_t now_unix) {
  DossierRecord d;
  d.set_school(school.code());
  d.set_school_name(school.name());
  d.set_created_unix(now_unix);
  d.set_scope(DescribeScope(scope));
  d.set_items(static_cast<uint32_t>(items.size()));
  d.set_state(DOSSIER_DRAFT);
  d.set_bag_in_folder(true);
  return d;
}

namespace {

// `name` with " (n)" before its extension: "a.pdf" -> "a (2).pdf".
std::string Numbered(const std::string& name, int n) {
  const size_t dot = name.rfind('.');
  const size_t at = dot == std::string::npos || dot == 0 ? name.size() : dot;
  return name.substr(0, at) + " (" + std::to_string(n) + ")" + name.substr(at);
}

}  // namespace

PayloadPaths AddPayload(const std::vector<EvidenceRecord>& items, DossierRecord& d) {
  PayloadPaths paths;
  // Windows folds case: two paths that fold alike would overwrite each other.
  std::set<std::string> folded;
  for (const EvidenceRecord& e : items) {
    const std::string root = e.criteria(0);
    const std::string folder =
        "data/" + text::PortableSegment("Tiêu chuẩn " + std::to_string(StandardOf(root))) + "/" +
        text::PortableSegment("Tiêu chí " + root) + "/" + text::PortableSegment(FolderName(e)) +
        "/";
    for (const FileRecord& f : e.files()) {
      // The bag holds a name every system extracts; index.html and the
      // catalogue show the original.
      const std::string name = text::PortableSegment(f.name());
      std::string path = folder + name;
      for (int n = 2; !folded.insert(text::FoldCase(path)).second; ++n) {
        path = folder + Numbered(name, n);
      }
      DossierEntry* entry = d.add_entries();
      entry->set_path(path);
      entry->set_sha256(f.sha256());
      entry->set_size(f.size());
      paths[e.id()].push_back(entry->path());
    }
  }
  return paths;
}

absl::Status FinishPayload(DossierRecord& d) {
  std::sort(d.mutable_entries()->begin(), d.mutable_entries()->end(),
            [](const DossierEntry& a, const DossierEntry& b) { return a.path() < b.path(); });
  uint64_t bytes = 0;
  for (int i = 0; i < d.entries_size(); ++i) {
    bytes += d.entries(i).size();
    if (i > 0 && d.entries(i).path() == d.entries(i - 1).path()) {
      return absl::InternalError("two dossier files at " + d.entries(i).path());
    }
  }
  d.set_payload_bytes(bytes);
  return absl::OkStatus();
}

}  // namespace hoso::storage
