#ifndef HOSO_TESTS_STORAGE_S3_CLUSTER_H_
#define HOSO_TESTS_STORAGE_S3_CLUSTER_H_

// The test cluster's radosgw for the S3 tests (label ceph): read from the
// env file deploy/ceph.sh writes, named by HOSO_TEST_S3_ENV. Each test gets
// its own random bucket name.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <string>

#include "gtest/gtest.h"
#include "storage/objects/s3_target.h"

namespace hoso::testing {

struct S3Cluster {
  storage::S3Target target;
  storage::S3Credentials credentials;
};

// False (the test skips) when no cluster is configured.
inline bool LoadS3Cluster(S3Cluster* cluster) {
  const char* env = std::getenv("HOSO_TEST_S3_ENV");
  if (env == nullptr || *env == '\0') return false;
  std::ifstream in(env);
  std::string line, credentials_file;
  while (std::getline(in, line)) {
    const size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string name = line.substr(0, eq), value = line.substr(eq + 1);
    if (name == "HOSO_S3_ENDPOINT") cluster->target.endpoint = value;
    if (name == "HOSO_S3_REGION") cluster->target.region = value;
    if (name == "HOSO_S3_CREDENTIALS") credentials_file = value;
  }
  auto credentials = storage::LoadS3Credentials(credentials_file);
  EXPECT_TRUE(credentials.ok()) << credentials.status();
  if (!credentials.ok()) return false;
  cluster->credentials = *credentials;
  std::random_device random;
  static const char* kHex = "0123456789abcdef";
  cluster->target.bucket = "hoso-test-";
  for (int i = 0; i < 16; ++i) cluster->target.bucket += kHex[random() % 16];
  return !cluster->target.endpoint.empty();
}

#define HOSO_REQUIRE_S3_CLUSTER(cluster)                                      \
  if (!::hoso::testing::LoadS3Cluster(&(cluster))) {                          \
    GTEST_SKIP() << "no test cluster: set HOSO_TEST_S3_ENV (deploy/ceph.sh)"; \
  }

// A loopback port nobody listens on (bound, then closed).
inline int ClosedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace hoso::testing

#endif  // HOSO_TESTS_STORAGE_S3_CLUSTER_H_
