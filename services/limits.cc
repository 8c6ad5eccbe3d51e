#include "services/limits.h"

#include <sys/statvfs.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace hoso {

absl::StatusOr<uint64_t> FreeBytes(const std::string& path) {
  struct statvfs st{};
  if (::statvfs(path.c_str(), &st) != 0) {
    return absl::InternalError("cannot tell the free space of " + path + ": " + std::strerror(errno));
  }
  return static_cast<uint64_t>(st.f_bavail) * st.f_frsize;
}

std::string HumanSize(uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

absl::Status CheckDiskRoom(const std::string& data_dir, uint64_t needed, const Limits& limits) {
  auto free = FreeBytes(data_dir);
  if (!free.ok()) return free.status();
  if (*free >= limits.min_free_bytes && *free - limits.min_free_bytes >= needed) {
    return absl::OkStatus();
  }
  return absl::ResourceExhaustedError(
      "the server's disk is full: " + HumanSize(*free) + " free, " +
      HumanSize(limits.min_free_bytes) + " kept in reserve, " + HumanSize(needed) +
      " needed; nothing acknowledged is lost, and uploads resume when space is freed");
}

}  // namespace hoso
