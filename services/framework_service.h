#ifndef HOSO_SERVICES_FRAMEWORK_SERVICE_H_
#define HOSO_SERVICES_FRAMEWORK_SERVICE_H_

#include "hoso/v1/hoso.grpc.pb.h"
#include "services/access/rpc_gate.h"

namespace hoso {

namespace storage {
class Store;
}

// Accreditation frameworks: the shipped editions and imported ones.
class FrameworkServiceImpl final : public v1::FrameworkService::Service {
 public:
  FrameworkServiceImpl(storage::Store* store, const RpcGate* gate) : store_(store), gate_(gate) {}

  grpc::Status ListFrameworks(grpc::ServerContext* context,
                              const v1::ListFrameworksRequest* request,
                              v1::ListFrameworksResponse* response) override;
  grpc::Status GetFramework(grpc::ServerContext* context, const v1::GetFrameworkRequest* request,
                            v1::Framework* response) override;
  grpc::Status ImportFramework(grpc::ServerContext* context,
                               const v1::ImportFrameworkRequest* request,
                               v1::Framework* response) override;

 private:
  storage::Store* const store_;
  const RpcGate* const gate_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_FRAMEWORK_SERVICE_H_
