#include "services/runtime/content_health.h"

#include <optional>
#include <string>

#include "services/runtime/log.h"
#include "storage/content/chunk_store.h"

namespace hoso {

ContentHealth::ContentHealth(storage::ChunkStore* chunks,
                             grpc::HealthCheckServiceInterface* health, std::chrono::seconds every)
    : chunks_(chunks), health_(health), every_(every), thread_([this] { Loop(); }) {}

ContentHealth::~ContentHealth() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ContentHealth::Loop() {
  std::optional<bool> was_up;
  while (true) {
    const absl::Status reachable = chunks_->Reachable();
    const bool up = reachable.ok();
    if (!was_up || *was_up != up) {
      if (health_ != nullptr) health_->SetServingStatus(kContentHealth, up);
      if (up && was_up) {
        LogInfo("the content store answers again: " + chunks_->Describe());
      } else if (!up) {
        LogError("the content store does not answer (" + chunks_->Describe() +
                 "): " + std::string(reachable.message()) +
                 "; uploads are refused as unavailable until it does");
      }
      was_up = up;
    }
    std::unique_lock<std::mutex> lock(mu_);
    if (wake_.wait_for(lock, every_, [this] { return stopping_; })) return;
  }
}

}  // namespace hoso
