#include "services/audit_service.h"

#include "services/convert.h"
#include "storage/store.h"

namespace hoso {
namespace {

constexpr uint32_t kDefaultLimit = 1000;

}  // namespace

grpc::Status AuditServiceImpl::ListAudit(grpc::ServerContext* context,
                                         const v1::ListAuditRequest* request,
                                         v1::ListAuditResponse* response) {
  const std::string school =
      request->school().empty() ? std::string(storage::kEverySchool) : request->school();
  return gate_->Run(context, "AuditService/ListAudit", school, [&](const Caller&) -> absl::Status {
    gate_->FlushRefusals();  // counted refusals are shown, not held back
    storage::AuditFilter filter;
    if (school != storage::kEverySchool) {
      auto record = store_->schools().Get(school);
      if (!record.ok()) return record.status();
      filter.school = record->code();
    }
    if (!request->target().empty()) {
      if (filter.school.empty()) {
        return absl::InvalidArgumentError("--target names an item: give its school too");
      }
      auto id = store_->evidence().ResolveRef(filter.school, request->target());
      if (!id.ok()) return id.status();
      filter.evidence_id = *id;
    }
    filter.actor = request->actor();
    if (request->has_since()) filter.since_micros = request->since().seconds() * 1000000;
    filter.limit = request->limit() == 0 ? kDefaultLimit : request->limit();
    auto entries = store_->audit().List(filter);
    if (!entries.ok()) return entries.status();
    for (const auto& entry : *entries) *response->add_entries() = ToProto(entry);
    return absl::OkStatus();
  });
}

grpc::Status AuditServiceImpl::VerifyAudit(grpc::ServerContext* context,
                                           const v1::VerifyAuditRequest* request,
                                           v1::VerifyAuditResponse* response) {
  return gate_->Run(context, "AuditService/VerifyAudit", "", [&](const Caller&) -> absl::Status {
    gate_->FlushRefusals();
    auto result = store_->audit().Verify();
    if (!result.ok()) return result.status();
    response->set_entries(result->entries);
    response->set_intact(result->intact);
    response->set_first_broken_seq(result->first_broken_seq);
    response->set_problem(result->problem);
    response->set_head_hash(result->head_hash);
    return absl::OkStatus();
  });
}

}  // namespace hoso
