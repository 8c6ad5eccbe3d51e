#ifndef HOSO_STORAGE_BASE_CLOCK_H_
#define HOSO_STORAGE_BASE_CLOCK_H_

#include <cstdint>
#include <string>

namespace hoso {

// The time every record, expiry and report is stamped with. Passed in through
// the options (storage::DatabaseOptions, ServerOptions) so tests can set it
// (tests/support/fake_clock.h) instead of sleeping. Implementations are
// thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch.
  virtual int64_t NowUnix() const = 0;
  // The system's real-time clock; lives as long as the process.
  static const Clock& System();
};

// The moment in UTC as strftime's `pattern` writes it ("%Y-%m-%d"); at most
// 63 characters.
std::string FormatUtc(int64_t unix_seconds, const char* pattern);
// "2026-11-22T21:30:00Z"
std::string IsoTimeUtc(int64_t unix_seconds);

}  // namespace hoso

#endif  // HOSO_STORAGE_BASE_CLOCK_H_
