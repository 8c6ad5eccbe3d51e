#include "services/assessment_report_service.h"

#include "storage/assessment/report_source.h"
#include "storage/store.h"

namespace hoso {
namespace {

// Report chunks: small enough to stream steadily, large enough to be few.
constexpr size_t kReportChunkBytes = 64 << 10;

absl::StatusOr<storage::AssessmentReportSource> Load(storage::Store& store,
                                                     const std::string& school, uint64_t id) {
  return storage::LoadAssessmentReportSource(store.assessments(), store.schools(),
                                             store.frameworks(), store.evidence(), store.plan(),
                                             school, id);
}

v1::AssessmentProblemKind KindOf(storage::ProblemKind kind) {
  switch (kind) {
    case storage::ProblemKind::kUncitedStatement:
      return v1::PROBLEM_UNCITED_STATEMENT;
    case storage::ProblemKind::kUncitedEvidence:
      return v1::PROBLEM_UNCITED_EVIDENCE;
    case storage::ProblemKind::kUnjudgedIndicator:
      return v1::PROBLEM_UNJUDGED_INDICATOR;
    case storage::ProblemKind::kNoPlanTask:
      return v1::PROBLEM_NO_PLAN_TASK;
    case storage::ProblemKind::kBadCitation:
      return v1::PROBLEM_BAD_CITATION;
    case storage::ProblemKind::kNotWritten:
      return v1::PROBLEM_NOT_WRITTEN;
    case storage::ProblemKind::kNotApproved:
      return v1::PROBLEM_NOT_APPROVED;
    case storage::ProblemKind::kNoIndicators:
      return v1::PROBLEM_NO_INDICATORS;
  }
  return v1::PROBLEM_UNSET;
}

}  // namespace

grpc::Status AssessmentReportServiceImpl::CheckAssessment(grpc::ServerContext* context,
                                                          const v1::CheckAssessmentRequest* request,
                                                          v1::CheckAssessmentResponse* response) {
  return gate_->Run(context, "AssessmentReportService/CheckAssessment", request->school(),
                    [&](const Caller&) -> absl::Status {
                      auto source = Load(*store_, request->school(), request->assessment());
                      if (!source.ok()) return source.status();
                      for (const storage::AssessmentProblem& p : source->problems) {
                        v1::AssessmentProblem* out = response->add_problems();
                        out->set_criterion(p.criterion);
                        out->set_kind(KindOf(p.kind));
                        out->set_subject(p.subject);
                        out->set_message(p.message);
                      }
                      return absl::OkStatus();
                    });
}

grpc::Status AssessmentReportServiceImpl::RenderReport(
    grpc::ServerContext* context, const v1::RenderReportRequest* request,
    grpc::ServerWriter<v1::ReportChunk>* writer) {
  return gate_->Run(
      context, "AssessmentReportService/RenderReport", request->school(),
      [&](const Caller&) -> absl::Status {
        if (request->format() != v1::REPORT_DOCX && request->format() != v1::REPORT_HTML) {
          return absl::InvalidArgumentError("định dạng báo cáo không hợp lệ: chọn docx hoặc html");
        }
        auto source = Load(*store_, request->school(), request->assessment());
        if (!source.ok()) return source.status();
        const bool html = request->format() == v1::REPORT_HTML;
        const storage::ReportInput input = source->ForReport();
        absl::StatusOr<std::string> bytes =
            html ? storage::ReportHtml(input, request->criterion())
                 : storage::ReportDocx(input, request->criterion(), store_->scratch_dir());
        if (!bytes.ok()) return bytes.status();
        v1::ReportChunk chunk;
        chunk.set_file_name(
            storage::ReportFileName(source->school.code(), request->criterion(), html));
        for (size_t at = 0; at < bytes->size(); at += kReportChunkBytes) {
          chunk.set_data(bytes->substr(at, kReportChunkBytes));
          if (!writer->Write(chunk)) return absl::CancelledError("the client stopped reading");
          chunk.clear_file_name();
        }
        return absl::OkStatus();
      });
}

}  // namespace hoso
