#ifndef HOSO_TESTS_WEB_WEB_FIXTURE_H_
#define HOSO_TESTS_WEB_WEB_FIXTURE_H_

// The real hosod (HosodTest) and the real hoso-web in front of it, both on
// 127.0.0.1, with libcurl as the browser.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/sha.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/hosod_fixture.h"

namespace hoso {

struct HttpResult {
  long status = 0;
  std::string body;
  std::multimap<std::string, std::string> headers;  // names in lower case
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// A header's number; ~0 when absent.
inline uint64_t Number(const std::string& text) { return text.empty() ? ~0ull : std::stoull(text); }

inline std::string Sha256Hex(const std::string& data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char b : digest) {
    hex += kHex[b >> 4];
    hex += kHex[b & 15];
  }
  return hex;
}

// Standard base64 with padding, as tus's Upload-Metadata values are written.
inline std::string Base64(const std::string& in) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (unsigned char c : in) {
    bits = (bits << 8) | c;
    count += 8;
    while (count >= 6) {
      count -= 6;
      out += kAlphabet[(bits >> count) & 63];
    }
  }
  if (count > 0) out += kAlphabet[(bits << (6 - count)) & 63];
  while (out.size() % 4 != 0) out += '=';
  return out;
}

class WebTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    if (HasFatalFailure()) return;
    assets_ = dir_.Sub("assets");
    std::filesystem::create_directories(assets_ + "/vendor");
    WriteFile(assets_ + "/index.html", "<!doctype html><title>hoso</title>");
    WriteFile(assets_ + "/app.js", "export const x = 1;\n");
    WriteFile(assets_ + "/vendor/tus.js", "// tus\n");
    StartWeb();
  }
  void TearDown() override {
    StopWeb();
    HosodTest::TearDown();
  }

  void StartWeb(std::vector<std::string> extra = {}) {
    const std::string addr_file = dir_.Sub("web.addr");
    std::filesystem::remove(addr_file);
    std::vector<std::string> argv = {HOSO_WEB_PATH, "--listen", "127.0.0.1:0", "--hosod", address_,
                                     "--assets",    assets_,    "--addr-file", addr_file};
    argv.insert(argv.end(), web_args_.begin(), web_args_.end());
    argv.insert(argv.end(), extra.begin(), extra.end());
    web_pid_ = hoso::testing::Spawn(argv, {}, dir_.Sub("web.out"), dir_.Sub("web.err"));
    for (int i = 0; i < 200 && !std::filesystem::exists(addr_file); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    web_ = ReadFile(addr_file);
    ASSERT_FALSE(web_.empty()) << ReadFile(dir_.Sub("web.err"));
    web_.pop_back();
    origin_ = scheme_ + "://" + web_;
  }
  void StopWeb() {
    if (web_pid_ <= 0) return;
    ::kill(web_pid_, SIGTERM);
    EXPECT_EQ(hoso::testing::WaitFor(web_pid_), 0) << ReadFile(dir_.Sub("web.err"));
    web_pid_ = -1;
  }

  // One request; `headers` as "Name: value". Same-origin unless the caller
  // sets its own Origin or Sec-Fetch-Site.
  HttpResult Http(const std::string& method, const std::string& path, const std::string& body = "",
                  std::vector<std::string> headers = {}, const std::string& cookie_token = "") {
    HttpResult result;
    CURL* curl = curl_easy_init();
    const std::string url = scheme_ + "://" + web_ + path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    if (!ca_.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca_.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    if (method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
    const bool own_origin = std::any_of(headers.begin(), headers.end(), [](const std::string& h) {
      return h.rfind("Origin:", 0) == 0 || h.rfind("Sec-Fetch-Site:", 0) == 0;
    });
    if (!own_origin) headers.push_back("Origin: " + origin_);
    curl_slist* list = nullptr;
    for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    if (!body.empty() || method == "POST" || method == "PATCH") {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    const std::string cookie = "__Host-hoso=" + cookie_token;
    if (!cookie_token.empty()) curl_easy_setopt(curl, CURLOPT_COOKIE, cookie.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &WebTest::Collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &WebTest::CollectHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result.headers);
    const CURLcode code = curl_easy_perform(curl);
    EXPECT_EQ(code, CURLE_OK) << method << " " << path << ": " << curl_easy_strerror(code);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    return result;
  }
  // A socket connected to hoso-web, for requests curl would not send (a
  // body cut short, headers first and the body never).
  int ConnectToWeb() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(std::stoi(web_.substr(web_.find(':') + 1))));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
    return fd;
  }
  // The head of a raw tus PATCH at `offset`, signed in as token_.
  std::string RawPatchHead(const std::string& path, uint64_t offset, uint64_t content_length) {
    return "PATCH " + path + " HTTP/1.1\r\nHost: " + web_ + "\r\nOrigin: " + origin_ +
           "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: " + std::to_string(offset) +
           "\r\nContent-Type: application/offset+octet-stream\r\nCookie: __Host-hoso=" + token_ +
           "\r\nContent-Length: " + std::to_string(content_length) + "\r\n\r\n";
  }
  static void SendAll(int fd, const std::string& out) {
    for (size_t done = 0; done < out.size();) {
      const ssize_t n = ::send(fd, out.data() + done, out.size() - done, MSG_NOSIGNAL);
      ASSERT_GT(n, 0);
      done += static_cast<size_t>(n);
    }
  }
  // A JSON API call as the signed-in `token`.
  HttpResult Api(const std::string& procedure, const std::string& json, const std::string& token) {
    return Http("POST", "/api/" + procedure, json, {"Content-Type: application/json"}, token);
  }

  static size_t Collect(char* data, size_t size, size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
  }
  static size_t CollectHeader(char* data, size_t size, size_t count, void* out) {
    std::string line(data, size * count);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      std::string value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
      while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
      auto* headers = static_cast<std::multimap<std::string, std::string>*>(out);
      headers->emplace(std::move(name), std::move(value));
    }
    return size * count;
  }

  std::string assets_, web_, origin_;
  std::string scheme_ = "http";
  std::string ca_;                     // the CA curl trusts, for https
  std::vector<std::string> web_args_;  // more hoso-web flags for StartWeb
  pid_t web_pid_ = -1;
};

}  // namespace hoso

#endif  // HOSO_TESTS_WEB_WEB_FIXTURE_H_
