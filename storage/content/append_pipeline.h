#ifndef HOSO_STORAGE_CONTENT_APPEND_PIPELINE_H_
#define HOSO_STORAGE_CONTENT_APPEND_PIPELINE_H_

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "storage/content/content_store.h"

namespace hoso {

// Appends the data of a large upload in two stages: the producer's thread
// hashes each message as it comes (ContentUpload::Absorb), a thread of its
// own stores it (Store), so that receiving and hashing the next message
// overlap writing this one (on two cores a 1 GiB upload is otherwise one long
// serial chain, and an O_DIRECT write waits for the disk). At most `depth`
// messages wait. Not thread-safe: one producer.
class AppendPipeline {
 public:
  AppendPipeline(storage::ContentUpload* upload, size_t depth);
  ~AppendPipeline();
  AppendPipeline(const AppendPipeline&) = delete;
  AppendPipeline& operator=(const AppendPipeline&) = delete;

  // Hashes `data` and queues it (taken) to be stored; the first error of an
  // earlier append if any.
  absl::Status Push(std::string&& data);
  // Waits until everything queued is appended; the first error if any.
  absl::Status Close();

 private:
  void Run();

  storage::ContentUpload* const upload_;
  const size_t depth_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;  // guarded by mu_
  bool closing_ = false;           // guarded by mu_
  absl::Status error_;             // guarded by mu_
  std::thread worker_;
};

}  // namespace hoso

#endif  // HOSO_STORAGE_CONTENT_APPEND_PIPELINE_H_
