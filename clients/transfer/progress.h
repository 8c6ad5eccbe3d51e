#ifndef HOSO_CLIENTS_TRANSFER_PROGRESS_H_
#define HOSO_CLIENTS_TRANSFER_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace hoso::cli {

// A one-line progress bar on stderr for transfers of at least 4 MiB, only
// when stderr is a terminal; silent otherwise. Not thread-safe.
class Progress {
 public:
  Progress(std::string label, uint64_t total, uint64_t start = 0);
  ~Progress();
  void Advance(uint64_t bytes);
  void Done();

 private:
  void Draw(bool final);

  const std::string label_;
  const uint64_t total_;
  const uint64_t start_;
  uint64_t done_;
  const bool enabled_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point began_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_TRANSFER_PROGRESS_H_
