// hoso admin fsck against damage done behind the server's back.
#include <filesystem>

#include "storage/base/sha256.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "tests/support/health_check.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/status_matchers.h"

namespace hoso {
namespace {

using FsckTest = HosodTest;

// Flips one byte of `needle`'s first occurrence in the pack files.
bool FlipInPacks(const std::string& packs, const std::string& needle) {
  for (const auto& e : std::filesystem::directory_iterator(packs)) {
    std::string bytes = ReadFile(e.path());
    const size_t at = bytes.find(needle);
    if (at == std::string::npos) continue;
    bytes[at + 7] ^= 0x20;
    WriteFile(e.path(), bytes);
    return true;
  }
  return false;
}

TEST_F(FsckTest, TheScrubFindsRotInTheBackgroundAndSaysSoInHealthAndLog) {
  const std::string a = RandomBytes(2 << 20, 31);
  WriteFile(dir_.Sub("a.jpg"), a);
  ASSERT_EQ(
      Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title", "Ảnh", dir_.Sub("a.jpg")})
          .exit_code,
      0);
  EXPECT_EQ(HealthOf(address_, "hoso.v1.integrity"), 1);
  StopServer();
  ASSERT_TRUE(FlipInPacks(data_ + "/packs", a.substr(1500000, 64)));
  server_args_ = {"--scrub-rate", "64M"};
  StartServer();
  int health = 1;
  for (int i = 0; i < 100 && health == 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    health = HealthOf(address_, "hoso.v1.integrity");
  }
  EXPECT_EQ(health, 2) << "the scrub did not report the damage";
  EXPECT_EQ(HealthOf(address_, ""), 1) << "the server as a whole keeps serving";
  EXPECT_NE(ReadFile(dir_.Sub("hosod.err"))
                .find("scrub: content " + ToHex(Sha256Of(a)) + " failed its check"),
            std::string::npos)
      << ReadFile(dir_.Sub("hosod.err"));
}

TEST_F(FsckTest, FindsFlippedBytesAndMissingContentByEvidenceCode) {
  const std::string a = RandomBytes(2 << 20, 11), b = RandomBytes(1 << 20, 12);
  WriteFile(dir_.Sub("a.jpg"), a);
  WriteFile(dir_.Sub("b.pdf"), b);
  ASSERT_EQ(
      Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title", "Ảnh", dir_.Sub("a.jpg")})
          .exit_code,
      0);
  ASSERT_EQ(Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title", "Báo cáo",
                  dir_.Sub("b.pdf")})
                .exit_code,
            0);
  CommandResult clean = Hoso({"admin", "fsck"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out;
  EXPECT_NE(clean.out.find("checked 2 content object(s)"), std::string::npos) << clean.out;
  EXPECT_NE(clean.out.find("clean"), std::string::npos);

  StopServer();
  // Flip a byte of the first file inside its pack file.
  bool flipped = false;
  for (const auto& e : std::filesystem::directory_iterator(data_ + "/packs")) {
    std::string bytes = ReadFile(e.path());
    const size_t at = bytes.find(a.substr(100000, 64));
    if (at == std::string::npos) continue;
    bytes[at + 7] ^= 0x20;
    WriteFile(e.path(), bytes);
    flipped = true;
  }
  ASSERT_TRUE(flipped);
  // Delete the second file's content record.
  {
    auto db = storage::Database::Open(data_ + "/db", {});
    ASSERT_OK(db);
    ASSERT_TRUE((*db)
                    ->Delete(storage::keys::Content(DigestBytes(Sha256Of(b))),
                             storage::Durability::kBuffered, "tampering")
                    .ok());
  }
  StartServer();
  CommandResult damaged = Hoso({"admin", "fsck"});
  EXPECT_EQ(damaged.exit_code, 7) << damaged.out;
  EXPECT_NE(damaged.out.find("corrupt content " + ToHex(Sha256Of(a))), std::string::npos)
      << damaged.out;
  EXPECT_NE(damaged.out.find("affects LQD [H1-1.1-01] (a.jpg)"), std::string::npos) << damaged.out;
  EXPECT_NE(damaged.out.find("missing content " + ToHex(Sha256Of(b))), std::string::npos);
  EXPECT_NE(damaged.out.find("affects LQD [H1-1.1-02] (b.pdf)"), std::string::npos);
  // Downloads of the damaged items fail loudly instead of serving wrong bytes.
  CommandResult get = Hoso({"get", "H1-1.1-01", "--school", "LQD", "-o", dir_.Sub("out")});
  EXPECT_EQ(get.exit_code, 7) << get.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("out/a.jpg")));
  EXPECT_NE(Hoso({"get", "H1-1.1-02", "--school", "LQD", "-o", dir_.Sub("out")}).exit_code, 0);

  // --repair: quarantine, mark the items, delete no evidence.
  CommandResult repaired = Hoso({"admin", "fsck", "--repair"});
  EXPECT_EQ(repaired.exit_code, 7) << "data is still lost; the exit status must say so";
  EXPECT_NE(repaired.out.find("repaired: quarantined; 1 item(s) marked damaged"), std::string::npos)
      << repaired.out;
  EXPECT_NE(repaired.out.find("repaired: 1 item(s) marked damaged"), std::string::npos)
      << repaired.out;
  CommandResult listed = Hoso({"ls", "--school", "LQD"});
  EXPECT_NE(listed.out.find("Ảnh (DAMAGED)"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("Báo cáo (DAMAGED)"), std::string::npos) << listed.out;
  CommandResult shown = Hoso({"show", "H1-1.1-01", "--school", "LQD"});
  EXPECT_NE(
      shown.out.find("DAMAGED a.jpg: its stored bytes failed their check and were quarantined"),
      std::string::npos)
      << shown.out;
  CommandResult quarantined = Hoso({"get", "H1-1.1-01", "--school", "LQD", "-o", dir_.Sub("out")});
  EXPECT_EQ(quarantined.exit_code, 7);
  EXPECT_NE(quarantined.err.find("was quarantined by fsck"), std::string::npos) << quarantined.err;
  CommandResult again = Hoso({"admin", "fsck"});
  EXPECT_NE(again.out.find("quarantined content " + ToHex(Sha256Of(a))), std::string::npos)
      << again.out;

  // The teacher still has the files: uploading them again heals both items.
  ASSERT_EQ(Hoso({"upload", "--school", "LQD", "--criterion", "1.2", "--title", "Bản gửi lại",
                  dir_.Sub("a.jpg"), dir_.Sub("b.pdf")})
                .exit_code,
            0);
  CommandResult healed = Hoso({"admin", "fsck", "--repair"});
  EXPECT_EQ(healed.exit_code, 0) << healed.out;
  EXPECT_NE(healed.out.find("2 item(s) healed"), std::string::npos) << healed.out;
  EXPECT_EQ(Hoso({"ls", "--school", "LQD"}).out.find("DAMAGED"), std::string::npos);
  CommandResult clean_again = Hoso({"admin", "fsck"});
  EXPECT_EQ(clean_again.exit_code, 0) << clean_again.out;
  ASSERT_EQ(Hoso({"get", "H1-1.1-01", "--school", "LQD", "-o", dir_.Sub("healed")}).exit_code, 0);
  EXPECT_EQ(ReadFile(dir_.Sub("healed/a.jpg")), a);
  CommandResult audit = Hoso({"audit", "ls", "--school", "LQD", "--target", "H1-1.1-01"});
  EXPECT_NE(audit.out.find("fsck.heal"), std::string::npos) << audit.out;
}

TEST_F(FsckTest, RepairSetsWrongReferenceCountsRight) {
  const std::string a = RandomBytes(300 << 10, 21);
  WriteFile(dir_.Sub("a.pdf"), a);
  ASSERT_EQ(Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title", "Kế hoạch",
                  dir_.Sub("a.pdf")})
                .exit_code,
            0);
  StopServer();
  {
    auto db = storage::Database::Open(data_ + "/db", {});
    ASSERT_OK(db);
    const std::string key = storage::keys::Content(DigestBytes(Sha256Of(a)));
    auto value = (*db)->Get(key);
    ASSERT_OK(value);
    ASSERT_TRUE(value->has_value());
    storage::ContentRecord record;
    ASSERT_TRUE(record.ParseFromString(**value));
    record.set_refcount(7);
    ASSERT_OK(
        (*db)->Put(key, record.SerializeAsString(), storage::Durability::kBuffered, "tampering"));
  }
  StartServer();
  CommandResult found = Hoso({"admin", "fsck"});
  EXPECT_EQ(found.exit_code, 7);
  EXPECT_NE(found.out.find("recorded 7, named by 1"), std::string::npos) << found.out;
  CommandResult repaired = Hoso({"admin", "fsck", "--repair"});
  EXPECT_EQ(repaired.exit_code, 0) << repaired.out;
  EXPECT_NE(repaired.out.find("repaired: reference count set to 1"), std::string::npos);
  EXPECT_EQ(Hoso({"admin", "fsck"}).exit_code, 0);
}

}  // namespace
}  // namespace hoso
