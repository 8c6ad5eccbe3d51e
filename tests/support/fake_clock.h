#ifndef HOSO_TESTS_SUPPORT_FAKE_CLOCK_H_
#define HOSO_TESTS_SUPPORT_FAKE_CLOCK_H_

#include <atomic>
#include <cstdint>

#include "storage/base/clock.h"

namespace hoso::testing {

// A clock the test moves: expiry tests advance it instead of sleeping.
// Starts at the real time, so records look as they would today.
class FakeClock final : public Clock {
 public:
  FakeClock() : now_(Clock::System().NowUnix()) {}
  explicit FakeClock(int64_t start_unix) : now_(start_unix) {}

  int64_t NowUnix() const override { return now_.load(); }
  void Advance(int64_t seconds) { now_ += seconds; }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace hoso::testing

#endif  // HOSO_TESTS_SUPPORT_FAKE_CLOCK_H_
