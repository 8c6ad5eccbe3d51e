// Uploading single files again uses the client's hash cache, as folder
// uploads do (issue 13): an unchanged file is not read to be hashed, a changed
// one (same size, new mtime) is, and --rehash reads everything. The last line
// `hoso upload` writes to stderr counts what it hashed.
#include <sys/time.h>

#include "storage/base/sha256.h"
#include "tests/support/hosod_fixture.h"

namespace hoso {
namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class UploadHashCacheTest : public HosodTest {
 protected:
  CommandResult Upload(const std::string& path, const std::string& title,
                       std::vector<std::string> flags = {}) {
    std::vector<std::string> args = {"--json",      "upload", "--school", "LQD",
                                     "--criterion", "1.1",    "--title",  title};
    args.insert(args.end(), flags.begin(), flags.end());
    args.push_back(path);
    CommandResult r = Hoso(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r;
  }
  // Sets the file's mtime `seconds` after the epoch (its ctime becomes now).
  static void SetMtime(const std::string& path, time_t seconds) {
    const timeval times[2] = {{seconds, 0}, {seconds, 0}};
    ASSERT_EQ(::utimes(path.c_str(), times), 0);
  }
};

TEST_F(UploadHashCacheTest, AnUnchangedFileIsNotHashedAgain) {
  const std::string path = dir_.Sub("Biên bản họp.pdf");
  WriteFile(path, RandomBytes(1 << 20, 1));
  EXPECT_TRUE(Contains(Upload(path, "Biên bản 1").err, "1 hashed, 0 known from the hash cache"));
  CommandResult again = Upload(path, "Biên bản 2");
  EXPECT_TRUE(Contains(again.err, "0 hashed, 1 known from the hash cache")) << again.err;
  EXPECT_TRUE(Contains(again.err, "1 of 1 file(s) were already on the server")) << again.err;
  EXPECT_TRUE(Contains(again.out, ToHex(Sha256Of(ReadFile(path))))) << again.out;
  CommandResult rehashed = Upload(path, "Biên bản 3", {"--rehash"});
  EXPECT_TRUE(Contains(rehashed.err, "1 hashed, 0 known from the hash cache")) << rehashed.err;
}

TEST_F(UploadHashCacheTest, AChangedFileOfTheSameSizeIsHashedAgain) {
  const std::string path = dir_.Sub("Kế hoạch.pdf");
  WriteFile(path, RandomBytes(1 << 20, 2));
  SetMtime(path, 1700000000);
  Upload(path, "Kế hoạch cũ");
  const std::string changed = RandomBytes(1 << 20, 3);
  WriteFile(path, changed);
  SetMtime(path, 1700000100);
  CommandResult r = Upload(path, "Kế hoạch mới");
  EXPECT_TRUE(Contains(r.err, "1 hashed, 0 known from the hash cache")) << r.err;
  EXPECT_TRUE(Contains(r.err, "0 of 1 file(s) were already on the server")) << r.err;
  EXPECT_TRUE(Contains(r.out, ToHex(Sha256Of(changed)))) << r.out;
}

// A file large enough to be hashed while sent the first time: the second
// upload reads nothing to hash it (it was read in full before).
TEST_F(UploadHashCacheTest, ALargeFileHashedWhileSentIsNotHashedAgain) {
  const std::string path = dir_.Sub("Video lễ khai giảng.mp4");
  WriteFile(path, RandomBytes(64 << 20, 4));
  CommandResult first = Upload(path, "Video");
  EXPECT_TRUE(Contains(first.err, "1 hashed, 0 known from the hash cache")) << first.err;
  CommandResult again = Upload(path, "Video lần hai");
  EXPECT_TRUE(Contains(again.err, "0 hashed, 1 known from the hash cache")) << again.err;
  EXPECT_TRUE(Contains(again.err, "sent 0 B of")) << again.err;
  EXPECT_TRUE(Contains(again.out, ToHex(Sha256Of(ReadFile(path))))) << again.out;
}

}  // namespace
}  // namespace hoso
