// The S3 client against the test cluster's radosgw (label ceph): what the
// store checks for us (hashes, If-None-Match) and how failures read.
#include "storage/objects/s3_client.h"

#include <sys/stat.h>

#include <fstream>
#include <set>

#include "gtest/gtest.h"
#include "storage/base/error_reason.h"
#include "tests/storage/s3_cluster.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

using ::hoso::testing::S3Cluster;

class S3ClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HOSO_REQUIRE_S3_CLUSTER(cluster_);
    client_ = std::make_unique<S3Client>(cluster_.target, cluster_.credentials);
    ASSERT_TRUE(client_->CreateBucket().ok());
  }

  absl::Status Put(const std::string& key, const std::string& body, bool if_none_match = false) {
    return client_->PutObject(key, body, Sha256Of(body), Md5Of(body), if_none_match);
  }

  S3Cluster cluster_;
  std::unique_ptr<S3Client> client_;
};

TEST_F(S3ClientTest, RoundTripAndRangedGet) {
  const std::string body = "bằng chứng 0123456789";
  ASSERT_TRUE(Put("dir/a b+c", body).ok());
  auto got = client_->GetObject("dir/a b+c");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, body);
  auto range = client_->GetObject("dir/a b+c", std::make_pair(uint64_t{2}, uint64_t{5}));
  ASSERT_TRUE(range.ok()) << range.status();
  EXPECT_EQ(*range, body.substr(2, 4));
  auto head = client_->HeadObject("dir/a b+c");
  ASSERT_TRUE(head.ok()) << head.status();
  EXPECT_EQ(head->size, body.size());
  EXPECT_FALSE(head->etag.empty());
  EXPECT_FALSE(head->last_modified.empty());
  EXPECT_TRUE(absl::IsNotFound(client_->GetObject("dir/none").status()));
  EXPECT_TRUE(absl::IsNotFound(client_->HeadObject("dir/none").status()));
  ASSERT_TRUE(client_->DeleteObject("dir/a b+c").ok());
  EXPECT_TRUE(absl::IsNotFound(client_->GetObject("dir/a b+c").status()));
  EXPECT_TRUE(client_->DeleteObject("dir/a b+c").ok());  // gone already: fine
}

TEST_F(S3ClientTest, BodyNotMatchingItsHashesIsRefusedByTheStore) {
  const std::string body(100000, 'x');
  const std::string other = body + "y";
  absl::Status wrong_sha = client_->PutObject("k1", body, Sha256Of(other), Md5Of(body), true);
  EXPECT_TRUE(absl::IsDataLoss(wrong_sha)) << wrong_sha;
  absl::Status wrong_md5 = client_->PutObject("k2", body, Sha256Of(body), Md5Of(other), true);
  EXPECT_TRUE(absl::IsDataLoss(wrong_md5)) << wrong_md5;
  EXPECT_TRUE(absl::IsNotFound(client_->HeadObject("k1").status()));
  EXPECT_TRUE(absl::IsNotFound(client_->HeadObject("k2").status()));
}

TEST_F(S3ClientTest, SecondPutWithIfNoneMatchIsRefusedAndKeepsTheFirst) {
  ASSERT_TRUE(Put("once", "first", true).ok());
  absl::Status second = Put("once", "second", true);
  EXPECT_TRUE(absl::IsFailedPrecondition(second)) << second;
  EXPECT_EQ(*client_->GetObject("once"), "first");
}

TEST_F(S3ClientTest, ListsWithContinuationAndDeletesInBulk) {
  std::set<std::string> written;
  for (int i = 0; i < 7; ++i) {
    const std::string key = "p/" + std::to_string(i);
    ASSERT_TRUE(Put(key, "v" + std::to_string(i)).ok());
    written.insert(key);
  }
  ASSERT_TRUE(Put("q/other", "not listed").ok());
  std::vector<std::string> listed;
  std::string token;
  int pages = 0;
  do {
    auto page = client_->ListObjectsV2("p/", token, /*max_keys=*/3);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const S3ListedObject& object : page->objects) {
      listed.push_back(object.key);
      EXPECT_EQ(object.size, 2u);
      EXPECT_FALSE(object.last_modified.empty());
    }
    token = page->next_continuation_token;
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), written);
  EXPECT_TRUE(std::is_sorted(listed.begin(), listed.end()));
  ASSERT_TRUE(client_->DeleteObjects(listed).ok());
  auto after = client_->ListObjectsV2("p/");
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->objects.empty());
  EXPECT_TRUE(client_->HeadObject("q/other").ok());
}

TEST_F(S3ClientTest, WrongSecretIsPermissionDeniedWithoutTheSecret) {
  S3Credentials wrong = cluster_.credentials;
  wrong.secret_key = "Sai-bi-mat-0123456789abcdefghij";
  S3Client client(cluster_.target, wrong);
  absl::Status s = client.PutObject("x", "y", Sha256Of("y"), Md5Of("y"), true);
  EXPECT_TRUE(absl::IsPermissionDenied(s)) << s;
  EXPECT_EQ(ReasonOf(s), reason::kObjectStoreDenied);
  EXPECT_EQ(s.ToString().find(wrong.secret_key), std::string::npos) << s;
  EXPECT_EQ(s.ToString().find(cluster_.credentials.secret_key), std::string::npos) << s;
  EXPECT_TRUE(absl::IsPermissionDenied(client.HeadBucket()));
}

TEST_F(S3ClientTest, ClosedPortIsUnavailable) {
  S3Target dead = cluster_.target;
  dead.endpoint = "http://127.0.0.1:" + std::to_string(::hoso::testing::ClosedPort());
  S3Client client(dead, cluster_.credentials, {.retries = 1});
  absl::Status s = client.PutObject("x", "y", Sha256Of("y"), Md5Of("y"), true);
  EXPECT_TRUE(absl::IsUnavailable(s)) << s;
  EXPECT_EQ(ReasonOf(s), reason::kObjectStoreUnavailable);
  EXPECT_TRUE(absl::IsUnavailable(client.GetObject("x").status()));
  EXPECT_TRUE(absl::IsUnavailable(client.HeadBucket(1)));
}

TEST_F(S3ClientTest, BucketCreatedTwiceVersionedAndMissingOnesNotFound) {
  EXPECT_TRUE(client_->CreateBucket().ok());  // ours already
  EXPECT_TRUE(client_->PutBucketVersioning(true).ok());
  EXPECT_TRUE(client_->HeadBucket().ok());
  S3Target missing = cluster_.target;
  missing.bucket += "-none";
  S3Client other(missing, cluster_.credentials);
  EXPECT_TRUE(absl::IsNotFound(other.HeadBucket()));
  // With versioning, a deleted object's bytes are still there.
  ASSERT_TRUE(Put("v", "kept").ok());
  ASSERT_TRUE(client_->DeleteObject("v").ok());
  EXPECT_TRUE(absl::IsNotFound(client_->GetObject("v").status()));
}

TEST(S3TargetTest, ParsesBucketAndPrefix) {
  auto plain = ParseS3Url("s3://hoso-bytes");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->bucket, "hoso-bytes");
  EXPECT_EQ(plain->prefix, "");
  auto prefixed = ParseS3Url("s3://hoso.bytes/so-gd/ha-noi");
  ASSERT_TRUE(prefixed.ok());
  EXPECT_EQ(prefixed->bucket, "hoso.bytes");
  EXPECT_EQ(prefixed->prefix, "so-gd/ha-noi/");
  EXPECT_TRUE(absl::IsInvalidArgument(ParseS3Url("http://x/y").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(ParseS3Url("s3://Hoa_Binh").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(ParseS3Url("s3://ab").status()));
}

TEST(S3TargetTest, LoadsCredentialsOnlyFromAPrivateFile) {
  ::hoso::testing::TempDir dir;
  const std::string file = dir.Sub("credentials");
  std::ofstream(file) << "[default]\naws_access_key_id = AK1\naws_secret_access_key = SK1\n"
                         "[other]\naws_access_key_id=AK2\naws_secret_access_key=SK2\n";
  ::chmod(file.c_str(), 0644);
  EXPECT_TRUE(absl::IsFailedPrecondition(LoadS3Credentials(file).status()));
  ::chmod(file.c_str(), 0600);
  auto loaded = LoadS3Credentials(file);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->access_key, "AK1");
  EXPECT_EQ(loaded->secret_key, "SK1");
  auto other = LoadS3Credentials(file, "other");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->secret_key, "SK2");
  EXPECT_TRUE(absl::IsNotFound(LoadS3Credentials(file, "none").status()));
}

}  // namespace
}  // namespace hoso::storage
