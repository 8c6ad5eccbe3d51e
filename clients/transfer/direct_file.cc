#include "clients/transfer/direct_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace hoso::cli {
namespace {

constexpr size_t kAlign = 4096;
constexpr size_t kStagingBytes = 8 << 20;

}  // namespace

DirectFile::~DirectFile() {
  if (fd_ >= 0) ::close(fd_);
  std::free(staging_);
}

bool DirectFile::Open(const std::string& path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_DIRECT, 0644);
  direct_ = fd_ >= 0;
  if (fd_ < 0 && errno == EINVAL) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  }
  if (fd_ < 0) return false;
  staging_ = static_cast<char*>(std::aligned_alloc(kAlign, kStagingBytes));
  if (staging_ == nullptr) {
    errno = ENOMEM;
    return false;
  }
  return true;
}

bool DirectFile::Flush(size_t bytes) {
  size_t done = 0;
  while (done < bytes) {
    const ssize_t n = ::pwrite(fd_, staging_ + done, bytes - done, static_cast<off_t>(offset_));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
    offset_ += static_cast<uint64_t>(n);
  }
  return true;
}

bool DirectFile::Write(std::string_view data) {
  while (!data.empty()) {
    const size_t take = std::min(data.size(), kStagingBytes - staged_);
    std::memcpy(staging_ + staged_, data.data(), take);
    staged_ += take;
    data.remove_prefix(take);
    if (staged_ == kStagingBytes) {
      if (!Flush(staged_)) return false;
      staged_ = 0;
    }
  }
  return true;
}

bool DirectFile::Finish() {
  const size_t aligned = staged_ / kAlign * kAlign;
  bool ok = Flush(aligned);
  if (ok && staged_ > aligned) {
    // The tail is not a whole block: write it without O_DIRECT.
    std::memmove(staging_, staging_ + aligned, staged_ - aligned);
    if (direct_) ok = ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_DIRECT) == 0;
    ok = ok && Flush(staged_ - aligned);
  }
  staged_ = 0;
  ok = ok && ::fdatasync(fd_) == 0;
  ok = ::close(fd_) == 0 && ok;
  fd_ = -1;
  return ok;
}

}  // namespace hoso::cli
