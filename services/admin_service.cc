#include "services/admin_service.h"

#include <chrono>

#include "storage/store.h"

namespace hoso {

grpc::Status AdminServiceImpl::Fsck(grpc::ServerContext* context, const v1::FsckRequest* request,
                                    v1::FsckReport* response) {
  return gate_->Run(context, "AdminService/Fsck", "", [&](const Caller& caller) -> absl::Status {
    auto report = store_->Fsck(request->repair(), ActorOf(caller));
    if (!report.ok()) return report.status();
    response->set_contents(report->contents);
    response->set_bytes(report->bytes);
    response->set_references(report->references);
    response->set_unreferenced(report->unreferenced);
    for (const auto& p : report->problems) {
      v1::FsckProblem* out = response->add_problems();
      out->set_kind(p.kind);
      out->set_sha256(p.sha256);
      out->set_detail(p.detail);
      for (const auto& a : p.affected) out->add_affected(a);
      out->set_repair(p.repair);
      out->set_resolved(p.resolved);
    }
    response->set_healed(report->healed);
    return absl::OkStatus();
  });
}

grpc::Status AdminServiceImpl::Backup(grpc::ServerContext* context,
                                      const v1::BackupRequest* request,
                                      v1::BackupReport* response) {
  return gate_->Run(context, "AdminService/Backup", "", [&](const Caller&) -> absl::Status {
    const auto start = std::chrono::steady_clock::now();
    auto report = store_->Backup(request->dir());
    if (!report.ok()) return report.status();
    response->set_backup_id(report->backup_id);
    response->set_index_bytes(report->index_bytes);
    response->set_index_files(report->index_files);
    response->set_packs(report->packs);
    response->set_pack_bytes(report->pack_bytes);
    response->set_pack_bytes_copied(report->pack_bytes_copied);
    response->set_seconds(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return absl::OkStatus();
  });
}

}  // namespace hoso
