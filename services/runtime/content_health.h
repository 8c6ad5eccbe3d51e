#ifndef HOSO_SERVICES_RUNTIME_CONTENT_HEALTH_H_
#define HOSO_SERVICES_RUNTIME_CONTENT_HEALTH_H_

#include <grpcpp/health_check_service_interface.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace hoso {

namespace storage {
class ChunkStore;
}

// The health service name for the content store: SERVING while it answers,
// NOT_SERVING while it does not (an object store down or refusing our
// keys). hosod keeps serving meanwhile: reads from the cache work, uploads
// get UNAVAILABLE (OBJECT_STORE_UNAVAILABLE) and resume later.
inline constexpr char kContentHealth[] = "hoso.content";

// Asks the chunk store whether it answers (ChunkStore::Reachable) every
// `every`, sets kContentHealth to match and logs each change.
class ContentHealth {
 public:
  ContentHealth(storage::ChunkStore* chunks, grpc::HealthCheckServiceInterface* health,
                std::chrono::seconds every);
  ~ContentHealth();
  ContentHealth(const ContentHealth&) = delete;
  ContentHealth& operator=(const ContentHealth&) = delete;

 private:
  void Loop();

  storage::ChunkStore* const chunks_;
  grpc::HealthCheckServiceInterface* const health_;
  const std::chrono::seconds every_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_RUNTIME_CONTENT_HEALTH_H_
