#ifndef HOSO_BENCH_BENCH_UTIL_H_
#define HOSO_BENCH_BENCH_UTIL_H_

// Small helpers shared by the benchmark clients.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace hoso::bench {

using Clock = std::chrono::steady_clock;

inline std::unique_ptr<grpc::ClientContext> Context(const std::string& token, int seconds = 60) {
  auto c = std::make_unique<grpc::ClientContext>();
  c->AddMetadata("authorization", "Bearer " + token);
  c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  return c;
}

inline double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

inline double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace hoso::bench

#endif  // HOSO_BENCH_BENCH_UTIL_H_
