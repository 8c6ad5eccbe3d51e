#include "clients/web/http_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>

#include <chrono>
#include <cstdio>

#include "clients/web/listen_address.h"
#include "clients/web/security_headers.h"

namespace hoso::web {

std::string Request::Header(const char* name) const {
  const char* value = MHD_lookup_connection_value(connection_, MHD_HEADER_KIND, name);
  return value == nullptr ? "" : value;
}
std::string Request::Cookie(const char* name) const {
  const char* value = MHD_lookup_connection_value(connection_, MHD_COOKIE_KIND, name);
  return value == nullptr ? "" : value;
}
std::string Request::Query(const char* name) const {
  const char* value = MHD_lookup_connection_value(connection_, MHD_GET_ARGUMENT_KIND, name);
  return value == nullptr ? "" : value;
}
bool Request::HasHeader(const char* name) const {
  return MHD_lookup_connection_value(connection_, MHD_HEADER_KIND, name) != nullptr;
}

namespace {

class Immediate : public Exchange {
 public:
  explicit Immediate(Reply reply) : reply_(std::move(reply)) {}
  std::optional<Reply> Start() override { return std::move(reply_); }
  Reply Finish() override { return Reply::Empty(500); }  // never called: Start replied

 private:
  std::optional<Reply> reply_;
};

// The state of one request between libmicrohttpd's calls.
struct RequestState {
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::string method, path, client;
  std::unique_ptr<Exchange> exchange;
  std::optional<Reply> pending;  // decided from the headers, sent once the request is read
  bool replied = false;
  bool finished = false;  // Finish was called
  int status = 0;
  uint64_t body_bytes = 0;
};

std::string ClientAddress(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (info == nullptr || info->client_addr == nullptr) return "-";
  char text[INET6_ADDRSTRLEN] = "-";
  const sockaddr* address = info->client_addr;
  if (address->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text,
              sizeof(text));
  } else if (address->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text,
              sizeof(text));
  }
  return text;
}

bool HasBody(const Request& request) {
  const std::string length = request.Header("Content-Length");
  return (!length.empty() && length != "0") || request.HasHeader("Transfer-Encoding");
}

}  // namespace

// libmicrohttpd's callbacks, friends of HttpServer.
struct ServerGlue {
  static MHD_Result Queue(HttpServer* server, MHD_Connection* connection, RequestState* state,
                          Reply reply) {
    state->replied = true;
    state->status = reply.status();
    if (reply.response() == nullptr) return MHD_NO;
    AddSecurityHeaders(reply, server->tls_);
    return MHD_queue_response(connection, static_cast<unsigned>(reply.status()), reply.response());
  }

  static MHD_Result OnRequest(void* cls, MHD_Connection* connection, const char* url,
                              const char* method, const char* /*version*/, const char* upload_data,
                              size_t* upload_data_size, void** con_cls) {
    auto* server = static_cast<HttpServer*>(cls);
    auto* state = static_cast<RequestState*>(*con_cls);
    if (state == nullptr) {
      state = new RequestState;
      *con_cls = state;
      state->method = method;
      state->path = url;
      state->client = ClientAddress(connection);
      Request request(connection, method, url, server->tls_);
      state->exchange = server->router_(request);
      state->pending = state->exchange->Start();
      // With a body to skip, reply now (the connection then closes); without
      // one, on the next call, which keeps the connection for the next request.
      if (state->pending && HasBody(request)) {
        return Queue(server, connection, state, std::move(*state->pending));
      }
      return MHD_YES;
    }
    if (*upload_data_size > 0) {
      state->body_bytes += *upload_data_size;
      if (!state->replied && !state->pending) {
        state->exchange->OnBody(std::string_view(upload_data, *upload_data_size));
      }
      *upload_data_size = 0;
      return MHD_YES;
    }
    if (state->replied) return MHD_YES;
    if (state->pending) return Queue(server, connection, state, std::move(*state->pending));
    state->finished = true;
    return Queue(server, connection, state, state->exchange->Finish());
  }

  static void OnCompleted(void* /*cls*/, MHD_Connection* /*connection*/, void** con_cls,
                          MHD_RequestTerminationCode code) {
    auto* state = static_cast<RequestState*>(*con_cls);
    if (state == nullptr) return;
    *con_cls = nullptr;
    if (!state->finished && !state->replied && state->exchange) state->exchange->Abort();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - state->started)
                        .count();
    const char* end = code == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (cut)";
    std::fprintf(stderr, "hoso-web: %s %s %s %d in=%llu %lldms%s\n", state->client.c_str(),
                 state->method.c_str(), state->path.c_str(), state->status,
                 static_cast<unsigned long long>(state->body_bytes), static_cast<long long>(ms),
                 end);
    delete state;
  }
};

std::unique_ptr<Exchange> Answer(Reply reply) {
  return std::make_unique<Immediate>(std::move(reply));
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Stop() {
  if (daemon_ != nullptr) MHD_stop_daemon(daemon_);
  daemon_ = nullptr;
}

std::string HttpServer::Start(const ServerOptions& options) {
  tls_ = !options.tls_cert_pem.empty();
  sockaddr_storage address;
  socklen_t length = 0;
  if (!ToSockaddr({options.host, options.port}, &address, &length)) {
    return "cannot listen on " + options.host;
  }
  unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
                   MHD_USE_ERROR_LOG;
  if (address.ss_family == AF_INET6) flags |= MHD_USE_IPv6;
  if (tls_) {
    if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
      return "this libmicrohttpd has no TLS (GnuTLS)";
    }
    flags |= MHD_USE_TLS;
  }
  MHD_OptionItem tls_options[] = {{tls_ ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0,
                                   const_cast<char*>(options.tls_cert_pem.c_str())},
                                  {tls_ ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0,
                                   const_cast<char*>(options.tls_key_pem.c_str())},
                                  {MHD_OPTION_END, 0, nullptr}};
  daemon_ = MHD_start_daemon(
      flags, 0, nullptr, nullptr, &ServerGlue::OnRequest, this, MHD_OPTION_SOCK_ADDR,
      reinterpret_cast<sockaddr*>(&address), MHD_OPTION_CONNECTION_LIMIT, options.max_connections,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, options.per_address_connections,
      MHD_OPTION_CONNECTION_TIMEOUT, options.idle_timeout_seconds,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, options.connection_memory_bytes,
      MHD_OPTION_NOTIFY_COMPLETED, &ServerGlue::OnCompleted, nullptr, MHD_OPTION_STRICT_FOR_CLIENT,
      1, MHD_OPTION_ARRAY, tls_options, MHD_OPTION_END);
  if (daemon_ == nullptr) {
    return "cannot listen on " + options.host + ":" + std::to_string(options.port) +
           " (in use, or the TLS certificate and key do not match)";
  }
  const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
  port_ = info != nullptr ? info->port : options.port;
  return "";
}

}  // namespace hoso::web
