// hoso-web's static files, its connection limits and its refusal of plain
// HTTP off loopback.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "tests/web/web_fixture.h"

namespace hoso {
namespace {

constexpr char kPageCsp[] =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' blob: data:; frame-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

using WebStaticTest = WebTest;

TEST_F(WebStaticTest, IndexCarriesThePagePolicy) {
  HttpResult page = Http("GET", "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "<!doctype html><title>hoso</title>");
  EXPECT_EQ(page.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.Header("content-security-policy"), kPageCsp);
  EXPECT_EQ(page.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(page.Header("x-frame-options"), "DENY");
  EXPECT_EQ(page.Header("referrer-policy"), "no-referrer");
  EXPECT_EQ(page.Header("cross-origin-opener-policy"), "same-origin");
}

TEST_F(WebStaticTest, AssetsTypedAndVendorCachedLong) {
  HttpResult app = Http("GET", "/assets/app.js");
  EXPECT_EQ(app.status, 200);
  EXPECT_EQ(app.body, "export const x = 1;\n");
  EXPECT_EQ(app.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(app.Header("cache-control"), "no-cache");
  EXPECT_EQ(app.Header("x-content-type-options"), "nosniff");
  HttpResult vendor = Http("GET", "/assets/vendor/tus.js");
  EXPECT_EQ(vendor.status, 200);
  EXPECT_EQ(vendor.Header("cache-control"), "public, max-age=31536000, immutable");
  // Revalidation by ETag sends nothing again.
  ASSERT_FALSE(app.Header("etag").empty());
  HttpResult again = Http("GET", "/assets/app.js", "", {"If-None-Match: " + app.Header("etag")});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
}

TEST_F(WebStaticTest, NothingOutsideTheAssetsNorADirectoryListing) {
  WriteFile(dir_.Sub("secret.txt"), "bí mật");
  WriteFile(assets_ + "/.env", "TOKEN=x");
  for (const std::string path :
       {"/assets/../secret.txt", "/assets/%2e%2e/secret.txt", "/assets/vendor/../../secret.txt",
        "/assets/.env", "/assets/vendor", "/assets/vendor/", "/assets/", "/assets//etc/passwd",
        "/secret.txt", "/assets/..%2fsecret.txt", "/assets/%2e%2e%2fsecret.txt"}) {
    HttpResult r = Http("GET", path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find("bí mật"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("TOKEN"), std::string::npos) << path;
    EXPECT_EQ(r.Header("content-type"), "application/json") << path;
  }
}

TEST_F(WebStaticTest, StaticFilesAreNotWritable) {
  EXPECT_EQ(Http("POST", "/assets/app.js", "x").status, 405);
  EXPECT_EQ(Http("PUT", "/", "x").status, 405);
}

// An idle TCP connection to hoso-web (nothing sent).
int Connect(const std::string& web) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(std::stoi(web.substr(web.find(':') + 1))));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  timeval wait{20, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait));
  return fd;
}

TEST_F(WebStaticTest, ConnectionsPerAddressLimitedAndIdleOnesClosed) {
  StopWeb();
  StartWeb({"--per-address-connections", "2", "--idle-timeout", "1"});
  const int first = Connect(web_), second = Connect(web_);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // both accepted
  const int third = Connect(web_);
  char byte;
  const std::string request = "GET / HTTP/1.1\r\nHost: " + web_ + "\r\n\r\n";
  ::send(third, request.data(), request.size(), MSG_NOSIGNAL);
  EXPECT_LE(::recv(third, &byte, 1, 0), 0) << "a third connection from one address was served";
  // The idle ones are closed by the server (recv sees the end, not its own timeout).
  EXPECT_EQ(::recv(first, &byte, 1, 0), 0);
  EXPECT_EQ(::recv(second, &byte, 1, 0), 0);
  for (int fd : {first, second, third}) ::close(fd);
  // Once the server has let them go, the address is served again.
  bool served = false;
  for (int i = 0; i < 100 && !served; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const int fd = Connect(web_);
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    served = ::recv(fd, &byte, 1, 0) == 1;
    ::close(fd);
  }
  EXPECT_TRUE(served);
}

TEST_F(WebStaticTest, PlainHttpRefusedOffLoopback) {
  CommandResult r = hoso::testing::Run(
      {HOSO_WEB_PATH, "--listen", "0.0.0.0:0", "--hosod", address_, "--assets", assets_});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("loopback"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--tls-cert"), std::string::npos) << r.err;
  CommandResult half = hoso::testing::Run({HOSO_WEB_PATH, "--listen", "0.0.0.0:0", "--tls-cert",
                                           dir_.Sub("cert.pem"), "--assets", assets_});
  EXPECT_EQ(half.exit_code, 2) << half.err;
}

// hoso-web serving TLS itself, and speaking TLS to hosod; certificates from
// deploy/dev-ca.sh, handshakes on loopback.
class WebTlsTest : public WebTest {
 protected:
  void SetUp() override {
    certs_ = dir_.Sub("certs");
    ASSERT_EQ(std::system(("bash " HOSO_DEPLOY "/dev-ca.sh " + certs_ + " >/dev/null").c_str()), 0);
    ::setenv("HOSO_CA", (certs_ + "/ca.pem").c_str(), 1);  // for the hoso CLI of the fixture
    server_args_ = {"--tls-cert", certs_ + "/server.pem", "--tls-key", certs_ + "/server.key"};
    web_args_ = {"--tls-cert",           certs_ + "/server.pem", "--tls-key",
                 certs_ + "/server.key", "--hosod-ca",           certs_ + "/ca.pem"};
    scheme_ = "https";
    ca_ = certs_ + "/ca.pem";
    WebTest::SetUp();
  }
  void TearDown() override {
    WebTest::TearDown();
    ::unsetenv("HOSO_CA");
  }
  std::string certs_;
};

TEST_F(WebTlsTest, ServesHttpsAndReachesHosodOverTls) {
  HttpResult page = Http("GET", "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("strict-transport-security"), "max-age=31536000");
  HttpResult schools = Api("hoso.v1.SchoolService/ListSchools", "{}", token_);
  EXPECT_EQ(schools.status, 200) << schools.body << ReadFile(dir_.Sub("web.err"));
  EXPECT_NE(schools.body.find("LQD"), std::string::npos);
  // The https origin is the one that counts.
  EXPECT_EQ(Http("POST", "/api/hoso.v1.SchoolService/ListSchools", "{}",
                 {"Content-Type: application/json", "Origin: http://" + web_}, token_)
                .status,
            403);
}

TEST_F(WebTlsTest, AnyAddressWithACertificate) {
  StopWeb();
  const std::string addr_file = dir_.Sub("any.addr");
  pid_t pid =
      hoso::testing::Spawn({HOSO_WEB_PATH, "--listen", "0.0.0.0:0", "--hosod", address_, "--assets",
                            assets_, "--addr-file", addr_file, "--tls-cert", certs_ + "/server.pem",
                            "--tls-key", certs_ + "/server.key", "--hosod-ca", certs_ + "/ca.pem"},
                           {}, dir_.Sub("any.out"), dir_.Sub("any.err"));
  for (int i = 0; i < 200 && !std::filesystem::exists(addr_file); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  std::string bound = ReadFile(addr_file);
  EXPECT_EQ(bound.rfind("0.0.0.0:", 0), 0u) << ReadFile(dir_.Sub("any.err"));
  web_ = "127.0.0.1" + bound.substr(7, bound.size() - 8);
  EXPECT_EQ(Http("GET", "/").status, 200);
  ::kill(pid, SIGTERM);
  EXPECT_EQ(hoso::testing::WaitFor(pid), 0);
}

}  // namespace
}  // namespace hoso
