#ifndef HOSO_TESTS_E2E_S3_SUPPORT_H_
#define HOSO_TESTS_E2E_S3_SUPPORT_H_

// hosod on the test cluster's radosgw through a TcpProxy the test cuts (the
// object store down for this hosod only), for the S3 e2e and crash tests.
#include <memory>

#include "tests/support/health_check.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/s3_test_env.h"
#include "tests/support/tcp_proxy.h"

namespace hoso {

class S3HosodTest : public HosodTest {
 protected:
  void SetUp() override {
    data_ = dir_.Sub("data");
    ASSERT_NO_FATAL_FAILURE(hoso::testing::LoadS3TestEnv(&env_));
    const std::string& endpoint = env_.target.endpoint;
    const int port = std::stoi(endpoint.substr(endpoint.rfind(':') + 1));
    proxy_ = std::make_unique<hoso::testing::TcpProxy>(port);
    bucket_ = hoso::testing::FreshBucketName();
    content_args_ = {"--content",
                     "s3://" + bucket_,
                     "--s3-endpoint",
                     "http://127.0.0.1:" + std::to_string(proxy_->port()),
                     "--s3-region",
                     env_.target.region,
                     "--s3-credentials",
                     env_.credentials_file,
                     "--content-health-every",
                     "1"};
    StartServer();
    ASSERT_EQ(Hoso({"school", "add", "LQD", "--name", "Trường Tiểu học Lê Quý Đôn", "--framework",
                    "tt17-2018"})
                  .exit_code,
              0);
  }
  void TearDown() override {
    StopServer();
    proxy_.reset();
  }

  // Waits up to `seconds` for health service hoso.content to be `want`.
  bool ContentHealthBecomes(int want, int seconds = 15) {
    for (int i = 0; i < seconds * 10; ++i) {
      if (HealthOf(address_, "hoso.content") == want) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  hoso::testing::S3TestEnv env_;
  std::unique_ptr<hoso::testing::TcpProxy> proxy_;
  std::string bucket_;
};

}  // namespace hoso

#endif  // HOSO_TESTS_E2E_S3_SUPPORT_H_
