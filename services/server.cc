#include "services/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <chrono>

#include "services/admin_service.h"
#include "services/admin_token.h"
#include "services/content_service.h"
#include "services/dossier_service.h"
#include "services/evidence_service.h"
#include "services/framework_service.h"
#include "services/plan_service.h"
#include "services/log.h"
#include "services/rpc_gate.h"
#include "services/school_service.h"
#include "storage/store.h"

namespace hoso {

std::string HosodServer::admin_token_path() const { return options_.data_dir + "/admin.token"; }

absl::StatusOr<std::unique_ptr<HosodServer>> HosodServer::Start(const ServerOptions& options) {
  if (options.data_dir.empty()) return absl::InvalidArgumentError("no data directory given");
  auto server = std::unique_ptr<HosodServer>(new HosodServer());
  server->options_ = options;
  auto store = storage::Store::Open(options.data_dir);
  if (!store.ok()) return store.status();
  server->store_ = std::move(*store);
  if (absl::Status s = EnsureAdminToken(server->store_->tokens(), server->admin_token_path());
      !s.ok()) {
    return s;
  }

  server->gate_ = std::make_unique<RpcGate>(&server->store_->tokens());
  server->schools_ = std::make_unique<SchoolServiceImpl>(server->store_.get(), server->gate_.get());
  server->content_ = std::make_unique<ContentServiceImpl>(server->store_.get(), server->gate_.get());
  server->evidence_ =
      std::make_unique<EvidenceServiceImpl>(server->store_.get(), server->gate_.get());
  server->frameworks_ =
      std::make_unique<FrameworkServiceImpl>(server->store_.get(), server->gate_.get());
  server->plan_ = std::make_unique<PlanServiceImpl>(server->store_.get(), server->gate_.get());
  server->reports_ = std::make_unique<ReportServiceImpl>(server->store_.get(), server->gate_.get());
  server->dossiers_ = std::make_unique<DossierServiceImpl>(server->store_.get(), server->gate_.get());
  server->admin_ = std::make_unique<AdminServiceImpl>(server->store_.get(), server->gate_.get());

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(options.listen, grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(server->schools_.get());
  builder.RegisterService(server->content_.get());
  builder.RegisterService(server->evidence_.get());
  builder.RegisterService(server->frameworks_.get());
  builder.RegisterService(server->plan_.get());
  builder.RegisterService(server->reports_.get());
  builder.RegisterService(server->dossiers_.get());
  builder.RegisterService(server->admin_.get());
  // Uploads send 1 MiB data messages; leave room for the envelope.
  builder.SetMaxReceiveMessageSize(4 << 20);
  server->server_ = builder.BuildAndStart();
  if (!server->server_ || port == 0) {
    return absl::UnavailableError("cannot listen on " + options.listen +
                                  " (address in use or not valid)");
  }
  const std::string host = options.listen.substr(0, options.listen.rfind(':'));
  server->address_ = host + ":" + std::to_string(port);
  LogInfo("hosod listening on " + server->address_ + ", data in " + options.data_dir);
  return server;
}

void HosodServer::Wait() { server_->Wait(); }

void HosodServer::Shutdown() {
  if (!server_ || stopped_) return;
  stopped_ = true;
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(10));
  LogInfo("no more calls; flushing");
  if (absl::Status s = store_->Flush(); !s.ok()) LogWarning(std::string(s.message()));
}

HosodServer::~HosodServer() { Shutdown(); }

}  // namespace hoso
