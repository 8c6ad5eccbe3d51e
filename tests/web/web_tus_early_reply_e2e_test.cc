// A PATCH at a stale offset is answered from its headers (409 with hosod's
// offset) while its body is still coming: the browser learns where to
// resume without first pushing the whole PATCH (up to 64 MiB) for nothing.
#include <sys/time.h>
#include <unistd.h>

#include "tests/web/web_fixture.h"

namespace hoso {
namespace {

class WebTusEarlyReplyTest : public WebTest {};

TEST_F(WebTusEarlyReplyTest, AStaleOffsetIsAnsweredBeforeTheBodyArrives) {
  const std::string data = RandomBytes(8 << 20, 21);
  HttpResult created =
      Http("POST", "/files/", "",
           {"Tus-Resumable: 1.0.0", "Upload-Length: " + std::to_string(data.size()),
            "Upload-Metadata: sha256 " + Base64(Sha256Hex(data)) + ",school " + Base64("LQD")},
           token_);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = created.Header("location");

  // hosod holds nothing of it: offset 4096 is stale. Headers and 64 KiB of
  // the 8 MiB body go out; the rest never does.
  const int fd = ConnectToWeb();
  SendAll(fd, RawPatchHead(path, 4096, data.size() - 4096) + data.substr(4096, 64 << 10));
  // The answer comes without the rest of the body (hoso-web's idle timeout,
  // which would otherwise end the wait, is 120 s).
  timeval wait{30, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait));
  std::string answer;
  char buffer[4096];
  while (answer.find("\r\n\r\n") == std::string::npos) {
    const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) break;
    answer.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  EXPECT_EQ(answer.rfind("HTTP/1.1 409", 0), 0u) << answer << ReadFile(dir_.Sub("web.err"));
  EXPECT_NE(answer.find("Upload-Offset: 0\r\n"), std::string::npos) << answer;
}

}  // namespace
}  // namespace hoso
