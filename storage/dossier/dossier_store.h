#ifndef HOSO_STORAGE_DOSSIER_DOSSIER_STORE_H_
#define HOSO_STORAGE_DOSSIER_DOSSIER_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/bagit/bag_assessment.pb.h"
#include "storage/dossier/dossier_snapshot.h"
#include "storage/index/audit_log.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

class AssessmentStore;
class ContentStore;
struct CodeChange;
class Database;
class EvidenceStore;
class FrameworkCatalog;
class PlanStore;
class SchoolStore;

// Dossier versions: immutable snapshots of a school's evidence, packaged as
// BagIt bags (see bag.h, dossier_archive.h). Thread-safe.
class DossierStore {
 public:
  // No pointer is owned; `scratch_dir` holds working files (Store::scratch_dir()).
  DossierStore(Database* database, const SchoolStore* schools, const FrameworkCatalog* frameworks,
               const EvidenceStore* evidence, ContentStore* content, const PlanStore* plan,
               const AssessmentStore* assessments, std::string scratch_dir);

  // Snapshots the live evidence in scope (approved items only, unless the
  // school allows all), with its chain of custody from the audit log, with a generated index.html
  // and the catalogue (CSV and XLSX) stored as content, into a new draft version. The contents it
  // names gain a reference, so they stay stored.
  // A dossier of the whole framework (any years) also carries the school's
  // latest self-assessment when every criterion of it is approved, unless
  // scope.without_assessment: data/tu-danh-gia/ with the report (html, docx)
  // and danh-gia.json (storage/bagit/bag_assessment.h), made from the
  // approved revisions. A code they cite whose item is not in the dossier
  // refuses the build (FailedPrecondition naming the codes). The record
  // says which assessment it carries, or why none (assessment_note).
  absl::StatusOr<DossierRecord> Build(const Actor& actor, const std::string& school,
                                      const DossierScope& scope);
  absl::StatusOr<DossierRecord> Get(const std::string& school, uint64_t id) const;
  absl::StatusOr<std::vector<DossierRecord>> List(const std::string& school) const;
  // Seals a draft (dossier_seal.cc): checks `signature_der`, a detached CMS
  // signature, against the tag manifest (InvalidArgument with the reason when
  // it does not hold), records the signer and the SHA-256 of the zip and tar
  // archives, and marks the version sealed and immutable. FailedPrecondition
  // if it is sealed already.
  absl::StatusOr<DossierRecord> Seal(const Actor& actor, const std::string& school, uint64_t id,
                                     std::string_view signature_der);
  // Assessors cite the codes of a sealed dossier, so those codes stay:
  // FailedPrecondition naming the dossier when a change renumbers one.
  absl::Status KeepSealedCodes(const std::string& school,
                               const std::vector<CodeChange>& changes) const;

 private:
  // custody.tsv: every audit entry of the items, oldest first per item.
  absl::StatusOr<std::string> Custody(const std::string& school,
                                      const std::vector<EvidenceRecord>& items) const;
  absl::StatusOr<DossierEntry> StoreGenerated(const std::string& path, const std::string& bytes);
  // The catalogue (CSV, XLSX) and index.html, stored as content and added to `d`.
  absl::Status AddGeneratedFiles(const Framework& framework,
                                 const std::vector<EvidenceRecord>& items,
                                 const PayloadPaths& paths, const bag::BagAssessment* assessment,
                                 DossierRecord& d);
  // The self-assessment's three files (dossier_self_assessment.cc), stored
  // and added to `d` when it goes in (then `carried` holds its data, for
  // index.html); otherwise d.assessment_note says why not.
  absl::Status AddSelfAssessment(const SchoolRecord& school, const Framework& framework,
                                 const DossierScope& scope,
                                 const std::vector<EvidenceRecord>& items,
                                 const PayloadPaths& paths, DossierRecord& d,
                                 std::optional<bag::BagAssessment>& carried);
  // Numbers the draft, raises the reference counts of its contents and stores
  // it, in one write with its audit entry.
  absl::StatusOr<DossierRecord> CommitBuild(const Actor& actor, DossierRecord d, bool all_items);
  // Writes the seal's fields of `sealed` into the stored draft, atomically
  // with its audit entry.
  absl::StatusOr<DossierRecord> CommitSeal(const Actor& actor, const std::string& school,
                                           uint64_t id, DossierRecord sealed);

  Database* const database_;
  const SchoolStore* const schools_;
  const FrameworkCatalog* const frameworks_;
  const EvidenceStore* const evidence_;
  ContentStore* const content_;
  const PlanStore* const plan_;
  const AssessmentStore* const assessments_;
  const std::string scratch_dir_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_DOSSIER_DOSSIER_STORE_H_
