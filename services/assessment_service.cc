#include "services/assessment_service.h"

#include "services/convert.h"
#include "storage/store.h"

namespace hoso {

grpc::Status AssessmentServiceImpl::CreateAssessment(grpc::ServerContext* context,
                                                     const v1::CreateAssessmentRequest* request,
                                                     v1::Assessment* response) {
  return gate_->Run(context, "AssessmentService/CreateAssessment", request->school(),
                    [&](const Caller& caller) -> absl::Status {
                      auto created = store_->assessments().Create(
                          ActorOf(caller), request->school(), request->first_year(),
                          request->last_year(), request->title());
                      if (!created.ok()) return created.status();
                      *response = ToProto(*created);
                      return absl::OkStatus();
                    });
}

grpc::Status AssessmentServiceImpl::ListAssessments(grpc::ServerContext* context,
                                                    const v1::ListAssessmentsRequest* request,
                                                    v1::ListAssessmentsResponse* response) {
  return gate_->Run(context, "AssessmentService/ListAssessments", request->school(),
                    [&](const Caller&) -> absl::Status {
                      auto list = store_->assessments().List(request->school());
                      if (!list.ok()) return list.status();
                      for (const auto& a : *list) *response->add_assessments() = ToProto(a);
                      return absl::OkStatus();
                    });
}

grpc::Status AssessmentServiceImpl::GetAssessment(grpc::ServerContext* context,
                                                  const v1::GetAssessmentRequest* request,
                                                  v1::Assessment* response) {
  return gate_->Run(context, "AssessmentService/GetAssessment", request->school(),
                    [&](const Caller&) -> absl::Status {
                      auto view = store_->assessments().Get(request->school(), request->id());
                      if (!view.ok()) return view.status();
                      *response = ToProto(*view);
                      return absl::OkStatus();
                    });
}

grpc::Status AssessmentServiceImpl::SaveCriterion(grpc::ServerContext* context,
                                                  const v1::SaveCriterionRequest* request,
                                                  v1::CriterionAssessment* response) {
  return gate_->Run(
      context, "AssessmentService/SaveCriterion", request->school(),
      [&](const Caller& caller) -> absl::Status {
        if (absl::Status s = MayWriteCriterion(caller, request->criterion().criterion()); !s.ok()) {
          return s;
        }
        const auto unlinked = request->unlinked() == v1::UNLINKED_REFUSE
                                  ? storage::UnlinkedCitations::kRefuse
                                  : storage::UnlinkedCitations::kLinkAsCiting;
        auto saved = store_->assessments().Save(
            ActorOf(caller), request->school(), request->assessment(),
            DraftFromProto(request->criterion()), unlinked, request->expected_revision());
        if (!saved.ok()) return saved.status();
        *response = ToProto(*saved);
        return absl::OkStatus();
      });
}

grpc::Status AssessmentServiceImpl::ReviewCriterion(grpc::ServerContext* context,
                                                    const v1::ReviewCriterionRequest* request,
                                                    v1::CriterionAssessment* response) {
  return gate_->Run(
      context, "AssessmentService/ReviewCriterion", request->school(),
      [&](const Caller& caller) -> absl::Status {
        storage::AssessmentState to;
        switch (request->action()) {
          case v1::REVIEW_SUBMIT:
            to = storage::ASSESSMENT_SUBMITTED;
            break;
          case v1::REVIEW_APPROVE:
            to = storage::ASSESSMENT_APPROVED;
            break;
          case v1::REVIEW_REOPEN:
            to = storage::ASSESSMENT_DRAFT;
            break;
          default:
            return absl::InvalidArgumentError("chọn một việc: nộp, duyệt hoặc trả về");
        }
        if (absl::Status s = MayReviewCriterion(caller, request->criterion(),
                                                request->action() == v1::REVIEW_SUBMIT);
            !s.ok()) {
          return s;
        }
        auto reviewed =
            store_->assessments().Review(ActorOf(caller), request->school(), request->assessment(),
                                         request->criterion(), to, request->revision());
        if (!reviewed.ok()) return reviewed.status();
        *response = ToProto(*reviewed);
        return absl::OkStatus();
      });
}

grpc::Status AssessmentServiceImpl::CriterionHistory(grpc::ServerContext* context,
                                                     const v1::CriterionHistoryRequest* request,
                                                     v1::CriterionHistoryResponse* response) {
  return gate_->Run(context, "AssessmentService/CriterionHistory", request->school(),
                    [&](const Caller&) -> absl::Status {
                      auto history = store_->assessments().History(
                          request->school(), request->assessment(), request->criterion());
                      if (!history.ok()) return history.status();
                      for (const auto& r : *history) *response->add_revisions() = ToProto(r);
                      return absl::OkStatus();
                    });
}

grpc::Status AssessmentServiceImpl::SetSection(grpc::ServerContext* context,
                                               const v1::SetSectionRequest* request,
                                               v1::Assessment* response) {
  return gate_->Run(
      context, "AssessmentService/SetSection", request->school(),
      [&](const Caller& caller) -> absl::Status {
        if (absl::Status s = MayWriteCriterion(caller, request->key(), /*section=*/true); !s.ok()) {
          return s;
        }
        auto set = store_->assessments().SetSection(ActorOf(caller), request->school(),
                                                    request->assessment(), request->key(),
                                                    request->text());
        if (!set.ok()) return set.status();
        *response = ToProto(*set);
        return absl::OkStatus();
      });
}

}  // namespace hoso
