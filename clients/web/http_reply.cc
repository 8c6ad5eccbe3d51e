#include "clients/web/http_reply.h"

#include <microhttpd.h>
#include <unistd.h>

#include <utility>

namespace hoso::web {
namespace {

// Large pieces: fewer calls, and each gRPC message is up to 1 MiB anyway.
constexpr size_t kStreamBlock = 256 << 10;

ssize_t ReadSource(void* cls, uint64_t /*pos*/, char* buf, size_t max) {
  const long n = static_cast<BodySource*>(cls)->Read(buf, max);
  if (n > 0) return n;
  return n == 0 ? MHD_CONTENT_READER_END_OF_STREAM : MHD_CONTENT_READER_END_WITH_ERROR;
}

void FreeSource(void* cls) { delete static_cast<BodySource*>(cls); }

}  // namespace

Reply Reply::Buffer(int status, std::string_view body, std::string_view content_type) {
  MHD_Response* response = MHD_create_response_from_buffer(
      body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
  Reply reply(status, response);
  if (!content_type.empty()) reply.Header("Content-Type", content_type);
  return reply;
}

Reply Reply::Empty(int status) {
  return Reply(status, MHD_create_response_from_buffer(0, nullptr, MHD_RESPMEM_PERSISTENT));
}

Reply Reply::File(int status, int fd, uint64_t size, std::string_view content_type) {
  MHD_Response* response = MHD_create_response_from_fd64(size, fd);
  if (response == nullptr) ::close(fd);
  Reply reply(status, response);
  reply.Header("Content-Type", content_type);
  return reply;
}

Reply Reply::Stream(int status, uint64_t size, std::unique_ptr<BodySource> source,
                    std::string_view content_type) {
  BodySource* raw = source.release();
  MHD_Response* response = MHD_create_response_from_callback(
      size == kUnknownSize ? MHD_SIZE_UNKNOWN : size, kStreamBlock, &ReadSource, raw, &FreeSource);
  if (response == nullptr) delete raw;
  Reply reply(status, response);
  reply.Header("Content-Type", content_type);
  return reply;
}

Reply::Reply(Reply&& other) noexcept
    : status_(other.status_),
      kind_(other.kind_),
      response_(std::exchange(other.response_, nullptr)) {}

Reply& Reply::operator=(Reply&& other) noexcept {
  if (this != &other) {
    if (response_ != nullptr) MHD_destroy_response(response_);
    status_ = other.status_;
    kind_ = other.kind_;
    response_ = std::exchange(other.response_, nullptr);
  }
  return *this;
}

Reply::~Reply() {
  if (response_ != nullptr) MHD_destroy_response(response_);
}

Reply& Reply::Header(std::string_view name, std::string_view value) {
  if (response_ != nullptr) {
    MHD_add_response_header(response_, std::string(name).c_str(), std::string(value).c_str());
  }
  return *this;
}

std::string Reply::HeaderValue(const char* name) const {
  if (response_ == nullptr) return "";
  const char* value = MHD_get_response_header(response_, name);
  return value == nullptr ? "" : value;
}

}  // namespace hoso::web
