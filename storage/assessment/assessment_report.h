#ifndef HOSO_STORAGE_ASSESSMENT_ASSESSMENT_REPORT_H_
#define HOSO_STORAGE_ASSESSMENT_ASSESSMENT_REPORT_H_

// The self-assessment report (PL6) and the per-criterion forms (PL5a, PL5b
// for M4) as a Word document (OOXML in a zip) or one self-contained HTML
// page. Problems from the check are marked in red, as Vietnamese tools do.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/assessment/assessment_check.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

struct ReportInput {
  const SchoolRecord* school = nullptr;
  const Framework* framework = nullptr;
  const AssessmentRecord* assessment = nullptr;
  std::vector<CriterionAssessmentRecord> criteria;  // framework order
  std::vector<EvidenceRecord> evidence;     // for the appendix (danh mục mã minh chứng)
  std::vector<AssessmentProblem> problems;  // marked in red
  int school_level = 0;
  // HTML only: item id -> href of its first file (a dossier's index.html
  // links each cited code to its evidence); empty: codes are plain text.
  std::map<uint64_t, std::string> evidence_links;
};

// `only_criterion` empty: the whole report (PL6); "1.1": that criterion's
// form (PL5a); "M4": the level-4 form (PL5b). NotFound for an unknown criterion.
absl::StatusOr<std::string> ReportHtml(const ReportInput& input, std::string_view only_criterion);
// The same as .docx, written into a zip with libarchive under `scratch_dir`.
absl::StatusOr<std::string> ReportDocx(const ReportInput& input, std::string_view only_criterion,
                                       const std::string& scratch_dir);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_ASSESSMENT_ASSESSMENT_REPORT_H_
