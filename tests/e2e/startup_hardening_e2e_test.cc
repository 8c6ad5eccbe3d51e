// Start-up on a bad day, with the real binaries: a damaged index log, an
// index rolled back under its audit anchor, pack files without an index,
// backups cut short, and idle streams held open. hosod refuses with a clear
// message (or serves only on an explicit flag) instead of serving less than
// it acknowledged.
#include <sys/wait.h>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <optional>
#include <thread>

#include "storage/base/sha256.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/rpc_client.h"

namespace hoso {
namespace {

namespace fs = std::filesystem;

class StartupTest : public HosodTest {
 protected:
  // Runs hosod on `data` with `flags` and expects it to refuse to start:
  // returns its stderr. Fails (and stops it) if it serves instead.
  std::string ExpectRefusal(const std::string& data, std::vector<std::string> flags) {
    std::error_code ec;
    fs::remove(data + "/hosod.addr", ec);
    std::vector<std::string> argv = {HOSOD_PATH, "--data", data, "--listen", "127.0.0.1:0"};
    argv.insert(argv.end(), flags.begin(), flags.end());
    const std::string err = dir_.Sub("refused.err");
    const pid_t pid = hoso::testing::Spawn(argv, {}, dir_.Sub("refused.out"), err);
    int status = 0;
    for (int i = 0; i < 400; ++i) {
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << ReadFile(err);
        return ReadFile(err);
      }
      if (fs::exists(data + "/hosod.addr")) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(pid, SIGKILL);
    hoso::testing::WaitFor(pid);
    ADD_FAILURE() << "hosod served " << data << " instead of refusing:\n" << ReadFile(err);
    return "";
  }
  // hosod again on the same data, with `flags` (StopServer first if it runs).
  void RestartWith(std::vector<std::string> flags) {
    StopServer();
    server_args_ = std::move(flags);
    StartServer();
  }
  void Kill() {
    ::kill(server_pid_, SIGKILL);
    hoso::testing::WaitFor(server_pid_);
    server_pid_ = -1;
  }
  int Items() {
    CommandResult ls = Hoso({"--json", "ls", "--school", "LQD"});
    int n = 0;
    for (size_t at = 0; (at = ls.out.find("\"code\"", at)) != std::string::npos; ++at) ++n;
    return n;
  }
  void UploadMany(int n, const std::string& prefix) {
    for (int i = 0; i < n; ++i) {
      const std::string path = dir_.Sub(prefix + std::to_string(i) + ".pdf");
      WriteFile(path, "Biên bản " + prefix + std::to_string(i));
      ASSERT_FALSE(Upload(path, "Biên bản " + prefix + std::to_string(i)).empty());
    }
  }
  std::string NewestLog() const {
    std::string newest;
    for (const auto& e : fs::directory_iterator(data_ + "/db")) {
      const std::string name = e.path().filename().string();
      if (e.path().extension() == ".log" && (newest.empty() || name > newest)) newest = name;
    }
    return newest.empty() ? "" : data_ + "/db/" + newest;
  }
};

TEST_F(StartupTest, FlippedWalByteStopsStart) {
  UploadMany(30, "tuan-");
  ASSERT_EQ(Items(), 30);
  Kill();  // no clean shutdown: the acknowledged items are in the log only
  const std::string log = NewestLog();
  ASSERT_FALSE(log.empty());
  const uint64_t size = fs::file_size(log);
  {
    std::fstream f(log, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(size / 2));
    const char c = static_cast<char>(f.get());
    f.seekp(static_cast<std::streamoff>(size / 2));
    f.put(static_cast<char>(c ^ 0x01));
  }
  const std::string err = ExpectRefusal(data_, {});
  EXPECT_NE(err.find("is damaged"), std::string::npos) << err;
  EXPECT_NE(err.find("--restore-from"), std::string::npos) << err;
  EXPECT_NE(err.find("--accept-index-rollback"), std::string::npos) << err;

  // The operator's explicit word: serve what is left, the loss on record.
  RestartWith({"--accept-index-rollback"});
  const int left = Items();
  EXPECT_LT(left, 30);
  CommandResult audit = Hoso({"audit", "ls"});
  EXPECT_NE(audit.out.find("index.rollback"), std::string::npos) << audit.out;
  EXPECT_EQ(Hoso({"audit", "verify"}).exit_code, 0);

  // Once is enough: the next start needs no flag and serves the same.
  RestartWith({});
  EXPECT_EQ(Items(), left);
}

TEST_F(StartupTest, IndexRolledBackUnderItsAnchorRefusesToStart) {
  UploadMany(2, "cu-");
  StopServer();
  fs::copy(data_ + "/db", dir_.Sub("db-cu"), fs::copy_options::recursive);
  StartServer();
  UploadMany(3, "moi-");
  StopServer();
  fs::remove_all(data_ + "/db");
  fs::rename(dir_.Sub("db-cu"), data_ + "/db");

  const std::string err = ExpectRefusal(data_, {});
  EXPECT_NE(err.find("the index was rolled back"), std::string::npos) << err;
  EXPECT_NE(err.find("audit.anchor"), std::string::npos) << err;

  RestartWith({"--accept-index-rollback"});
  EXPECT_EQ(Items(), 2);
  CommandResult audit = Hoso({"audit", "ls"});
  EXPECT_NE(audit.out.find("index.rollback"), std::string::npos) << audit.out;
}

TEST_F(StartupTest, PacksWithoutIndexRefuseToStart) {
  UploadMany(2, "goi-");
  const std::string token = ReadFile(data_ + "/admin.token");
  StopServer();
  fs::remove_all(data_ + "/db");

  const std::string err = ExpectRefusal(data_, {});
  EXPECT_NE(err.find("/db is missing, but"), std::string::npos) << err;
  EXPECT_NE(err.find("pack file(s)"), std::string::npos) << err;
  EXPECT_NE(err.find("--allow-empty-index"), std::string::npos) << err;
  EXPECT_EQ(ReadFile(data_ + "/admin.token"), token) << "a new admin token was issued";
  EXPECT_FALSE(fs::exists(data_ + "/db/CURRENT")) << "an empty index was created";

  RestartWith({"--allow-empty-index"});  // a new admin token for the new index
  EXPECT_NE(ReadFile(data_ + "/admin.token"), token);
  CommandResult audit = Hoso({"audit", "ls"});
  EXPECT_NE(audit.out.find("index.rollback"), std::string::npos) << audit.out;
}

// Flips one byte of `needle`'s first occurrence in the pack files of `packs`.
bool FlipInPacks(const std::string& packs, const std::string& needle) {
  for (const auto& e : fs::directory_iterator(packs)) {
    std::string bytes = ReadFile(e.path());
    const size_t at = bytes.find(needle);
    if (at == std::string::npos) continue;
    bytes[at + 7] ^= 0x20;
    WriteFile(e.path(), bytes);
    return true;
  }
  return false;
}

class BackupRestoreTest : public StartupTest {
 protected:
  // Uploads one 1 MiB file; returns its bytes.
  std::string UploadData(uint32_t seed) {
    const std::string path = dir_.Sub("anh-" + std::to_string(seed) + ".jpg");
    WriteFile(path, RandomBytes(1 << 20, seed));
    EXPECT_FALSE(Upload(path, "Ảnh " + std::to_string(seed)).empty());
    return ReadFile(path);
  }
  std::string Backup(const std::string& name) {
    const std::string backup = dir_.Sub(name);
    CommandResult made = Hoso({"admin", "backup", backup});
    EXPECT_EQ(made.exit_code, 0) << made.err;
    return backup;
  }
  // hosod restoring `backup` into `restored`, once it listens; returns its pid.
  pid_t StartRestored(const std::string& backup, const std::string& restored) {
    const pid_t pid = hoso::testing::Spawn(
        {HOSOD_PATH, "--restore-from", backup, "--data", restored, "--listen", "127.0.0.1:0"}, {},
        dir_.Sub("restored.out"), dir_.Sub("restored.err"));
    for (int i = 0; i < 400 && !fs::exists(restored + "/hosod.addr"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return pid;
  }
  std::string OnlyPack(const std::string& dir) {
    std::string pack;
    for (const auto& e : fs::directory_iterator(dir)) pack = e.path().string();
    return pack;
  }
};

TEST_F(BackupRestoreTest, IncompleteBackupIsRefusedOnRestore) {
  UploadData(1);
  UploadData(2);
  // A first backup killed while it copied the packs: the index is there,
  // half a pack, and no manifest (it is written last).
  const std::string cut = Backup("cat-ngang");
  fs::remove(cut + "/MANIFEST");
  const std::string pack = OnlyPack(cut + "/packs");
  fs::resize_file(pack, fs::file_size(pack) / 2);
  std::string err = ExpectRefusal(dir_.Sub("khoi-phuc"), {"--restore-from", cut});
  EXPECT_NE(err.find("is incomplete: it has no MANIFEST"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(dir_.Sub("khoi-phuc/db"))) << "an index was restored";

  // A finished backup whose pack lost its end afterwards: restore names it.
  const std::string done = Backup("sao-luu");
  const std::string done_pack = OnlyPack(done + "/packs");
  fs::resize_file(done_pack, fs::file_size(done_pack) / 2);
  err = ExpectRefusal(dir_.Sub("khoi-phuc-2"), {"--restore-from", done});
  EXPECT_NE(err.find("is incomplete; missing: packs/" + fs::path(done_pack).filename().string() +
                     " holds 1.0 MiB of"),
            std::string::npos)
      << err;
  EXPECT_FALSE(fs::exists(dir_.Sub("khoi-phuc-2/db")));
}

TEST_F(BackupRestoreTest, ABackupCutShortLeavesTheLastFinishedOneRestorable) {
  UploadData(6);
  const std::string backup = Backup("sao-luu");
  const std::string finished = ReadFile(backup + "/MANIFEST");
  UploadData(7);
  // The next run copied its index and the packs' new bytes, then died
  // before its manifest: the directory is as the first run left it, plus that.
  ASSERT_EQ(Hoso({"admin", "backup", backup}).exit_code, 0);
  WriteFile(backup + "/MANIFEST", finished);

  const std::string restored = dir_.Sub("khoi-phuc");
  const pid_t pid = StartRestored(backup, restored);
  std::string address = ReadFile(restored + "/hosod.addr");
  ASSERT_FALSE(address.empty()) << ReadFile(dir_.Sub("restored.err"));
  address.pop_back();
  std::string token = ReadFile(restored + "/admin.token");
  token.pop_back();
  auto env = ClientEnv(token);
  env["HOSO_SERVER"] = address;
  CommandResult ls = hoso::testing::Run({HOSO_PATH, "ls", "--school", "LQD"}, env);
  EXPECT_NE(ls.out.find("1 item(s)"), std::string::npos) << ls.out;
  ::kill(pid, SIGTERM);
  EXPECT_EQ(hoso::testing::WaitFor(pid), 0);
}

TEST_F(BackupRestoreTest, CompleteBackupRestoresAndRunsFsck) {
  const std::string bytes = UploadData(3);
  const std::string backup = Backup("sao-luu");
  UploadData(4);
  ASSERT_EQ(Hoso({"admin", "backup", backup}).exit_code, 0);  // a repeat: the manifest grows

  const std::string restored = dir_.Sub("khoi-phuc");
  const pid_t pid = StartRestored(backup, restored);
  ::kill(pid, SIGTERM);
  EXPECT_EQ(hoso::testing::WaitFor(pid), 0);
  const std::string log = ReadFile(dir_.Sub("restored.err"));
  EXPECT_NE(log.find("fsck: 2 contents"), std::string::npos) << log;
  EXPECT_NE(log.find("clean"), std::string::npos) << log;
  EXPECT_LT(log.find("fsck: 2 contents"), log.find("hosod listening")) << log;

  // A byte flipped in the backup's copy of a pack: the manifest's hash says so.
  ASSERT_TRUE(FlipInPacks(backup + "/packs", bytes.substr(500000, 64)));
  std::string err = ExpectRefusal(dir_.Sub("khoi-phuc-2"), {"--restore-from", backup});
  EXPECT_NE(err.find("differ from what its MANIFEST recorded"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(dir_.Sub("khoi-phuc-2/db"))) << "a half-restored index was left";
}

TEST_F(BackupRestoreTest, ARestoredServerWithDamagedContentDoesNotServe) {
  const std::string bytes = UploadData(5);
  // The damage is in the live data already: the backup copies it faithfully.
  ASSERT_TRUE(FlipInPacks(data_ + "/packs", bytes.substr(300000, 64)));
  const std::string backup = Backup("sao-luu");
  std::string err = ExpectRefusal(dir_.Sub("khoi-phuc"), {"--restore-from", backup});
  EXPECT_NE(err.find("fsck found 1 problem(s)"), std::string::npos) << err;
  EXPECT_NE(err.find("[H1-1.1-01]"), std::string::npos) << err;
}

// One upload stream held open after its header, as a stalled client does.
struct HeldStream {
  std::unique_ptr<grpc::ClientContext> context;
  v1::UploadContentResponse response;
  std::unique_ptr<grpc::ClientWriter<v1::UploadChunk>> writer;
};

TEST_F(StartupTest, IdleStreamsBeyondCapAreRefused) {
  RestartWith({"--idle-stream-after", "1", "--max-idle-streams", "4", "--max-idle-streams-per-user",
               "3", "--idle-timeout", "60"});
  ASSERT_EQ(Hoso({"user", "add", "lan", "--school", "LQD", "--role", "teacher"}).exit_code, 0);
  CommandResult issued = Hoso({"token", "issue", "lan"});
  hoso::testing::RpcClient admin(address_, token_);
  hoso::testing::RpcClient lan(address_, issued.out.substr(0, issued.out.find('\n')));

  // Both channels connected first, so on a loaded machine lan's streams do
  // not start so late that they never turn idle before the deadline.
  for (hoso::testing::RpcClient* as : {&admin, &lan}) {
    v1::ListSchoolsResponse schools;
    ASSERT_TRUE(as->schools->ListSchools(as->Context().get(), {}, &schools).ok());
  }
  // admin holds 5 streams (2 beyond their own cap), lan 3: 6 left, 2 beyond the server's.
  // No deadline decides what was kept: on a loaded machine a stream may
  // start late. The test waits for the four refusals, then for a few more
  // sweeps of the watchdog (every 0.5 s) in which nothing more may be
  // refused, and cancels what is left: those are the kept ones.
  std::vector<HeldStream> held(8);
  for (size_t i = 0; i < held.size(); ++i) {
    hoso::testing::RpcClient& as = i < 5 ? admin : lan;
    held[i].context = as.Context();
    held[i].context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
    held[i].writer = as.content->UploadContent(held[i].context.get(), &held[i].response);
    v1::UploadChunk header;
    header.mutable_header()->set_sha256(ToHex(Sha256Of("luong " + std::to_string(i))));
    header.mutable_header()->set_size(1 << 20);
    ASSERT_TRUE(held[i].writer->Write(header));
  }
  std::mutex mu;
  std::condition_variable ended_cv;
  std::vector<std::optional<grpc::Status>> ended(held.size());
  size_t refused = 0;
  std::vector<std::thread> finishers;
  for (size_t i = 0; i < held.size(); ++i) {
    finishers.emplace_back([&, i] {
      grpc::Status status = held[i].writer->Finish();
      std::lock_guard<std::mutex> lock(mu);
      if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) ++refused;
      ended[i] = std::move(status);
      ended_cv.notify_all();
    });
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    EXPECT_TRUE(ended_cv.wait_for(lock, std::chrono::seconds(90), [&] { return refused >= 4; }))
        << refused << " idle streams refused, 4 expected";
    // Five sweeps with every stream idle: none more is refused.
    ended_cv.wait_for(lock, std::chrono::milliseconds(2500), [&] { return refused > 4; });
  }
  for (HeldStream& h : held) h.context->TryCancel();
  for (std::thread& t : finishers) t.join();
  int per_user = 0, per_server = 0, kept = 0;
  for (const std::optional<grpc::Status>& status : ended) {
    ASSERT_TRUE(status.has_value());
    if (status->error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
      const std::string& message = status->error_message();
      if (message.find("admin đang giữ quá nhiều luồng truyền không hoạt động (tối đa 3") == 0) {
        ++per_user;
      } else if (message.find("máy chủ đang giữ quá nhiều luồng truyền không hoạt động (tối đa "
                              "4)") == 0) {
        ++per_server;
      } else {
        ADD_FAILURE() << message;
      }
    } else {
      EXPECT_EQ(status->error_code(), grpc::StatusCode::CANCELLED) << status->error_message();
      ++kept;
    }
  }
  EXPECT_EQ(per_user, 2);
  EXPECT_EQ(per_server, 2);
  EXPECT_EQ(kept, 4);
  EXPECT_EQ(Hoso({"whoami"}).exit_code, 0);  // the server goes on
}

}  // namespace
}  // namespace hoso
