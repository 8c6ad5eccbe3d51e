#ifndef HOSO_CLIENTS_WEB_CONNECT_JSON_H_
#define HOSO_CLIENTS_WEB_CONNECT_JSON_H_

// POST /api/hoso.v1.<Service>/<Method>: any unary RPC of hoso.v1 in the
// Connect protocol's unary JSON form, mapped through the descriptors
// compiled in (no per-method code): the JSON request becomes the proto
// request, the proto answer becomes JSON (lowerCamelCase names, fields at
// their defaults included). The login RPCs' token goes into the session
// cookie instead of the answer; Logout clears the cookie.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "clients/web/http_server.h"

namespace hoso::web {

inline constexpr size_t kMaxJsonBody = 8 << 20;

class ConnectJson {
 public:
  explicit ConnectJson(std::shared_ptr<grpc::Channel> channel) : channel_(std::move(channel)) {}
  // `procedure`: "hoso.v1.EvidenceService/ListEvidence".
  std::unique_ptr<Exchange> Open(const Request& request, const std::string& procedure) const;

 private:
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace hoso::web

#endif  // HOSO_CLIENTS_WEB_CONNECT_JSON_H_
