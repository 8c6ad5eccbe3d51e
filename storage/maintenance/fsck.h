#ifndef HOSO_STORAGE_MAINTENANCE_FSCK_H_
#define HOSO_STORAGE_MAINTENANCE_FSCK_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/index/audit_log.h"

namespace hoso::storage {

class ContentStore;
class Database;

// An evidence file naming a content: the record's key and the file's name.
struct FileRef {
  std::string evidence_key;
  std::string file_name;
};

struct FsckProblem {
  // "corrupt content", "missing content", "quarantined content", "reference count"
  std::string kind;
  std::string sha256;  // hex
  std::string detail;
  std::vector<std::string> affected;  // "LQD [H1-1.1-01]", "LQD dossier 3"
  std::vector<FileRef> files;         // the evidence files among `affected`
  uint64_t references = 0;            // how many evidence files and dossier entries name it
  std::string repair;                 // what --repair did; empty: nothing
  bool resolved = false;              // the repair fixed it completely
};

struct FsckReport {
  uint64_t contents = 0;      // content objects re-hashed
  uint64_t bytes = 0;         // bytes re-hashed
  uint64_t references = 0;    // evidence files and dossier entries checked
  uint64_t unreferenced = 0;  // stored contents nothing names (uploads never linked)
  // Pack space (Store::Fsck fills it in): dead bytes are those no wanted
  // chunk occupies (see gc.h); hoso admin gc reclaims them.
  uint32_t packs = 0;
  uint64_t pack_bytes = 0;
  uint64_t dead_bytes = 0;
  std::vector<FsckProblem> problems;
  uint64_t healed = 0;  // items whose damage marks --repair cleared (content intact again)
};

// Re-hashes every stored content and checks references both ways: every
// evidence file and dossier entry names stored content, and every content's
// reference count equals what names it. Reports problems by evidence code.
// Reads only; safe while the server serves.
absl::StatusOr<FsckReport> RunFsck(Database& database, ContentStore& content);

// Repairs what RunFsck found (fsck_repair.cc), one audited write per
// problem, and never deletes an evidence record: corrupt content is
// quarantined (its record moves to q/, its chunks stay for inspection) and
// every item naming corrupt, missing or quarantined content gets a damage
// note; reference counts are set to what names the content. Items whose
// contents are all intact again (uploaded anew) lose their damage notes.
absl::Status RepairFsckProblems(Database& database, const Actor& actor, FsckReport& report);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_MAINTENANCE_FSCK_H_
