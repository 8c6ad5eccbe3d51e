#ifndef HOSO_SERVICES_RUNTIME_IDLE_WATCHDOG_H_
#define HOSO_SERVICES_RUNTIME_IDLE_WATCHDOG_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace hoso {

// How many idle streams a server keeps: a stream is idle once it has moved
// no message for `idle_after`. Each holds a server thread.
struct IdleStreamCaps {
  std::chrono::seconds idle_after{30};
  size_t per_server = 64;
  size_t per_user = 8;
};

// Cancels streaming calls that make no progress for too long, so a stalled
// client (a laptop shut mid-upload, a reader that stopped reading) cannot
// hold a server thread forever; and ends idle streams beyond the caps at
// once (the longest idle first) with RESOURCE_EXHAUSTED, so that many idle
// streams (640 upload streams held open) cannot hold the server's threads
// until the timeout. The synchronous API blocks in Read/Write; cancelling
// the call is what wakes it.
class IdleWatchdog {
 public:
  explicit IdleWatchdog(std::chrono::seconds timeout, IdleStreamCaps caps = {});
  ~IdleWatchdog();
  IdleWatchdog(const IdleWatchdog&) = delete;
  IdleWatchdog& operator=(const IdleWatchdog&) = delete;

  // Watches one call of `user` while it lives; Touch() on every message.
  class Watch {
   public:
    Watch(IdleWatchdog* dog, grpc::ServerContext* context, std::string user = "");
    ~Watch();
    void Touch();
    // Whether the watchdog cancelled the call for its timeout.
    bool expired() const;
    // ResourceExhausted (what the client was told) when the watchdog ended
    // the call as an idle stream beyond a cap; OK otherwise.
    absl::Status capped() const;

   private:
    IdleWatchdog* dog_;
    grpc::ServerContext* context_;
  };

 private:
  struct Entry {
    std::chrono::steady_clock::time_point last;
    std::string user;
    bool expired = false;
    std::string capped;  // why it was ended as an idle stream beyond a cap
  };
  void Loop();
  // Ends the idle streams beyond the caps; under mu_.
  void EnforceCaps(std::chrono::steady_clock::time_point now);

  const std::chrono::seconds timeout_;
  const IdleStreamCaps caps_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::map<grpc::ServerContext*, Entry> calls_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_RUNTIME_IDLE_WATCHDOG_H_
