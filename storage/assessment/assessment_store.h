#ifndef HOSO_STORAGE_ASSESSMENT_ASSESSMENT_STORE_H_
#define HOSO_STORAGE_ASSESSMENT_ASSESSMENT_STORE_H_

// A school's self-assessments: per criterion the five parts of the form
// (PL5a), indicator results and the level they reach, in revisions that are
// never overwritten. Keys (storage/index/keys.h):
//   A/<school>/<id:8>                          AssessmentRecord
//   j/<school>/<id:8>/<criterion>/<revision:4> CriterionAssessmentRecord
// Every save resolves the codes its text cites against the evidence index;
// a save, its links and its audit entry are one atomic write. Thread-safe.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/index/audit_log.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

class Database;
class EvidenceStore;
class FrameworkCatalog;
class SchoolStore;

// What a writer sends for one criterion: the texts, the indicator results
// and the group; revision, level, state and citations are computed.
struct CriterionDraft {
  std::string criterion;  // "1.1"; "M4"
  std::string description, strengths, weaknesses, improvement, group;
  std::vector<IndicatorResult> indicators;
};

enum class UnlinkedCitations {
  kLinkAsCiting,  // link the item to the criterion (its root code stays)
  kRefuse,        // InvalidArgument naming the codes
};

// An assessment with the latest revision of every criterion written so far,
// in framework order, and what follows from them.
struct AssessmentView {
  AssessmentRecord assessment;
  std::vector<CriterionAssessmentRecord> criteria;  // latest revisions
  int school_level = 0;                             // from the latest *approved* revisions
  uint32_t approved = 0;                            // criteria whose latest revision is approved
  uint32_t total = 0;  // criteria of the framework (+1 for M4 when it has level 4)
};

class AssessmentStore {
 public:
  AssessmentStore(Database* database, const SchoolStore* schools,
                  const FrameworkCatalog* frameworks, EvidenceStore* evidence);

  // A new assessment of `school` over first_year..last_year ("2020-2021",
  // "2024-2025"; validated, first <= last). Empty title: "Báo cáo tự đánh giá
  // <school name>".
  absl::StatusOr<AssessmentRecord> Create(const Actor& actor, const std::string& school,
                                          const std::string& first_year,
                                          const std::string& last_year, const std::string& title);
  // Oldest first.
  absl::StatusOr<std::vector<AssessmentRecord>> List(const std::string& school) const;
  // id 0: the school's latest; NotFound (in Vietnamese) when it has none.
  absl::StatusOr<AssessmentView> Get(const std::string& school, uint64_t id) const;
  // Every revision of one criterion, oldest first.
  absl::StatusOr<std::vector<CriterionAssessmentRecord>> History(
      const std::string& school, uint64_t id, const std::string& criterion) const;
  // The latest approved revision of each criterion that has one, framework order.
  absl::StatusOr<std::vector<CriterionAssessmentRecord>> Approved(const std::string& school,
                                                                  uint64_t id) const;

  // Saves a new revision (draft). Refused, with a Vietnamese message naming
  // each code: a cited code that does not exist, is deleted, is not
  // approved, or whose year lies outside the assessment's years; an item
  // not linked to the criterion under kRefuse. A level (any indicator met)
  // needs a description that cites evidence. `expected_revision` nonzero:
  // Aborted unless the latest revision is that one.
  absl::StatusOr<CriterionAssessmentRecord> Save(const Actor& actor, const std::string& school,
                                                 uint64_t id, CriterionDraft draft,
                                                 UnlinkedCitations unlinked,
                                                 uint32_t expected_revision = 0);
  // Moves the latest revision: draft -> submitted, submitted -> approved
  // (locked), submitted -> draft. The caller checked who may.
  absl::StatusOr<CriterionAssessmentRecord> Review(const Actor& actor, const std::string& school,
                                                   uint64_t id, const std::string& criterion,
                                                   AssessmentState to,
                                                   uint32_t expected_revision = 0);
  // Sets one of the report's own parts (AssessmentRecord.sections).
  absl::StatusOr<AssessmentRecord> SetSection(const Actor& actor, const std::string& school,
                                              uint64_t id, const std::string& key,
                                              const std::string& text);

 private:
  Database* database_;
  const SchoolStore* schools_;
  const FrameworkCatalog* frameworks_;
  EvidenceStore* evidence_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_ASSESSMENT_ASSESSMENT_STORE_H_
