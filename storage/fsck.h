#ifndef HOSO_STORAGE_FSCK_H_
#define HOSO_STORAGE_FSCK_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace hoso::storage {

class ContentStore;
class Database;

struct FsckProblem {
  std::string kind;     // "corrupt content", "missing content", "reference count"
  std::string sha256;   // hex
  std::string detail;
  std::vector<std::string> affected;  // "LQD [H1-1.1-01]", "LQD dossier 3"
};

struct FsckReport {
  uint64_t contents = 0;      // content objects re-hashed
  uint64_t bytes = 0;         // bytes re-hashed
  uint64_t references = 0;    // evidence files and dossier entries checked
  uint64_t unreferenced = 0;  // stored contents nothing names (uploads never linked)
  std::vector<FsckProblem> problems;
};

// Re-hashes every stored content and checks references both ways: every
// evidence file and dossier entry names stored content, and every content's
// reference count equals what names it. Reports problems by evidence code.
// Reads only; safe while the server serves.
absl::StatusOr<FsckReport> RunFsck(Database& database, ContentStore& content);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_FSCK_H_
