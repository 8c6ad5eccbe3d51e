#ifndef HOSO_SERVICES_ADMIN_SERVICE_H_
#define HOSO_SERVICES_ADMIN_SERVICE_H_

#include "hoso/v1/hoso.grpc.pb.h"
#include "services/access/rpc_gate.h"

namespace hoso {

namespace storage {
class Store;
}

// Operator tasks: integrity checks, backup, reclaiming dead space, moving
// the content to another store.
class AdminServiceImpl final : public v1::AdminService::Service {
 public:
  AdminServiceImpl(storage::Store* store, const RpcGate* gate) : store_(store), gate_(gate) {}

  grpc::Status Fsck(grpc::ServerContext* context, const v1::FsckRequest* request,
                    v1::FsckReport* response) override;
  grpc::Status Backup(grpc::ServerContext* context, const v1::BackupRequest* request,
                      v1::BackupReport* response) override;
  grpc::Status Gc(grpc::ServerContext* context, const v1::GcRequest* request,
                  v1::GcReport* response) override;
  grpc::Status MigrateContent(grpc::ServerContext* context,
                              const v1::MigrateContentRequest* request,
                              grpc::ServerWriter<v1::MigrateContentProgress>* writer) override;

 private:
  storage::Store* const store_;
  const RpcGate* const gate_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_ADMIN_SERVICE_H_
