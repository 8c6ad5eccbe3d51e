#ifndef HOSO_CLIENTS_WEB_WEB_ROUTES_H_
#define HOSO_CLIENTS_WEB_WEB_ROUTES_H_

// hoso-web's routes (HTTP.md, Routes): which exchange answers which request,
// after the cross-site check.
#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>
#include <string>

#include "clients/web/http_server.h"

namespace hoso::web {

struct WebConfig {
  std::string assets;                       // --assets
  std::string public_origin;                // --public-origin; "" : the request's own
  uint64_t max_upload_bytes = 64ull << 30;  // Tus-Max-Size (hosod has its own limit)
};

Router MakeRouter(std::shared_ptr<grpc::Channel> channel, WebConfig config);

}  // namespace hoso::web

#endif  // HOSO_CLIENTS_WEB_WEB_ROUTES_H_
