#ifndef HOSO_CLIENTS_WEB_LISTEN_ADDRESS_H_
#define HOSO_CLIENTS_WEB_LISTEN_ADDRESS_H_

// --listen HOST:PORT: numeric addresses (IPv4, or IPv6 in brackets) and
// "localhost"; whether it is loopback (plain HTTP is allowed only there).
#include <sys/socket.h>

#include <optional>
#include <string>
#include <string_view>

namespace hoso::web {

struct ListenAddress {
  std::string host;  // without brackets
  int port = 0;
};

// nullopt with `error` set when malformed.
std::optional<ListenAddress> ParseListenAddress(std::string_view text, std::string* error);
bool IsLoopback(const std::string& host);
// false when `host` is not a numeric address (or "localhost").
bool ToSockaddr(const ListenAddress& address, sockaddr_storage* out, socklen_t* length);

}  // namespace hoso::web

#endif  // HOSO_CLIENTS_WEB_LISTEN_ADDRESS_H_
