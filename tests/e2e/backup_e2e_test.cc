// Online backup and restore with the real binaries: a backup taken while
// uploads run restores, on a new data directory, to a server whose listings,
// codes and bytes match what was acknowledged before the backup began.
#include <atomic>
#include <thread>

#include "tests/support/hosod_fixture.h"

namespace hoso {
namespace {

class BackupTest : public HosodTest {
 protected:
  // Starts hosod restoring `backup` into a new data dir; returns its address.
  std::string StartRestored(const std::string& backup, const std::string& data) {
    restored_pid_ = hoso::testing::Spawn(
        {HOSOD_PATH, "--restore-from", backup, "--data", data, "--listen", "127.0.0.1:0"}, {},
        dir_.Sub("restored.out"), dir_.Sub("restored.err"));
    for (int i = 0; i < 400 && !std::filesystem::exists(data + "/hosod.addr"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::string address = ReadFile(data + "/hosod.addr");
    EXPECT_FALSE(address.empty()) << ReadFile(dir_.Sub("restored.err"));
    if (!address.empty()) address.pop_back();
    restored_token_ = ReadFile(data + "/admin.token");
    if (!restored_token_.empty()) restored_token_.pop_back();
    return address;
  }
  void StopRestored() {
    if (restored_pid_ <= 0) return;
    ::kill(restored_pid_, SIGTERM);
    EXPECT_EQ(hoso::testing::WaitFor(restored_pid_), 0) << ReadFile(dir_.Sub("restored.err"));
    restored_pid_ = -1;
  }
  void TearDown() override {
    StopRestored();
    HosodTest::TearDown();
  }
  CommandResult Restored(const std::string& address, std::vector<std::string> args) {
    args.insert(args.begin(), HOSO_PATH);
    auto env = ClientEnv(restored_token_);
    env["HOSO_SERVER"] = address;
    return hoso::testing::Run(args, env);
  }

  pid_t restored_pid_ = -1;
  std::string restored_token_;
};

TEST_F(BackupTest, BackupDuringUploadsRestoresWhatWasAcknowledgedBefore) {
  std::vector<std::pair<std::string, std::string>> before;  // id, bytes
  for (int i = 0; i < 4; ++i) {
    const std::string path = dir_.Sub("truoc-" + std::to_string(i) + ".pdf");
    WriteFile(path, RandomBytes((i + 1) * 700 * 1024, 100 + i));
    before.push_back({Upload(path, "Biên bản " + std::to_string(i)), ReadFile(path)});
  }
  const std::string listing_before = Hoso({"ls", "--school", "LQD"}).out;

  // Uploads keep coming while the backup runs.
  std::atomic<bool> stop{false};
  std::atomic<int> during{0};
  std::thread uploader([&] {
    for (int i = 0; !stop; ++i) {
      const std::string path = dir_.Sub("trong-" + std::to_string(i) + ".jpg");
      WriteFile(path, RandomBytes(300 * 1024, 500 + i));
      if (Hoso({"upload", "--school", "LQD", "--criterion", "2.1", "--title",
                "Ảnh " + std::to_string(i), path})
              .exit_code == 0) {
        ++during;
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::string backup = dir_.Sub("sao-luu");
  CommandResult first = Hoso({"--json", "admin", "backup", backup});
  stop = true;
  uploader.join();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_GT(during.load(), 0);

  // A repeat copies only what was appended since.
  CommandResult second = Hoso({"--json", "admin", "backup", backup});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  std::smatch total, copied;
  ASSERT_TRUE(std::regex_search(second.out, total, std::regex("\"pack_bytes\":\"([0-9]+)\"")))
      << second.out;
  ASSERT_TRUE(
      std::regex_search(second.out, copied, std::regex("\"pack_bytes_copied\":\"([0-9]+)\"")));
  EXPECT_LT(std::stoull(copied[1].str()), std::stoull(total[1].str()) / 10) << second.out;

  const std::string address = StartRestored(backup, dir_.Sub("khoi-phuc"));
  const std::string listing_after = Restored(address, {"ls", "--school", "LQD"}).out;
  for (const auto& [id, bytes] : before) {
    const std::string out = dir_.Sub("tai-ve-" + id);
    CommandResult got = Restored(address, {"get", id, "--school", "LQD", "-o", out});
    ASSERT_EQ(got.exit_code, 0) << got.err;
    for (const auto& file : std::filesystem::directory_iterator(out)) {
      EXPECT_EQ(ReadFile(file.path().string()), bytes) << "item " << id;
    }
  }
  // Every line of the listing before the backup is in the restored listing.
  std::istringstream lines(listing_before);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("[H1-1.1-") == std::string::npos) continue;
    EXPECT_NE(listing_after.find(line), std::string::npos) << line << "\nin\n" << listing_after;
  }
  CommandResult fsck = Restored(address, {"admin", "fsck"});
  EXPECT_EQ(fsck.exit_code, 0) << fsck.out << fsck.err;
  CommandResult audit = Restored(address, {"audit", "verify"});
  EXPECT_EQ(audit.exit_code, 0) << audit.out;
}

TEST_F(BackupTest, RestoreRefusesADataDirectoryInUseAndBackupsOfAnotherServer) {
  const std::string backup = dir_.Sub("sao-luu");
  ASSERT_EQ(Hoso({"admin", "backup", backup}).exit_code, 0);
  CommandResult onto = hoso::testing::Run(
      {HOSOD_PATH, "--restore-from", backup, "--data", data_, "--listen", "127.0.0.1:0"});
  EXPECT_EQ(onto.exit_code, 1);
  EXPECT_NE(onto.err.find("holds a database already"), std::string::npos) << onto.err;

  // A second server may not write into the first one's backup.
  const std::string address = StartRestored(backup, dir_.Sub("khac"));
  StopRestored();
  const std::string other = dir_.Sub("other-data");
  const pid_t pid = hoso::testing::Spawn({HOSOD_PATH, "--data", other, "--listen", "127.0.0.1:0"},
                                         {}, dir_.Sub("o.out"), dir_.Sub("o.err"));
  for (int i = 0; i < 200 && !std::filesystem::exists(other + "/hosod.addr"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::string other_address = ReadFile(other + "/hosod.addr");
  other_address.pop_back();
  std::string other_token = ReadFile(other + "/admin.token");
  other_token.pop_back();
  auto env = ClientEnv(other_token);
  env["HOSO_SERVER"] = other_address;
  CommandResult mixed = hoso::testing::Run({HOSO_PATH, "admin", "backup", backup}, env);
  EXPECT_EQ(mixed.exit_code, 5);
  EXPECT_NE(mixed.err.find("holds the backup of another hosod data directory"), std::string::npos)
      << mixed.err;
  ::kill(pid, SIGTERM);
  hoso::testing::WaitFor(pid);
  EXPECT_FALSE(address.empty());
}

}  // namespace
}  // namespace hoso
