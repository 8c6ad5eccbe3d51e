// hosod's --content and --s3-* flags: what it refuses before touching any
// store, in words that say what to fix (no cluster needed).
#include <sys/stat.h>

#include "tests/support/hosod_fixture.h"

namespace hoso {
namespace {

class ContentFlagsTest : public ::testing::Test {
 protected:
  // hosod with `flags`; it must refuse to start.
  CommandResult Refused(std::vector<std::string> flags, const hoso::testing::Env& env = {}) {
    std::vector<std::string> argv = {HOSOD_PATH, "--data", dir_.Sub("data"), "--listen",
                                     "127.0.0.1:0"};
    argv.insert(argv.end(), flags.begin(), flags.end());
    CommandResult r = hoso::testing::Run(argv, env);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("hosod cannot start"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir_.Sub("data/hosod.addr")));
    return r;
  }
  hoso::testing::TempDir dir_;
};

TEST_F(ContentFlagsTest, ABadUrlIsRefused) {
  EXPECT_NE(Refused({"--content", "ftp://bucket"}).err.find("give packs or s3://BUCKET"),
            std::string::npos);
  EXPECT_NE(Refused({"--content", "s3://B_"}).err.find("bucket"), std::string::npos);
  EXPECT_NE(Refused({"--content", "s3://hoso-evidence"}).err.find("needs --s3-endpoint"),
            std::string::npos);
  EXPECT_NE(Refused({"--content", "s3://hoso-evidence", "--s3-endpoint", "127.0.0.1:7480"})
                .err.find("http:// or https://"),
            std::string::npos);
  EXPECT_NE(Refused({"--s3-endpoint", "http://127.0.0.1:7480"}).err.find("need --content s3://"),
            std::string::npos);
}

TEST_F(ContentFlagsTest, AKeyOnTheCommandLineIsRefusedAndNotRepeated) {
  for (const char* flag : {"--s3-secret-key", "--s3-access-key", "--aws-secret-access-key"}) {
    CommandResult r = Refused({"--content", "s3://hoso-evidence", "--s3-endpoint",
                               "http://127.0.0.1:7480", flag, "hoso-sekrit-value"});
    EXPECT_NE(r.err.find("takes no key on the command line"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("hoso-sekrit-value"), std::string::npos) << "the key was repeated";
  }
  CommandResult url = Refused(
      {"--content", "s3://hoso-evidence", "--s3-endpoint", "http://AK:hoso-sekrit@127.0.0.1:7480"});
  EXPECT_NE(url.err.find("keys do not go into a URL"), std::string::npos) << url.err;
  EXPECT_EQ(url.err.find("hoso-sekrit"), std::string::npos) << "the key was repeated";
}

TEST_F(ContentFlagsTest, MissingOrExposedCredentialsAreRefused) {
  const std::vector<std::string> s3 = {"--content", "s3://hoso-evidence", "--s3-endpoint",
                                       "http://127.0.0.1:1"};
  CommandResult none = Refused(s3, {{"AWS_ACCESS_KEY_ID", ""}, {"AWS_SECRET_ACCESS_KEY", ""}});
  EXPECT_NE(none.err.find("AWS_ACCESS_KEY_ID"), std::string::npos) << none.err;
  const std::string file = dir_.Sub("credentials");
  WriteFile(file, "[default]\naws_access_key_id = AK\naws_secret_access_key = hoso-sekrit\n");
  ::chmod(file.c_str(), 0644);
  std::vector<std::string> with_file = s3;
  with_file.insert(with_file.end(), {"--s3-credentials", file});
  CommandResult exposed = Refused(with_file);
  EXPECT_EQ(exposed.err.find("hoso-sekrit"), std::string::npos) << exposed.err;
  EXPECT_NE(exposed.err.find(file), std::string::npos) << exposed.err;
}

}  // namespace
}  // namespace hoso
