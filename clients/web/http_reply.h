#ifndef HOSO_CLIENTS_WEB_HTTP_REPLY_H_
#define HOSO_CLIENTS_WEB_HTTP_REPLY_H_

// One HTTP response being built: its status, headers and body (a buffer, a
// file, or pieces pulled from a source such as a gRPC download stream).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct MHD_Response;

namespace hoso::web {

// The body of a streamed reply, pulled piece by piece (it may block).
class BodySource {
 public:
  virtual ~BodySource() = default;
  // Copies up to `max` bytes into `out`; returns how many, 0 at the end of
  // the body, -1 when the body cannot be finished (the connection is then
  // closed: the client sees a broken transfer, never wrong bytes).
  virtual long Read(char* out, size_t max) = 0;
};

inline constexpr uint64_t kUnknownSize = UINT64_MAX;

// What the security headers of a reply are (security_headers.h).
enum class ReplyKind { kApi, kPage, kAsset, kDownload, kPreview };

class Reply {
 public:
  static Reply Buffer(int status, std::string_view body, std::string_view content_type);
  static Reply Empty(int status);
  // Takes `fd`; `size` bytes from its start.
  static Reply File(int status, int fd, uint64_t size, std::string_view content_type);
  static Reply Stream(int status, uint64_t size, std::unique_ptr<BodySource> source,
                      std::string_view content_type);

  Reply(Reply&&) noexcept;
  Reply& operator=(Reply&&) noexcept;
  ~Reply();

  Reply& Header(std::string_view name, std::string_view value);
  Reply& Kind(ReplyKind kind) {
    kind_ = kind;
    return *this;
  }
  int status() const { return status_; }
  ReplyKind kind() const { return kind_; }
  // The header's value as set here, or "" (for the access log and tests).
  std::string HeaderValue(const char* name) const;
  MHD_Response* response() const { return response_; }

 private:
  Reply(int status, MHD_Response* response) : status_(status), response_(response) {}
  int status_;
  ReplyKind kind_ = ReplyKind::kApi;
  MHD_Response* response_;
};

}  // namespace hoso::web

#endif  // HOSO_CLIENTS_WEB_HTTP_REPLY_H_
