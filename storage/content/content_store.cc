#include "storage/content/content_store.h"

#include <openssl/rand.h>

#include <utility>

#include "storage/content/chunk_store.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {
namespace {

uint64_t RandomLocation() {
  uint64_t v = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&v), sizeof v);
  return (v >> 1) | 1;  // below 2^63 and never 0 (0 means "no chunks")
}

}  // namespace

// ---------------------------------------------------------------- ContentStore

ContentStore::ContentStore(Database* database, ChunkStore* chunks)
    : database_(database), chunks_(chunks) {}

absl::StatusOr<ContentState> ContentStore::Stat(const Sha256Digest& sha256) {
  const std::string raw = DigestBytes(sha256);
  auto content = ReadRecord<ContentRecord>(*database_, keys::Content(raw));
  if (!content.ok()) return content.status();
  if (content->has_value()) return ContentState{true, (*content)->size(), 0};
  auto session = ReadRecord<UploadSessionRecord>(*database_, keys::Upload(raw));
  if (!session.ok()) return session.status();
  if (!session->has_value()) return ContentState{};
  // The offset we report must survive a crash: make it durable first.
  if (absl::Status s = chunks_->Sync(); !s.ok()) return s;
  if (absl::Status s = database_->SyncWritten(); !s.ok()) return s;
  return ContentState{false, 0, (*session)->durable_bytes()};
}

absl::StatusOr<std::unique_ptr<ContentUpload>> ContentStore::BeginUpload(
    const UploadRequest& request) {
  if (!request.declared) {
    if (request.offset != 0) {
      return absl::InvalidArgumentError("an upload without a declared sha256 cannot resume");
    }
    return std::unique_ptr<ContentUpload>(
        new ContentUpload(this, request, RandomLocation(), 0, false));
  }
  const Sha256Digest& sha = *request.declared;
  const std::string raw = DigestBytes(sha);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!active_.insert(sha).second) {
      return absl::AbortedError("another upload of " + ToHex(sha) +
                                " is in progress; try again when it has finished");
    }
  }
  auto fail = [&](absl::Status s) -> absl::StatusOr<std::unique_ptr<ContentUpload>> {
    Release(sha);
    return s;
  };
  auto content = ReadRecord<ContentRecord>(*database_, keys::Content(raw));
  if (!content.ok()) return fail(content.status());
  if (content->has_value()) {
    if (request.offset != 0)
      return fail(absl::FailedPreconditionError("content is already stored"));
    return std::unique_ptr<ContentUpload>(new ContentUpload(this, request, 0, 0, true));
  }
  auto session = ReadRecord<UploadSessionRecord>(*database_, keys::Upload(raw));
  if (!session.ok()) return fail(session.status());
  if (!session->has_value()) {
    if (request.offset != 0) {
      return fail(absl::FailedPreconditionError("no interrupted upload of " + ToHex(sha) +
                                                " to resume; start again at offset 0"));
    }
    return std::unique_ptr<ContentUpload>(
        new ContentUpload(this, request, RandomLocation(), 0, false));
  }
  const UploadSessionRecord& rec = **session;
  if (rec.size() != request.declared_size) {
    return fail(absl::FailedPreconditionError(
        "an interrupted upload of " + ToHex(sha) + " declared " + std::to_string(rec.size()) +
        " bytes, this one " + std::to_string(request.declared_size)));
  }
  if (request.offset != 0 && request.offset != rec.durable_bytes()) {
    return fail(absl::FailedPreconditionError(
        "the upload of " + ToHex(sha) + " can resume at byte " +
        std::to_string(rec.durable_bytes()) + ", not " + std::to_string(request.offset)));
  }
  const uint32_t kept = request.offset == 0 ? 0 : rec.chunk_count();
  auto upload =
      std::unique_ptr<ContentUpload>(new ContentUpload(this, request, rec.location(), kept, false));
  // Resuming: the hash covers the stored prefix too, so read it back.
  for (uint32_t i = 0; i < kept; ++i) {
    auto chunk = chunks_->Get(rec.location(), i);
    if (!chunk.ok()) {
      return absl::DataLossError("the stored part of this upload is unreadable (" +
                                 chunk.status().ToString() + "); start again at offset 0");
    }
    upload->hasher_.Update(*chunk);
    upload->received_ += chunk->size();
  }
  return upload;
}

absl::StatusOr<std::unique_ptr<ContentReader>> ContentStore::Open(const Sha256Digest& sha256) {
  auto content = ReadRecord<ContentRecord>(*database_, keys::Content(DigestBytes(sha256)));
  if (!content.ok()) return content.status();
  if (!content->has_value()) {
    auto quarantined =
        ReadRecord<QuarantineRecord>(*database_, keys::Quarantine(DigestBytes(sha256)));
    if (quarantined.ok() && quarantined->has_value()) {
      return absl::DataLossError("content " + ToHex(sha256) + " was quarantined by fsck on " +
                                 IsoTimeUtc((*quarantined)->quarantined_unix()).substr(0, 10) +
                                 " (" + (*quarantined)->reason() +
                                 "); upload the file again to heal it, or restore a backup");
    }
    return absl::NotFoundError("content " + ToHex(sha256) + " is not stored");
  }
  const ContentRecord& rec = **content;
  return std::unique_ptr<ContentReader>(
      new ContentReader(chunks_, sha256, rec.size(), rec.location(), rec.chunk_count()));
}

absl::StatusOr<std::optional<ContentStore::Stored>> ContentStore::Next(
    const std::optional<Sha256Digest>& after) const {
  const std::string start = after ? keys::Content(DigestBytes(*after)) : "";
  std::optional<Stored> next;
  absl::Status parsed;
  absl::Status scanned = database_->ScanFrom(
      keys::kContentPrefix, start.empty() ? keys::kContentPrefix : start,
      [&](std::string_view key, std::string_view value) {
        if (key == start) return true;  // `after` itself
        ContentRecord record;
        auto digest = DigestFromBytes(key.substr(keys::kContentPrefix.size()));
        if (!digest || !record.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          parsed = absl::DataLossError("content record " + keys::Printable(key) + " is unreadable");
        } else {
          next = Stored{*digest, record.size()};
        }
        return false;
      });
  if (!parsed.ok()) return parsed;
  if (!scanned.ok()) return scanned;
  return next;
}

void ContentStore::Release(const Sha256Digest& sha256) {
  std::lock_guard<std::mutex> lock(mu_);
  active_.erase(sha256);
}

std::set<uint64_t> ContentStore::LocationsBeingWritten() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::set<uint64_t>(writing_.begin(), writing_.end());
}

// ---------------------------------------------------------------- ContentUpload

ContentUpload::ContentUpload(ContentStore* store, const UploadRequest& request, uint64_t location,
                             uint32_t chunk_count, bool discard)
    : store_(store),
      request_(request),
      location_(location),
      discard_(discard),
      chunk_count_(chunk_count),
      received_(0) {
  const uint64_t expected = request.declared ? request.declared_size - request.offset : kChunkBytes;
  buffer_.reserve(discard ? 0 : std::min<uint64_t>(kChunkBytes, expected));
  if (location_ != 0) {
    std::lock_guard<std::mutex> lock(store_->mu_);
    store_->writing_.insert(location_);
  }
}

ContentUpload::~ContentUpload() {
  if (location_ != 0) {
    std::lock_guard<std::mutex> lock(store_->mu_);
    store_->writing_.erase(store_->writing_.find(location_));
  }
  if (!finished_ && (!request_.declared || !request_.resumable) && location_ != 0) {
    // Not resumable: nobody can find these chunks again.
    store_->chunks_->Drop(location_).IgnoreError();
  }
  if (request_.declared) store_->Release(*request_.declared);
}

absl::Status ContentUpload::Append(std::string_view data) {
  if (finished_) return absl::FailedPreconditionError("upload already finished");
  const uint64_t total = received_ + buffer_.size() + data.size();
  if (request_.declared && total > request_.declared_size) {
    return absl::InvalidArgumentError("received more than the declared " +
                                      std::to_string(request_.declared_size) + " bytes");
  }
  hasher_.Update(data);
  if (discard_) {
    received_ += data.size();
    return absl::OkStatus();
  }
  while (!data.empty()) {
    const size_t take = std::min(data.size(), kChunkBytes - buffer_.size());
    buffer_.append(data.substr(0, take));
    data.remove_prefix(take);
    if (buffer_.size() == kChunkBytes) {
      if (absl::Status s = WriteChunk(); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

absl::Status ContentUpload::WriteChunk() {
  if (absl::Status s = store_->chunks_->Put(location_, chunk_count_, buffer_); !s.ok()) return s;
  ++chunk_count_;
  received_ += buffer_.size();
  buffer_.clear();
  if (!request_.declared || !request_.resumable) return absl::OkStatus();
  // Record progress after the chunk: the log is ordered, so a crash never
  // leaves a session that counts a chunk that is not there.
  UploadSessionRecord session;
  session.set_location(location_);
  session.set_size(request_.declared_size);
  session.set_durable_bytes(received_);
  session.set_chunk_count(chunk_count_);
  Database* db = store_->database_;
  session.set_started_unix(db->clock().NowUnix());
  return db->Put(keys::Upload(DigestBytes(*request_.declared)), session.SerializeAsString(),
                 Durability::kBuffered, "recording upload progress");
}

absl::Status ContentUpload::Abandon(std::string_view why) {
  finished_ = true;
  if (location_ != 0) store_->chunks_->Drop(location_).IgnoreError();
  if (request_.declared) {
    Database* db = store_->database_;
    db->Delete(keys::Upload(DigestBytes(*request_.declared)), Durability::kDurable,
               "forgetting an upload")
        .IgnoreError();
  }
  return absl::InvalidArgumentError(std::string(why));
}

absl::Status ContentUpload::EndOfData() {
  if (finished_) return absl::FailedPreconditionError("upload already finished");
  if (!buffer_.empty()) {
    if (absl::Status s = WriteChunk(); !s.ok()) return s;
  }
  std::string().swap(buffer_);
  return absl::OkStatus();
}

absl::StatusOr<UploadResult> ContentUpload::Seal() {
  if (finished_) return absl::FailedPreconditionError("upload already finished");
  if (!buffer_.empty()) {
    if (absl::Status s = WriteChunk(); !s.ok()) return s;
  }
  if (request_.declared && received_ != request_.declared_size) {
    return absl::InvalidArgumentError("the upload ended after " + std::to_string(received_) +
                                      " of the declared " + std::to_string(request_.declared_size) +
                                      " bytes");
  }
  const Sha256Digest digest = hasher_.Finish();
  if (request_.declared && digest != *request_.declared) {
    return Abandon("the uploaded bytes hash to " + ToHex(digest) + ", not the declared " +
                   ToHex(*request_.declared) + "; nothing was kept");
  }
  return UploadResult{digest, received_, discard_};
}

absl::Status ContentUpload::AddRecord(WriteBatch& batch, UploadResult& result) {
  Database* db = store_->database_;
  const std::string raw = DigestBytes(result.sha256);
  if (request_.declared && request_.resumable) batch.Delete(keys::Upload(raw));
  auto existing = ReadRecord<ContentRecord>(*db, keys::Content(raw));
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) {
    result.deduplicated = true;  // stored meanwhile by another upload
    return absl::OkStatus();
  }
  ContentRecord record;
  record.set_size(received_);
  record.set_location(chunk_count_ == 0 ? 0 : location_);
  record.set_chunk_count(chunk_count_);
  record.set_created_unix(store_->database_->clock().NowUnix());
  // Fresh bytes for quarantined content heal it: the references it had
  // are still there, so its reference count carries over.
  auto quarantined = ReadRecord<QuarantineRecord>(*db, keys::Quarantine(raw));
  if (!quarantined.ok()) return quarantined.status();
  if (quarantined->has_value()) {
    record.set_refcount((*quarantined)->content().refcount());
    batch.Delete(keys::Quarantine(raw));
  }
  batch.Put(keys::Content(raw), record.SerializeAsString());
  return absl::OkStatus();
}

void ContentUpload::Committed(const UploadResult& result) {
  finished_ = true;
  if (result.deduplicated && !discard_ && location_ != 0) {
    store_->chunks_->Drop(location_).IgnoreError();
  }
}

absl::StatusOr<UploadResult> ContentUpload::Finish() {
  auto results = store_->FinishAll({this});
  if (!results.ok()) return results.status();
  return results->front();
}

absl::StatusOr<std::vector<UploadResult>> ContentStore::FinishAll(
    const std::vector<ContentUpload*>& uploads) {
  std::vector<UploadResult> results;
  bool any_new = false;
  for (ContentUpload* upload : uploads) {
    auto sealed = upload->Seal();
    if (!sealed.ok()) return sealed.status();
    any_new = any_new || !upload->discard_;
    results.push_back(*sealed);
  }
  // Bytes first, then the records naming them. Both syncs are group commits:
  // concurrent uploads share them instead of queueing behind the write lock.
  if (any_new) {
    if (absl::Status s = chunks_->Sync(); !s.ok()) return s;
    std::lock_guard<std::mutex> lock(database_->write_mutex());
    WriteBatch batch;
    for (size_t i = 0; i < uploads.size(); ++i) {
      if (uploads[i]->discard_) continue;
      if (absl::Status s = uploads[i]->AddRecord(batch, results[i]); !s.ok()) return s;
    }
    if (absl::Status s = database_->Write(batch, Durability::kBuffered, "committing content");
        !s.ok()) {
      return s;
    }
  }
  for (size_t i = 0; i < uploads.size(); ++i) uploads[i]->Committed(results[i]);
  // Acknowledged only once durable; this also covers a stored copy that is
  // another upload's, not yet synced (dedup).
  if (absl::Status s = database_->SyncWritten(); !s.ok()) return s;
  return results;
}

// ---------------------------------------------------------------- ContentReader

ContentReader::ContentReader(ChunkStore* chunks, const Sha256Digest& expected, uint64_t size,
                             uint64_t location, uint32_t chunk_count)
    : chunks_(chunks),
      expected_(expected),
      size_(size),
      location_(location),
      chunk_count_(chunk_count) {}

absl::StatusOr<std::string> ContentReader::Next() {
  if (done_) return std::string();
  std::string piece;
  if (next_ < chunk_count_) {
    auto chunk = chunks_->Get(location_, next_);
    if (!chunk.ok()) {
      return absl::DataLossError("stored content " + ToHex(expected_) + " is damaged: chunk " +
                                 std::to_string(next_) + ": " +
                                 std::string(chunk.status().message()));
    }
    piece = std::move(*chunk);
    ++next_;
    read_ += piece.size();
    hasher_.Update(piece);
    if (next_ < chunk_count_) return piece;
  }
  // Last piece (or empty content): hold it back unless the whole content
  // checks out.
  done_ = true;
  const Sha256Digest digest = hasher_.Finish();
  if (read_ != size_ || digest != expected_) {
    return absl::DataLossError("stored content " + ToHex(expected_) +
                               " is corrupt: it now hashes to " + ToHex(digest) + " (" +
                               std::to_string(read_) + " of " + std::to_string(size_) + " bytes)");
  }
  return piece;
}

}  // namespace hoso::storage
