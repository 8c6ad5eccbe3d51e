// Limits and bad input with the real binaries: a full disk, oversized files
// and items, a stalled client, one user's many calls. Each gets a clear
// error, nothing half-stored, and the service goes on.
#include <fcntl.h>
#include <sys/statvfs.h>

#include "storage/base/sha256.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/rpc_client.h"
#include "tests/support/status_matchers.h"

namespace hoso {
namespace {

uint64_t FreeBytes(const std::string& path) {
  struct statvfs st {};
  ::statvfs(path.c_str(), &st);
  return static_cast<uint64_t>(st.f_bavail) * st.f_frsize;
}

class LimitsTest : public HosodTest {
 protected:
  void Restart(std::vector<std::string> flags) {
    StopServer();
    server_args_ = std::move(flags);
    StartServer();
  }
};

TEST_F(LimitsTest, AFullDiskRefusesUploadsCleanlyAndServiceResumesWhenSpaceReturns) {
  if (FreeBytes(dir_.path()) < (1ull << 30)) GTEST_SKIP() << "needs 1 GiB free in TMPDIR";
  // Take 256 MiB, then ask hosod to keep more than what is left: the disk is "full".
  const std::string filler = dir_.Sub("filler");
  const int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT, 0600);
  ASSERT_EQ(::posix_fallocate(fd, 0, 256 << 20), 0);
  ::close(fd);
  const uint64_t reserve = FreeBytes(dir_.path()) + (96 << 20);
  Restart({"--min-free", std::to_string(reserve)});

  WriteFile(dir_.Sub("bien-ban.pdf"), RandomBytes(1 << 20, 3));
  CommandResult full = Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title",
                             "Biên bản", dir_.Sub("bien-ban.pdf")});
  EXPECT_EQ(full.exit_code, 6) << full.err;
  EXPECT_NE(full.err.find("the server's disk is full"), std::string::npos) << full.err;
  EXPECT_NE(Hoso({"ls", "--school", "LQD"}).out.find("0 item(s)"), std::string::npos);
  EXPECT_EQ(Hoso({"admin", "fsck"}).exit_code, 0);

  std::filesystem::remove(filler);  // space comes back; no restart
  CommandResult ok = Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title", "Biên bản",
                           dir_.Sub("bien-ban.pdf")});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(Hoso({"admin", "fsck"}).exit_code, 0);
}

TEST_F(LimitsTest, OversizedFilesAndItemsAreRefusedBeforeAnyByteIsStored) {
  Restart({"--max-file-size", "1M", "--max-files-per-item", "2"});
  WriteFile(dir_.Sub("lon.mp4"), RandomBytes(2 << 20, 4));
  CommandResult big = Hoso(
      {"upload", "--school", "LQD", "--criterion", "1.1", "--title", "Phim", dir_.Sub("lon.mp4")});
  EXPECT_EQ(big.exit_code, 5) << big.err;
  EXPECT_NE(big.err.find("this server takes files up to 1.0 MiB"), std::string::npos) << big.err;
  std::vector<std::string> args = {"upload", "--school", "LQD", "--criterion",
                                   "1.1",    "--title",  "Ảnh"};
  for (int i = 0; i < 3; ++i) {
    WriteFile(dir_.Sub("anh-" + std::to_string(i) + ".jpg"), "ảnh " + std::to_string(i));
    args.push_back(dir_.Sub("anh-" + std::to_string(i) + ".jpg"));
  }
  CommandResult many = Hoso(args);
  EXPECT_EQ(many.exit_code, 5) << many.err;
  EXPECT_NE(many.err.find("an item holds at most 2 files; this one has 3"), std::string::npos)
      << many.err;
  CommandResult fsck = Hoso({"--json", "admin", "fsck"});
  EXPECT_NE(fsck.out.find("\"contents\":\"0\""), std::string::npos) << fsck.out;
}

TEST_F(LimitsTest, AStalledUploadIsStoppedAndItsDurablePartResumes) {
  Restart({"--idle-timeout", "3", "--max-calls-per-user", "1"});
  const std::string data = RandomBytes(3 << 20, 5);
  const std::string hex = ToHex(Sha256Of(data));
  // A second user watches the upload's progress (the admin's one call is the upload).
  ASSERT_EQ(Hoso({"user", "add", "lan", "--school", "LQD", "--role", "teacher"}).exit_code, 0);
  CommandResult issued = Hoso({"token", "issue", "lan"});
  hoso::testing::RpcClient other(address_, issued.out.substr(0, issued.out.find('\n')));
  hoso::testing::RpcClient client(address_, token_);
  auto context = client.Context();
  v1::UploadContentResponse response;
  auto writer = client.content->UploadContent(context.get(), &response);
  v1::UploadChunk message;
  message.mutable_header()->set_sha256(hex);
  message.mutable_header()->set_size(data.size());
  ASSERT_TRUE(writer->Write(message));
  message.set_data(data.substr(0, 1 << 20));
  ASSERT_TRUE(writer->Write(message));
  message.set_data(data.substr(1 << 20, 1 << 20));
  ASSERT_TRUE(writer->Write(message));
  // Wait until the server wrote the upload's first MiB to a pack (the writes
  // above do not wait for the server to take them; an upload session is its
  // owner's, so nobody else can ask, and the admin's one call is the upload).
  auto packed = [&] {
    uintmax_t bytes = 0;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(data_ + "/packs", ec)) {
      bytes += e.file_size(ec);
    }
    return bytes;
  };
  for (int i = 0; i < 100 && packed() < (1u << 20); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // While it hangs, the same user's next call is over the per-user limit.
  CommandResult busy = Hoso({"whoami"});
  EXPECT_EQ(busy.exit_code, 6) << busy.err;
  EXPECT_NE(busy.err.find("admin already has 1 calls in progress"), std::string::npos) << busy.err;

  // The client stalls: the server stops the call on its own.
  const auto start = std::chrono::steady_clock::now();
  grpc::Status stopped = writer->Finish();
  EXPECT_THAT(stopped, ::testing::Not(::hoso::testing::IsOk()));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  // The client hears of the cancel before the server's handler has unwound.
  CommandResult after;
  for (int i = 0; i < 40 && after.exit_code != 0; ++i) {
    after = Hoso({"whoami"});
    if (after.exit_code != 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(after.exit_code, 0) << "the stalled call still counts against the user";
  EXPECT_GE(client.Stat(hex).resume_offset(), 1u << 20) << "the durable part was not kept";

  WriteFile(dir_.Sub("video.mp4"), data);
  CommandResult resumed = Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title",
                                "Video", dir_.Sub("video.mp4")});
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(client.Stat(hex).present(), true);
  EXPECT_EQ(other.Stat(hex).present(), false) << "lan neither uploaded it nor asked for LQD";
}

}  // namespace
}  // namespace hoso
