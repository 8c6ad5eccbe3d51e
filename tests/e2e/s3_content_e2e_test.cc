// hosod with --content s3://... against the test cluster's radosgw (label
// ceph): what a person and an operator see, with the store up and down.
#include "storage/base/sha256.h"
#include "tests/e2e/s3_support.h"

namespace hoso {
namespace {

using S3ContentTest = S3HosodTest;

TEST_F(S3ContentTest, LogsWhereTheBytesAreButNoKey) {
  const std::string data = RandomBytes(3 << 20, 7);
  WriteFile(dir_.Sub("plan.pdf"), data);
  const std::string id = Upload(dir_.Sub("plan.pdf"), "Kế hoạch");
  CommandResult got = Hoso({"get", id, "--school", "LQD", "-o", dir_.Sub("out")});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(ReadFile(dir_.Sub("out/plan.pdf")), data);
  const std::string log = ReadFile(dir_.Sub("hosod.err"));
  EXPECT_NE(log.find("content bytes: s3://" + bucket_ +
                     "/ at http://127.0.0.1:" + std::to_string(proxy_->port())),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find(env_.credentials.secret_key), std::string::npos) << "a key in the log";
  EXPECT_EQ(log.find(env_.credentials.access_key), std::string::npos) << "a key in the log";
  EXPECT_FALSE(std::filesystem::exists(data_ + "/packs/pack-00000001.pack"))
      << "the bytes went to pack files";
}

TEST_F(S3ContentTest, RefusesToStartWhenTheStoreRefusesTheKeys) {
  StopServer();
  const std::string wrong = dir_.Sub("wrong-credentials");
  WriteFile(wrong,
            "[default]\naws_access_key_id = HOSOWRONGKEY\naws_secret_access_key = "
            "hoso-wrong-secret-1234567890\n");
  ::chmod(wrong.c_str(), 0600);
  std::vector<std::string> argv = {HOSOD_PATH, "--data", dir_.Sub("other"), "--listen",
                                   "127.0.0.1:0"};
  for (size_t i = 0; i + 1 < content_args_.size(); ++i) {
    if (content_args_[i] == "--s3-credentials") content_args_[i + 1] = wrong;
  }
  argv.insert(argv.end(), content_args_.begin(), content_args_.end());
  CommandResult r = hoso::testing::Run(argv, {});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("hosod cannot start"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("403"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("hoso-wrong-secret"), std::string::npos) << "the secret in the log";
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("other") + "/hosod.addr"));
}

TEST_F(S3ContentTest, HealthShowsWhetherTheStoreAnswers) {
  ASSERT_TRUE(ContentHealthBecomes(1)) << "hoso.content is not SERVING with radosgw up";
  proxy_->Cut();
  ASSERT_TRUE(ContentHealthBecomes(2)) << "hoso.content still SERVING with radosgw cut off";
  EXPECT_EQ(HealthOf(address_, ""), 1) << "the server as a whole keeps serving";
  proxy_->Restore();
  ASSERT_TRUE(ContentHealthBecomes(1)) << "hoso.content not SERVING again after radosgw is back";
  const std::string log = ReadFile(dir_.Sub("hosod.err"));
  EXPECT_NE(log.find("the content store does not answer"), std::string::npos) << log;
  EXPECT_NE(log.find("the content store answers again"), std::string::npos) << log;
}

TEST_F(S3ContentTest, UploadWhileTheStoreIsDownIsUnavailableAndTheSameCommandResumesLater) {
  const std::string data = RandomBytes(5 << 20, 11);
  WriteFile(dir_.Sub("bien-ban.pdf"), data);
  const std::vector<std::string> upload = {
      "upload",   "--school",    "LQD", "--title",
      "Biên bản", "--criterion", "1.1", dir_.Sub("bien-ban.pdf")};
  proxy_->Cut();
  CommandResult down = Hoso(upload);
  EXPECT_EQ(down.exit_code, 6) << down.err;
  EXPECT_NE(down.err.find("Kho lưu trữ tệp của máy chủ đang không trả lời"), std::string::npos)
      << down.err;
  EXPECT_NE(down.err.find("hãy chạy lại lệnh tải lên sau"), std::string::npos) << down.err;
  CommandResult none = Hoso({"--json", "ls", "--school", "LQD"});
  EXPECT_EQ(none.out.find("Biên bản"), std::string::npos) << "an item without its bytes";
  proxy_->Restore();
  CommandResult up = Hoso(upload);
  ASSERT_EQ(up.exit_code, 0) << up.err;
  CommandResult got = Hoso({"get", "1", "--school", "LQD", "-o", dir_.Sub("out")});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(ReadFile(dir_.Sub("out/bien-ban.pdf")), data);
}

TEST_F(S3ContentTest, ContentInTheCacheDownloadsWhileTheStoreIsDownOtherContentIsUnavailable) {
  const std::string fetched = RandomBytes(3 << 20, 21), other = RandomBytes(2 << 20, 22);
  WriteFile(dir_.Sub("fetched.pdf"), fetched);
  WriteFile(dir_.Sub("other.pdf"), other);
  const std::string fetched_id = Upload(dir_.Sub("fetched.pdf"), "Đã tải về");
  const std::string other_id = Upload(dir_.Sub("other.pdf"), "Chưa tải về");
  // A new, empty cache: only what is downloaded now is in it (no scrub
  // re-reading everything into it).
  StopServer();
  server_args_ = {"--s3-cache-dir", dir_.Sub("fresh-cache"), "--scrub-rate", "0"};
  StartServer();
  CommandResult first = Hoso({"get", fetched_id, "--school", "LQD", "-o", dir_.Sub("first")});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  proxy_->Cut();
  CommandResult again = Hoso({"get", fetched_id, "--school", "LQD", "-o", dir_.Sub("again")});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(ReadFile(dir_.Sub("again/fetched.pdf")), fetched);
  CommandResult missing = Hoso({"get", other_id, "--school", "LQD", "-o", dir_.Sub("missing")});
  EXPECT_EQ(missing.exit_code, 6) << missing.err;
  EXPECT_NE(missing.err.find("chưa có trong bộ nhớ đệm"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("missing/other.pdf")));
  proxy_->Restore();
  CommandResult back = Hoso({"get", other_id, "--school", "LQD", "-o", dir_.Sub("back")});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(ReadFile(dir_.Sub("back/other.pdf")), other);
}

}  // namespace
}  // namespace hoso
