#include "clients/web/hosod_channel.h"

#include <fstream>
#include <iterator>

#include "hoso/v1/limits.h"

namespace hoso::web {
namespace {

bool ReadPem(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

std::unique_ptr<grpc::ClientContext> WithToken(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

}  // namespace

std::shared_ptr<grpc::Channel> OpenHosodChannel(const HosodOptions& options, std::string* error) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);  // a large list answered as JSON
  args.SetInt(GRPC_ARG_HTTP2_MAX_FRAME_SIZE, v1::kDataMessageBytes);  // as hosod does
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20000);
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  if (!options.ca.empty() || !options.cert.empty() || !options.key.empty()) {
    grpc::SslCredentialsOptions ssl;
    if (options.cert.empty() != options.key.empty()) {
      *error = "--hosod-cert và --hosod-key đi cùng nhau (give both --hosod-cert and --hosod-key)";
      return nullptr;
    }
    if ((!options.ca.empty() && !ReadPem(options.ca, &ssl.pem_root_certs)) ||
        (!options.cert.empty() && !ReadPem(options.cert, &ssl.pem_cert_chain)) ||
        (!options.key.empty() && !ReadPem(options.key, &ssl.pem_private_key))) {
      *error = "không đọc được tệp TLS của hosod (cannot read a --hosod-ca/-cert/-key file)";
      return nullptr;
    }
    credentials = grpc::SslCredentials(ssl);
  }
  return grpc::CreateCustomChannel(options.address, credentials, args);
}

std::unique_ptr<grpc::ClientContext> UnaryContext(const std::string& token) {
  auto context = WithToken(token);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
  return context;
}

std::unique_ptr<grpc::ClientContext> StreamContext(const std::string& token) {
  return WithToken(token);
}

}  // namespace hoso::web
