// hoso admin fsck against damage done behind the server's back.
#include <filesystem>

#include "storage/database.h"
#include "storage/keys.h"
#include "storage/sha256.h"
#include "tests/hosod_fixture.h"

namespace hoso {
namespace {

using FsckTest = HosodTest;

TEST_F(FsckTest, FindsFlippedBytesAndMissingContentByEvidenceCode) {
  const std::string a = RandomBytes(2 << 20, 11), b = RandomBytes(1 << 20, 12);
  WriteFile(dir_.Sub("a.jpg"), a);
  WriteFile(dir_.Sub("b.pdf"), b);
  ASSERT_EQ(Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title", "Ảnh",
                  dir_.Sub("a.jpg")}).exit_code, 0);
  ASSERT_EQ(Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title", "Báo cáo",
                  dir_.Sub("b.pdf")}).exit_code, 0);
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
    ASSERT_TRUE(db.ok()) << db.status();
    ASSERT_TRUE((*db)->db()
                    ->Delete(rocksdb::WriteOptions(), (*db)->index(),
                             storage::keys::Content(DigestBytes(Sha256Of(b))))
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
}

}  // namespace
}  // namespace hoso
