#ifndef HOSO_STORAGE_DOSSIER_DOSSIER_ASSESSMENT_H_
#define HOSO_STORAGE_DOSSIER_DOSSIER_ASSESSMENT_H_

// The self-assessment a dossier carries as data/tu-danh-gia/danh-gia.json
// (the format: storage/bagit/bag_assessment.h), made from the approved
// revisions and the dossier's payload. Pure: records in, message out.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/bagit/bag_assessment.pb.h"
#include "storage/dossier/dossier_snapshot.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

struct DossierAssessmentInput {
  const SchoolRecord* school = nullptr;
  const Framework* framework = nullptr;
  const AssessmentRecord* assessment = nullptr;
  // The latest approved revision of each criterion, framework order.
  std::vector<CriterionAssessmentRecord> approved;
  int school_level = 0;
};

// The assessment with, per criterion, its citations (one per cited item, in
// order of first citation) and the bag paths of each item's files from
// `paths`. A sealed report must never cite evidence the assessors cannot
// open: FailedPrecondition, in Vietnamese, naming each code (and the
// criteria citing it) whose item is not among `items` or has no file in the
// bag.
absl::StatusOr<bag::BagAssessment> MakeBagAssessment(const DossierAssessmentInput& input,
                                                     const std::vector<EvidenceRecord>& items,
                                                     const PayloadPaths& paths);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_DOSSIER_DOSSIER_ASSESSMENT_H_
