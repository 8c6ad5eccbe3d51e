#ifndef HOSO_CLIENTS_WEB_SESSION_COOKIE_H_
#define HOSO_CLIENTS_WEB_SESSION_COOKIE_H_

// The session cookie `__Host-hoso`: its value is the hosod bearer token of
// the session (hoso-web keeps nothing; hosod keeps only the token's hash).
#include <cstdint>
#include <string>
#include <string_view>

#include "clients/web/http_server.h"

namespace hoso::web {

inline constexpr char kSessionCookie[] = "__Host-hoso";

// The token, or "" when there is none or it is not a token (only printable
// ASCII without spaces can be a gRPC metadata value).
std::string SessionToken(const Request& request);
// The Set-Cookie value that keeps `token` for `max_age_seconds`.
std::string SessionCookie(std::string_view token, int64_t max_age_seconds);
// The Set-Cookie value that makes the browser forget it.
std::string ClearedSessionCookie();

}  // namespace hoso::web

#endif  // HOSO_CLIENTS_WEB_SESSION_COOKIE_H_
