#ifndef HOSO_STORAGE_DOSSIER_DOSSIER_SNAPSHOT_H_
#define HOSO_STORAGE_DOSSIER_DOSSIER_SNAPSHOT_H_

// What a dossier version holds and where, decided from records alone (no
// I/O): which items, at which paths, with which totals. DossierStore::Build
// runs these in order and stores the result.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

struct DossierScope {
  std::string first_year, last_year;  // "2020-2021".."2024-2025"; empty: all
  std::vector<int> standards;         // empty: all
  std::vector<std::string> criteria;  // empty: all
  // Leave the school's approved self-assessment out (it goes only into a
  // dossier of the whole framework; see DossierStore::Build).
  bool without_assessment = false;
};

// Item id -> the bag paths of its files, in file order (for index.html).
using PayloadPaths = std::map<uint64_t, std::vector<std::string>>;

// The items of `live` a dossier takes: approved ones (every one with
// `include_unapproved`) that `scope` covers, in their order.
std::vector<EvidenceRecord> ItemsInScope(std::vector<EvidenceRecord> live,
                                         const DossierScope& scope, bool include_unapproved);
// "năm học 2020-2021..2024-2025; tiêu chuẩn 1, 2", for people.
std::string DescribeScope(const DossierScope& scope);
// A draft of `school` holding `items`, created at `now_unix`; no files yet.
DossierRecord NewDraft(const SchoolRecord& school, const DossierScope& scope,
                       const std::vector<EvidenceRecord>& items, int64_t now_unix);
// Adds every file of `items` to `d` under its root criterion:
// data/Tiêu chuẩn N/Tiêu chí N.M/[code] title/name (an item cited by several
// criteria is stored once). Each name in a path is one every system can
// extract (text::PortableSegment); paths that fold alike (Windows ignores
// case) get " (2)", " (3)" before the extension. The original names stay in
// the evidence records, so index.html and the catalogue show them.
PayloadPaths AddPayload(const std::vector<EvidenceRecord>& items, DossierRecord& d);
// Sorts the entries by path and sets payload_bytes; Internal if two files
// share a path.
absl::Status FinishPayload(DossierRecord& d);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_DOSSIER_DOSSIER_SNAPSHOT_H_
