#ifndef HOSO_CLIENTS_APP_CONNECTION_H_
#define HOSO_CLIENTS_APP_CONNECTION_H_

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
  // TLS (env HOSO_CA, HOSO_CERT, HOSO_KEY; config "ca", "cert", "key"):
  // the CA that signed hosod's certificate, and a client certificate when
  // hosod requires one. `tls` alone trusts the system's CAs.
  std::string ca, cert, key;
  bool tls = false;
};

// Fills what the command line left empty; server defaults to 127.0.0.1:50051.
void ResolveDefaults(GlobalOptions& options);

// The stubs of one channel to hosod, and per-call contexts that carry the
// token. Not copyable.
class Connection {
 public:
  // Unreadable TLS files leave the connection unusable: check error().
  explicit Connection(const GlobalOptions& options);
  // Why the connection cannot be used; empty when it can.
  const std::string& error() const { return error_; }

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
  v1::AssessmentReportService::Stub& assessment_reports() { return *assessment_reports_; }
  v1::DossierService::Stub& dossiers() { return *dossiers_; }
  v1::AdminService::Stub& admin() { return *admin_; }
  v1::UserService::Stub& users() { return *users_; }
  v1::AuditService::Stub& audit() { return *audit_; }
  v1::AssessmentService::Stub& assessments() { return *assessments_; }
  v1::LoginService::Stub& login() { return *login_; }

 private:
  std::string token_;
  std::string error_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::SchoolService::Stub> schools_;
  std::unique_ptr<v1::ContentService::Stub> content_;
  std::unique_ptr<v1::EvidenceService::Stub> evidence_;
  std::unique_ptr<v1::FrameworkService::Stub> frameworks_;
  std::unique_ptr<v1::PlanService::Stub> plan_;
  std::unique_ptr<v1::ReportService::Stub> reports_;
  std::unique_ptr<v1::AssessmentReportService::Stub> assessment_reports_;
  std::unique_ptr<v1::DossierService::Stub> dossiers_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
  std::unique_ptr<v1::UserService::Stub> users_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
  std::unique_ptr<v1::AssessmentService::Stub> assessments_;
  std::unique_ptr<v1::LoginService::Stub> login_;
};

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_APP_CONNECTION_H_
