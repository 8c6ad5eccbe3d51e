#include "clients/web/origin_check.h"

namespace hoso::web {

std::string OwnOrigin(const Request& request, const std::string& public_origin) {
  if (!public_origin.empty()) return public_origin;
  return std::string(request.tls() ? "https://" : "http://") + request.Header("Host");
}

bool IsStateChanging(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool SameOrigin(const Request& request, const std::string& public_origin) {
  if (!IsStateChanging(request.method())) return true;
  if (request.HasHeader("Sec-Fetch-Site")) {
    const std::string site = request.Header("Sec-Fetch-Site");
    return site == "same-origin" || site == "none";
  }
  const std::string origin = request.Header("Origin");
  return !origin.empty() && !request.Header("Host").empty() &&
         origin == OwnOrigin(request, public_origin);
}

}  // namespace hoso::web
