#ifndef HOSO_SERVICES_RUNTIME_IDLE_WATCHDOG_H_
#define HOSO_SERVICES_RUNTIME_IDLE_WATCHDOG_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace hoso {

// Cancels streaming calls that make no progress for too long, so a stalled
// client (a laptop shut mid-upload, a reader that stopped reading) cannot
// hold a server thread forever. The synchronous API blocks in Read/Write;
// TryCancel is what wakes it.
class IdleWatchdog {
 public:
  explicit IdleWatchdog(std::chrono::seconds timeout);
  ~IdleWatchdog();
  IdleWatchdog(const IdleWatchdog&) = delete;
  IdleWatchdog& operator=(const IdleWatchdog&) = delete;

  // Watches one call while it lives; Touch() on every message.
  class Watch {
   public:
    Watch(IdleWatchdog* dog, grpc::ServerContext* context);
    ~Watch();
    void Touch();
    // Whether the watchdog cancelled the call.
    bool expired() const;

   private:
    IdleWatchdog* dog_;
    grpc::ServerContext* context_;
  };

 private:
  struct Entry {
    std::chrono::steady_clock::time_point last;
    bool expired = false;
  };
  void Loop();

  const std::chrono::seconds timeout_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::map<grpc::ServerContext*, Entry> calls_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_RUNTIME_IDLE_WATCHDOG_H_
