#include "clients/app/connection.h"

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "hoso/v1/limits.h"

namespace hoso::cli {
namespace {

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string ConfigPath() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/hoso/config";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.config/hoso/config";
  }
  return "";
}

void FillFromConfig(GlobalOptions& options) {
  std::ifstream in(ConfigPath());
  std::string line;
  while (std::getline(in, line)) {
    const size_t eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    const std::string key = Trim(line.substr(0, eq)), value = Trim(line.substr(eq + 1));
    if (key == "server" && options.server.empty()) options.server = value;
    if (key == "token" && options.token.empty()) options.token = value;
    if (key == "school" && options.school.empty()) options.school = value;
    if (key == "ca" && options.ca.empty()) options.ca = value;
    if (key == "cert" && options.cert.empty()) options.cert = value;
    if (key == "key" && options.key.empty()) options.key = value;
  }
}

void FillFromEnv(std::string& field, const char* name) {
  if (!field.empty()) return;
  if (const char* v = std::getenv(name); v && *v) field = v;
}

}  // namespace

void ResolveDefaults(GlobalOptions& options) {
  FillFromEnv(options.server, "HOSO_SERVER");
  FillFromEnv(options.token, "HOSO_TOKEN");
  FillFromEnv(options.school, "HOSO_SCHOOL");
  FillFromEnv(options.ca, "HOSO_CA");
  FillFromEnv(options.cert, "HOSO_CERT");
  FillFromEnv(options.key, "HOSO_KEY");
  FillFromConfig(options);
  if (options.server.empty()) options.server = "127.0.0.1:50051";
  options.token = Trim(options.token);
}

Connection::Connection(const GlobalOptions& options) : token_(options.token) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(8 << 20);
  args.SetInt(GRPC_ARG_HTTP2_MAX_FRAME_SIZE, v1::kDataMessageBytes);  // as hosod does
  // Weak school Wi-Fi: notice a dead connection within a minute.
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20000);
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  if (options.tls || !options.ca.empty() || !options.cert.empty()) {
    grpc::SslCredentialsOptions ssl;
    auto read = [&](const std::string& path, std::string* out, const char* what) {
      if (path.empty()) return;
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        if (error_.empty()) error_ = std::string("cannot read the ") + what + " " + path;
        return;
      }
      out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    };
    read(options.ca, &ssl.pem_root_certs, "CA certificate (--ca)");
    read(options.cert, &ssl.pem_cert_chain, "client certificate (--cert)");
    read(options.key, &ssl.pem_private_key, "client key (--key)");
    if (options.cert.empty() != options.key.empty() && error_.empty()) {
      error_ = "give both --cert and --key for a client certificate";
    }
    credentials = grpc::SslCredentials(ssl);
  }
  channel_ = grpc::CreateCustomChannel(options.server, credentials, args);
  schools_ = v1::SchoolService::NewStub(channel_);
  content_ = v1::ContentService::NewStub(channel_);
  evidence_ = v1::EvidenceService::NewStub(channel_);
  frameworks_ = v1::FrameworkService::NewStub(channel_);
  plan_ = v1::PlanService::NewStub(channel_);
  reports_ = v1::ReportService::NewStub(channel_);
  assessment_reports_ = v1::AssessmentReportService::NewStub(channel_);
  dossiers_ = v1::DossierService::NewStub(channel_);
  admin_ = v1::AdminService::NewStub(channel_);
  users_ = v1::UserService::NewStub(channel_);
  login_ = v1::LoginService::NewStub(channel_);
  audit_ = v1::AuditService::NewStub(channel_);
  assessments_ = v1::AssessmentService::NewStub(channel_);
}

std::unique_ptr<grpc::ClientContext> Connection::StreamContext() const {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token_.empty()) context->AddMetadata("authorization", "Bearer " + token_);
  return context;
}

std::unique_ptr<grpc::ClientContext> Connection::Context(std::chrono::seconds deadline) const {
  auto context = StreamContext();
  context->set_deadline(std::chrono::system_clock::now() + deadline);
  return context;
}

}  // namespace hoso::cli
