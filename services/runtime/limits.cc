#include "services/runtime/limits.h"

#include <sys/statvfs.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "storage/base/bytes.h"
#include "storage/base/error_reason.h"

namespace hoso {

absl::StatusOr<uint64_t> FreeBytes(const std::string& path) {
  struct statvfs st {};
  if (::statvfs(path.c_str(), &st) != 0) {
    return absl::InternalError("cannot tell the free space of " + path + ": " +
                               std::strerror(errno));
  }
  return static_cast<uint64_t>(st.f_bavail) * st.f_frsize;
}

absl::Status CheckDiskRoom(const std::string& data_dir, uint64_t needed, const Limits& limits) {
  auto free = FreeBytes(data_dir);
  if (!free.ok()) return free.status();
  if (*free >= limits.min_free_bytes && *free - limits.min_free_bytes >= needed) {
    return absl::OkStatus();
  }
  return WithReason(
      absl::ResourceExhaustedError(
          "the server's disk is full: " + HumanBytes(*free) + " free, " +
          HumanBytes(limits.min_free_bytes) + " kept in reserve, " + HumanBytes(needed) +
          " needed; nothing acknowledged is lost, and uploads resume when space is freed"),
      reason::kDiskFull);
}

}  // namespace hoso
