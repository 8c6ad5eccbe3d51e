#ifndef HOSO_CLIENTS_TRANSFER_CONTENT_SENDER_H_
#define HOSO_CLIENTS_TRANSFER_CONTENT_SENDER_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <vector>

#include "clients/app/connection.h"
#include "clients/transfer/local_file.h"
#include "clients/transfer/progress.h"
#include "hoso/v1/limits.h"
#include "storage/base/sha256.h"

namespace hoso::cli {

// Keeps the average rate of all senders together at or under `rate`
// bytes/s (0: unlimited). Thread-safe.
class RateLimiter {
 public:
  explicit RateLimiter(uint64_t rate);
  void Account(uint64_t bytes);

 private:
  const uint64_t rate_;
  const std::chrono::steady_clock::time_point start_;
  std::mutex mu_;
  uint64_t sent_ = 0;
};

// What a data stream counts as it goes.
struct SendMeter {
  RateLimiter& limiter;
  std::atomic<uint64_t>* sent;  // bytes the stream took
  Progress* progress;           // may be null
};

// How a run of data messages ended.
struct PiecesSent {
  bool open = true;          // the stream still takes messages
  bool half_closed = false;  // the last data message ended the stream
};

// Writes file[*position, file.size) from `fd` to `writer` as data messages,
// reading each piece once; `hasher` (may be null) hashes each piece before
// it is sent (a second hashing thread measured slower on two cores: the
// server's threads need the other one). With `last_ends_stream` the last message half-closes the
// stream. Advances *position by what the stream took. DATA_LOSS when the file cannot be read (it
// changed while uploading).
grpc::Status SendPieces(grpc::ClientWriter<v1::UploadChunk>& writer, int fd, const LocalFile& file,
                        uint64_t* position, Sha256Hasher* hasher, bool last_ends_stream,
                        const SendMeter& meter, PiecesSent* result);

// Asks the server which of `files` it has; states come back in order.
// Splits large lists into batches the server accepts.
// `school` (empty: the caller's own uploads) is who must hold them: the
// server answers for that school only.
grpc::Status StatFiles(Connection& c, const std::vector<const LocalFile*>& files,
                       std::vector<v1::ContentState>* states, const std::string& school = "");

// Sends one file from `offset` (0 or the server's resume offset), resuming
// after interruptions with backoff. Adds the bytes sent to *sent.
// `quiet` leaves out the per-file progress bar (a caller drawing its own).
// The school then holds the content (empty: only the uploader does).
grpc::Status SendWithRetries(Connection& c, const LocalFile& file, uint64_t offset,
                             RateLimiter& limiter, std::atomic<uint64_t>* sent, bool quiet = false,
                             const std::string& school = "");

// Files up to v1::kMaxBatchFileBytes travel in batches (SendBatch).

// Sends small files (each at most v1::kMaxBatchFileBytes; at most v1::kMaxBatchFiles and
// v1::kMaxBatchBytes together) in one UploadBatch stream, committed together, and
// sends the batch again after an interruption. Adds the bytes sent to *sent.
grpc::Status SendBatch(Connection& c, const std::vector<const LocalFile*>& files,
                       RateLimiter& limiter, std::atomic<uint64_t>* sent,
                       const std::string& school = "");

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_TRANSFER_CONTENT_SENDER_H_
