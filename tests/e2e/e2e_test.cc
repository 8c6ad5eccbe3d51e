// End-to-end tests: the real hosod binary in a temp dir, driven by the real
// hoso binary (and, where the CLI cannot misbehave on purpose, raw stubs).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <regex>
#include <thread>

#include "storage/base/sha256.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/process.h"
#include "tests/support/rpc_client.h"
#include "tests/support/temp_dir.h"

namespace hoso {
namespace {

using EndToEndTest = HosodTest;

using hoso::testing::CommandResult;
using hoso::testing::ReadFile;
using hoso::testing::WriteFile;

TEST_F(EndToEndTest, VietnameseNamesRoundTripByteIdenticalInNfcAndNfd) {
  std::filesystem::create_directories(dir_.Sub("in"));
  const std::string nfc_bytes = RandomBytes(2 << 20, 1), nfd_bytes = RandomBytes(3 << 20, 2);
  WriteFile(dir_.Sub("in/" + kNameNfc), nfc_bytes);
  WriteFile(dir_.Sub("in/" + kNameNfd), nfd_bytes);
  const std::string nfc_id = Upload(dir_.Sub("in/" + kNameNfc), "Biên bản NFC");
  const std::string nfd_id = Upload(dir_.Sub("in/" + kNameNfd), "Biên bản NFD");

  for (const auto& [id, name, bytes] :
       {std::tuple{nfc_id, kNameNfc, nfc_bytes}, std::tuple{nfd_id, kNameNfd, nfd_bytes}}) {
    CommandResult shown = Hoso({"--json", "show", id, "--school", "LQD"});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_NE(shown.out.find("\"name\":\"" + kNameNfc + "\""), std::string::npos)
        << "stored name is not NFC: " << shown.out;
    const std::string out_dir = dir_.Sub("out" + id);
    CommandResult got = Hoso({"get", id, "--school", "LQD", "-o", out_dir});
    ASSERT_EQ(got.exit_code, 0) << got.err;
    // Written under the original name bytes, with identical content.
    EXPECT_EQ(ReadFile(out_dir + "/" + name), bytes);
  }
  // Both forms in one item are the same name twice.
  CommandResult both = Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title", "x",
                             dir_.Sub("in/" + kNameNfc), dir_.Sub("in/" + kNameNfd)});
  EXPECT_EQ(both.exit_code, 5) << both.err;
  EXPECT_NE(both.err.find("two files are named"), std::string::npos) << both.err;
}

TEST_F(EndToEndTest, SecondUploadOfSameContentSendsAndStoresNoBytes) {
  const std::string path = dir_.Sub("Kế hoạch chiến lược.pdf");
  WriteFile(path, RandomBytes(8 << 20, 3));
  Upload(path, "Kế hoạch chiến lược");
  const uint64_t before = DataBytes();
  CommandResult again = Hoso({"upload", "--school", "LQD", "--criterion", "1.2", "--title",
                              "Kế hoạch chiến lược (dùng chung)", path});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("sent 0 B of 8.0 MiB; 1 of 1 file(s) were already on the server"),
            std::string::npos)
      << again.err;
  EXPECT_LT(DataBytes(), before + (1 << 20)) << "the duplicate was stored again";
  // And the content survives a restart.
  StopServer();
  StartServer();
  CommandResult got = Hoso({"get", "2", "--school", "LQD", "-o", dir_.Sub("out")});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(ReadFile(dir_.Sub("out/Kế hoạch chiến lược.pdf")), ReadFile(path));
}

TEST_F(EndToEndTest, UploadKilledMidwayResumesWithoutResending) {
  const std::string path = dir_.Sub("Ảnh lễ khai giảng.jpg");
  const size_t size = 40 << 20;
  WriteFile(path, RandomBytes(size, 4));
  const std::string hex = ToHex(Sha256Of(ReadFile(path)));
  const pid_t client =
      hoso::testing::Spawn({HOSO_PATH, "upload", "--school", "LQD", "--criterion", "1.1", "--title",
                            "Ảnh", "--limit-rate", "8M", path},
                           ClientEnv(token_), dir_.Sub("up1.out"), dir_.Sub("up1.err"));
  hoso::testing::RpcClient rpc(address_, token_);
  uint64_t durable = 0;
  for (int i = 0; i < 300 && durable < (8u << 20); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    durable = rpc.Stat(hex).resume_offset();
  }
  ::kill(client, SIGKILL);
  EXPECT_EQ(hoso::testing::WaitFor(client), 128 + SIGKILL);
  ASSERT_GE(durable, 8u << 20) << ReadFile(dir_.Sub("up1.err"));
  ASSERT_FALSE(rpc.Stat(hex).present());

  CommandResult resumed = Hoso(
      {"upload", "--school", "LQD", "--criterion", "1.1", "--title", "Ảnh lễ khai giảng", path});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("resuming"), std::string::npos) << resumed.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(resumed.err, m, std::regex("sent ([0-9.]+) MiB of 40.0 MiB")))
      << resumed.err;
  EXPECT_LE(std::stod(m[1].str()), 40.0 - 8.0) << "resent what was already durable";
  CommandResult got = Hoso({"get", "1", "--school", "LQD", "-o", dir_.Sub("out")});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(ReadFile(dir_.Sub("out/Ảnh lễ khai giảng.jpg")), ReadFile(path));
}

TEST_F(EndToEndTest, WrongDeclaredHashIsRejected) {
  hoso::testing::RpcClient rpc(address_, token_);
  v1::UploadContentResponse response;
  const std::string data = RandomBytes(1 << 20, 5);
  grpc::Status s = rpc.Upload(data, ToHex(Sha256Of("not these bytes")), &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_FALSE(rpc.Stat(ToHex(Sha256Of(data))).present());
}

TEST_F(EndToEndTest, CriterionOutsideFrameworkIsRejectedBeforeAnyByteIsSent) {
  const std::string path = dir_.Sub("a.pdf");
  WriteFile(path, RandomBytes(1 << 20, 6));
  CommandResult r = Hoso({"upload", "--school", "LQD", "--criterion", "7.1", "--title", "x", path});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.err.find("criterion 7.1 is not in framework tt17-2018 (1.1–5.5)"), std::string::npos)
      << r.err;
  hoso::testing::RpcClient rpc(address_, token_);
  v1::ContentState state = rpc.Stat(ToHex(Sha256Of(ReadFile(path))));
  EXPECT_FALSE(state.present());
  EXPECT_EQ(state.resume_offset(), 0u);
}

TEST_F(EndToEndTest, MissingAndWrongTokensAreUnauthenticated) {
  CommandResult none = HosoWithToken({"ls", "--school", "LQD"}, "");
  EXPECT_EQ(none.exit_code, 4);
  EXPECT_NE(none.err.find("no token"), std::string::npos) << none.err;
  CommandResult wrong = HosoWithToken({"school", "ls"}, "hoso_0000");
  EXPECT_EQ(wrong.exit_code, 4);
  EXPECT_NE(wrong.err.find("not authenticated"), std::string::npos) << wrong.err;
  // Health checking stays open; the admin token file is private.
  struct stat st {};
  ASSERT_EQ(::stat((data_ + "/admin.token").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
}

TEST_F(EndToEndTest, JsonOutputKeepsProtoFieldNames) {
  const std::string path = dir_.Sub("bao-cao.pdf");
  WriteFile(path, "report");
  ASSERT_EQ(Hoso({"plan", "add", "--school", "LQD", "--criterion", "1.1", "--content",
                  "Rà soát chiến lược"})
                .exit_code,
            0);
  CommandResult r = Hoso({"--json", "upload", "--school", "LQD", "--criterion", "1.1",
                          "--criterion", "2.1", "--task", "1.1.01", "--title", "Báo cáo", "--kind",
                          "report", "--year", "2024-2025", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* field :
       {"\"id\":", "\"code\":", "\"title\":\"Báo cáo\"", "\"criteria\":[\"1.1\",\"2.1\"]",
        "\"tasks\":[\"1.1.01\"]", "\"files\":[", "\"name\":\"bao-cao.pdf\"", "\"size\":\"6\"",
        "\"sha256\":\""}) {
    EXPECT_NE(r.out.find(field), std::string::npos) << field << " missing in " << r.out;
  }
  CommandResult ls = Hoso({"--json", "ls", "--school", "LQD", "--criterion", "2.1"});
  ASSERT_EQ(ls.exit_code, 0);
  EXPECT_NE(ls.out.find("\"title\":\"Báo cáo\""), std::string::npos) << ls.out;
  CommandResult none = Hoso({"--json", "ls", "--school", "LQD", "--criterion", "3.1"});
  EXPECT_EQ(none.out.find("Báo cáo"), std::string::npos);
}

TEST_F(EndToEndTest, UsageErrorsAndNotFoundHaveTheirExitCodes) {
  EXPECT_EQ(Hoso({"upload", "--school", "LQD"}).exit_code, 2);
  CommandResult no_code = Hoso({"show", "H9-9.9-01", "--school", "LQD"});
  EXPECT_EQ(no_code.exit_code, 3);
  EXPECT_NE(no_code.err.find("no evidence H9-9.9-01 in school LQD"), std::string::npos);
  CommandResult missing = Hoso({"show", "42", "--school", "LQD"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("no evidence 42 in school LQD"), std::string::npos) << missing.err;
  EXPECT_EQ(Hoso({"--help"}).exit_code, 0);
}

}  // namespace
}  // namespace hoso
