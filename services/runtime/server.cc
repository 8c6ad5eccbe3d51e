#include "services/runtime/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "hoso/v1/limits.h"
#include "services/access/malformed_request.h"
#include "services/access/rpc_gate.h"
#include "services/admin_service.h"
#include "services/assessment_report_service.h"
#include "services/assessment_service.h"
#include "services/audit_service.h"
#include "services/content_service.h"
#include "services/dossier_service.h"
#include "services/evidence_service.h"
#include "services/framework_service.h"
#include "services/plan_service.h"
#include "services/report_service.h"
#include "services/runtime/admin_token.h"
#include "services/runtime/content_health.h"
#include "services/runtime/idle_watchdog.h"
#include "services/runtime/log.h"
#include "services/runtime/scrubber.h"
#include "services/school_service.h"
#include "services/user_service.h"
#include "storage/base/bytes.h"
#include "storage/store.h"

namespace hoso {

namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(std::string("cannot read the ") + what + " " + path);
  std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (pem.find("-----BEGIN") == std::string::npos) {
    return absl::InvalidArgumentError(path + " is not a PEM file (" + what + ")");
  }
  return pem;
}

// Plain text, or TLS (optionally requiring client certificates).
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(const ServerOptions& o) {
  if (o.tls_cert.empty() != o.tls_key.empty()) {
    return absl::InvalidArgumentError("give both --tls-cert and --tls-key");
  }
  if (o.tls_cert.empty()) {
    if (!o.client_ca.empty()) return absl::InvalidArgumentError("--client-ca needs --tls-cert");
    if (!o.insecure_listen && !IsLoopbackListen(o.listen)) {
      return absl::InvalidArgumentError(
          "refusing to serve without TLS on " + o.listen +
          ": tokens would cross the network in clear. Give --tls-cert and --tls-key, listen on "
          "127.0.0.1, or say --insecure-listen");
    }
    return grpc::InsecureServerCredentials();
  }
  grpc::SslServerCredentialsOptions ssl(
      o.client_ca.empty() ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                          : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  auto cert = ReadPem(o.tls_cert, "TLS certificate");
  if (!cert.ok()) return cert.status();
  auto key = ReadPem(o.tls_key, "TLS key");
  if (!key.ok()) return key.status();
  ssl.pem_key_cert_pairs.push_back({*key, *cert});
  if (!o.client_ca.empty()) {
    auto ca = ReadPem(o.client_ca, "client CA");
    if (!ca.ok()) return ca.status();
    ssl.pem_root_certs = *ca;
  }
  return grpc::SslServerCredentials(ssl);
}

// Runs fsck and refuses to serve while anything is damaged (a restore that
// brought back an index naming bytes the packs lack, say).
absl::Status FsckBeforeServing(storage::Store& store) {
  LogInfo("checking every stored content and reference before serving (fsck)");
  auto report = store.Fsck();
  if (!report.ok()) return report.status();
  if (report->problems.empty()) {
    LogInfo("fsck: " + std::to_string(report->contents) + " contents, " +
            HumanBytes(report->bytes) + ", " + std::to_string(report->references) +
            " references: clean");
    return absl::OkStatus();
  }
  std::string problems;
  for (const storage::FsckProblem& p : report->problems) {
    if (!problems.empty()) problems += "; ";
    problems += p.kind + " " + p.sha256 + (p.detail.empty() ? "" : " (" + p.detail + ")");
    for (const std::string& affected : p.affected) problems += " " + affected;
  }
  return absl::DataLossError("fsck found " + std::to_string(report->problems.size()) +
                             " problem(s) in " + store.data_dir() +
                             ", not serving it: " + problems);
}

}  // namespace

bool IsLoopbackListen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  std::string host = colon == std::string::npos ? listen : listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::string HosodServer::admin_token_path() const { return options_.data_dir + "/admin.token"; }

absl::StatusOr<std::unique_ptr<HosodServer>> HosodServer::Start(const ServerOptions& options) {
  if (options.data_dir.empty()) return absl::InvalidArgumentError("no data directory given");
  auto server = std::unique_ptr<HosodServer>(new HosodServer());
  server->options_ = options;
  storage::StoreOptions store_options;
  if (options.clock != nullptr) store_options.database.clock = options.clock;
  store_options.uploads = options.uploads;
  store_options.database.accept_rollback = options.accept_index_rollback;
  store_options.allow_empty_index = options.allow_empty_index;
  store_options.packs.max_pack_bytes = options.pack_bytes;
  store_options.s3 = options.s3;
  auto store = storage::Store::Open(options.data_dir, store_options);
  if (!store.ok()) return store.status();
  server->store_ = std::move(*store);
  LogInfo("content bytes: " + server->store_->chunks().Describe());
  if (options.fsck_before_serving) {
    if (absl::Status s = FsckBeforeServing(*server->store_); !s.ok()) return s;
  }
  auto credentials = Credentials(options);
  if (!credentials.ok()) return credentials.status();
  if (options.allow_empty_index) {
    // The old admin token names an index that is gone: issue a new one.
    std::ifstream in(server->admin_token_path());
    std::string token;
    if (std::getline(in, token) && !server->store_->tokens().Verify(token).ok()) {
      LogWarning("the admin token in " + server->admin_token_path() +
                 " is not known to this index; issuing a new one");
      std::remove(server->admin_token_path().c_str());
    }
  }
  if (absl::Status s = EnsureAdminToken(*server->store_, server->admin_token_path()); !s.ok()) {
    return s;
  }

  const Limits& limits = options.limits;
  server->watchdog_ = std::make_unique<IdleWatchdog>(
      std::chrono::seconds(limits.idle_timeout_seconds),
      IdleStreamCaps{std::chrono::seconds(limits.idle_stream_seconds), limits.max_idle_streams,
                     limits.max_idle_streams_per_user});
  server->gate_ = std::make_unique<RpcGate>(&server->store_->tokens(), &server->store_->users(),
                                            &server->store_->audit(), &server->options_.limits,
                                            &server->store_->clock());
  server->schools_ = std::make_unique<SchoolServiceImpl>(server->store_.get(), server->gate_.get());
  server->content_ = std::make_unique<ContentServiceImpl>(
      server->store_.get(), server->gate_.get(), &server->options_.limits, server->watchdog_.get());
  server->evidence_ = std::make_unique<EvidenceServiceImpl>(
      server->store_.get(), server->gate_.get(), &server->options_.limits, server->watchdog_.get());
  server->frameworks_ =
      std::make_unique<FrameworkServiceImpl>(server->store_.get(), server->gate_.get());
  server->plan_ = std::make_unique<PlanServiceImpl>(server->store_.get(), server->gate_.get());
  server->reports_ = std::make_unique<ReportServiceImpl>(server->store_.get(), server->gate_.get());
  server->assessment_reports_ =
      std::make_unique<AssessmentReportServiceImpl>(server->store_.get(), server->gate_.get());
  server->dossiers_ = std::make_unique<DossierServiceImpl>(
      server->store_.get(), server->gate_.get(), server->watchdog_.get());
  server->admin_ = std::make_unique<AdminServiceImpl>(server->store_.get(), server->gate_.get());
  server->users_ = std::make_unique<UserServiceImpl>(server->store_.get(), server->gate_.get());
  server->audit_ = std::make_unique<AuditServiceImpl>(server->store_.get(), server->gate_.get());
  server->assessments_ =
      std::make_unique<AssessmentServiceImpl>(server->store_.get(), server->gate_.get());
  server->login_ = std::make_unique<LoginServiceImpl>(server->store_.get(), server->gate_.get(),
                                                      &server->store_->clock(), options.login);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(options.listen, *credentials, &port);
  builder.RegisterService(server->schools_.get());
  builder.RegisterService(server->content_.get());
  builder.RegisterService(server->evidence_.get());
  builder.RegisterService(server->frameworks_.get());
  builder.RegisterService(server->plan_.get());
  builder.RegisterService(server->reports_.get());
  builder.RegisterService(server->assessment_reports_.get());
  builder.RegisterService(server->dossiers_.get());
  builder.RegisterService(server->admin_.get());
  builder.RegisterService(server->users_.get());
  builder.RegisterService(server->audit_.get());
  builder.RegisterService(server->assessments_.get());
  builder.RegisterService(server->login_.get());
  // A request whose bytes do not parse gets INVALID_ARGUMENT saying so.
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<MalformedRequestInterceptorFactory>(server->gate_.get()));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  // Uploads send 1 MiB data messages; leave room for the envelope.
  builder.SetMaxReceiveMessageSize(4 << 20);
  // The sync server runs each call on a thread of its own: cap them, so a
  // flood of calls is refused (RESOURCE_EXHAUSTED) instead of exhausting the
  // process.
  grpc::ResourceQuota quota("hosod");
  quota.SetMaxThreads(options.max_threads);
  builder.SetResourceQuota(quota);
  // HTTP/2 frames of up to 1 MiB instead of 16 KiB: a 1 MiB message is one
  // frame, not 64 (fewer wakeups per byte on bulk transfers).
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_FRAME_SIZE, v1::kDataMessageBytes);
  server->server_ = builder.BuildAndStart();
  if (!server->server_ || port == 0) {
    return absl::UnavailableError("cannot listen on " + options.listen +
                                  " (address in use or not valid)");
  }
  if (options.scrub_bytes_per_second > 0) {
    server->scrubber_ = std::make_unique<Scrubber>(&server->store_->content(),
                                                   server->server_->GetHealthCheckService(),
                                                   options.scrub_bytes_per_second);
  }
  server->content_health_ = std::make_unique<ContentHealth>(
      &server->store_->chunks(), server->server_->GetHealthCheckService(),
      std::chrono::seconds(options.content_health_seconds));
  const std::string host = options.listen.substr(0, options.listen.rfind(':'));
  server->address_ = host + ":" + std::to_string(port);
  LogInfo("hosod listening on " + server->address_ +
          (options.tls_cert.empty()    ? " (plain text)"
           : options.client_ca.empty() ? " (TLS)"
                                       : " (TLS, client certificates required)") +
          ", data in " + options.data_dir);
  return server;
}

void HosodServer::Wait() { server_->Wait(); }

void HosodServer::Shutdown() {
  if (!server_ || stopped_) return;
  stopped_ = true;
  scrubber_.reset();
  content_health_.reset();
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(10));
  LogInfo("no more calls; flushing");
  gate_->FlushRefusals();  // counted refusals into the audit log before it closes
  if (absl::Status s = store_->Flush(); !s.ok()) LogWarning(std::string(s.message()));
}

HosodServer::~HosodServer() { Shutdown(); }

}  // namespace hoso
