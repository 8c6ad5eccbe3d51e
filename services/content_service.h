#ifndef HOSO_SERVICES_CONTENT_SERVICE_H_
#define HOSO_SERVICES_CONTENT_SERVICE_H_

#include "hoso/v1/hoso.grpc.pb.h"
#include "services/access/rpc_gate.h"
#include "services/runtime/idle_watchdog.h"
#include "services/runtime/limits.h"

namespace hoso {

namespace storage {
class Store;
}

// Upload of content bytes: dedup check, resumable client-streaming upload.
class ContentServiceImpl final : public v1::ContentService::Service {
 public:
  ContentServiceImpl(storage::Store* store, const RpcGate* gate, const Limits* limits,
                     IdleWatchdog* watchdog)
      : store_(store), gate_(gate), limits_(limits), watchdog_(watchdog) {}

  grpc::Status StatContent(grpc::ServerContext* context, const v1::StatContentRequest* request,
                           v1::StatContentResponse* response) override;
  grpc::Status UploadContent(grpc::ServerContext* context,
                             grpc::ServerReader<v1::UploadChunk>* reader,
                             v1::UploadContentResponse* response) override;
  grpc::Status UploadBatch(grpc::ServerContext* context,
                           grpc::ServerReader<v1::UploadChunk>* reader,
                           v1::UploadBatchResponse* response) override;

 private:
  storage::Store* const store_;
  const RpcGate* const gate_;
  const Limits* const limits_;
  IdleWatchdog* const watchdog_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_CONTENT_SERVICE_H_
