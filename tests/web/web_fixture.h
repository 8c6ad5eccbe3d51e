#ifndef HOSO_TESTS_WEB_WEB_FIXTURE_H_
#define HOSO_TESTS_WEB_WEB_FIXTURE_H_

// The real hosod (HosodTest) and the real hoso-web in front of it, both on
// 127.0.0.1, with libcurl as the browser.
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <signal.h>

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
