#ifndef HOSO_TESTS_STORAGE_S3_CLUSTER_H_
#define HOSO_TESTS_STORAGE_S3_CLUSTER_H_

// What the S3 tests share beside tests/support/s3_test_env.h.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace hoso::testing {

// A loopback port nobody listens on (bound, then closed): a store that is down.
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
