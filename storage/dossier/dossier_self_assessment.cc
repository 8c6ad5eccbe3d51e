// The school's approved self-assessment in a dossier: data/tu-danh-gia/ with
// the report (html, docx) and the assessment as data (danh-gia.json).
#include "storage/assessment/assessment_report.h"
#include "storage/assessment/report_source.h"
#include "storage/bagit/bag_assessment.h"
#include "storage/dossier/dossier_assessment.h"
#include "storage/dossier/dossier_index.h"
#include "storage/dossier/dossier_store.h"

namespace hoso::storage {
namespace {

// Why the latest assessment `view` does not go in; "" when it does.
std::string WhyLeftOut(const DossierScope& scope, const AssessmentView& view) {
  if (scope.without_assessment) return "để ra ngoài theo yêu cầu (--without-assessment)";
  if (!scope.standards.empty() || !scope.criteria.empty()) {
    return "chỉ hồ sơ của toàn bộ khung tiêu chuẩn mới kèm báo cáo tự đánh giá";
  }
  if (view.total == 0 || view.approved < view.total) {
    return "báo cáo tự đánh giá " + std::to_string(view.assessment.id()) + " mới duyệt " +
           std::to_string(view.approved) + "/" + std::to_string(view.total) + " tiêu chí";
  }
  return "";
}

}  // namespace

absl::Status DossierStore::AddSelfAssessment(const SchoolRecord& school,
                                             const Framework& framework,
                                             const DossierScope& scope,
                                             const std::vector<EvidenceRecord>& items,
                                             const PayloadPaths& paths, DossierRecord& d,
                                             std::optional<bag::BagAssessment>& carried) {
  auto source = LoadAssessmentReportSource(*assessments_, *schools_, *frameworks_, *evidence_,
                                           *plan_, school.code(), 0);
  if (absl::IsNotFound(source.status())) {
    d.set_assessment_note("trường chưa có báo cáo tự đánh giá");
    return absl::OkStatus();
  }
  if (!source.ok()) return source.status();
  const AssessmentView& view = source->view;
  if (std::string why = WhyLeftOut(scope, view); !why.empty()) {
    d.set_assessment_note(why);
    return absl::OkStatus();
  }
  // Every criterion approved: the latest revisions are the approved ones.
  DossierAssessmentInput input{&school, &framework, &view.assessment, view.criteria,
                               view.school_level};
  // Refuses a report citing evidence the dossier lacks, before anything is stored.
  auto data = MakeBagAssessment(input, items, paths);
  if (!data.ok()) return data.status();

  ReportInput report = source->ForReport();
  // The report sits in data/tu-danh-gia/: its citations lead up to the files.
  for (const auto& [id, files] : paths) report.evidence_links[id] = "../" + PayloadHref(files[0]);
  auto html = ReportHtml(report, "");
  if (!html.ok()) return html.status();
  auto docx = ReportDocx(report, "", scratch_dir_);
  if (!docx.ok()) return docx.status();
  for (const auto& [path, bytes] : {
           std::pair<std::string, std::string>{kReportHtmlFile, std::move(*html)},
           {kReportDocxFile, std::move(*docx)},
           {kAssessmentFile, BagAssessmentJson(*data)},
       }) {
    auto entry = StoreGenerated(path, bytes);
    if (!entry.ok()) return entry.status();
    *d.add_entries() = std::move(*entry);
  }
  d.set_assessment(view.assessment.id());
  carried = std::move(*data);
  return absl::OkStatus();
}

}  // namespace hoso::storage
