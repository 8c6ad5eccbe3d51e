#include "storage/content/append_pipeline.h"

#include <utility>

namespace hoso {

AppendPipeline::AppendPipeline(storage::ContentUpload* upload, size_t depth)
    : upload_(upload), depth_(depth), worker_([this] { Run(); }) {}

AppendPipeline::~AppendPipeline() { Close().IgnoreError(); }

absl::Status AppendPipeline::Push(std::string&& data) {
  // Hashed here, stored on the worker: the hash of this piece overlaps the
  // disk write of the one before.
  if (absl::Status s = upload_->Absorb(data); !s.ok()) return s;
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait(lock, [&] { return queue_.size() < depth_ || !error_.ok(); });
  if (!error_.ok()) return error_;
  queue_.push_back(std::move(data));
  changed_.notify_all();
  return absl::OkStatus();
}

absl::Status AppendPipeline::Close() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
    changed_.notify_all();
  }
  if (worker_.joinable()) worker_.join();
  std::lock_guard<std::mutex> lock(mu_);
  return error_;
}

void AppendPipeline::Run() {
  while (true) {
    std::string data;
    {
      std::unique_lock<std::mutex> lock(mu_);
      changed_.wait(lock, [&] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;  // closing, all done
      data = std::move(queue_.front());
      queue_.pop_front();
      changed_.notify_all();
    }
    absl::Status s = upload_->Store(data);
    if (!s.ok()) {
      std::lock_guard<std::mutex> lock(mu_);
      error_ = s;
      queue_.clear();
      changed_.notify_all();
      return;
    }
  }
}

}  // namespace hoso
