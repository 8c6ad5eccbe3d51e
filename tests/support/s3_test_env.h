#ifndef HOSO_TESTS_SUPPORT_S3_TEST_ENV_H_
#define HOSO_TESTS_SUPPORT_S3_TEST_ENV_H_

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <string>

#include "storage/objects/s3_target.h"

namespace hoso::testing {

// The real radosgw of the ctest fixture `ceph` (tests/ceph.cmake,
// deploy/ceph.sh): the file named by HOSO_TEST_S3_ENV holds shell lines
// HOSO_S3_ENDPOINT=..., HOSO_S3_CREDENTIALS=FILE, HOSO_S3_REGION=...
struct S3TestEnv {
  storage::S3Target target;  // bucket empty: each test takes FreshTarget()
  storage::S3Credentials credentials;
  std::string credentials_file;

  // The cluster with a new random bucket name (not created yet), so tests
  // running in parallel never share a bucket.
  storage::S3Target FreshTarget() const;
};

namespace s3_test_env_detail {

// KEY=VALUE lines (a shell env file or an ini section's "key = value");
// '#' comments and [section] lines are skipped.
inline std::map<std::string, std::string> ReadPairs(const std::string& path) {
  std::map<std::string, std::string> pairs;
  std::ifstream in(path);
  std::string line;
  auto trim = [](std::string s) {
    const char* space = " \t\r";
    s.erase(0, s.find_first_not_of(space));
    s.erase(s.find_last_not_of(space) + 1);
    return s;
  };
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == '[') continue;
    auto at = line.find('=');
    if (at == std::string::npos) continue;
    pairs[trim(line.substr(0, at))] = trim(line.substr(at + 1));
  }
  return pairs;
}

}  // namespace s3_test_env_detail

// A fresh bucket name each call: "hoso-t-" and 16 random hex digits (valid
// for S3: 3-63 of a-z 0-9 -).
inline std::string FreshBucketName() {
  static std::mt19937_64 random{std::random_device{}()};
  char name[32];
  std::snprintf(name, sizeof name, "hoso-t-%016llx", static_cast<unsigned long long>(random()));
  return name;
}

inline storage::S3Target S3TestEnv::FreshTarget() const {
  storage::S3Target fresh = target;
  fresh.bucket = FreshBucketName();
  return fresh;
}

// Fills *env from the file HOSO_TEST_S3_ENV names. A fatal failure (never a
// skip) when the variable is unset or the files are incomplete: a test with
// label ceph that cannot reach the cluster has not passed. Call it as
//   ASSERT_NO_FATAL_FAILURE(LoadS3TestEnv(&env));
inline void LoadS3TestEnv(S3TestEnv* env) {
  const char* file = std::getenv("HOSO_TEST_S3_ENV");
  ASSERT_TRUE(file != nullptr && *file != '\0')
      << "HOSO_TEST_S3_ENV is not set: run this test through ctest (label ceph, fixture ceph "
         "starts deploy/ceph.sh) or point it at DIR/s3.env of `deploy/ceph.sh start DIR`";
  auto vars = s3_test_env_detail::ReadPairs(file);
  env->target.endpoint = vars["HOSO_S3_ENDPOINT"];
  env->credentials_file = vars["HOSO_S3_CREDENTIALS"];
  if (!vars["HOSO_S3_REGION"].empty()) env->target.region = vars["HOSO_S3_REGION"];
  ASSERT_FALSE(env->target.endpoint.empty()) << file << " names no HOSO_S3_ENDPOINT";
  ASSERT_FALSE(env->credentials_file.empty()) << file << " names no HOSO_S3_CREDENTIALS";
  // The AWS shared-credentials file deploy/ceph.sh writes: [default] only.
  auto keys = s3_test_env_detail::ReadPairs(env->credentials_file);
  env->credentials.access_key = keys["aws_access_key_id"];
  env->credentials.secret_key = keys["aws_secret_access_key"];
  ASSERT_FALSE(env->credentials.access_key.empty() || env->credentials.secret_key.empty())
      << env->credentials_file << " holds no aws_access_key_id / aws_secret_access_key";
}

}  // namespace hoso::testing

#endif  // HOSO_TESTS_SUPPORT_S3_TEST_ENV_H_
