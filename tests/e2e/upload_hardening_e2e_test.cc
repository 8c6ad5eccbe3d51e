// `hoso upload` of a large new file hashes it while sending (issue 14,
// finding 1): the real binaries, a real hosod on loopback.
#include <gtest/gtest.h>
#include <signal.h>

#include "storage/base/sha256.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/rpc_client.h"

namespace hoso {
namespace {

using UploadHardeningTest = HosodTest;
constexpr size_t kLarge = 72u << 20;  // over the client's 64 MiB hash-while-send threshold

v1::ContentState StatFor(const hoso::testing::RpcClient& rpc, const std::string& hex,
                         const std::string& school) {
  v1::StatContentRequest request;
  request.add_sha256(hex);
  request.set_school(school);
  v1::StatContentResponse response;
  grpc::Status s = rpc.content->StatContent(rpc.Context().get(), request, &response);
  return s.ok() && response.states_size() == 1 ? response.states(0) : v1::ContentState();
}

TEST_F(UploadHardeningTest, NewLargeFileIsHashedWhileSentAndARerunSendsNothing) {
  const std::string data = RandomBytes(kLarge, 21);
  const std::string hex = ToHex(Sha256Of(data));
  const std::string path = dir_.Sub("video.mp4");
  WriteFile(path, data);
  CommandResult first = Hoso({"--json", "upload", "--school", "LQD", "--criterion", "1.1",
                              "--title", "Video tiết dạy", path});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find(hex), std::string::npos)
      << "the item names the hash the client computed";
  hoso::testing::RpcClient rpc(address_, token_);
  EXPECT_TRUE(StatFor(rpc, hex, "LQD").present());

  // The school holds a file of that size: the second run hashes first and sends nothing.
  CommandResult again = Hoso({"upload", "--school", "LQD", "--criterion", "1.2", "--title",
                              "Video tiết dạy (bản 2)", path});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("sent 0 B of"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("1 of 1 file(s) were already on the server"), std::string::npos)
      << again.err;
}

TEST_F(UploadHardeningTest, HashWhileSendResumesAfterTheClientIsKilled) {
  const std::string data = RandomBytes(kLarge, 22);
  const std::string hex = ToHex(Sha256Of(data));
  const std::string path = dir_.Sub("ghi-am.wav");
  WriteFile(path, data);
  // A slow upload, killed part-way.
  std::vector<std::string> argv = {HOSO_PATH, "upload", "--school",     "LQD", "--criterion", "1.1",
                                   "--title", "Ghi âm", "--limit-rate", "16M", path};
  const pid_t client =
      hoso::testing::Spawn(argv, ClientEnv(token_), dir_.Sub("c.out"), dir_.Sub("c.err"));
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  ::kill(client, SIGKILL);
  hoso::testing::WaitFor(client);

  CommandResult resumed =
      Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title", "Ghi âm", path});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("resuming ghi-am.wav at"), std::string::npos) << resumed.err;
  hoso::testing::RpcClient rpc(address_, token_);
  EXPECT_TRUE(StatFor(rpc, hex, "LQD").present());
  CommandResult got = Hoso({"get", "1", "--school", "LQD", "-o", dir_.Sub("back")});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(ReadFile(dir_.Sub("back/ghi-am.wav")) == data, true);
}

}  // namespace
}  // namespace hoso
