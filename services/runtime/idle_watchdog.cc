#include "services/runtime/idle_watchdog.h"

namespace hoso {

IdleWatchdog::IdleWatchdog(std::chrono::seconds timeout)
    : timeout_(timeout), thread_([this] { Loop(); }) {}

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
  }
}

IdleWatchdog::Watch::Watch(IdleWatchdog* dog, grpc::ServerContext* context)
    : dog_(dog), context_(context) {
  std::lock_guard<std::mutex> lock(dog_->mu_);
  dog_->calls_[context_] = {std::chrono::steady_clock::now(), false};
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

}  // namespace hoso
