#include "storage/content/s3_chunk_store.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "storage/base/error_reason.h"
#include "storage/base/sha256.h"
#include "storage/content/chunk_cache.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/objects/s3_client.h"

namespace hoso::storage {
namespace {

constexpr size_t kPointerBytes = 37;

struct S3Pointer {
  Sha256Digest sha256{};
  uint32_t length = 0;

  std::string Encode() const {
    std::string out(kPointerBytes, '\0');
    out[0] = 'S';
    std::memcpy(&out[1], sha256.data(), 32);
    std::memcpy(&out[33], &length, 4);  // little-endian on every machine we run on
    return out;
  }
  static std::optional<S3Pointer> Decode(std::string_view in) {
    if (!IsS3ChunkPointer(in)) return std::nullopt;
    S3Pointer p;
    std::memcpy(p.sha256.data(), in.data() + 1, 32);
    std::memcpy(&p.length, in.data() + 33, 4);
    return p;
  }
};

std::string ObjectName(const S3Target& target, const Sha256Digest& sha256) {
  const std::string hex = ToHex(sha256);
  return target.prefix + "chunks/" + hex.substr(0, 2) + "/" + hex;
}

// The seconds since 1970 of an ISO 8601 time as S3 lists it
// ("2026-12-02T01:20:00.000Z"); 0 when unreadable (then never swept).
int64_t ParseIsoTime(const std::string& text) {
  std::tm tm{};
  if (sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
             &tm.tm_min, &tm.tm_sec) != 6) {
    return 0;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return timegm(&tm);
}

class S3ChunkStore final : public ChunkStore {
 public:
  S3ChunkStore(Database* database, const S3ChunkStoreOptions& options)
      : database_(database),
        options_(options),
        client_(
            options.target, options.credentials,
            S3ClientOptions{.connect_timeout_seconds = std::min(5, options.request_timeout_seconds),
                            .request_timeout_seconds = options.request_timeout_seconds}),
        parallel_(std::max(1, options.parallel_requests)) {
    if (!options.cache_dir.empty() && options.cache_bytes > 0) {
      cache_ = std::make_unique<ChunkCache>(options.cache_dir, options.cache_bytes);
    }
    for (int i = 0; i < parallel_; ++i) {
      uploaders_.emplace_back([this] { UploadLoop(); });
      readers_.emplace_back([this] { ReadLoop(); });
    }
  }

  ~S3ChunkStore() override {
    {
      // Chunks on their way are confirmed first (an interrupted upload's
      // session counts them); those that failed are given up.
      std::unique_lock<std::mutex> lock(mu_);
      changed_.wait(lock, [&] {
        return std::all_of(jobs_.begin(), jobs_.end(),
                           [](const auto& entry) { return entry.second->state == Job::kFailed; });
      });
      stopping_ = true;
    }
    changed_.notify_all();
    for (std::thread& t : uploaders_) t.join();
    for (std::thread& t : readers_) t.join();
  }

  // The bucket is created when missing and versioned: a chunk object is
  // deleted only by the sweep, and versioning keeps its bytes recoverable
  // (a backup restored after a sweep, a sweep that raced a writer) until the
  // lifecycle rule set on creation (keep_deleted_days) expires old versions;
  // on an operator's bucket, their own rules. A store that does not
  // answer now is not an error here: the bucket is made ready on the first
  // PUT, and reads meanwhile come from the cache.
  absl::Status Init() {
    absl::Status head = client_.HeadBucket();
    if (absl::IsUnavailable(head)) return absl::OkStatus();
    return EnsureBucket(head);
  }

  std::string Describe() const override { return client_.Describe(); }

  absl::Status Reachable() override {
    absl::Status s = client_.HeadBucket(/*timeout_seconds=*/3);
    if (s.ok() || absl::IsUnavailable(s)) return s;
    absl::Status unavailable = absl::UnavailableError(std::string(s.message()));
    const std::string why = ReasonOf(s);
    return why.empty() ? unavailable : WithReason(unavailable, why);
  }

  absl::Status Put(uint64_t location, uint32_t index, std::string_view data) override {
    auto job = std::make_shared<Job>();
    job->key = keys::Chunk(location, index);
    job->location = location;
    job->data = std::string(data);
    job->pointer.sha256 = Sha256Of(data);
    job->pointer.length = static_cast<uint32_t>(data.size());
    std::unique_lock<std::mutex> lock(mu_);
    // At most two chunks per request in flight wait in memory; a store that
    // is failing now fails new chunks at once instead of queueing them.
    changed_.wait(lock, [&] {
      return stopping_ || !last_failure_.ok() || jobs_.size() < 2 * static_cast<size_t>(parallel_);
    });
    if (stopping_) return absl::CancelledError("the chunk store is closing");
    if (!last_failure_.ok() && jobs_.size() >= 2 * static_cast<size_t>(parallel_)) {
      return last_failure_;
    }
    job->seq = next_seq_++;
    latest_[job->key] = job->seq;
    jobs_[job->seq] = job;
    queue_.push_back(job);
    changed_.notify_all();
    return absl::OkStatus();
  }

  absl::Status Sync() override {
    std::unique_lock<std::mutex> lock(mu_);
    const uint64_t target = next_seq_;
    // Chunks that failed before get one more try now (the store may be back).
    for (auto& [seq, job] : jobs_) {
      if (seq >= target) break;
      if (job->state == Job::kFailed) {
        job->state = Job::kQueued;
        queue_.push_back(job);
      }
    }
    changed_.notify_all();
    changed_.wait(lock, [&] {
      for (auto& [seq, job] : jobs_) {
        if (seq >= target) return true;
        if (job->state != Job::kFailed) return false;
      }
      return true;
    });
    for (auto& [seq, job] : jobs_) {
      if (seq >= target) break;
      if (job->state == Job::kFailed) return job->status;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> Get(uint64_t location, uint32_t index) override {
    const std::string key = keys::Chunk(location, index);
    {
      // A chunk still on its way to the store (a resumed upload reads its
      // prefix back).
      std::lock_guard<std::mutex> lock(mu_);
      if (auto it = latest_.find(key); it != latest_.end()) {
        if (auto job = jobs_.find(it->second); job != jobs_.end()) return job->second->data;
      }
    }
    auto value = database_->GetChunk(key);
    if (!value.ok()) return value.status();
    if (!value->has_value()) {
      return absl::NotFoundError("chunk " + std::to_string(index) + " is not in the index");
    }
    auto pointer = S3Pointer::Decode(**value);
    if (!pointer) {
      return absl::DataLossError("the index entry of chunk " + std::to_string(index) +
                                 " is not an object-store pointer");
    }
    if (options_.read_ahead_chunks > 0) {
      Prefetch(location, index + 1, static_cast<uint32_t>(options_.read_ahead_chunks));
    }
    return Fetch(*pointer);
  }

  // Starts fetching the chunks (a sequential reader finds them ready);
  // chunks already being fetched are skipped, cached ones are read from the
  // cache by the reader threads.
  void Prefetch(uint64_t location, uint32_t first, uint32_t count) override {
    std::vector<S3Pointer> next;
    for (uint32_t i = first; i < first + count; ++i) {
      auto value = database_->GetChunk(keys::Chunk(location, i));
      if (!value.ok() || !value->has_value()) break;
      if (auto pointer = S3Pointer::Decode(**value)) next.push_back(*pointer);
    }
    std::lock_guard<std::mutex> lock(mu_);
    // Bounded: chunks fetched for a reader that stopped are forgotten.
    const size_t most =
        2 * static_cast<size_t>(std::max(options_.read_ahead_chunks, 8) + parallel_);
    if (fetching_.size() + next.size() > most) {
      std::erase_if(fetching_, [](const auto& entry) { return entry.second->done; });
    }
    for (const S3Pointer& pointer : next) {
      if (fetching_.count(pointer.sha256)) continue;
      if (fetching_.size() >= most) break;
      fetching_[pointer.sha256] = std::make_shared<Fetching>();
      read_queue_.push_back(pointer);
    }
    changed_.notify_all();
  }

  absl::Status Drop(uint64_t location) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = jobs_.begin(); it != jobs_.end();) {
      const std::shared_ptr<Job>& job = it->second;
      if (job->location != location) {
        ++it;
        continue;
      }
      // A running PUT finishes, but writes no pointer (dropped_ is checked
      // under mu_ before the pointer is written).
      job->dropped = true;
      if (latest_.count(job->key) && latest_[job->key] == job->seq) latest_.erase(job->key);
      if (job->state == Job::kRunning) {
        ++it;
      } else {
        it = jobs_.erase(it);
      }
    }
    std::erase_if(queue_, [&](const std::shared_ptr<Job>& job) { return job->dropped; });
    changed_.notify_all();
    return database_->DeleteChunks(keys::ChunkLocationStart(location),
                                   keys::ChunkLocationEnd(location));
  }

  absl::StatusOr<std::vector<uint64_t>> Locations() override { return database_->ChunkLocations(); }

  // No packs: the bytes the index names, live or not, as one "pack" that is
  // never written to, so gc can report what it dropped.
  absl::StatusOr<SpaceUsage> Usage(LiveLocation live) override {
    SpaceUsage usage;
    absl::Status s = database_->ScanChunks([&](std::string_view key, std::string_view value) {
      auto pointer = S3Pointer::Decode(value);
      const uint64_t length = pointer ? pointer->length : 0;
      if (live(keys::ChunkKeyLocation(key))) {
        usage.live_bytes += length;
      } else {
        usage.dead_bytes += length;
      }
      return true;
    });
    if (!s.ok()) return s;
    usage.file_bytes = usage.live_bytes + usage.dead_bytes;
    return usage;
  }

  // The sweep (hoso admin gc reaches it through Repack): deletes the chunk
  // objects no pointer names that are older than a grace period. Listing
  // first, then the pointers, so an object written meanwhile is kept; a
  // writer whose PUT met an object this sweep deletes writes it again (see
  // Confirmed).
  absl::StatusOr<RepackReport> Repack(const RepackOptions& options) override;

 private:
  struct Job {
    enum State { kQueued, kRunning, kFailed };
    uint64_t seq = 0;
    std::string key;
    uint64_t location = 0;
    std::string data;
    S3Pointer pointer;
    State state = kQueued;
    absl::Status status;
    bool dropped = false;
  };

  // A chunk being read ahead or fetched, shared by whoever waits for it.
  struct Fetching {
    bool done = false;
    absl::StatusOr<std::string> data;
  };

  absl::Status EnsureBucket(absl::Status head) {
    if (absl::IsNotFound(head)) {
      if (absl::Status s = client_.CreateBucket(); !s.ok()) return s;
      if (absl::Status s = client_.PutBucketVersioning(true); !s.ok()) return s;
      if (options_.keep_deleted_days > 0) {
        if (absl::Status s = client_.PutNoncurrentVersionExpiration(
                options_.target.prefix + "chunks/", options_.keep_deleted_days);
            !s.ok()) {
          return s;
        }
      }
    } else if (!head.ok()) {
      return head;
    } else {
      // A bucket made by an operator: versioning is best effort (their keys
      // may not be allowed to change it).
      client_.PutBucketVersioning(true).IgnoreError();
    }
    bucket_ready_ = true;
    return absl::OkStatus();
  }

  void UploadLoop() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      // Chunks that failed are tried again every few seconds, so a store
      // that comes back takes them even when no Sync asks.
      if (!changed_.wait_for(lock, std::chrono::seconds(3),
                             [&] { return stopping_ || !queue_.empty(); })) {
        for (auto& [seq, job] : jobs_) {
          if (job->state == Job::kFailed) {
            job->state = Job::kQueued;
            queue_.push_back(job);
          }
        }
        continue;
      }
      if (stopping_) return;
      std::shared_ptr<Job> job = queue_.front();
      queue_.pop_front();
      job->state = Job::kRunning;
      lock.unlock();
      absl::Status status = Upload(*job);
      lock.lock();
      const bool confirmed = Finished(job, status);
      changed_.notify_all();
      if (confirmed && cache_) {
        // Outside the lock: a megabyte written to disk would hold up every
        // other Put and Get.
        lock.unlock();
        cache_->Put(job->pointer.sha256, job->data);
        lock.lock();
      }
    }
  }

  absl::Status Upload(const Job& job) {
    if (!bucket_ready_) {
      if (absl::Status s = EnsureBucket(client_.HeadBucket()); !s.ok()) return s;
    }
    const std::string name = ObjectName(options_.target, job.pointer.sha256);
    for (;;) {
      uint64_t epoch;
      {
        std::lock_guard<std::mutex> lock(mu_);
        epoch = sweep_epoch_;
      }
      absl::Status s = client_.PutObject(name, job.data, job.pointer.sha256, /*md5=*/std::nullopt,
                                         /*if_none_match=*/true);
      // 412: an object of this name is there, and the name is its hash.
      if (!s.ok() && !absl::IsFailedPrecondition(s)) return s;
      std::unique_lock<std::mutex> lock(mu_);
      // A sweep deleting meanwhile may have taken the object the 412 found:
      // once it is done, PUT again.
      if (sweep_epoch_ == epoch && !sweeping_) return absl::OkStatus();
      changed_.wait(lock, [&] { return !sweeping_ || stopping_; });
      if (stopping_) return absl::CancelledError("the chunk store is closing");
    }
  }

  // Whether the store confirmed the chunk (and its pointer is written).
  bool Finished(const std::shared_ptr<Job>& job, absl::Status status)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (job->dropped) {
      jobs_.erase(job->seq);
      return false;
    }
    if (status.ok()) {
      // The pointer only now that the store has the bytes; superseded by a
      // later Put of the same chunk, it is not written.
      auto it = latest_.find(job->key);
      if (it != latest_.end() && it->second == job->seq) {
        status = database_->PutChunk(job->key, job->pointer.Encode());
        if (status.ok()) latest_.erase(it);
      }
    }
    if (status.ok()) {
      jobs_.erase(job->seq);
      if (jobs_.empty() || std::none_of(jobs_.begin(), jobs_.end(), [](const auto& entry) {
            return entry.second->state == Job::kFailed;
          })) {
        last_failure_ = absl::OkStatus();
      }
      return true;
    }
    job->state = Job::kFailed;
    job->status = status;
    last_failure_ = status;
    return false;
  }

  // The bytes of the object a pointer names: read ahead, cached, or fetched
  // now; verified against the name in each case.
  absl::StatusOr<std::string> Fetch(const S3Pointer& pointer) {
    std::shared_ptr<Fetching> fetching;
    {
      std::unique_lock<std::mutex> lock(mu_);
      auto it = fetching_.find(pointer.sha256);
      if (it != fetching_.end()) {
        fetching = it->second;
        changed_.wait(lock, [&] { return fetching->done; });
        if (auto again = fetching_.find(pointer.sha256);
            again != fetching_.end() && again->second == fetching) {
          fetching_.erase(again);
        }
        // A copy: two readers of the same chunk may wait for one fetch.
        if (fetching->data.ok()) return *fetching->data;
      }
    }
    return Download(pointer);
  }

  absl::StatusOr<std::string> Download(const S3Pointer& pointer) {
    if (cache_) {
      if (auto cached = cache_->Get(pointer.sha256)) return std::move(*cached);
    }
    const std::string name = ObjectName(options_.target, pointer.sha256);
    auto data = client_.GetObject(name);
    if (!data.ok()) {
      if (absl::IsNotFound(data.status())) {
        return absl::DataLossError("object " + name + " is missing from " + Describe());
      }
      return data.status();
    }
    if (data->size() != pointer.length || Sha256Of(*data) != pointer.sha256) {
      return absl::DataLossError("object " + name + " in " + Describe() +
                                 " does not match its name: its bytes were changed");
    }
    if (cache_) cache_->Put(pointer.sha256, *data);
    return data;
  }

  void ReadLoop() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      changed_.wait(lock, [&] { return stopping_ || !read_queue_.empty(); });
      if (stopping_) return;
      const S3Pointer pointer = read_queue_.front();
      read_queue_.pop_front();
      lock.unlock();
      auto data = Download(pointer);
      lock.lock();
      if (auto it = fetching_.find(pointer.sha256); it != fetching_.end()) {
        it->second->data = std::move(data);
        it->second->done = true;
      }
      changed_.notify_all();
    }
  }

  Database* const database_;
  const S3ChunkStoreOptions options_;
  S3Client client_;
  const int parallel_;
  std::unique_ptr<ChunkCache> cache_;
  std::atomic<bool> bucket_ready_{false};

  std::mutex mu_;
  std::condition_variable changed_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  // Every Put not yet confirmed, by sequence; queued, running or failed.
  std::map<uint64_t, std::shared_ptr<Job>> jobs_ ABSL_GUARDED_BY(mu_);
  std::deque<std::shared_ptr<Job>> queue_ ABSL_GUARDED_BY(mu_);
  // The newest Put of each chunk key still unconfirmed.
  std::map<std::string, uint64_t> latest_ ABSL_GUARDED_BY(mu_);
  uint64_t next_seq_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status last_failure_ ABSL_GUARDED_BY(mu_);
  std::map<Sha256Digest, std::shared_ptr<Fetching>> fetching_ ABSL_GUARDED_BY(mu_);
  std::deque<S3Pointer> read_queue_ ABSL_GUARDED_BY(mu_);
  bool sweeping_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t sweep_epoch_ ABSL_GUARDED_BY(mu_) = 0;

  std::vector<std::thread> uploaders_;
  std::vector<std::thread> readers_;
};

absl::StatusOr<RepackReport> S3ChunkStore::Repack(const RepackOptions& options) {
  RepackReport report;
  const std::string prefix = options_.target.prefix + "chunks/";
  std::vector<S3ListedObject> listed;
  std::string token;
  do {
    auto page = client_.ListObjectsV2(prefix, token);
    if (!page.ok()) return page.status();
    for (S3ListedObject& object : page->objects) listed.push_back(std::move(object));
    token = page->next_continuation_token;
  } while (!token.empty());

  std::set<std::string> named;  // object names the index or a pending Put names
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [seq, job] : jobs_)
      named.insert(ObjectName(options_.target, job->pointer.sha256));
  }
  absl::Status s = database_->ScanChunks([&](std::string_view, std::string_view value) {
    if (auto pointer = S3Pointer::Decode(value))
      named.insert(ObjectName(options_.target, pointer->sha256));
    return true;
  });
  if (!s.ok()) return s;

  const int64_t now = database_->clock().NowUnix();
  std::vector<std::string> doomed;
  uint64_t doomed_bytes = 0;
  for (const S3ListedObject& object : listed) {
    if (named.count(object.key)) continue;
    const int64_t modified = ParseIsoTime(object.last_modified);
    if (modified == 0 || now - modified < options_.sweep_grace_seconds) continue;
    doomed.push_back(object.key);
    doomed_bytes += object.size;
  }
  if (doomed.empty()) return report;
  {
    std::lock_guard<std::mutex> lock(mu_);
    sweeping_ = true;
    ++sweep_epoch_;
  }
  absl::Status deleted = client_.DeleteObjects(doomed);
  {
    std::lock_guard<std::mutex> lock(mu_);
    sweeping_ = false;
    ++sweep_epoch_;
  }
  changed_.notify_all();
  if (!deleted.ok()) return deleted;
  report.packs_repacked = static_cast<uint32_t>(doomed.size());
  report.bytes_reclaimed = doomed_bytes;
  return report;
}

}  // namespace

bool IsS3ChunkPointer(std::string_view pointer) {
  return pointer.size() == kPointerBytes && pointer[0] == 'S';
}

std::optional<std::string> S3ChunkObjectName(const S3Target& target, std::string_view pointer) {
  auto decoded = S3Pointer::Decode(pointer);
  if (!decoded) return std::nullopt;
  return ObjectName(target, decoded->sha256);
}

absl::StatusOr<std::unique_ptr<ChunkStore>> OpenS3ChunkStore(Database* database,
                                                             const S3ChunkStoreOptions& options) {
  if (options.target.endpoint.empty() || options.target.bucket.empty()) {
    return absl::InvalidArgumentError("kho đối tượng cần địa chỉ (--s3-endpoint) và bucket");
  }
  auto store = std::make_unique<S3ChunkStore>(database, options);
  if (absl::Status s = store->Init(); !s.ok()) return s;
  return std::unique_ptr<ChunkStore>(std::move(store));
}

}  // namespace hoso::storage
