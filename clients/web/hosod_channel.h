#ifndef HOSO_CLIENTS_WEB_HOSOD_CHANNEL_H_
#define HOSO_CLIENTS_WEB_HOSOD_CHANNEL_H_

// The one gRPC channel to hosod (--hosod, TLS with --hosod-ca/-cert/-key),
// and call contexts carrying a session's token. hoso's CLI config is not read:
// hoso-web has no token of its own.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>

namespace hoso::web {

struct HosodOptions {
  std::string address = "127.0.0.1:50051";
  std::string ca, cert, key;  // PEM files; ca alone: TLS trusting it
};

// nullptr with `error` set when a TLS file cannot be read.
std::shared_ptr<grpc::Channel> OpenHosodChannel(const HosodOptions& options, std::string* error);

// A context with `authorization: Bearer token` (none when empty); a deadline
// for unary calls, none for streams (the channel's keepalive notices a dead peer).
std::unique_ptr<grpc::ClientContext> UnaryContext(const std::string& token);
std::unique_ptr<grpc::ClientContext> StreamContext(const std::string& token);

}  // namespace hoso::web

#endif  // HOSO_CLIENTS_WEB_HOSOD_CHANNEL_H_
