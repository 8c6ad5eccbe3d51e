#ifndef HOSO_SERVICES_ASSESSMENT_SERVICE_H_
#define HOSO_SERVICES_ASSESSMENT_SERVICE_H_

#include "hoso/v1/hoso.grpc.pb.h"
#include "services/access/rpc_gate.h"

namespace hoso {

namespace storage {
class Store;
}

// The self-assessment: assessments, each criterion's judgement in revisions,
// their review, and the report's own parts.
class AssessmentServiceImpl final : public v1::AssessmentService::Service {
 public:
  AssessmentServiceImpl(storage::Store* store, const RpcGate* gate) : store_(store), gate_(gate) {}

  grpc::Status CreateAssessment(grpc::ServerContext* context,
                                const v1::CreateAssessmentRequest* request,
                                v1::Assessment* response) override;
  grpc::Status ListAssessments(grpc::ServerContext* context,
                               const v1::ListAssessmentsRequest* request,
                               v1::ListAssessmentsResponse* response) override;
  grpc::Status GetAssessment(grpc::ServerContext* context, const v1::GetAssessmentRequest* request,
                             v1::Assessment* response) override;
  grpc::Status SaveCriterion(grpc::ServerContext* context, const v1::SaveCriterionRequest* request,
                             v1::CriterionAssessment* response) override;
  grpc::Status ReviewCriterion(grpc::ServerContext* context,
                               const v1::ReviewCriterionRequest* request,
                               v1::CriterionAssessment* response) override;
  grpc::Status CriterionHistory(grpc::ServerContext* context,
                                const v1::CriterionHistoryRequest* request,
                                v1::CriterionHistoryResponse* response) override;
  grpc::Status SetSection(grpc::ServerContext* context, const v1::SetSectionRequest* request,
                          v1::Assessment* response) override;

 private:
  storage::Store* const store_;
  const RpcGate* const gate_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_ASSESSMENT_SERVICE_H_
