#ifndef HOSO_STORAGE_EVIDENCE_EVIDENCE_STORE_H_
#define HOSO_STORAGE_EVIDENCE_EVIDENCE_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/base/sha256.h"
#include "storage/content/content_holdings.h"
#include "storage/evidence/catalogue_import.h"
#include "storage/index/audit_log.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

class Database;
class FrameworkCatalog;
class WriteBatch;
class PlanStore;
class SchoolStore;

// A file of a new evidence item; its content must be stored already.
struct NewFile {
  std::string name;  // bytes as the user has them
  std::string media_type;
  Sha256Digest sha256{};
};

// One item of a batch create: its draft and files (see EvidenceStore::Create).
struct NewItem {
  EvidenceRecord draft;
  std::vector<NewFile> files;
};

// One code change of a renumbering.
struct CodeChange {
  uint64_t id = 0;
  std::string old_code;
  std::string new_code;
};

struct EvidenceFilter {
  std::string school;  // required
  std::string criterion;
  std::string task;
  int kind = 0;  // 0: any
  std::string year;
  std::string uploader;
  bool include_deleted = false;
  ReviewState review_state =
      REVIEW_UNSET;  // UNSET: any; SUBMITTED also matches items from before review
};

// An item's review state; records written before review existed are submitted.
inline ReviewState ReviewStateOf(const EvidenceRecord& r) {
  return r.review_state() == REVIEW_UNSET ? REVIEW_SUBMITTED : r.review_state();
}

// Evidence items (minh chứng) and their links to content. Thread-safe; every
// change is one synced RocksDB write batch.
class EvidenceStore {
 public:
  // No pointer is owned.
  EvidenceStore(Database* database, const SchoolStore* schools, const FrameworkCatalog* frameworks,
                const PlanStore* plan);

  // Validates `draft` (see NormalizeEvidence), links `files` (FailedPrecondition
  // if a content is not stored or `linker` does not hold it: the same words
  // either way), assigns the next id and the evidence code of its root
  // criterion (the first). A draft with a code (the school's own, as written
  // in its archive: "H1-1.1-05", "[H1-1.1-05]", "1.1-05", ...) keeps it,
  // normalised to the school's code format; its criterion becomes the root
  // and its box the item's, and the criterion's sequence continues after it.
  // A malformed code, or one of a criterion not in the framework, is
  // InvalidArgument; one another item holds, AlreadyExists. Reference counts
  // of the contents, the school's holdings, the code index and the counters
  // change in the same write. `linker` is the caller for the school
  // (services pass it); the default is the server's own link.
  absl::StatusOr<EvidenceRecord> Create(const Actor& actor, EvidenceRecord draft,
                                        const std::vector<NewFile>& files,
                                        const ContentHolder& linker = {});
  // Create for many items of one school in one synced write (one audit
  // entry each), or, when `validate_only`, Validate for each (codes checked
  // against the school and against each other too). Each item is refused on
  // its own; the others go ahead. Items with a code of their own are placed
  // first, so an item given the next number never takes one another item of
  // the batch claims. Results are in the order of `items`.
  std::vector<absl::StatusOr<EvidenceRecord>> CreateBatch(const Actor& actor,
                                                          std::vector<NewItem> items,
                                                          const ContentHolder& linker,
                                                          bool validate_only);
  // Records that each school holds the content of its evidence files
  // (content_holdings.h), for items made before holdings were kept. Once per
  // data directory; Store::Open calls it.
  absl::Status BackfillHoldings();
  // The checks of Create that need no stored content: metadata and file
  // names. Returns the normalised draft; stores nothing.
  absl::StatusOr<EvidenceRecord> Validate(EvidenceRecord draft,
                                          const std::vector<NewFile>& files) const;
  // NotFound: "no evidence 42 in school LQD" (also for deleted items unless
  // include_deleted).
  absl::StatusOr<EvidenceRecord> Get(const std::string& school, uint64_t id,
                                     bool include_deleted = false) const;
  // Matching items in natural order of their codes.
  absl::StatusOr<std::vector<EvidenceRecord>> List(const EvidenceFilter& filter) const;
  // Applies `edit` to the stored item and stores the result once it
  // validates. `edit` runs under the write lock on the latest record, so a
  // check it makes (who may change the item) cannot go stale. Editing a
  // returned item submits it again.
  using Edit = std::function<absl::Status(EvidenceRecord&)>;
  absl::StatusOr<EvidenceRecord> Update(const Actor& actor, const std::string& school, uint64_t id,
                                        const Edit& edit);
  // Marks the item deleted; its record and files stay (soft delete), and its
  // code is not given to another item (a gap) until a renumbering.
  // `check` (may be null) runs first on the latest record, as for Update.
  absl::StatusOr<EvidenceRecord> Delete(const Actor& actor, const std::string& school, uint64_t id,
                                        const Edit& check = nullptr);
  // Approves an item or returns it to its uploader with a reason (required).
  absl::StatusOr<EvidenceRecord> Review(const Actor& actor, const std::string& school, uint64_t id,
                                        bool approve, const std::string& reason,
                                        const Edit& check = nullptr);

  // The id a REF names: digits are an id, anything else an evidence code
  // ("H1-1.1-01", with or without brackets). NotFound otherwise.
  absl::StatusOr<uint64_t> ResolveRef(const std::string& school, const std::string& ref) const;
  // Cites the item under one more criterion; its code stays.
  absl::StatusOr<EvidenceRecord> Link(const Actor& actor, const std::string& school, uint64_t id,
                                      const std::string& criterion, const Edit& check = nullptr);
  // The item a school's written code names ("H1-1.1-01", "1.1-01": the forms
  // CodeKeyOf reads), deleted ones included; nullopt when none has it.
  absl::StatusOr<std::optional<EvidenceRecord>> FindByWrittenCode(const std::string& school,
                                                                  const std::string& written) const;
  // Link's writes and audit entry added to `batch` and `facts` instead of
  // written, for a caller that commits them with its own change (one atomic
  // write). The caller holds database->write_mutex(). Returns the item as linked.
  absl::StatusOr<EvidenceRecord> LinkInBatch(const std::string& school, uint64_t id,
                                             const std::string& criterion, WriteBatch& batch,
                                             std::vector<AuditFacts>& facts);
  // Removes a citation. The root criterion cannot be unlinked.
  absl::StatusOr<EvidenceRecord> Unlink(const Actor& actor, const std::string& school, uint64_t id,
                                        const std::string& criterion, const Edit& check = nullptr);
  // Closes the gaps in each criterion's sequence. Returns the changes; makes
  // them (one write) only when `apply` and `veto` (if given) returns OK for
  // them, under the same lock. Deleted items give up their codes.
  using RenumberVeto = std::function<absl::Status(const std::vector<CodeChange>&)>;
  absl::StatusOr<std::vector<CodeChange>> Renumber(const Actor& actor, const std::string& school,
                                                   bool apply, const RenumberVeto& veto = nullptr);
  // Applies a school's own catalogue (catalogue_import.h) by code: fills the
  // title, number, date, issuer and note of the items it names (approved
  // items changed go back to review), cites an item under the criteria whose
  // heading lists it, and makes items without files for the codes no item
  // has (so coverage shows what is missing). Rows it cannot read or match are
  // problems; the rest is one write, or none when `dry_run`. `check` (may be
  // null) runs on each item first (who may change it); a refusal is a problem.
  absl::StatusOr<CatalogueImport> ImportCatalogue(const Actor& actor, const std::string& school,
                                                  const std::vector<SourceTable>& tables,
                                                  bool dry_run, const Edit& check = nullptr);

 private:
  // The core of every change: `check` (may be null) then `edit` on the latest
  // record under the write lock, then one audited write under `action`.
  absl::StatusOr<EvidenceRecord> Change(const Actor& actor, std::string_view action,
                                        const std::string& school, uint64_t id, const Edit& check,
                                        const Edit& edit);
  // Change without the lock and the write: its writes go to `batch`, its
  // audit entry to `facts`.
  absl::StatusOr<EvidenceRecord> PrepareChange(std::string_view action, const std::string& school,
                                               uint64_t id, const Edit& check, const Edit& edit,
                                               WriteBatch& batch, AuditFacts& facts);
  struct BatchState;  // counters, codes and writes of a batch being built
  // Adds one item to `state`: files resolved, id and code assigned.
  absl::StatusOr<EvidenceRecord> AddToBatch(BatchState& state, EvidenceRecord draft,
                                            const std::vector<NewFile>& files,
                                            const ContentHolder& linker);
  // Takes the code the school wrote in `draft` (if any): normalised to
  // `format`, its criterion first, its box; AlreadyExists when taken.
  absl::Status ApplySchoolCode(EvidenceRecord& draft, const Framework& framework,
                               const std::string& format) const;
  absl::StatusOr<const Framework*> FrameworkOf(const std::string& school) const;
  // The code format in force for a school.
  absl::StatusOr<std::string> CodeFormatOf(const std::string& school) const;
  absl::StatusOr<std::vector<FileRecord>> ResolveFiles(const std::vector<NewFile>& files,
                                                       const ContentHolder& linker) const;

  Database* const database_;
  const SchoolStore* const schools_;
  const FrameworkCatalog* const frameworks_;
  const PlanStore* const plan_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_EVIDENCE_EVIDENCE_STORE_H_
