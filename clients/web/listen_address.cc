#include "clients/web/listen_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <charconv>
#include <cstring>

namespace hoso::web {
namespace {

std::string Numeric(const std::string& host) { return host == "localhost" ? "127.0.0.1" : host; }

}  // namespace

std::optional<ListenAddress> ParseListenAddress(std::string_view text, std::string* error) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    *error = "--listen cần HOST:PORT (needs HOST:PORT), e.g. 127.0.0.1:8080";
    return std::nullopt;
  }
  ListenAddress address;
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  address.host = std::string(host);
  const std::string_view port = text.substr(colon + 1);
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), address.port);
  if (ec != std::errc() || end != port.data() + port.size() || address.port < 0 ||
      address.port > 65535) {
    *error = "--listen: cổng không hợp lệ (bad port) \"" + std::string(port) + "\"";
    return std::nullopt;
  }
  sockaddr_storage probe;
  socklen_t length;
  if (!ToSockaddr(address, &probe, &length)) {
    *error = "--listen: \"" + address.host +
             "\" không phải địa chỉ IP (not a numeric IP address, nor localhost)";
    return std::nullopt;
  }
  return address;
}

bool IsLoopback(const std::string& host) {
  const std::string numeric = Numeric(host);
  in_addr v4;
  if (inet_pton(AF_INET, numeric.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6;
  if (inet_pton(AF_INET6, numeric.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

bool ToSockaddr(const ListenAddress& address, sockaddr_storage* out, socklen_t* length) {
  std::memset(out, 0, sizeof(*out));
  const std::string numeric = Numeric(address.host);
  auto* v4 = reinterpret_cast<sockaddr_in*>(out);
  if (inet_pton(AF_INET, numeric.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<uint16_t>(address.port));
    *length = sizeof(sockaddr_in);
    return true;
  }
  auto* v6 = reinterpret_cast<sockaddr_in6*>(out);
  if (inet_pton(AF_INET6, numeric.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<uint16_t>(address.port));
    *length = sizeof(sockaddr_in6);
    return true;
  }
  return false;
}

}  // namespace hoso::web
