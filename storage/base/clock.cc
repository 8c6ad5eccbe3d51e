#include "storage/base/clock.h"

#include <ctime>

namespace hoso {
namespace {

class SystemClock final : public Clock {
 public:
  int64_t NowUnix() const override { return static_cast<int64_t>(std::time(nullptr)); }
};

}  // namespace

const Clock& Clock::System() {
  static const SystemClock* const clock = new SystemClock();
  return *clock;
}

std::string FormatUtc(int64_t unix_seconds, const char* pattern) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  const size_t n = std::strftime(buf, sizeof buf, pattern, &tm);
  return std::string(buf, n);
}

std::string IsoTimeUtc(int64_t unix_seconds) {
  return FormatUtc(unix_seconds, "%Y-%m-%dT%H:%M:%SZ");
}

}  // namespace hoso
