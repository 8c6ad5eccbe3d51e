#include "storage/assessment/report_source.h"

#include "storage/assessment/levels.h"
#include "storage/evidence/evidence_store.h"
#include "storage/frameworks/framework_catalog.h"
#include "storage/plan/plan_store.h"
#include "storage/schools/school_store.h"

namespace hoso::storage {

CheckInput AssessmentReportSource::ForCheck() const {
  CheckInput input;
  input.framework = &framework;
  input.assessment = &view.assessment;
  input.criteria = view.criteria;
  input.evidence = evidence;
  input.tasks = tasks;
  return input;
}

ReportInput AssessmentReportSource::ForReport() const {
  ReportInput input;
  input.school = &school;
  input.framework = &framework;
  input.assessment = &view.assessment;
  input.criteria = view.criteria;
  input.evidence = evidence;
  input.problems = problems;
  input.school_level = view.school_level;
  return input;
}

absl::StatusOr<AssessmentReportSource> LoadAssessmentReportSource(
    const AssessmentStore& assessments, const SchoolStore& schools,
    const FrameworkCatalog& frameworks, const EvidenceStore& evidence, const PlanStore& plan,
    const std::string& school, uint64_t assessment) {
  AssessmentReportSource source;
  auto record = schools.Get(school);
  if (!record.ok()) return record.status();
  source.school = std::move(*record);
  auto view = assessments.Get(source.school.code(), assessment);
  if (!view.ok()) return view.status();
  source.view = std::move(*view);
  const Framework* framework = frameworks.Find(source.view.assessment.framework());
  if (framework == nullptr) {
    return absl::FailedPreconditionError("đợt tự đánh giá dùng khung " +
                                         source.view.assessment.framework() +
                                         ", máy chủ này không có");
  }
  source.framework = *framework;
  EvidenceFilter filter;
  filter.school = source.school.code();
  auto items = evidence.List(filter);
  if (!items.ok()) return items.status();
  source.evidence = std::move(*items);
  auto tasks = plan.List(source.school.code());
  if (!tasks.ok()) return tasks.status();
  source.tasks = std::move(*tasks);
  source.problems = CheckAssessment(source.ForCheck());
  return source;
}

std::string ReportFileName(const std::string& school, const std::string& criterion, bool html) {
  std::string name = criterion.empty()               ? "bao-cao-tu-danh-gia"
                     : criterion == kLevel4Criterion ? "phieu-danh-gia-muc-4"
                                                     : "phieu-danh-gia-tieu-chi-" + criterion;
  return name + "-" + school + (html ? ".html" : ".docx");
}

}  // namespace hoso::storage
