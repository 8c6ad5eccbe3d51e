#ifndef HOSO_CLIENTS_CONNECTION_H_
#define HOSO_CLIENTS_CONNECTION_H_

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>

#include "hoso/v1/hoso.grpc.pb.h"

namespace hoso::cli {

// Global flags, filled from (highest first) the command line, the
// environment (HOSO_SERVER, HOSO_TOKEN, HOSO_SCHOOL) and the config file
// ~/.config/hoso/config ("server = ...", "token = ...", "school = ...").
struct GlobalOptions {
  std::string server;
  std::string token;
  std::string school;
  bool json = false;
};

// Fills what the command line left empty; server defaults to 127.0.0.1:50051.
void ResolveDefaults(GlobalOptions& options);

// The stubs of one channel to hosod, and per-call contexts that carry the
// token. Not copyable.
class Connection {
 public:
  explicit Connection(const GlobalOptions& options);

  // A context with the bearer token and, for unary calls, a deadline.
  std::unique_ptr<grpc::ClientContext> Context(
      std::chrono::seconds deadline = std::chrono::seconds(60)) const;
  // A context for a long transfer: no deadline, the connection's keepalive
  // notices a dead peer.
  std::unique_ptr<grpc::ClientContext> StreamContext() const;

  v1::SchoolService::Stub& schools() { return *schools_; }
  v1::ContentService::Stub& content() { return *content_; }
  v1::EvidenceService::Stub& evidence() { return *evidence_; }
  v1::FrameworkService::Stub& frameworks() { return *frameworks_; }
  v1::PlanService::Stub& plan() { return *plan_; }
  v1::ReportService::Stub& reports() { return *reports_; }
  v1::DossierService::Stub& dossiers() { return *dossiers_; }
  v1::AdminService::Stub& admin() { return *admin_; }

 private:
  std::string token_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::SchoolService::Stub> schools_;
  std::unique_ptr<v1::ContentService::Stub> content_;
  std::unique_ptr<v1::EvidenceService::Stub> evidence_;
  std::unique_ptr<v1::FrameworkService::Stub> frameworks_;
  std::unique_ptr<v1::PlanService::Stub> plan_;
  std::unique_ptr<v1::ReportService::Stub> reports_;
  std::unique_ptr<v1::DossierService::Stub> dossiers_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
};

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_CONNECTION_H_
