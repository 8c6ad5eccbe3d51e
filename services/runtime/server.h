#ifndef HOSO_SERVICES_RUNTIME_SERVER_H_
#define HOSO_SERVICES_RUNTIME_SERVER_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/login_service.h"
#include "services/runtime/limits.h"
#include "storage/base/clock.h"
#include "storage/content/s3_chunk_store.h"
#include "storage/content/upload_sessions.h"

namespace grpc {
class Server;
}

namespace hoso {

namespace storage {
class Store;
}
class RpcGate;
class IdleWatchdog;
class Scrubber;
class ContentHealth;
class SchoolServiceImpl;
class ContentServiceImpl;
class EvidenceServiceImpl;
class FrameworkServiceImpl;
class PlanServiceImpl;
class DossierServiceImpl;
class AdminServiceImpl;
class ReportServiceImpl;
class AssessmentReportServiceImpl;
class UserServiceImpl;
class AuditServiceImpl;
class AssessmentServiceImpl;
class LoginServiceImpl;

struct ServerOptions {
  std::string data_dir;                    // required
  std::string listen = "127.0.0.1:50051";  // port 0 picks a free port
  // TLS: PEM files. Without them hosod listens on loopback only, unless
  // insecure_listen says plain text elsewhere is intended.
  std::string tls_cert, tls_key;
  std::string client_ca;  // also require client certificates signed by this CA
  bool insecure_listen = false;
  Limits limits;
  // Sessions' length and the throttling of password attempts (LoginService).
  LoginSettings login;
  // Unfinished uploads: how long they wait for a resume, how much one person may keep.
  storage::UploadSettings uploads;
  // Background re-verification of stored content, bytes per second; 0: off.
  uint64_t scrub_bytes_per_second = 16ull << 20;
  // Pack files are closed at this size (a repack then takes a whole pack).
  uint64_t pack_bytes = 1ull << 30;
  // Set: the content bytes go to this object store instead of DATA/packs.
  std::optional<storage::S3ChunkStoreOptions> s3;
  // How often the content store is asked whether it answers (health
  // service hoso.content).
  int content_health_seconds = 5;
  // Threads serving calls at once (the sync server runs one per call); calls
  // beyond them are refused with RESOURCE_EXHAUSTED.
  int max_threads = 512;
  // Serve an index that lost acknowledged changes (a damaged log, an index
  // behind its audit anchor) as it is, recording the loss in the audit log.
  bool accept_index_rollback = false;
  // Start on a new, empty index although DIR/db is missing beside packs.
  bool allow_empty_index = false;
  // Check every stored content and reference (fsck) before serving, and
  // refuse to serve when anything is damaged: after a restore.
  bool fsck_before_serving = false;
  // The time records and expiries are judged by; null: the system clock.
  // Not owned; must outlive the server. Tests pass a fake one.
  const Clock* clock = nullptr;
};

// Whether `listen` ("127.0.0.1:50051", "[::1]:0", "localhost:1") names a
// loopback address only.
bool IsLoopbackListen(const std::string& listen);

// hosod: the store plus the gRPC services (with health checking and
// reflection) on one listening address. Thread-safe.
class HosodServer {
 public:
  // Opens the data directory (creating it and the admin token on first
  // start) and starts serving.
  static absl::StatusOr<std::unique_ptr<HosodServer>> Start(const ServerOptions& options);
  ~HosodServer();

  // "127.0.0.1:40123": the address actually bound.
  const std::string& address() const { return address_; }
  // Path of the file holding the admin token.
  std::string admin_token_path() const;
  storage::Store& store() { return *store_; }

  // Blocks until Shutdown() is called from another thread.
  void Wait();
  // Stops accepting calls and waits for running ones (up to a grace period).
  void Shutdown();

 private:
  HosodServer() = default;

  ServerOptions options_;
  std::string address_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<IdleWatchdog> watchdog_;
  std::unique_ptr<RpcGate> gate_;
  std::unique_ptr<SchoolServiceImpl> schools_;
  std::unique_ptr<ContentServiceImpl> content_;
  std::unique_ptr<EvidenceServiceImpl> evidence_;
  std::unique_ptr<FrameworkServiceImpl> frameworks_;
  std::unique_ptr<PlanServiceImpl> plan_;
  std::unique_ptr<ReportServiceImpl> reports_;
  std::unique_ptr<AssessmentReportServiceImpl> assessment_reports_;
  std::unique_ptr<DossierServiceImpl> dossiers_;
  std::unique_ptr<AdminServiceImpl> admin_;
  std::unique_ptr<UserServiceImpl> users_;
  std::unique_ptr<AuditServiceImpl> audit_;
  std::unique_ptr<AssessmentServiceImpl> assessments_;
  std::unique_ptr<LoginServiceImpl> login_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<ContentHealth> content_health_;  // stops before the server: it uses health
  std::unique_ptr<Scrubber> scrubber_;             // last: stops first, it uses the health service
  bool stopped_ = false;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_RUNTIME_SERVER_H_
