#ifndef HOSO_CLIENTS_TRANSFER_WORKER_POOL_H_
#define HOSO_CLIENTS_TRANSFER_WORKER_POOL_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

namespace hoso::cli {

// Runs job(i) for every i in [0, n) on up to `threads` threads (the caller's
// among them), each taking the next i as it finishes one. After the first
// failure no new job starts; returns that failure, or OK. `job` must be safe
// to call from several threads at once.
template <typename Job>
grpc::Status ForEachParallel(size_t n, int threads, Job job) {
  std::atomic<size_t> next = 0;
  std::atomic<bool> failed = false;
  std::mutex mu;
  grpc::Status first = grpc::Status::OK;  // guarded by mu
  auto worker = [&] {
    for (size_t i; !failed && (i = next++) < n;) {
      grpc::Status s = job(i);
      if (!s.ok()) {
        std::lock_guard<std::mutex> lock(mu);
        if (first.ok()) first = s;
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads && static_cast<size_t>(t) < n; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  return first;
}

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_TRANSFER_WORKER_POOL_H_
