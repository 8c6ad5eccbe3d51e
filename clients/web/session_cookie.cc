#include "clients/web/session_cookie.h"

namespace hoso::web {
namespace {

constexpr char kAttributes[] = "; Path=/; Secure; HttpOnly; SameSite=Lax";

}  // namespace

std::string SessionToken(const Request& request) {
  std::string token = request.Cookie(kSessionCookie);
  if (token.size() > 512) return "";
  for (char c : token) {
    if (c <= 0x20 || c >= 0x7f || c == ';' || c == ',' || c == '"' || c == '\\') return "";
  }
  return token;
}

std::string SessionCookie(std::string_view token, int64_t max_age_seconds) {
  std::string cookie = std::string(kSessionCookie) + "=" + std::string(token) + kAttributes;
  if (max_age_seconds > 0) cookie += "; Max-Age=" + std::to_string(max_age_seconds);
  return cookie;
}

std::string ClearedSessionCookie() {
  return std::string(kSessionCookie) + "=" + kAttributes + "; Max-Age=0";
}

}  // namespace hoso::web
