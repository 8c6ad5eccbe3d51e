#ifndef HOSO_CLIENTS_WEB_HTTP_SERVER_H_
#define HOSO_CLIENTS_WEB_HTTP_SERVER_H_

// The libmicrohttpd glue: a daemon with one thread per connection (so that
// handlers may block: each body piece goes on into a blocking gRPC Write,
// each response piece comes from a blocking gRPC Read), its limits, TLS,
// and the life of one request as an Exchange. One access log line per
// request: method, path, status, body bytes, milliseconds (never a header,
// a cookie or a body).
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "clients/web/http_reply.h"

struct MHD_Connection;
struct MHD_Daemon;

namespace hoso::web {

// What a handler sees of one request.
class Request {
 public:
  Request(MHD_Connection* connection, std::string method, std::string path, bool tls)
      : connection_(connection), method_(std::move(method)), path_(std::move(path)), tls_(tls) {}
  const std::string& method() const { return method_; }
  const std::string& path() const { return path_; }  // decoded, without the query
  bool tls() const { return tls_; }
  // "" when absent.
  std::string Header(const char* name) const;
  std::string Cookie(const char* name) const;
  std::string Query(const char* name) const;
  bool HasHeader(const char* name) const;

 private:
  MHD_Connection* connection_;
  std::string method_, path_;
  bool tls_;
};

// One request's handling, made once its headers are in.
class Exchange {
 public:
  virtual ~Exchange() = default;
  // A reply now (the body, if any, is not read), or nullopt to read the body.
  virtual std::optional<Reply> Start() = 0;
  // A piece of the body, in order.
  virtual void OnBody(std::string_view piece) {}
  // The whole body has come: the reply.
  virtual Reply Finish() = 0;
  // The connection ended before Finish (cut, timed out).
  virtual void Abort() {}
};

// An exchange answered from the headers alone (the body, if any, unread).
std::unique_ptr<Exchange> Answer(Reply reply);

using Router = std::function<std::unique_ptr<Exchange>(const Request&)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                        // 0: a free one
  std::string tls_cert_pem, tls_key_pem;  // both or neither
  unsigned max_connections = 512;
  unsigned per_address_connections = 64;  // a whole school shares one address
  unsigned idle_timeout_seconds = 120;
  // Per connection: the read buffer lives in it, so this bounds how big the
  // pieces of an upload body are (bench/web: 1 MiB gives pieces of ~512 KiB).
  size_t connection_memory_bytes = 1 << 20;
};

class HttpServer {
 public:
  explicit HttpServer(Router router) : router_(std::move(router)) {}
  ~HttpServer();
  // Listens; "" on success, else why not.
  std::string Start(const ServerOptions& options);
  int port() const { return port_; }
  void Stop();

 private:
  friend struct ServerGlue;
  Router router_;
  MHD_Daemon* daemon_ = nullptr;
  bool tls_ = false;
  int port_ = 0;
};

}  // namespace hoso::web

#endif  // HOSO_CLIENTS_WEB_HTTP_SERVER_H_
