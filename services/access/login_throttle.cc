#include "services/access/login_throttle.h"

#include <utility>

#include "storage/base/error_reason.h"

namespace hoso {

absl::Status LoginThrottle::Admit(std::string_view account) {
  const int64_t now = clock_->NowUnix();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = accounts_.find(account);
  if (it == accounts_.end()) {
    if (accounts_.size() >= settings_.max_accounts) MakeRoom(now);
    it = accounts_.emplace(std::string(account), Account{}).first;
  }
  Account& a = it->second;
  a.last_unix = now;
  if (a.paused_until > now) {
    const int64_t wait = a.paused_until - now;
    const int64_t minutes = (wait + 59) / 60;
    return WithReason(absl::ResourceExhaustedError(
                          "tài khoản " + std::string(account.substr(0, 64)) +
                          " tạm khóa đăng nhập sau " + std::to_string(settings_.max_failures) +
                          " lần sai mật khẩu; thử lại sau " + std::to_string(minutes) + " phút"),
                      reason::kLoginThrottled, {{"retry_after_seconds", std::to_string(wait)}});
  }
  while (!a.attempts.empty() && a.attempts.front() <= now - settings_.window_seconds) {
    a.attempts.pop_front();
  }
  a.attempts.push_back(now);
  if (static_cast<int>(a.attempts.size()) >= settings_.max_failures) {
    // This is the last guess the window allows: whatever it turns out to be,
    // the next ones wait (a success lifts the pause).
    a.paused_until = now + settings_.pause_seconds;
    a.attempts.clear();
  }
  return absl::OkStatus();
}

void LoginThrottle::Succeeded(std::string_view account) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = accounts_.find(account);
  if (it != accounts_.end()) accounts_.erase(it);
}

void LoginThrottle::MakeRoom(int64_t now) {
  // A paused account is what the map is for: it goes last, the one whose
  // pause ends first; before it, the unpaused one tried longest ago.
  auto victim = accounts_.end();
  auto rank = [&](const Account& a) {
    const bool paused = a.paused_until > now;
    return std::make_pair(paused, paused ? a.paused_until : a.last_unix);
  };
  for (auto it = accounts_.begin(); it != accounts_.end();) {
    const Account& a = it->second;
    const bool forgotten =
        a.paused_until <= now &&
        (a.attempts.empty() || a.attempts.back() <= now - settings_.window_seconds);
    if (forgotten) {
      it = accounts_.erase(it);
      continue;
    }
    if (victim == accounts_.end() || rank(a) < rank(victim->second)) victim = it;
    ++it;
  }
  if (accounts_.size() >= settings_.max_accounts && victim != accounts_.end()) {
    accounts_.erase(victim);
  }
}

size_t LoginThrottle::TrackedAccounts() {
  std::lock_guard<std::mutex> lock(mu_);
  return accounts_.size();
}

}  // namespace hoso
