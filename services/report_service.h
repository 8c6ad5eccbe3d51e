#ifndef HOSO_SERVICES_REPORT_SERVICE_H_
#define HOSO_SERVICES_REPORT_SERVICE_H_

#include "hoso/v1/hoso.grpc.pb.h"
#include "services/access/rpc_gate.h"

namespace hoso {

namespace storage {
class Store;
}

// Reports: coverage per criterion and the evidence catalogue.
class ReportServiceImpl final : public v1::ReportService::Service {
 public:
  ReportServiceImpl(storage::Store* store, const RpcGate* gate) : store_(store), gate_(gate) {}

  grpc::Status Coverage(grpc::ServerContext* context, const v1::CoverageRequest* request,
                        v1::CoverageResponse* response) override;
  grpc::Status Catalogue(grpc::ServerContext* context, const v1::CatalogueRequest* request,
                         grpc::ServerWriter<v1::CatalogueChunk>* writer) override;

 private:
  storage::Store* const store_;
  const RpcGate* const gate_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_REPORT_SERVICE_H_
