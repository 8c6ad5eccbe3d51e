#include "services/runtime/scrubber.h"

#include <chrono>
#include <string>

#include "services/runtime/log.h"
#include "storage/content/content_store.h"

namespace hoso {

Scrubber::Scrubber(storage::ContentStore* content, grpc::HealthCheckServiceInterface* health,
                   uint64_t bytes_per_second)
    : content_(content), health_(health), rate_(bytes_per_second), thread_([this] { Loop(); }) {}

Scrubber::~Scrubber() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

bool Scrubber::Pause(std::chrono::milliseconds how_long) {
  std::unique_lock<std::mutex> lock(mu_);
  return !wake_.wait_for(lock, how_long, [this] { return stopping_; });
}

void Scrubber::Loop() {
  using Clock = std::chrono::steady_clock;
  if (health_ != nullptr) health_->SetServingStatus(kIntegrityHealth, true);
  uint64_t problems = 0;
  while (true) {
    // One pass over everything stored.
    const auto pass_start = Clock::now();
    uint64_t contents = 0, bytes = 0;
    std::optional<Sha256Digest> cursor;
    while (true) {
      auto next = content_->Next(cursor);
      if (!next.ok()) {
        LogWarning("scrub: " + std::string(next.status().message()));
        break;
      }
      if (!next->has_value()) break;
      cursor = (*next)->sha256;
      auto reader = content_->Open(*cursor);
      absl::Status read = reader.status();
      while (read.ok()) {
        auto piece = (*reader)->Next();
        if (!piece.ok()) {
          read = piece.status();
          break;
        }
        if (piece->empty()) break;
        bytes += piece->size();
        // Keep to the rate: where the pass should be by now, at most.
        const auto due = pass_start + std::chrono::microseconds(bytes * 1000000 / rate_);
        const auto now = Clock::now();
        if (due > now && !Pause(std::chrono::duration_cast<std::chrono::milliseconds>(due - now))) {
          return;
        }
      }
      ++contents;
      if (absl::IsUnavailable(read)) {
        // The object store is down (health hoso.content says so): nothing
        // is known about these bytes; the next pass reads them again.
        LogWarning("scrub: paused, the content store does not answer");
        if (!Pause(std::chrono::seconds(60))) return;
        break;
      }
      if (!read.ok() && !absl::IsNotFound(read)) {  // NotFound: deleted meanwhile
        ++problems;
        LogError("scrub: content " + ToHex(*cursor) + " failed its check: " +
                 std::string(read.message()) + "; run hoso admin fsck --repair");
        if (health_ != nullptr) health_->SetServingStatus(kIntegrityHealth, false);
      }
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
    }
    LogInfo("scrub: pass done, " + std::to_string(contents) + " content(s), " +
            std::to_string(bytes) + " bytes re-read, " + std::to_string(problems) +
            " problem(s) since start");
    // Rest between passes; at least a minute, so an empty store does not spin.
    if (!Pause(std::chrono::seconds(60))) return;
  }
}

}  // namespace hoso
