#include "services/runtime/idle_watchdog.h"

#include <grpc/grpc.h>

#include <algorithm>
#include <vector>

namespace hoso {

IdleWatchdog::IdleWatchdog(std::chrono::seconds timeout, IdleStreamCaps caps)
    : timeout_(timeout), caps_(caps), thread_([this] { Loop(); }) {}

IdleWatchdog::~IdleWatchdog() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void IdleWatchdog::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(500));
    const auto now = std::chrono::steady_clock::now();
    for (auto& [context, entry] : calls_) {
      if (!entry.expired && now - entry.last > timeout_) {
        entry.expired = true;
        context->TryCancel();
      }
    }
    EnforceCaps(now);
  }
}

void IdleWatchdog::EnforceCaps(std::chrono::steady_clock::time_point now) {
  // The idle streams, the most recently active first: those are kept.
  std::vector<std::pair<grpc::ServerContext*, Entry*>> idle;
  for (auto& [context, entry] : calls_) {
    if (!entry.expired && entry.capped.empty() && now - entry.last >= caps_.idle_after) {
      idle.push_back({context, &entry});
    }
  }
  std::sort(idle.begin(), idle.end(),
            [](const auto& a, const auto& b) { return a.second->last > b.second->last; });
  const std::string after = std::to_string(caps_.idle_after.count());
  auto end = [&](grpc::ServerContext* context, Entry& entry, std::string why) {
    entry.capped = std::move(why);
    // Unlike TryCancel (CANCELLED), this tells the client why.
    grpc_call_cancel_with_status(context->c_call(), GRPC_STATUS_RESOURCE_EXHAUSTED,
                                 entry.capped.c_str(), nullptr);
  };
  std::map<std::string, size_t> per_user;
  size_t kept = 0;
  for (auto& [context, entry] : idle) {
    if (!entry->user.empty() && ++per_user[entry->user] > caps_.per_user) {
      end(context, *entry,
          entry->user + " đang giữ quá nhiều luồng truyền không hoạt động (tối đa " +
              std::to_string(caps_.per_user) + " cho mỗi người); luồng này không truyền gì trong " +
              after +
              " giây nên đã bị dừng, phần đã lưu được giữ để tiếp tục (too many idle streams of "
              "one user)");
    } else if (++kept > caps_.per_server) {
      end(context, *entry,
          "máy chủ đang giữ quá nhiều luồng truyền không hoạt động (tối đa " +
              std::to_string(caps_.per_server) + "); luồng này không truyền gì trong " + after +
              " giây nên đã bị dừng, hãy thử lại sau (too many idle streams on this server)");
    }
  }
}

IdleWatchdog::Watch::Watch(IdleWatchdog* dog, grpc::ServerContext* context, std::string user)
    : dog_(dog), context_(context) {
  std::lock_guard<std::mutex> lock(dog_->mu_);
  dog_->calls_[context_] = {std::chrono::steady_clock::now(), std::move(user), false, ""};
}

IdleWatchdog::Watch::~Watch() {
  std::lock_guard<std::mutex> lock(dog_->mu_);
  dog_->calls_.erase(context_);
}

void IdleWatchdog::Watch::Touch() {
  std::lock_guard<std::mutex> lock(dog_->mu_);
  dog_->calls_[context_].last = std::chrono::steady_clock::now();
}

bool IdleWatchdog::Watch::expired() const {
  std::lock_guard<std::mutex> lock(dog_->mu_);
  auto it = dog_->calls_.find(context_);
  return it != dog_->calls_.end() && it->second.expired;
}

absl::Status IdleWatchdog::Watch::capped() const {
  std::lock_guard<std::mutex> lock(dog_->mu_);
  auto it = dog_->calls_.find(context_);
  if (it == dog_->calls_.end() || it->second.capped.empty()) return absl::OkStatus();
  return absl::ResourceExhaustedError(it->second.capped);
}

}  // namespace hoso
