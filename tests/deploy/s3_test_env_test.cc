// tests/support/s3_test_env.h against the fixture's real radosgw (label ceph):
// what it reads is a live cluster and live keys, and without the variable
// the test fails instead of skipping.
#include "tests/support/s3_test_env.h"

#include <curl/curl.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <regex>
#include <set>
#include <string>

namespace hoso::testing {
namespace {

// A signed S3 request (libcurl's own SigV4) with the env's keys; the status.
long SignedStatus(const S3TestEnv& env, const std::string& method, const std::string& path) {
  CURL* curl = curl_easy_init();
  std::string url = env.target.endpoint + path;
  std::string sigv4 = "aws:amz:" + env.target.region + ":s3";
  std::string userpwd = env.credentials.access_key + ":" + env.credentials.secret_key;
  // The SHA-256 of the empty body: radosgw wants it signed.
  curl_slist* headers = curl_slist_append(
      nullptr,
      "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  if (method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, sigv4.c_str());
  curl_easy_setopt(curl, CURLOPT_USERPWD, userpwd.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION,
                   +[](char*, size_t size, size_t n, void*) { return size * n; });
  long status = 0;
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return status;
}

TEST(S3TestEnv, ReadsTheFixtureClusterAndItsKeysWork) {
  S3TestEnv env;
  ASSERT_NO_FATAL_FAILURE(LoadS3TestEnv(&env));
  // tests/CMakeLists.txt passes the fixture's port through hoso_ceph_tests' ENV.
  const char* port = std::getenv("HOSO_TEST_EXPECTED_S3_PORT");
  ASSERT_NE(port, nullptr);
  EXPECT_EQ(env.target.endpoint, std::string("http://127.0.0.1:") + port);
  EXPECT_EQ(env.target.region, "us-east-1");
  struct stat st {};
  ASSERT_EQ(stat(env.credentials_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "the keys file must be private";

  storage::S3Target target = env.FreshTarget();
  EXPECT_EQ(SignedStatus(env, "GET", "/"), 200) << "ListBuckets with the test user's keys";
  EXPECT_EQ(SignedStatus(env, "PUT", "/" + target.bucket), 200) << "create " << target.bucket;
  EXPECT_EQ(SignedStatus(env, "HEAD", "/" + target.bucket), 200);
  EXPECT_EQ(SignedStatus(env, "DELETE", "/" + target.bucket), 204);

  S3TestEnv wrong = env;
  wrong.credentials.secret_key += "x";
  EXPECT_EQ(SignedStatus(wrong, "GET", "/"), 403) << "radosgw checks the signature";
}

TEST(S3TestEnv, FreshBucketNamesAreNewAndValid) {
  std::set<std::string> names;
  for (int i = 0; i < 100; ++i) {
    std::string name = FreshBucketName();
    EXPECT_TRUE(std::regex_match(name, std::regex("[a-z0-9][a-z0-9-]{2,62}"))) << name;
    names.insert(name);
  }
  EXPECT_EQ(names.size(), 100u);
}

TEST(S3TestEnv, FailsRatherThanSkipsWithoutTheVariable) {
  std::string saved = std::getenv("HOSO_TEST_S3_ENV") ? std::getenv("HOSO_TEST_S3_ENV") : "";
  unsetenv("HOSO_TEST_S3_ENV");
  static S3TestEnv env;
  EXPECT_FATAL_FAILURE(LoadS3TestEnv(&env), "HOSO_TEST_S3_ENV is not set");
  if (!saved.empty()) setenv("HOSO_TEST_S3_ENV", saved.c_str(), 1);
}

}  // namespace
}  // namespace hoso::testing
