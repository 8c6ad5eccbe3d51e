#ifndef HOSO_SERVICES_EVIDENCE_SERVICE_H_
#define HOSO_SERVICES_EVIDENCE_SERVICE_H_

#include "hoso/v1/hoso.grpc.pb.h"
#include "services/access/rpc_gate.h"
#include "services/runtime/idle_watchdog.h"
#include "services/runtime/limits.h"

namespace hoso {

namespace storage {
class Store;
}

// Evidence items: create from stored content, read, list, edit, soft-delete,
// and verified download of their files.
class EvidenceServiceImpl final : public v1::EvidenceService::Service {
 public:
  EvidenceServiceImpl(storage::Store* store, const RpcGate* gate, const Limits* limits,
                      IdleWatchdog* watchdog)
      : store_(store), gate_(gate), limits_(limits), watchdog_(watchdog) {}

  grpc::Status CreateEvidenceBatch(grpc::ServerContext* context,
                                   const v1::CreateEvidenceBatchRequest* request,
                                   v1::CreateEvidenceBatchResponse* response) override;
  grpc::Status CreateEvidence(grpc::ServerContext* context,
                              const v1::CreateEvidenceRequest* request,
                              v1::Evidence* response) override;
  grpc::Status GetEvidence(grpc::ServerContext* context, const v1::GetEvidenceRequest* request,
                           v1::Evidence* response) override;
  grpc::Status ListEvidence(grpc::ServerContext* context, const v1::ListEvidenceRequest* request,
                            v1::ListEvidenceResponse* response) override;
  grpc::Status UpdateEvidence(grpc::ServerContext* context,
                              const v1::UpdateEvidenceRequest* request,
                              v1::Evidence* response) override;
  grpc::Status DeleteEvidence(grpc::ServerContext* context,
                              const v1::DeleteEvidenceRequest* request,
                              v1::Evidence* response) override;
  grpc::Status DownloadFile(grpc::ServerContext* context, const v1::DownloadFileRequest* request,
                            grpc::ServerWriter<v1::DownloadChunk>* writer) override;
  grpc::Status LinkCriterion(grpc::ServerContext* context, const v1::LinkRequest* request,
                             v1::Evidence* response) override;
  grpc::Status UnlinkCriterion(grpc::ServerContext* context, const v1::LinkRequest* request,
                               v1::Evidence* response) override;
  grpc::Status ImportCatalogue(grpc::ServerContext* context,
                               const v1::ImportCatalogueRequest* request,
                               v1::ImportCatalogueResponse* response) override;
  grpc::Status RenumberCodes(grpc::ServerContext* context, const v1::RenumberRequest* request,
                             v1::RenumberResponse* response) override;
  grpc::Status ReviewEvidence(grpc::ServerContext* context, const v1::ReviewRequest* request,
                              v1::Evidence* response) override;

 private:
  // The id named by `id`, or else by `ref` (digits or an evidence code).
  absl::StatusOr<uint64_t> Resolve(const std::string& school, uint64_t id,
                                   const std::string& ref) const;

  storage::Store* const store_;
  const RpcGate* const gate_;
  const Limits* const limits_;
  IdleWatchdog* const watchdog_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_EVIDENCE_SERVICE_H_
