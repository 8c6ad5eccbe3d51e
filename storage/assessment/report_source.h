#ifndef HOSO_STORAGE_ASSESSMENT_REPORT_SOURCE_H_
#define HOSO_STORAGE_ASSESSMENT_REPORT_SOURCE_H_

// Everything the check and the report of one assessment are made from,
// gathered in one place: the school, its framework, the assessment with the
// latest revision of each criterion, the school's live evidence and plan,
// and the check's problems. The report service and the dossier (which puts
// the report into a sealed bag) both start here.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/assessment/assessment_check.h"
#include "storage/assessment/assessment_report.h"
#include "storage/assessment/assessment_store.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

class EvidenceStore;
class FrameworkCatalog;
class PlanStore;
class SchoolStore;

struct AssessmentReportSource {
  SchoolRecord school;
  Framework framework;
  AssessmentView view;
  std::vector<EvidenceRecord> evidence;  // live items, in the natural order of their codes
  std::vector<TaskRecord> tasks;
  std::vector<AssessmentProblem> problems;  // CheckAssessment of the above

  // Pointers into this source: keep it alive while they are used.
  CheckInput ForCheck() const;
  ReportInput ForReport() const;
};

// `assessment` 0: the school's latest. NotFound (in Vietnamese) for an
// unknown school or assessment; FailedPrecondition when the server lacks
// the assessment's framework.
absl::StatusOr<AssessmentReportSource> LoadAssessmentReportSource(
    const AssessmentStore& assessments, const SchoolStore& schools,
    const FrameworkCatalog& frameworks, const EvidenceStore& evidence, const PlanStore& plan,
    const std::string& school, uint64_t assessment);

// The file name of a rendered report: "bao-cao-tu-danh-gia-LQD.docx",
// "phieu-danh-gia-tieu-chi-1.1-LQD.html".
std::string ReportFileName(const std::string& school, const std::string& criterion, bool html);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_ASSESSMENT_REPORT_SOURCE_H_
