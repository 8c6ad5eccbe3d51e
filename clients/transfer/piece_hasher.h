#ifndef HOSO_CLIENTS_TRANSFER_PIECE_HASHER_H_
#define HOSO_CLIENTS_TRANSFER_PIECE_HASHER_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "storage/base/sha256.h"

namespace hoso::cli {

// Hashes the pieces of a file, in order, on a thread of its own while the
// caller sends them: on two cores, read + hash + send on one thread is the
// longest chain of a large upload. Pieces live in a ring of `depth` buffers;
// Next() hands one out only once the hasher is done with it; depth 0 hashes
// each piece at Submit() on the caller's thread. One caller thread.
class PieceHasher {
 public:
  explicit PieceHasher(size_t depth);
  ~PieceHasher();
  PieceHasher(const PieceHasher&) = delete;
  PieceHasher& operator=(const PieceHasher&) = delete;

  // The next buffer to fill; waits while the hasher still reads it.
  std::string& Next();
  // The buffer Next() gave, as filled now, is to be hashed. Its bytes must
  // stay where they are until the buffer comes back from Next(): moving the
  // string (into a message and back) is fine, changing its size is not.
  void Submit();
  // The hash of every submitted piece, once all are hashed.
  Sha256Digest Finish();

 private:
  void Run();

  std::vector<std::string> ring_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<std::string_view> pending_;  // by ring slot; guarded by mu_
  uint64_t submitted_ = 0;                 // guarded by mu_
  uint64_t hashed_ = 0;                    // guarded by mu_
  bool closing_ = false;                   // guarded by mu_
  const bool inline_;
  Sha256Hasher hasher_;  // the worker's until Finish
  std::thread worker_;
};

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_TRANSFER_PIECE_HASHER_H_
