#ifndef HOSO_STORAGE_CONTENT_CONTENT_STORE_H_
#define HOSO_STORAGE_CONTENT_CONTENT_STORE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/base/sha256.h"
#include "storage/index/write_batch.h"

namespace hoso::storage {

class ChunkStore;
class Database;
class ContentStore;

// Content is cut into chunks of this size (the last may be shorter); an
// interrupted upload resumes at a multiple of it.
inline constexpr size_t kChunkBytes = 1 << 20;

struct ContentState {
  bool present = false;
  uint64_t size = 0;           // when present
  uint64_t resume_offset = 0;  // durable bytes of an interrupted upload
};

struct UploadRequest {
  // With a declared hash the upload is resumable and a mismatch is rejected.
  std::optional<Sha256Digest> declared;
  uint64_t declared_size = 0;  // required with `declared`
  uint64_t offset = 0;         // 0, or ContentState::resume_offset
  // false: no progress records (a small file sent whole, in a batch).
  bool resumable = true;
};

struct UploadResult {
  Sha256Digest sha256{};
  uint64_t size = 0;
  bool deduplicated = false;  // the content was already stored; these bytes were not kept
};

// One upload in progress. Not thread-safe. Destroying it without Finish()
// keeps what is durable for a later resume (declared hash) or drops it.
class ContentUpload {
 public:
  ~ContentUpload();
  ContentUpload(const ContentUpload&) = delete;
  ContentUpload& operator=(const ContentUpload&) = delete;

  // Appends bytes. InvalidArgument past the declared size.
  absl::Status Append(std::string_view data);
  // Writes out what is buffered (all data has come; the commit is still to
  // come, in Finish or ContentStore::FinishAll), so that a batch of small
  // uploads holds no file in memory while it waits.
  absl::Status EndOfData();
  // Verifies the hash and size and commits the content durably. On a hash
  // mismatch returns InvalidArgument and keeps nothing.
  absl::StatusOr<UploadResult> Finish();

 private:
  friend class ContentStore;
  ContentUpload(ContentStore* store, const UploadRequest& request, uint64_t location,
                uint32_t chunk_count, bool discard);
  absl::Status WriteChunk();
  absl::Status Abandon(std::string_view why);
  // Writes what is buffered and checks size and hash: the first half of Finish.
  absl::StatusOr<UploadResult> Seal();
  // Adds the content record to `batch` (under the database's write lock);
  // marks `result` deduplicated when another upload stored it meanwhile.
  absl::Status AddRecord(WriteBatch& batch, UploadResult& result);
  // After the batch is written: drops what dedup made unneeded.
  void Committed(const UploadResult& result);

  ContentStore* const store_;
  const UploadRequest request_;
  const uint64_t location_;
  const bool discard_;  // content already stored: verify, do not keep
  uint32_t chunk_count_;
  uint64_t received_;  // bytes before buffer_, all in chunks
  std::string buffer_;
  Sha256Hasher hasher_;
  bool finished_ = false;
};

// Streams one stored content, verifying it. Not thread-safe.
class ContentReader {
 public:
  uint64_t size() const { return size_; }
  // The next piece of the content; an empty string once all was returned
  // (empty content returns "" at once). The last piece is only returned after
  // the whole content matched its hash; a mismatch or an unreadable chunk
  // gives DataLoss.
  absl::StatusOr<std::string> Next();

 private:
  friend class ContentStore;
  ContentReader(ChunkStore* chunks, const Sha256Digest& expected, uint64_t size, uint64_t location,
                uint32_t chunk_count);

  ChunkStore* const chunks_;
  const Sha256Digest expected_;
  const uint64_t size_;
  const uint64_t location_;
  const uint32_t chunk_count_;
  uint32_t next_ = 0;
  uint64_t read_ = 0;
  bool done_ = false;
  Sha256Hasher hasher_;
};

// Content-addressed storage: each distinct content (by SHA-256) is stored
// once. Thread-safe.
class ContentStore {
 public:
  // Neither pointer is owned; both must outlive the store.
  ContentStore(Database* database, ChunkStore* chunks);

  // Whether `sha256` is stored, or how much of an upload of it is durable.
  absl::StatusOr<ContentState> Stat(const Sha256Digest& sha256);
  // Starts or resumes an upload. Aborted while another upload of the same
  // declared content is running; FailedPrecondition for an offset that is
  // neither 0 nor the durable offset.
  absl::StatusOr<std::unique_ptr<ContentUpload>> BeginUpload(const UploadRequest& request);
  // NotFound if the content is not stored.
  absl::StatusOr<std::unique_ptr<ContentReader>> Open(const Sha256Digest& sha256);
  // Finishes many uploads with one sync of their bytes, one index write and
  // one log sync (many small files). Results in order; on any error nothing
  // is acknowledged (what was written is found again by a re-upload).
  absl::StatusOr<std::vector<UploadResult>> FinishAll(const std::vector<ContentUpload*>& uploads);
  // The stored content after `after` in hash order (nullopt: from the first),
  // with its size; nullopt at the end. For walking everything (scrubbing).
  struct Stored {
    Sha256Digest sha256;
    uint64_t size = 0;
  };
  absl::StatusOr<std::optional<Stored>> Next(const std::optional<Sha256Digest>& after) const;
  // The chunk locations of uploads under way in this process: wanted before
  // any record names them (gc keeps them).
  std::set<uint64_t> LocationsBeingWritten();

 private:
  friend class ContentUpload;
  void Release(const Sha256Digest& sha256);

  Database* const database_;
  ChunkStore* const chunks_;
  std::mutex mu_;
  std::set<Sha256Digest> active_ ABSL_GUARDED_BY(mu_);    // declared uploads streaming now
  std::multiset<uint64_t> writing_ ABSL_GUARDED_BY(mu_);  // locations of live ContentUploads
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_CONTENT_STORE_H_
