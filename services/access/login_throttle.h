#ifndef HOSO_SERVICES_ACCESS_LOGIN_THROTTLE_H_
#define HOSO_SERVICES_ACCESS_LOGIN_THROTTLE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "storage/base/clock.h"

namespace hoso {

struct LoginThrottleSettings {
  int max_failures = 5;          // failed attempts of one account within the window...
  int64_t window_seconds = 900;  // ...(15 minutes)...
  int64_t pause_seconds = 900;   // ...refuse it this long, even with the right password
  size_t max_accounts = 50000;   // accounts tracked at once (names need not exist)
};

// Password attempts per account, not per address: a whole school shares one
// address, and an attacker has many. Every attempt counts as a failure when
// it is admitted (so concurrent guesses cannot slip past the count) and a
// success wipes the account's count. In memory only: a restart of hosod
// forgets the counts and ends every pause (at worst another max_failures
// guesses per account and restart). Thread-safe.
class LoginThrottle {
 public:
  LoginThrottle(const Clock* clock, LoginThrottleSettings settings)
      : clock_(clock), settings_(settings) {}

  // OK to check a password for `account` now, the attempt counted; else
  // ResourceExhausted with reason LOGIN_THROTTLED and metadata
  // retry_after_seconds.
  absl::Status Admit(std::string_view account);
  // The password was right: the account starts afresh.
  void Succeeded(std::string_view account);
  // Accounts remembered now (at most max_accounts).
  size_t TrackedAccounts();

 private:
  struct Account {
    std::deque<int64_t> attempts;  // admitted and not yet succeeded, within the window
    int64_t paused_until = 0;
    int64_t last_unix = 0;
  };
  // Makes room for one more account: forgets those with nothing left to
  // remember, then the unpaused one tried longest ago, a paused one last
  // (so a flood of made-up names cannot free a paused account). Under mu_.
  void MakeRoom(int64_t now);

  const Clock* const clock_;
  const LoginThrottleSettings settings_;
  std::mutex mu_;
  std::map<std::string, Account, std::less<>> accounts_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_ACCESS_LOGIN_THROTTLE_H_
