#include "services/framework_service.h"

#include "services/convert.h"
#include "storage/store.h"

namespace hoso {

grpc::Status FrameworkServiceImpl::ListFrameworks(grpc::ServerContext* context,
                                                  const v1::ListFrameworksRequest* request,
                                                  v1::ListFrameworksResponse* response) {
  return gate_->Run(
      context, "FrameworkService/ListFrameworks", "", [&](const Caller&) -> absl::Status {
        for (const storage::Framework* f : store_->frameworks().All()) {
          *response->add_frameworks() = ToProto(*f, store_->frameworks().IsBuiltIn(f->id()));
        }
        return absl::OkStatus();
      });
}

grpc::Status FrameworkServiceImpl::GetFramework(grpc::ServerContext* context,
                                                const v1::GetFrameworkRequest* request,
                                                v1::Framework* response) {
  return gate_->Run(context, "FrameworkService/GetFramework", "",
                    [&](const Caller&) -> absl::Status {
                      const storage::Framework* f = store_->frameworks().Find(request->id());
                      if (f == nullptr) return absl::NotFoundError("no framework " + request->id());
                      *response = ToProto(*f, store_->frameworks().IsBuiltIn(f->id()));
                      return absl::OkStatus();
                    });
}

grpc::Status FrameworkServiceImpl::ImportFramework(grpc::ServerContext* context,
                                                   const v1::ImportFrameworkRequest* request,
                                                   v1::Framework* response) {
  return gate_->Run(context, "FrameworkService/ImportFramework", "",
                    [&](const Caller& caller) -> absl::Status {
                      auto framework = store_->ImportFramework(ActorOf(caller), request->json());
                      if (!framework.ok()) return framework.status();
                      *response = ToProto(*framework, false);
                      return absl::OkStatus();
                    });
}

}  // namespace hoso
