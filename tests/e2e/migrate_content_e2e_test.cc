// hoso admin migrate-content with the real binaries and the test cluster's
// radosgw (label ceph): pack files to a bucket while uploads and downloads
// go on, hosod killed mid-way and the migration resumed, back to packs, and
// a data dir refused on the wrong store.
#include <stdlib.h>

#include <atomic>
#include <thread>

#include "tests/support/hosod_fixture.h"
#include "tests/support/s3_test_env.h"

namespace hoso {
namespace {

class MigrateContentE2ETest : public HosodTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(testing::LoadS3TestEnv(&env_));
    target_ = env_.FreshTarget();
    url_ = "s3://" + target_.bucket;
    // hosod on packs finds the keys for migrate-content in its environment
    // (or its --s3-credentials); the client never sends them.
    ::setenv("AWS_ACCESS_KEY_ID", env_.credentials.access_key.c_str(), 1);
    ::setenv("AWS_SECRET_ACCESS_KEY", env_.credentials.secret_key.c_str(), 1);
    HosodTest::SetUp();
  }
  std::vector<std::string> S3Flags() const {
    return {"--content",          url_, "--s3-endpoint", target_.endpoint, "--s3-credentials",
            env_.credentials_file};
  }
  // Uploads a file of `mib` MiB; remembers its id and bytes.
  void UploadOne(int mib, uint32_t seed) {
    const std::string path = dir_.Sub("minh-chung-" + std::to_string(seed) + ".pdf");
    WriteFile(path, RandomBytes(static_cast<size_t>(mib) << 20, seed));
    const std::string id = Upload(path, "Minh chứng " + std::to_string(seed));
    std::lock_guard<std::mutex> lock(mu_);
    files_.push_back({id, path});
  }
  // Every uploaded file comes back byte-identical.
  void ExpectAllDownloadable() {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [id, path] : files_) {
      const std::string out = dir_.Sub("out-" + id + "-" + std::to_string(++downloads_));
      CommandResult got = Hoso({"get", id, "--school", "LQD", "-o", out});
      ASSERT_EQ(got.exit_code, 0) << got.err;
      const std::string name = std::filesystem::path(path).filename().string();
      EXPECT_TRUE(ReadFile(out + "/" + name) == ReadFile(path)) << id;
    }
  }
  CommandResult Migrate(const std::string& target) {
    std::vector<std::string> args = {"--json", "admin", "migrate-content", target};
    if (target != "packs") {
      args.insert(args.end(), {"--s3-endpoint", target_.endpoint});
    }
    return Hoso(args);
  }

  testing::S3TestEnv env_;
  storage::S3Target target_;
  std::string url_;
  std::mutex mu_;
  std::vector<std::pair<std::string, std::string>> files_;
  int downloads_ = 0;
};

TEST_F(MigrateContentE2ETest, PacksToS3OnlineThenRefusedOnPacks) {
  for (int i = 0; i < 6; ++i) UploadOne(3, 10 + i);
  std::atomic<bool> stop{false};
  std::atomic<int> downloads{0}, failed{0};
  const std::string first = files_.front().first;
  std::thread traffic([&] {
    for (uint32_t seed = 100; !stop; ++seed) {
      UploadOne(2, seed);
      CommandResult got = Hoso(
          {"get", first, "--school", "LQD", "-o", dir_.Sub("traffic-" + std::to_string(seed))});
      ++downloads;
      if (got.exit_code != 0) ++failed;
    }
  });
  CommandResult moved = Migrate(url_);
  stop = true;
  traffic.join();
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_NE(moved.out.find("\"phase\":\"copying\""), std::string::npos) << moved.out;
  EXPECT_NE(moved.out.find("\"phase\":\"done\""), std::string::npos) << moved.out;
  EXPECT_NE(moved.out.find("copy_mb_per_second"), std::string::npos) << moved.out;
  EXPECT_GT(downloads.load(), 0);
  EXPECT_EQ(failed.load(), 0);
  ExpectAllDownloadable();

  // Restarted on the bucket: all there.
  StopServer();
  server_args_ = S3Flags();
  StartServer();
  ExpectAllDownloadable();
  StopServer();

  // On packs again: refused with the reason, not served empty.
  const pid_t pid = hoso::testing::Spawn({HOSOD_PATH, "--data", data_, "--listen", "127.0.0.1:0"},
                                         {}, dir_.Sub("refused.out"), dir_.Sub("refused.err"));
  EXPECT_NE(hoso::testing::WaitFor(pid), 0);
  const std::string why = ReadFile(dir_.Sub("refused.err"));
  EXPECT_NE(why.find("is in " + url_), std::string::npos) << why;
  EXPECT_NE(why.find("migrate-content"), std::string::npos) << why;
  server_args_.clear();
}

TEST_F(MigrateContentE2ETest, KilledMidwayResumesOnTheBucket) {
  for (int i = 0; i < 8; ++i) UploadOne(24, 30 + i);  // 192 chunks: three batches
  const std::string out = dir_.Sub("migrate.out");
  const pid_t client = hoso::testing::Spawn(
      {HOSO_PATH, "--json", "admin", "migrate-content", url_, "--s3-endpoint", target_.endpoint},
      ClientEnv(token_), out, dir_.Sub("migrate.err"));
  // Killed once the first batch is switched.
  bool copied = false;
  for (int i = 0; i < 600 && !copied; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    copied = std::regex_search(ReadFile(out), std::regex("\"chunks_copied\":\"[1-9]"));
  }
  ASSERT_TRUE(copied) << ReadFile(out) << ReadFile(dir_.Sub("migrate.err"));
  ::kill(server_pid_, SIGKILL);
  hoso::testing::WaitFor(server_pid_);
  server_pid_ = -1;
  EXPECT_NE(hoso::testing::WaitFor(client), 0);
  EXPECT_EQ(ReadFile(out).find("\"phase\":\"done\""), std::string::npos)
      << "the migration finished before hosod was killed: make the files bigger";

  server_args_ = S3Flags();
  StartServer();  // both stores open: everything is served
  ExpectAllDownloadable();
  UploadOne(2, 60);
  CommandResult resumed = Migrate(url_);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("\"phase\":\"done\""), std::string::npos) << resumed.out;
  ExpectAllDownloadable();
  StopServer();
  StartServer();
  ExpectAllDownloadable();
}

TEST_F(MigrateContentE2ETest, S3BackToPacks) {
  StopServer();
  std::filesystem::remove_all(data_);
  server_args_ = S3Flags();
  StartServer();
  ASSERT_EQ(Hoso({"school", "add", "LQD", "--name", "Trường Tiểu học Lê Quý Đôn", "--framework",
                  "tt17-2018"})
                .exit_code,
            0);
  for (int i = 0; i < 4; ++i) UploadOne(2, 70 + i);
  CommandResult moved = Migrate("packs");
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_NE(moved.out.find("\"phase\":\"done\""), std::string::npos) << moved.out;
  StopServer();
  server_args_.clear();
  StartServer();  // on packs now
  ExpectAllDownloadable();
}

TEST_F(MigrateContentE2ETest, OnlyTheServerAdminMigrates) {
  // A school's admin is not the server's.
  ASSERT_EQ(Hoso({"user", "add", "hieu-truong", "--school", "LQD", "--role", "admin"}).exit_code,
            0);
  CommandResult issued = Hoso({"token", "issue", "hieu-truong"});
  ASSERT_EQ(issued.exit_code, 0) << issued.err;
  std::string token = issued.out;
  while (!token.empty() && token.back() == '\n') token.pop_back();
  CommandResult refused =
      HosoWithToken({"admin", "migrate-content", url_, "--s3-endpoint", target_.endpoint}, token);
  EXPECT_EQ(refused.exit_code, 4) << refused.err;
}

}  // namespace
}  // namespace hoso
