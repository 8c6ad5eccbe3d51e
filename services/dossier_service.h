#ifndef HOSO_SERVICES_DOSSIER_SERVICE_H_
#define HOSO_SERVICES_DOSSIER_SERVICE_H_

#include "hoso/v1/hoso.grpc.pb.h"
#include "services/access/rpc_gate.h"
#include "services/runtime/idle_watchdog.h"

namespace hoso {

namespace storage {
class Store;
}

// Dossier versions: build, list, seal with the principal's signature, download.
class DossierServiceImpl final : public v1::DossierService::Service {
 public:
  DossierServiceImpl(storage::Store* store, const RpcGate* gate, IdleWatchdog* watchdog)
      : store_(store), gate_(gate), watchdog_(watchdog) {}

  grpc::Status BuildDossier(grpc::ServerContext* context, const v1::BuildDossierRequest* request,
                            v1::Dossier* response) override;
  grpc::Status ListDossiers(grpc::ServerContext* context, const v1::ListDossiersRequest* request,
                            v1::ListDossiersResponse* response) override;
  grpc::Status GetTagManifest(grpc::ServerContext* context, const v1::DossierRef* request,
                              v1::TagManifest* response) override;
  grpc::Status SealDossier(grpc::ServerContext* context, const v1::SealDossierRequest* request,
                           v1::Dossier* response) override;
  grpc::Status DownloadDossier(grpc::ServerContext* context,
                               const v1::DownloadDossierRequest* request,
                               grpc::ServerWriter<v1::ArchiveChunk>* writer) override;

 private:
  storage::Store* const store_;
  const RpcGate* const gate_;
  IdleWatchdog* const watchdog_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_DOSSIER_SERVICE_H_
