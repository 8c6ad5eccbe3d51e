#ifndef HOSO_SERVICES_SCHOOL_SERVICE_H_
#define HOSO_SERVICES_SCHOOL_SERVICE_H_

#include "hoso/v1/hoso.grpc.pb.h"
#include "services/access/rpc_gate.h"

namespace hoso {

namespace storage {
class Store;
}

class SchoolServiceImpl final : public v1::SchoolService::Service {
 public:
  SchoolServiceImpl(storage::Store* store, const RpcGate* gate) : store_(store), gate_(gate) {}

  grpc::Status CreateSchool(grpc::ServerContext* context, const v1::CreateSchoolRequest* request,
                            v1::School* response) override;
  grpc::Status ListSchools(grpc::ServerContext* context, const v1::ListSchoolsRequest* request,
                           v1::ListSchoolsResponse* response) override;
  grpc::Status UpdateSchool(grpc::ServerContext* context, const v1::UpdateSchoolRequest* request,
                            v1::School* response) override;

 private:
  storage::Store* const store_;
  const RpcGate* const gate_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_SCHOOL_SERVICE_H_
