#ifndef HOSO_STORAGE_CONTENT_CONTENT_STORE_H_
#define HOSO_STORAGE_CONTENT_CONTENT_STORE_H_

#include <cstdint>
#include <map>
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
#include "storage/content/content_holdings.h"
#include "storage/content/upload_sessions.h"
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
  // Without one, an id names a resumable upload hashed while it is sent: its
  // hash comes at the end (ContentUpload::DeclareAtEnd). See ValidateUploadId.
  std::string upload_id;
  uint64_t declared_size = 0;  // required with `declared` or `upload_id`
  uint64_t offset = 0;         // 0, or the resume offset
  // false: no progress records (a small file sent whole, in a batch).
  bool resumable = true;
  // The session's owner, who alone can resume it, and what a finished upload
  // claims (content_holdings.h). Empty: the server's own upload.
  ContentHolder holder;
};

struct UploadResult {
  Sha256Digest sha256{};
  uint64_t size = 0;
  bool deduplicated = false;  // the content was already stored; these bytes were not kept
};

// One upload in progress. Not thread-safe, except that Absorb and Store may
// run on two threads at once. Destroying it without Finish() keeps what is
// durable for a later resume (declared hash) or drops it.
class ContentUpload {
 public:
  ~ContentUpload();
  ContentUpload(const ContentUpload&) = delete;
  ContentUpload& operator=(const ContentUpload&) = delete;

  // Appends bytes: Absorb, then Store. InvalidArgument past the declared size.
  absl::Status Append(std::string_view data);
  // The halves of Append, called in this order for every piece, so that a
  // caller can hash one piece while the last one is written (AppendPipeline:
  // packs are written with O_DIRECT, so a write waits for the disk).
  // Absorb checks the size and hashes; Store keeps the bytes.
  absl::Status Absorb(std::string_view data);
  absl::Status Store(std::string_view data);
  // The hash of an upload begun without one, declared after its data; Finish
  // checks it. InvalidArgument when the upload declared one at its start.
  absl::Status DeclareAtEnd(const Sha256Digest& sha256);
  // Ends an upload begun without a hash with none at all: the hash of the
  // bytes received names the content (a browser's upload of a file of a size
  // its school holds nowhere). InvalidArgument when the upload declared one.
  absl::Status EndUnhashed();
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
                uint32_t chunk_count, bool discard, int64_t started_unix);
  // Whether a session record tracks this upload (resumable, with a hash or an id).
  bool tracked() const { return request_.resumable && !session_key_.empty(); }
  bool sized() const { return request_.declared.has_value() || !request_.upload_id.empty(); }
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
  const std::string session_key_;  // keys::Upload(owner, id), or empty
  const uint64_t location_;
  const bool discard_;  // content already stored: verify, do not keep
  const int64_t started_unix_;
  std::optional<Sha256Digest> declared_at_end_;
  bool ends_unhashed_ = false;
  uint32_t chunk_count_;
  uint64_t received_;  // bytes before buffer_, all in chunks
  std::string buffer_;
  // Absorb's side: the bytes hashed so far (the resumed prefix included).
  uint64_t absorbed_ = 0;
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
  ContentStore(Database* database, ChunkStore* chunks, UploadSettings settings = {});

  // Whether `sha256` is stored and held by `holder` (content it does not
  // hold looks absent, size and all), or how much of the holder's own
  // upload of it is durable.
  absl::StatusOr<ContentState> Stat(const Sha256Digest& sha256, const ContentHolder& holder = {});
  // The durable bytes of the holder's upload `upload_id` (one hashed while
  // sent); 0 when there is none.
  absl::StatusOr<uint64_t> ResumeOffset(const ContentHolder& holder, std::string_view upload_id);
  // Whether `holder` holds content of exactly `size` bytes (storage::HoldsSize).
  absl::StatusOr<bool> HoldsSize(const ContentHolder& holder, uint64_t size) {
    return storage::HoldsSize(*database_, holder, size);
  }
  // Whether `sha256` is stored and `holder` may link it (HoldsContent).
  absl::StatusOr<bool> Holds(const Sha256Digest& sha256, const ContentHolder& holder);
  // Starts or resumes an upload, the owner's own: another person's upload of
  // the same content never gets in the way. Aborted while the same owner's
  // upload with this hash or id is running; FailedPrecondition for an
  // offset that is neither 0 nor the owner's durable offset (offset 0 starts
  // over, dropping what an earlier attempt kept); ResourceExhausted beyond the
  // owner's quota of unfinished bytes (UploadSettings).
  absl::StatusOr<std::unique_ptr<ContentUpload>> BeginUpload(const UploadRequest& request);
  // Drops the sessions nobody resumed within the expiry, and their chunks:
  // the session records go in one durable write, then the chunks (a crash in
  // between leaves chunks no record names: dead space for repack). Returns
  // how many were dropped. BeginUpload runs it at most once a minute.
  absl::StatusOr<size_t> DropExpiredUploads();
  // NotFound if the content is not stored.
  absl::StatusOr<std::unique_ptr<ContentReader>> Open(const Sha256Digest& sha256);
  // Tells the chunk store that the first `max_chunks` chunks of `sha256` are
  // read soon (ChunkStore::Prefetch); nothing for content not stored.
  void Prefetch(const Sha256Digest& sha256, uint32_t max_chunks);
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
  using ActiveKey = std::pair<std::string, std::string>;  // owner, upload id
  // The owner's unfinished bytes (durable parts of idle sessions, declared
  // sizes of running ones) other than session `except`.
  absl::StatusOr<uint64_t> UnfinishedBytes(const std::string& user, const std::string& except)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Release(const ActiveKey& key);

  Database* const database_;
  ChunkStore* const chunks_;
  const UploadSettings settings_;
  std::mutex mu_;
  // Resumable uploads streaming now, with their declared sizes.
  std::map<ActiveKey, uint64_t> active_ ABSL_GUARDED_BY(mu_);
  int64_t last_sweep_unix_ ABSL_GUARDED_BY(mu_) = 0;
  std::multiset<uint64_t> writing_ ABSL_GUARDED_BY(mu_);  // locations of live ContentUploads
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_CONTENT_STORE_H_
