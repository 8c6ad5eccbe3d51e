#include "services/admin_service.h"

#include "storage/store.h"

namespace hoso {

grpc::Status AdminServiceImpl::Fsck(grpc::ServerContext* context, const v1::FsckRequest* request,
                                    v1::FsckReport* response) {
  return gate_->Run(context, "AdminService/Fsck", "", [&](const Caller&) -> absl::Status {
    auto report = store_->Fsck();
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
    }
    return absl::OkStatus();
  });
}

}  // namespace hoso
