#ifndef HOSO_SERVICES_ASSESSMENT_REPORT_SERVICE_H_
#define HOSO_SERVICES_ASSESSMENT_REPORT_SERVICE_H_

#include "hoso/v1/hoso.grpc.pb.h"
#include "services/access/rpc_gate.h"

namespace hoso {

namespace storage {
class Store;
}

// The self-assessment's check and its report (PL6) or forms (PL5a/PL5b),
// rendered as .docx or .html with the check's problems in red.
class AssessmentReportServiceImpl final : public v1::AssessmentReportService::Service {
 public:
  AssessmentReportServiceImpl(storage::Store* store, const RpcGate* gate)
      : store_(store), gate_(gate) {}

  grpc::Status CheckAssessment(grpc::ServerContext* context,
                               const v1::CheckAssessmentRequest* request,
                               v1::CheckAssessmentResponse* response) override;
  grpc::Status RenderReport(grpc::ServerContext* context, const v1::RenderReportRequest* request,
                            grpc::ServerWriter<v1::ReportChunk>* writer) override;

 private:
  storage::Store* const store_;
  const RpcGate* const gate_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_ASSESSMENT_REPORT_SERVICE_H_
