#ifndef HOSO_STORAGE_EVIDENCE_STORE_H_
#define HOSO_STORAGE_EVIDENCE_STORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/records.pb.h"
#include "storage/sha256.h"

namespace hoso::storage {

class Database;
class FrameworkCatalog;
class SchoolStore;

// A file of a new evidence item; its content must be stored already.
struct NewFile {
  std::string name;  // bytes as the user has them
  std::string media_type;
  Sha256Digest sha256{};
};

struct EvidenceFilter {
  std::string school;  // required
  std::string criterion;
  std::string task;
  int kind = 0;  // 0: any
  std::string year;
  std::string uploader;
  bool include_deleted = false;
};

// Evidence items (minh chứng) and their links to content. Thread-safe; every
// change is one synced RocksDB write batch.
class EvidenceStore {
 public:
  // No pointer is owned.
  EvidenceStore(Database* database, const SchoolStore* schools,
                const FrameworkCatalog* frameworks);

  // Validates `draft` (see NormalizeEvidence), links `files` (FailedPrecondition
  // if a content is not stored) and assigns the next id. Reference counts of
  // the contents change in the same write.
  absl::StatusOr<EvidenceRecord> Create(EvidenceRecord draft, const std::vector<NewFile>& files);
  // The checks of Create that need no stored content: metadata and file
  // names. Returns the normalised draft; stores nothing.
  absl::StatusOr<EvidenceRecord> Validate(EvidenceRecord draft,
                                          const std::vector<NewFile>& files) const;
  // NotFound: "no evidence 42 in school LQD" (also for deleted items unless
  // include_deleted).
  absl::StatusOr<EvidenceRecord> Get(const std::string& school, uint64_t id,
                                     bool include_deleted = false) const;
  // Matching items in id order.
  absl::StatusOr<std::vector<EvidenceRecord>> List(const EvidenceFilter& filter) const;
  // Applies `edit` to the stored item and stores the result once it validates.
  absl::StatusOr<EvidenceRecord> Update(const std::string& school, uint64_t id,
                                        const std::function<absl::Status(EvidenceRecord&)>& edit);
  // Marks the item deleted; its record and files stay (soft delete).
  absl::StatusOr<EvidenceRecord> Delete(const std::string& school, uint64_t id);

 private:
  absl::StatusOr<const Framework*> FrameworkOf(const std::string& school) const;
  absl::StatusOr<std::vector<FileRecord>> ResolveFiles(const std::vector<NewFile>& files) const;

  Database* const database_;
  const SchoolStore* const schools_;
  const FrameworkCatalog* const frameworks_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_EVIDENCE_STORE_H_
