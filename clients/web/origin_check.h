#ifndef HOSO_CLIENTS_WEB_ORIGIN_CHECK_H_
#define HOSO_CLIENTS_WEB_ORIGIN_CHECK_H_

// Cross-site requests refused: a state-changing request (any method but
// GET, HEAD, OPTIONS) must say it is same-origin (Sec-Fetch-Site
// same-origin or none) or, from a browser that sends no Sec-Fetch-Site,
// carry an Origin equal to the server's own.
#include <string>

#include "clients/web/http_server.h"

namespace hoso::web {

// `public_origin` (--public-origin) or, when empty, the request's scheme and Host.
std::string OwnOrigin(const Request& request, const std::string& public_origin);
bool IsStateChanging(const std::string& method);
// true when `request` may change state here.
bool SameOrigin(const Request& request, const std::string& public_origin);

}  // namespace hoso::web

#endif  // HOSO_CLIENTS_WEB_ORIGIN_CHECK_H_
