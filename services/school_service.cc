#include "services/school_service.h"

#include "services/convert.h"
#include "storage/store.h"

namespace hoso {

grpc::Status SchoolServiceImpl::CreateSchool(grpc::ServerContext* context,
                                             const v1::CreateSchoolRequest* request,
                                             v1::School* response) {
  return gate_->Run(context, "CreateSchool", [&](const Caller&) -> absl::Status {
    const v1::School& s = request->school();
    auto record = store_->schools().Create(s.code(), s.name(), s.framework(), s.code_format());
    if (!record.ok()) return record.status();
    *response = ToProto(*record);
    return absl::OkStatus();
  });
}

grpc::Status SchoolServiceImpl::ListSchools(grpc::ServerContext* context,
                                            const v1::ListSchoolsRequest* request,
                                            v1::ListSchoolsResponse* response) {
  return gate_->Run(context, "ListSchools", [&](const Caller&) -> absl::Status {
    auto schools = store_->schools().List();
    if (!schools.ok()) return schools.status();
    for (const auto& record : *schools) *response->add_schools() = ToProto(record);
    return absl::OkStatus();
  });
}

}  // namespace hoso
