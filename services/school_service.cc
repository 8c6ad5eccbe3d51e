#include "services/school_service.h"

#include "services/convert.h"
#include "storage/index/record_io.h"
#include "storage/store.h"

namespace hoso {

grpc::Status SchoolServiceImpl::CreateSchool(grpc::ServerContext* context,
                                             const v1::CreateSchoolRequest* request,
                                             v1::School* response) {
  return gate_->Run(context, "SchoolService/CreateSchool", "",
                    [&](const Caller& caller) -> absl::Status {
                      const v1::School& s = request->school();
                      auto record = store_->schools().Create(ActorOf(caller), s.code(), s.name(),
                                                             s.framework(), s.code_format());
                      if (!record.ok()) return record.status();
                      *response = ToProto(*record);
                      return absl::OkStatus();
                    });
}

grpc::Status SchoolServiceImpl::ListSchools(grpc::ServerContext* context,
                                            const v1::ListSchoolsRequest* request,
                                            v1::ListSchoolsResponse* response) {
  return gate_->Run(context, "SchoolService/ListSchools", "",
                    [&](const Caller& caller) -> absl::Status {
                      auto schools = store_->schools().List();
                      if (!schools.ok()) return schools.status();
                      const int64_t now = store_->clock().NowUnix();
                      for (const auto& record : *schools) {
                        // People see the schools they hold a role in.
                        if (storage::GrantIn(caller.record, record.code(), now) == nullptr)
                          continue;
                        *response->add_schools() = ToProto(record);
                      }
                      return absl::OkStatus();
                    });
}

grpc::Status SchoolServiceImpl::UpdateSchool(grpc::ServerContext* context,
                                             const v1::UpdateSchoolRequest* request,
                                             v1::School* response) {
  return gate_->Run(
      context, "SchoolService/UpdateSchool", request->school(),
      [&](const Caller& caller) -> absl::Status {
        if (request->fields().empty())
          return absl::InvalidArgumentError("name a setting to change");
        absl::StatusOr<storage::SchoolRecord> record = store_->schools().Get(request->school());
        for (const std::string& field : request->fields()) {
          if (field != "dossier_includes_unapproved") {
            return absl::InvalidArgumentError("unknown school setting \"" + field + "\"");
          }
          record = store_->schools().SetDossierIncludesUnapproved(
              ActorOf(caller), request->school(), request->dossier_includes_unapproved());
        }
        if (!record.ok()) return record.status();
        *response = ToProto(*record);
        return absl::OkStatus();
      });
}

}  // namespace hoso
