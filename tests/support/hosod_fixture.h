#ifndef HOSO_TESTS_SUPPORT_HOSOD_FIXTURE_H_
#define HOSO_TESTS_SUPPORT_HOSOD_FIXTURE_H_

// A fixture that runs the real hosod binary in a temp dir and drives the
// real hoso binary against it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <random>
#include <regex>
#include <thread>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_content.h"

namespace hoso {

using hoso::testing::CommandResult;
using hoso::testing::ReadFile;
using hoso::testing::WriteFile;

// "Biên bản họp Hội đồng trường tháng 9.pdf" composed and decomposed.
inline const std::string kNameNfc =
    "Bi\xC3\xAAn b\xE1\xBA\xA3n h\xE1\xBB\x8Dp H\xE1\xBB\x99i \xC4\x91\xE1\xBB\x93ng "
    "tr\xC6\xB0\xE1\xBB\x9Dng th\xC3\xA1ng 9.pdf";
inline const std::string kNameNfd =
    "Bie\xCC\x82n ba\xCC\x89n ho\xCC\xA3p Ho\xCC\x82\xCC\xA3i \xC4\x91o\xCC\x82\xCC\x80ng "
    "tru\xCC\x9Bo\xCC\x9B\xCC\x80ng tha\xCC\x81ng 9.pdf";

inline std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937_64 gen(seed);
  std::string out(n, '\0');
  for (size_t i = 0; i + 8 <= n; i += 8) {
    const uint64_t v = gen();
    std::memcpy(&out[i], &v, 8);
  }
  return out;
}

class HosodTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.Sub("data");
    ASSERT_NO_FATAL_FAILURE(hoso::testing::TestContentFlags(&content_args_));
    StartServer();
    ASSERT_EQ(Hoso({"school", "add", "LQD", "--name", "Trường Tiểu học Lê Quý Đôn", "--framework",
                    "tt17-2018"})
                  .exit_code,
              0);
  }
  void TearDown() override { StopServer(); }

  void StartServer() {
    std::filesystem::remove(data_ + "/hosod.addr");
    std::vector<std::string> argv = {HOSOD_PATH, "--data", data_, "--listen", "127.0.0.1:0"};
    argv.insert(argv.end(), content_args_.begin(), content_args_.end());
    argv.insert(argv.end(), server_args_.begin(), server_args_.end());
    server_pid_ = hoso::testing::Spawn(argv, {}, dir_.Sub("hosod.out"), dir_.Sub("hosod.err"));
    for (int i = 0; i < 200 && !std::filesystem::exists(data_ + "/hosod.addr"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    address_ = ReadFile(data_ + "/hosod.addr");
    ASSERT_FALSE(address_.empty()) << ReadFile(dir_.Sub("hosod.err"));
    address_.pop_back();
    token_ = ReadFile(data_ + "/admin.token");
    token_.pop_back();
  }
  void StopServer() {
    if (server_pid_ <= 0) return;
    ::kill(server_pid_, SIGTERM);
    EXPECT_EQ(hoso::testing::WaitFor(server_pid_), 0) << ReadFile(dir_.Sub("hosod.err"));
    server_pid_ = -1;
  }

  hoso::testing::Env ClientEnv(const std::string& token) const {
    return {{"HOSO_SERVER", address_},
            {"HOSO_TOKEN", token},
            {"HOME", dir_.path()},
            {"HOSO_SCHOOL", ""}};
  }
  CommandResult Hoso(std::vector<std::string> args) { return HosoWithToken(args, token_); }
  CommandResult HosoWithToken(std::vector<std::string> args, const std::string& token) {
    args.insert(args.begin(), HOSO_PATH);
    return hoso::testing::Run(args, ClientEnv(token));
  }
  // Uploads one file under criterion 1.1 and returns the new id.
  std::string Upload(const std::string& path, const std::string& title) {
    CommandResult r =
        Hoso({"--json", "upload", "--school", "LQD", "--criterion", "1.1", "--title", title, path});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::smatch m;
    EXPECT_TRUE(std::regex_search(r.out, m, std::regex("\"id\":\"([0-9]+)\""))) << r.out;
    return m.size() > 1 ? m[1].str() : "";
  }
  uint64_t DataBytes() const {
    uint64_t total = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(data_)) {
      if (e.is_regular_file()) total += e.file_size();
    }
    return total;
  }

  hoso::testing::TempDir dir_;
  std::string data_, address_, token_;
  std::vector<std::string> server_args_;  // more hosod flags for StartServer
  // --content s3://... with HOSO_TEST_CONTENT=s3 (test_content.h); the
  // same bucket across restarts.
  std::vector<std::string> content_args_;
  pid_t server_pid_ = -1;
};

}  // namespace hoso

#endif  // HOSO_TESTS_SUPPORT_HOSOD_FIXTURE_H_
