// hoso-web: serves the web app's pages and its JSON API, tus uploads and
// downloads, as a client of hosod (clients/web/HTTP.md).
#include <signal.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <thread>

#include "clients/web/hosod_channel.h"
#include "clients/web/http_server.h"
#include "clients/web/listen_address.h"
#include "clients/web/web_routes.h"

#ifndef HOSO_WEB_ASSETS
#define HOSO_WEB_ASSETS "web"
#endif

namespace hoso::web {
namespace {

constexpr int kUsage = 2;

bool ReadWhole(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

int Fail(const std::string& why, int code = 1) {
  std::fprintf(stderr, "hoso-web: %s\n", why.c_str());
  return code;
}

// host:port, written whole (a reader never sees half of it).
bool WriteAddrFile(const std::string& path, const std::string& text) {
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::trunc);
    if (!(out << text << "\n")) return false;
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  return !error;
}

int Main(int argc, char** argv) {
  // Signals are taken by sigwait at the end. Blocked before any thread starts
  // (gRPC's and the server's inherit the mask), or SIGTERM could kill the
  // process from one of them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  CLI::App app{
      "hoso-web: trang web của hoso cho giáo viên, thư ký, người đánh giá — the web app of hoso "
      "(pages, JSON API, resumable uploads, downloads), a client of hosod"};
  std::string listen = "127.0.0.1:8080", addr_file, tls_cert, tls_key;
  HosodOptions hosod;
  WebConfig config;
  config.assets = HOSO_WEB_ASSETS;
  ServerOptions server;
  app.add_option("--listen", listen,
                 "HOST:PORT để nghe; HTTP thường chỉ trên loopback — where to listen; plain HTTP "
                 "only on loopback, any other address needs --tls-cert/--tls-key (port 0: a free "
                 "one)")
      ->capture_default_str();
  app.add_option("--hosod", hosod.address, "HOST:PORT của hosod — where hosod listens")
      ->capture_default_str();
  app.add_option("--hosod-ca", hosod.ca,
                 "TLS tới hosod: CA đã ký chứng chỉ của hosod — "
                 "the CA that signed hosod's certificate");
  app.add_option("--hosod-cert", hosod.cert,
                 "TLS tới hosod: chứng chỉ máy khách — client certificate, when hosod asks");
  app.add_option("--hosod-key", hosod.key, "khóa của chứng chỉ máy khách — its key");
  app.add_option("--assets", config.assets,
                 "thư mục trang web (index.html, vendor/) — the web app's folder")
      ->capture_default_str();
  app.add_option("--addr-file", addr_file,
                 "ghi HOST:PORT vào tệp này khi đã nghe — write HOST:PORT here once listening");
  app.add_option("--tls-cert", tls_cert, "TLS: chứng chỉ (PEM, cả chuỗi) — certificate chain");
  app.add_option("--tls-key", tls_key, "TLS: khóa riêng (PEM) — its private key");
  app.add_option("--public-origin", config.public_origin,
                 "nguồn gốc trình duyệt dùng khi sau Caddy/nginx, vd. https://hoso.example.vn — "
                 "the origin browsers use behind a proxy (for the cross-site check)");
  app.add_option("--max-connections", server.max_connections, "kết nối tối đa — connection limit")
      ->capture_default_str();
  app.add_option("--per-address-connections", server.per_address_connections,
                 "kết nối tối đa từ một địa chỉ (cả trường chung một địa chỉ) — per address "
                 "(a whole school shares one)")
      ->capture_default_str();
  app.add_option("--idle-timeout", server.idle_timeout_seconds,
                 "giây im lặng trước khi đóng kết nối — idle seconds before a connection closes")
      ->capture_default_str();
  app.add_option("--connection-memory", server.connection_memory_bytes,
                 "byte bộ nhớ mỗi kết nối (cỡ mảnh tải lên ~ một nửa) — memory per connection "
                 "in bytes; upload pieces are about half of it")
      ->capture_default_str();
  app.footer("Exit status: 0 stopped by SIGTERM/SIGINT, 1 cannot serve, 2 usage.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kUsage;
  }

  std::string error;
  const auto address = ParseListenAddress(listen, &error);
  if (!address) return Fail(error, kUsage);
  if (tls_cert.empty() != tls_key.empty()) {
    return Fail("--tls-cert và --tls-key đi cùng nhau (give both --tls-cert and --tls-key)",
                kUsage);
  }
  if (tls_cert.empty() && !IsLoopback(address->host)) {
    return Fail("HTTP thường chỉ được nghe trên loopback (127.0.0.1, ::1): trên " + address->host +
                    " cookie đăng nhập và mật khẩu sẽ đi không mã hóa. Dùng --tls-cert/--tls-key, "
                    "hoặc đặt hoso-web sau Caddy/nginx trên 127.0.0.1. (Plain HTTP only on "
                    "loopback: give --tls-cert/--tls-key, or listen on 127.0.0.1 behind a proxy.)",
                kUsage);
  }
  if (!tls_cert.empty() &&
      (!ReadWhole(tls_cert, &server.tls_cert_pem) || !ReadWhole(tls_key, &server.tls_key_pem))) {
    return Fail("không đọc được --tls-cert/--tls-key (cannot read the certificate or key)");
  }
  if (!std::filesystem::is_regular_file(config.assets + "/index.html")) {
    std::fprintf(stderr, "hoso-web: warning: %s/index.html is missing (--assets)\n",
                 config.assets.c_str());
  }
  auto channel = OpenHosodChannel(hosod, &error);
  if (!channel) return Fail(error, kUsage);

  server.host = address->host;
  server.port = address->port;
  HttpServer http(MakeRouter(channel, config));
  if (std::string why = http.Start(server); !why.empty()) return Fail(why);
  const std::string host =
      address->host.find(':') != std::string::npos ? "[" + address->host + "]" : address->host;
  const std::string bound = host + ":" + std::to_string(http.port());
  if (!addr_file.empty() && !WriteAddrFile(addr_file, bound)) {
    return Fail("cannot write --addr-file " + addr_file);
  }
  std::fprintf(stderr, "hoso-web: listening on %s://%s (hosod %s)\n",
               server.tls_cert_pem.empty() ? "http" : "https", bound.c_str(),
               hosod.address.c_str());
  int signal_number = 0;
  sigwait(&stop, &signal_number);
  std::fprintf(stderr, "hoso-web: stopping\n");
  // hoso-web keeps no state, so leaving loses nothing (an upload resumes from
  // hosod's durable offset). A connection libmicrohttpd does not close (seen
  // once in CI, cause unknown) must not keep a stopped service up: after
  // kStopSeconds it leaves without it, and says so.
  constexpr int kStopSeconds = 3;
  std::promise<void> stopped;
  std::future<void> done = stopped.get_future();
  std::thread stopper([&] {
    http.Stop();
    stopped.set_value();
  });
  if (done.wait_for(std::chrono::seconds(kStopSeconds)) == std::future_status::timeout) {
    std::fprintf(stderr, "hoso-web: a connection did not close within %d s; leaving without it\n",
                 kStopSeconds);
    std::fflush(stderr);
    std::_Exit(0);
  }
  stopper.join();
  return 0;
}

}  // namespace
}  // namespace hoso::web

int main(int argc, char** argv) { return hoso::web::Main(argc, argv); }
