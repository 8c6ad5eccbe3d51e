#ifndef HOSO_STORAGE_CONTENT_CONTENT_PREFETCH_H_
#define HOSO_STORAGE_CONTENT_CONTENT_PREFETCH_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/base/sha256.h"

namespace hoso::storage {

class ContentStore;

// Reads stored contents, in the order given, on a thread of its own and up
// to `budget_bytes` ahead, verifying each as ContentReader does (a
// content's last piece comes only after it matched its SHA-256), so that
// reading and hashing the next file overlap what the caller does with this
// one (an archive written while it streams out). Not thread-safe: one
// consumer.
class ContentPrefetcher {
 public:
  ContentPrefetcher(ContentStore& store, std::vector<Sha256Digest> order, size_t budget_bytes);
  ~ContentPrefetcher();
  ContentPrefetcher(const ContentPrefetcher&) = delete;
  ContentPrefetcher& operator=(const ContentPrefetcher&) = delete;

  // The next piece of the current content; "" once that content is done
  // (the following call starts the next one). DataLoss, NotFound, ... as
  // ContentStore::Open and ContentReader::Next give them.
  absl::StatusOr<std::string> Next();

 private:
  struct Item {
    absl::Status status;
    std::string piece;  // empty: the end of a content
  };
  void Run();
  bool Push(Item item);  // false once stopped

  ContentStore& store_;
  const std::vector<Sha256Digest> order_;
  const size_t budget_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<Item> queue_;   // guarded by mu_
  size_t queued_bytes_ = 0;  // guarded by mu_
  bool stopping_ = false;    // guarded by mu_
  std::thread worker_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_CONTENT_PREFETCH_H_
