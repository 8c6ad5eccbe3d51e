#ifndef HOSO_TESTS_SUPPORT_TEST_CONTENT_H_
#define HOSO_TESTS_SUPPORT_TEST_CONTENT_H_

// Which content backend the suites run on: the pack files (default), or,
// with env HOSO_TEST_CONTENT=s3, a fresh bucket of the ctest fixture's
// radosgw (HOSO_TEST_S3_ENV; tests/CMakeLists.txt registers the suites a
// second time that way, label ceph, test names starting with "s3.").
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "storage/content/s3_chunk_store.h"
#include "tests/support/s3_test_env.h"

namespace hoso::testing {

inline bool S3ContentRequested() {
  const char* content = std::getenv("HOSO_TEST_CONTENT");
  return content != nullptr && std::string(content) == "s3";
}

// The hosod flags for the requested backend: none for packs; --content
// s3://<fresh bucket> and the cluster's endpoint and credentials file.
inline void TestContentFlags(std::vector<std::string>* flags) {
  flags->clear();
  if (!S3ContentRequested()) return;
  S3TestEnv env;
  ASSERT_NO_FATAL_FAILURE(LoadS3TestEnv(&env));
  *flags = {"--content",   "s3://" + FreshBucketName(), "--s3-endpoint",    env.target.endpoint,
            "--s3-region", env.target.region,           "--s3-credentials", env.credentials_file};
}

// The same for a Store or HosodServer opened in the test's process.
inline void TestS3Options(std::optional<storage::S3ChunkStoreOptions>* s3,
                          const std::string& cache_dir) {
  s3->reset();
  if (!S3ContentRequested()) return;
  S3TestEnv env;
  ASSERT_NO_FATAL_FAILURE(LoadS3TestEnv(&env));
  storage::S3ChunkStoreOptions options;
  options.target = env.FreshTarget();
  options.credentials = env.credentials;
  options.cache_dir = cache_dir;
  options.cache_bytes = 64ull << 20;
  *s3 = options;
}

}  // namespace hoso::testing

#endif  // HOSO_TESTS_SUPPORT_TEST_CONTENT_H_
