#include "storage/content/content_prefetch.h"

#include <utility>

#include "storage/content/content_store.h"

namespace hoso::storage {

ContentPrefetcher::ContentPrefetcher(ContentStore& store, std::vector<Sha256Digest> order,
                                     size_t budget_bytes)
    : store_(store), order_(std::move(order)), budget_(budget_bytes), worker_([this] { Run(); }) {}

ContentPrefetcher::~ContentPrefetcher() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    changed_.notify_all();
  }
  worker_.join();
}

bool ContentPrefetcher::Push(Item item) {
  std::unique_lock<std::mutex> lock(mu_);
  // One piece may always wait, however large, so that progress never stalls.
  changed_.wait(lock, [&] { return stopping_ || queue_.empty() || queued_bytes_ < budget_; });
  if (stopping_) return false;
  queued_bytes_ += item.piece.size();
  queue_.push_back(std::move(item));
  changed_.notify_all();
  return true;
}

void ContentPrefetcher::Run() {
  // The chunk store hears of the next contents before they are opened: an
  // object store then fetches a run of small files in parallel instead of
  // one request after another.
  // radosgw answers one small GET in tens of ms: 24 files ahead keep a
  // store's 16 readers busy (rclone needed 16 transfers for the same rate).
  // Their first chunk only: a big file reads ahead by itself, and the S3
  // store holds at most 2 × (8 + parallel requests) chunks fetched ahead.
  constexpr size_t kHintContents = 24;
  constexpr uint32_t kHintChunks = 1;
  size_t hinted = 0;
  for (size_t i = 0; i < order_.size(); ++i) {
    for (; hinted < order_.size() && hinted <= i + kHintContents; ++hinted) {
      store_.Prefetch(order_[hinted], kHintChunks);
    }
    const Sha256Digest& digest = order_[i];
    auto reader = store_.Open(digest);
    if (!reader.ok()) {
      Push({reader.status(), ""});
      return;
    }
    while (true) {
      auto piece = (*reader)->Next();
      if (!piece.ok()) {
        Push({piece.status(), ""});
        return;
      }
      const bool end = piece->empty();
      if (!Push({absl::OkStatus(), std::move(*piece)})) return;
      if (end) break;
    }
  }
}

absl::StatusOr<std::string> ContentPrefetcher::Next() {
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait(lock, [&] { return !queue_.empty(); });
  Item item = std::move(queue_.front());
  queue_.pop_front();
  queued_bytes_ -= item.piece.size();
  changed_.notify_all();
  if (!item.status.ok()) {
    queue_.push_front(item);  // every later call gives the same error
    return item.status;
  }
  return std::move(item.piece);
}

}  // namespace hoso::storage
