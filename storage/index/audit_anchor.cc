#include "storage/index/audit_anchor.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "storage/base/sha256.h"

namespace hoso::storage {
namespace {

// One line a person can read: "hoso-audit-anchor v1 SEQ HASH CHECK\n", SEQ
// zero-padded so every write has the same length and covers the last one;
// CHECK is the start of the SHA-256 of what precedes it.
constexpr std::string_view kMagic = "hoso-audit-anchor v1 ";
constexpr size_t kSeqDigits = 20;
constexpr size_t kHashHex = 64;
constexpr size_t kCheckHex = 16;
constexpr size_t kLineSize = kMagic.size() + kSeqDigits + 1 + kHashHex + 1 + kCheckHex + 1;

std::string CheckOf(std::string_view text) { return ToHex(Sha256Of(text)).substr(0, kCheckHex); }

std::string Encode(const AuditHead& head) {
  char seq[kSeqDigits + 1];
  std::snprintf(seq, sizeof(seq), "%020llu", static_cast<unsigned long long>(head.seq));
  auto digest = DigestFromBytes(head.hash);
  std::string line = std::string(kMagic) + seq + " " +
                     (digest ? ToHex(*digest) : std::string(kHashHex, '0')) + " ";
  return line + CheckOf(line) + "\n";
}

absl::Status Errno(const std::string& what) {
  return absl::InternalError(what + ": " + std::strerror(errno));
}

absl::StatusOr<std::optional<AuditHead>> Decode(const std::string& text, const std::string& path) {
  if (text.empty()) return std::optional<AuditHead>();
  const std::string damaged = "the audit anchor " + path + " is damaged";
  if (text.size() != kLineSize || text.compare(0, kMagic.size(), kMagic) != 0) {
    return absl::DataLossError(damaged);
  }
  const std::string body = text.substr(0, kLineSize - kCheckHex - 1);
  if (CheckOf(body) != text.substr(body.size(), kCheckHex)) return absl::DataLossError(damaged);
  auto digest = DigestFromHex(text.substr(kMagic.size() + kSeqDigits + 1, kHashHex));
  if (!digest) return absl::DataLossError(damaged);
  AuditHead head;
  head.seq = std::stoull(text.substr(kMagic.size(), kSeqDigits));
  head.hash = DigestBytes(*digest);
  return std::optional<AuditHead>(head);
}

absl::StatusOr<std::string> ReadAll(int fd, const std::string& path) {
  std::string text(kLineSize + 1, '\0');
  const ssize_t got = ::pread(fd, text.data(), text.size(), 0);
  if (got < 0) return Errno("reading " + path);
  text.resize(static_cast<size_t>(got));
  return text;
}

}  // namespace

absl::StatusOr<std::unique_ptr<AuditAnchor>> AuditAnchor::Open(const std::string& path) {
  auto anchor = std::unique_ptr<AuditAnchor>(new AuditAnchor());
  anchor->path_ = path;
  anchor->fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (anchor->fd_ < 0) return Errno("opening " + path);
  auto text = ReadAll(anchor->fd_, path);
  if (!text.ok()) return text.status();
  auto recorded = Decode(*text, path);
  if (!recorded.ok()) return recorded.status();
  anchor->recorded_ = *recorded;
  return anchor;
}

AuditAnchor::~AuditAnchor() {
  if (fd_ >= 0) ::close(fd_);
}

absl::Status AuditAnchor::Advance(const AuditHead& head) {
  const std::string line = Encode(head);
  if (::pwrite(fd_, line.data(), line.size(), 0) != static_cast<ssize_t>(line.size())) {
    return Errno("writing " + path_);
  }
  return absl::OkStatus();
}

absl::Status AuditAnchor::Sync() {
  if (::fdatasync(fd_) != 0) return Errno("syncing " + path_);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<AuditHead>> ReadAuditAnchor(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::optional<AuditHead>();
    return Errno("opening " + path);
  }
  auto text = ReadAll(fd, path);
  ::close(fd);
  if (!text.ok()) return text.status();
  return Decode(*text, path);
}

}  // namespace hoso::storage
