// hoso admin gc against a real hosod: fsck counts the dead space, a dry run
// says what would go and changes nothing, gc reclaims it, and the files that
// stay download byte-identical; hosod killed during gc loses nothing.
#include <filesystem>
#include <regex>

#include "storage/base/sha256.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/rpc_client.h"
#include "tests/support/status_matchers.h"

namespace hoso {
namespace {

constexpr uint64_t kRecord = (1 << 20) + 4096;  // a 1 MiB chunk as stored in a pack

// The number under `field` in hoso's --json output (uint64 fields are quoted).
uint64_t Number(const std::string& json, const std::string& field) {
  std::smatch m;
  if (!std::regex_search(json, m, std::regex("\"" + field + "\":\"?([0-9]+)"))) return ~0ull;
  return std::stoull(m[1].str());
}

uint64_t PackBytes(const std::string& dir) {
  uint64_t total = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) total += e.file_size();
  return total;
}

class GcTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    StopServer();
    server_args_ = {"--pack-size", "4M"};  // several packs from a few files
    StartServer();
  }
  // An upload whose declared hash is wrong: refused, its chunks dropped.
  void RefusedUpload(size_t size, uint32_t seed) {
    hoso::testing::RpcClient rpc(address_, token_);
    v1::UploadContentResponse response;
    const std::string data = RandomBytes(size, seed);
    EXPECT_FALSE(rpc.Upload(data, ToHex(Sha256Of("something else")), &response).ok());
  }
  // Stored content that no item names.
  void UnlinkedUpload(size_t size, uint32_t seed) {
    hoso::testing::RpcClient rpc(address_, token_);
    v1::UploadContentResponse response;
    const std::string data = RandomBytes(size, seed);
    EXPECT_OK(rpc.Upload(data, ToHex(Sha256Of(data)), &response));
  }
  // `hoso get` checks every file's SHA-256 before it keeps it.
  void ExpectDownloads(const std::string& id, const std::string& name, const std::string& bytes) {
    const std::string out = dir_.Sub("get-" + id);
    std::filesystem::remove_all(out);
    CommandResult get = Hoso({"get", id, "--school", "LQD", "-o", out});
    ASSERT_EQ(get.exit_code, 0) << get.err;
    EXPECT_EQ(ReadFile(out + "/" + name), bytes);
  }
};

TEST_F(GcTest, DryRunReportsGcReclaimsFsckCountsDeadSpace) {
  const std::string kept = RandomBytes(3 << 20, 1);
  WriteFile(dir_.Sub("kept.jpg"), kept);
  const std::string id = Upload(dir_.Sub("kept.jpg"), "Ảnh giữ lại");
  RefusedUpload(6 << 20, 2);  // six dead chunk records
  UnlinkedUpload(2 << 20, 3);
  const std::string kept2 = RandomBytes(1 << 20, 4);
  WriteFile(dir_.Sub("kept2.pdf"), kept2);
  const std::string id2 = Upload(dir_.Sub("kept2.pdf"), "Biên bản");

  CommandResult fsck = Hoso({"--json", "admin", "fsck"});
  ASSERT_EQ(fsck.exit_code, 0) << fsck.out << fsck.err;
  EXPECT_EQ(Number(fsck.out, "dead_bytes"), 6 * kRecord) << fsck.out;
  const uint64_t pack_bytes = Number(fsck.out, "pack_bytes");
  EXPECT_EQ(pack_bytes, PackBytes(data_ + "/packs"));
  CommandResult text = Hoso({"admin", "fsck"});
  EXPECT_NE(text.out.find("dung lượng chết (dead space): 6."), std::string::npos) << text.out;

  CommandResult dry = Hoso({"--json", "admin", "gc", "--dry-run", "--min-age-days", "0"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(Number(dry.out, "unlinked_contents"), 1u) << dry.out;
  EXPECT_EQ(Number(dry.out, "unlinked_bytes"), 2u << 20);
  EXPECT_EQ(Number(dry.out, "dead_bytes_before"), 8 * kRecord) << dry.out;
  EXPECT_GT(Number(dry.out, "packs_repacked"), 0u) << dry.out;
  EXPECT_GT(Number(dry.out, "bytes_reclaimed"), 6 * kRecord) << dry.out;
  CommandResult dry_text = Hoso({"admin", "gc", "--dry-run", "--min-age-days", "0"});
  EXPECT_NE(dry_text.out.find("Chạy thử (dry run)"), std::string::npos) << dry_text.out;
  // Nothing changed.
  fsck = Hoso({"--json", "admin", "fsck"});
  EXPECT_EQ(Number(fsck.out, "dead_bytes"), 6 * kRecord) << fsck.out;
  EXPECT_EQ(PackBytes(data_ + "/packs"), pack_bytes);
  // The default keeps unlinked content for a week.
  CommandResult week = Hoso({"--json", "admin", "gc", "--dry-run"});
  EXPECT_EQ(Number(week.out, "unlinked_contents"), 0u) << week.out;

  CommandResult gc = Hoso({"admin", "gc", "--min-age-days", "0", "--min-dead", "1"});
  ASSERT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  EXPECT_NE(gc.out.find("Đã dọn (gc done)"), std::string::npos) << gc.out;
  EXPECT_NE(gc.out.find("thu hồi (reclaimed)"), std::string::npos) << gc.out;
  EXPECT_LE(PackBytes(data_ + "/packs"), pack_bytes - 8 * kRecord);

  fsck = Hoso({"--json", "admin", "fsck"});
  EXPECT_EQ(fsck.exit_code, 0) << fsck.out;
  EXPECT_EQ(Number(fsck.out, "dead_bytes"), 0u) << fsck.out;
  EXPECT_EQ(fsck.out.find("\"kind\""), std::string::npos) << "fsck found problems: " << fsck.out;
  ExpectDownloads(id, "kept.jpg", kept);
  ExpectDownloads(id2, "kept2.pdf", kept2);
  // And after a restart.
  StopServer();
  StartServer();
  ExpectDownloads(id, "kept.jpg", kept);
  EXPECT_EQ(Hoso({"admin", "fsck"}).exit_code, 0);
}

TEST_F(GcTest, OnlyTheServerAdminMayCollect) {
  ASSERT_EQ(Hoso({"user", "add", "lan", "--school", "LQD", "--role", "admin"}).exit_code, 0);
  CommandResult issued = Hoso({"token", "issue", "lan"});
  ASSERT_EQ(issued.exit_code, 0) << issued.err;
  std::string principal = issued.out.substr(0, issued.out.find('\n'));
  CommandResult gc = HosoWithToken({"admin", "gc", "--dry-run"}, principal);
  EXPECT_EQ(gc.exit_code, 4) << gc.out << gc.err;
}

// hosod killed while gc copies and switches: after a restart every file is
// there and intact, fsck is clean, and the next gc finishes the job.
TEST_F(GcTest, KilledDuringGcLosesNothing) {
  std::vector<std::pair<std::string, std::string>> items;  // id, bytes
  int cut_off = 0;
  for (int round = 0; round < 4; ++round) {
    for (int k = 0; k < 3; ++k) {
      const std::string bytes = RandomBytes((1 + k) << 20, 100 + round * 10 + k);
      const std::string name = "f" + std::to_string(round) + std::to_string(k) + ".jpg";
      WriteFile(dir_.Sub(name), bytes);
      items.push_back({Upload(dir_.Sub(name), "Ảnh " + name), bytes});
    }
    RefusedUpload(8 << 20, 200 + round);
    // gc in its own process; hosod is killed a little later each round.
    const pid_t gc =
        hoso::testing::Spawn({HOSO_PATH, "admin", "gc", "--min-age-days", "0", "--min-dead", "1"},
                             ClientEnv(token_), dir_.Sub("gc.out"), dir_.Sub("gc.err"));
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + 60 * round));
    ::kill(server_pid_, SIGKILL);
    hoso::testing::WaitFor(server_pid_);
    server_pid_ = -1;
    cut_off += hoso::testing::WaitFor(gc) != 0;
    StartServer();
    for (size_t i = 0; i < items.size(); ++i) {
      const std::string name = "f" + std::to_string(i / 3) + std::to_string(i % 3) + ".jpg";
      ExpectDownloads(items[i].first, name, items[i].second);
    }
    CommandResult fsck = Hoso({"admin", "fsck"});
    EXPECT_EQ(fsck.exit_code, 0) << "round " << round << ": " << fsck.out;
  }
  std::printf("gc cut off by the kill in %d of 4 rounds\n", cut_off);
  CommandResult gc = Hoso({"admin", "gc", "--min-age-days", "0", "--min-dead", "1"});
  ASSERT_EQ(gc.exit_code, 0) << gc.err;
  CommandResult fsck = Hoso({"--json", "admin", "fsck"});
  EXPECT_EQ(Number(fsck.out, "dead_bytes"), 0u) << fsck.out;
}

}  // namespace
}  // namespace hoso
