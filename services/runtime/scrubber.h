#ifndef HOSO_SERVICES_RUNTIME_SCRUBBER_H_
#define HOSO_SERVICES_RUNTIME_SCRUBBER_H_

#include <grpcpp/health_check_service_interface.h>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace hoso {

namespace storage {
class ContentStore;
}

// The health service name the scrubber reports on: SERVING while every
// content it re-read matched its hash, NOT_SERVING once one did not (the
// server keeps serving; run `hoso admin fsck --repair`).
inline constexpr char kIntegrityHealth[] = "hoso.v1.integrity";

// Re-reads every stored content in a loop, at most `bytes_per_second`,
// checking each chunk's XXH3 and each content's SHA-256, so that a disk
// that rots is noticed before anyone needs the file. Reports in the log and
// in the health service.
class Scrubber {
 public:
  Scrubber(storage::ContentStore* content, grpc::HealthCheckServiceInterface* health,
           uint64_t bytes_per_second);
  ~Scrubber();
  Scrubber(const Scrubber&) = delete;
  Scrubber& operator=(const Scrubber&) = delete;

 private:
  void Loop();
  // Sleeps, unless stopping; false when stopping.
  bool Pause(std::chrono::milliseconds how_long);

  storage::ContentStore* const content_;
  grpc::HealthCheckServiceInterface* const health_;
  const uint64_t rate_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_RUNTIME_SCRUBBER_H_
