#include "clients/transfer/piece_hasher.h"

namespace hoso::cli {

PieceHasher::PieceHasher(size_t depth)
    : ring_(depth == 0 ? 1 : depth), pending_(ring_.size()), inline_(depth == 0) {
  if (!inline_) worker_ = std::thread([this] { Run(); });
}

PieceHasher::~PieceHasher() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
  }
  changed_.notify_all();
  if (worker_.joinable()) worker_.join();
}

std::string& PieceHasher::Next() {
  if (inline_) return ring_[0];
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait(lock, [&] { return submitted_ - hashed_ < ring_.size(); });
  std::string& buffer = ring_[submitted_ % ring_.size()];
  // On the heap even when small: a string in its own short buffer would move
  // its bytes when moved, under the hasher's feet.
  if (buffer.capacity() < 64) buffer.reserve(64);
  return buffer;
}

void PieceHasher::Submit() {
  if (inline_) {
    hasher_.Update(ring_[0]);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    const size_t slot = submitted_ % ring_.size();
    pending_[slot] = ring_[slot];
    ++submitted_;
  }
  changed_.notify_all();
}

Sha256Digest PieceHasher::Finish() {
  if (inline_) return hasher_.Finish();
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
  }
  changed_.notify_all();
  worker_.join();
  return hasher_.Finish();
}

void PieceHasher::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    changed_.wait(lock, [&] { return hashed_ < submitted_ || closing_; });
    if (hashed_ == submitted_) return;  // closing, all hashed
    const std::string_view piece = pending_[hashed_ % ring_.size()];
    lock.unlock();
    hasher_.Update(piece);
    lock.lock();
    ++hashed_;
    changed_.notify_all();
  }
}

}  // namespace hoso::cli
