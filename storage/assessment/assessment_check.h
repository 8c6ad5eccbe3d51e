#ifndef HOSO_STORAGE_ASSESSMENT_ASSESSMENT_CHECK_H_
#define HOSO_STORAGE_ASSESSMENT_ASSESSMENT_CHECK_H_

// What an assessment still lacks, criterion by criterion: what `hoso assess
// check` lists and what the report marks in red. Pure: records in,
// problems out.

#include <string>
#include <vector>

#include "storage/index/records.pb.h"

namespace hoso::storage {

enum class ProblemKind {
  kUncitedStatement,   // a sentence of the description without a code
  kUncitedEvidence,    // evidence linked to the criterion, cited nowhere in it
  kUnjudgedIndicator,  // an indicator without Đạt / Không đạt
  kNoPlanTask,         // no improvement-plan task for the criterion
  kBadCitation,        // a cited code that no longer resolves (deleted, unapproved, …)
  kNotWritten,         // the criterion has no judgement yet
  kNotApproved,        // its latest revision is not approved
  kNoIndicators,       // the framework has no indicator texts for it
};

struct AssessmentProblem {
  std::string criterion;  // "1.1"; "M4"; empty: the report as a whole
  ProblemKind kind;
  std::string subject;  // the sentence, "[H1-1.1-02]", the indicator "2b"
  std::string message;  // Vietnamese, for people
};

struct CheckInput {
  const Framework* framework = nullptr;
  const AssessmentRecord* assessment = nullptr;
  std::vector<CriterionAssessmentRecord> criteria;  // latest revision of each written one
  std::vector<EvidenceRecord> evidence;             // the school's live items
  std::vector<TaskRecord> tasks;                    // the school's plan
};

// Framework order, then kind.
std::vector<AssessmentProblem> CheckAssessment(const CheckInput& input);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_ASSESSMENT_ASSESSMENT_CHECK_H_
