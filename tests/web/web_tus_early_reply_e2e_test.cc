// A PATCH at a stale offset is answered from its headers (409 with hosod's
// offset) while its body is still coming: the browser learns where to
// resume without first pushing the whole PATCH (up to 64 MiB) for nothing.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/sha.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "tests/web/web_fixture.h"

namespace hoso {
namespace {

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char b : digest) {
    hex += kHex[b >> 4];
    hex += kHex[b & 15];
  }
  return hex;
}

std::string Base64(const std::string& in) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (unsigned char c : in) {
    bits = (bits << 8) | c;
    count += 8;
    while (count >= 6) {
      count -= 6;
      out += kAlphabet[(bits >> count) & 63];
    }
  }
  if (count > 0) out += kAlphabet[(bits << (6 - count)) & 63];
  while (out.size() % 4 != 0) out += '=';
  return out;
}

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
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(std::stoi(web_.substr(web_.find(':') + 1))));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  const std::string head =
      "PATCH " + path + " HTTP/1.1\r\nHost: " + web_ + "\r\nOrigin: " + origin_ +
      "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 4096\r\n"
      "Content-Type: application/offset+octet-stream\r\n"
      "Cookie: __Host-hoso=" +
      token_ + "\r\nContent-Length: " + std::to_string(data.size() - 4096) + "\r\n\r\n";
  const std::string out = head + data.substr(4096, 64 << 10);
  for (size_t done = 0; done < out.size();) {
    const ssize_t n = ::send(fd, out.data() + done, out.size() - done, MSG_NOSIGNAL);
    ASSERT_GT(n, 0);
    done += static_cast<size_t>(n);
  }
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
