#include "storage/content/content_store.h"

#include <openssl/rand.h>

#include <algorithm>
#include <utility>

#include "storage/base/error_reason.h"
#include "storage/content/chunk_store.h"
#include "storage/content/object_store_down.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {
namespace {

// How many of an interrupted upload's first chunks are in the index. Its
// session record counts the chunks handed to the chunk store, and a store
// that confirms them later (an object store) may have lost the last ones in
// a crash: the upload resumes after the chunks that are there.
absl::StatusOr<uint32_t> ChunksPresent(const Database& database, const UploadSessionRecord& rec) {
  for (uint32_t i = 0; i < rec.chunk_count(); ++i) {
    auto pointer = database.GetChunk(keys::Chunk(rec.location(), i));
    if (!pointer.ok()) return pointer.status();
    if (!pointer->has_value()) return i;
  }
  return rec.chunk_count();
}

// The bytes an upload resumes after, `present` of its chunks being there.
uint64_t ResumableBytes(const UploadSessionRecord& rec, uint32_t present) {
  return present == rec.chunk_count() ? rec.durable_bytes() : uint64_t{present} * kChunkBytes;
}

uint64_t RandomLocation() {
  uint64_t v = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&v), sizeof v);
  return (v >> 1) | 1;  // below 2^63 and never 0 (0 means "no chunks")
}

}  // namespace

// ---------------------------------------------------------------- ContentStore

ContentStore::ContentStore(Database* database, ChunkStore* chunks, UploadSettings settings)
    : database_(database), chunks_(chunks), settings_(settings) {}

absl::StatusOr<bool> ContentStore::Holds(const Sha256Digest& sha256, const ContentHolder& holder) {
  const std::string raw = DigestBytes(sha256);
  auto content = database_->Get(keys::Content(raw));
  if (!content.ok()) return content.status();
  if (!content->has_value()) return false;
  return HoldsContent(*database_, holder, raw);
}

absl::StatusOr<ContentState> ContentStore::Stat(const Sha256Digest& sha256,
                                                const ContentHolder& holder) {
  const std::string raw = DigestBytes(sha256);
  auto content = ReadRecord<ContentRecord>(*database_, keys::Content(raw));
  if (!content.ok()) return content.status();
  if (content->has_value()) {
    auto held = HoldsContent(*database_, holder, raw);
    if (!held.ok()) return held.status();
    if (*held) return ContentState{true, (*content)->size(), 0};
    // Not the holder's: answer as for absent content (the own upload below).
  }
  auto offset = ResumeOffset(holder, ToHex(sha256));
  if (!offset.ok()) return offset.status();
  return ContentState{false, 0, *offset};
}

absl::StatusOr<uint64_t> ContentStore::ResumeOffset(const ContentHolder& holder,
                                                    std::string_view upload_id) {
  auto session = ReadRecord<UploadSessionRecord>(*database_, keys::Upload(holder.user, upload_id));
  if (!session.ok()) return session.status();
  if (!session->has_value()) return 0;
  if (UploadExpired(**session, settings_, database_->clock().NowUnix())) return 0;
  // The offset we report must survive a crash: make it durable first.
  if (absl::Status s = chunks_->Sync(); !s.ok()) {
    return ObjectStoreDown(s, StoreDownDuring::kResumableUpload);
  }
  if (absl::Status s = database_->SyncWritten(); !s.ok()) return s;
  auto present = ChunksPresent(*database_, **session);
  if (!present.ok()) return present.status();
  return ResumableBytes(**session, *present);
}

absl::StatusOr<uint64_t> ContentStore::UnfinishedBytes(const std::string& user,
                                                       const std::string& except) {
  auto sessions = ListUploadSessions(*database_, keys::UploadsOf(user));
  if (!sessions.ok()) return sessions.status();
  const int64_t now = database_->clock().NowUnix();
  uint64_t total = 0;
  for (const UploadSession& session : *sessions) {
    const std::string id = session.key.substr(keys::UploadsOf(user).size());
    if (id == except || active_.count({user, id}) > 0) continue;
    if (!UploadExpired(session.record, settings_, now)) total += session.record.durable_bytes();
  }
  for (const auto& [key, declared] : active_) {
    if (key.first == user && key.second != except) total += declared;
  }
  return total;
}

absl::StatusOr<size_t> ContentStore::DropExpiredUploads() {
  const int64_t now = database_->clock().NowUnix();
  std::vector<uint64_t> locations;
  WriteBatch batch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    last_sweep_unix_ = now;
    auto sessions = ListUploadSessions(*database_, keys::kUploadPrefix);
    if (!sessions.ok()) return sessions.status();
    for (const UploadSession& session : *sessions) {
      if (!UploadExpired(session.record, settings_, now)) continue;
      if (active_.count({session.record.user(), session.record.upload_id()}) > 0) continue;
      batch.Delete(session.key);
      if (session.record.location() != 0) locations.push_back(session.record.location());
    }
    if (batch.Count() == 0) return 0;
    // Under mu_: a resume of one of these cannot begin until they are gone.
    if (absl::Status s = database_->Write(batch, Durability::kDurable, "dropping expired uploads");
        !s.ok()) {
      return s;
    }
  }
  for (uint64_t location : locations) {
    if (absl::Status s = chunks_->Drop(location); !s.ok()) return s;
  }
  return batch.Count();
}

absl::StatusOr<std::unique_ptr<ContentUpload>> ContentStore::BeginUpload(
    const UploadRequest& request) {
  const int64_t now = database_->clock().NowUnix();
  bool sweep = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    sweep = now - last_sweep_unix_ >= 60;
  }
  if (sweep) {
    if (auto dropped = DropExpiredUploads(); !dropped.ok()) return dropped.status();
  }
  if (!request.upload_id.empty()) {
    if (absl::Status s = ValidateUploadId(request.upload_id); !s.ok()) return s;
  }
  const bool sized = request.declared || !request.upload_id.empty();
  if (!sized || !request.resumable) {
    if (request.offset != 0) {
      return absl::InvalidArgumentError(
          "only an upload with a declared sha256 or an upload id can resume");
    }
    bool discard = false;
    if (request.declared) {
      auto content = database_->Get(keys::Content(DigestBytes(*request.declared)));
      if (!content.ok()) return content.status();
      discard = content->has_value();
    }
    return std::unique_ptr<ContentUpload>(
        new ContentUpload(this, request, discard ? 0 : RandomLocation(), 0, discard, now));
  }
  const std::string& user = request.holder.user;
  const std::string id = request.upload_id.empty() ? ToHex(*request.declared) : request.upload_id;
  const std::string name = request.declared ? ToHex(*request.declared) : "upload " + id;
  const ActiveKey active{user, id};
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (active_.count(active) > 0) {
      return WithReason(absl::AbortedError("your other upload of " + name +
                                           " is in progress; try again when it has finished"),
                        reason::kUploadBusy, {{"upload", name}});
    }
    if (!user.empty() && settings_.max_unfinished_bytes != 0) {
      auto unfinished = UnfinishedBytes(user, id);
      if (!unfinished.ok()) return unfinished.status();
      if (*unfinished + request.declared_size > settings_.max_unfinished_bytes) {
        return UnfinishedQuotaExceeded(*unfinished, request.declared_size, settings_);
      }
    }
    active_.emplace(active, request.declared_size);
  }
  auto fail = [&](absl::Status s) -> absl::StatusOr<std::unique_ptr<ContentUpload>> {
    Release(active);
    return s;
  };
  const std::string session_key = keys::Upload(user, id);
  auto session = ReadRecord<UploadSessionRecord>(*database_, session_key);
  if (!session.ok()) return fail(session.status());
  if (session->has_value() && UploadExpired(**session, settings_, now)) session->reset();
  if (request.offset == 0) {
    if (session->has_value()) {
      // Starting over: what an earlier attempt kept goes (its declaration may
      // have been wrong); only this owner's attempt, nobody else's.
      if (absl::Status s =
              database_->Delete(session_key, Durability::kBuffered, "starting an upload over");
          !s.ok()) {
        return fail(s);
      }
      chunks_->Drop((*session)->location()).IgnoreError();
    }
    bool discard = false;
    if (request.declared) {
      auto content = database_->Get(keys::Content(DigestBytes(*request.declared)));
      if (!content.ok()) return fail(content.status());
      discard = content->has_value();
    }
    return std::unique_ptr<ContentUpload>(
        new ContentUpload(this, request, discard ? 0 : RandomLocation(), 0, discard, now));
  }
  if (!session->has_value()) {
    return fail(absl::FailedPreconditionError("no interrupted upload of " + name +
                                              " to resume; start again at offset 0"));
  }
  const UploadSessionRecord& rec = **session;
  const std::string declared_raw = request.declared ? DigestBytes(*request.declared) : "";
  if (rec.size() != request.declared_size || rec.sha256() != declared_raw) {
    return fail(absl::FailedPreconditionError(
        "your interrupted upload of " + name + " declared " + std::to_string(rec.size()) +
        " bytes" + (rec.sha256() != declared_raw ? " and another sha256" : "") + ", this one " +
        std::to_string(request.declared_size) + "; start again at offset 0"));
  }
  auto present = ChunksPresent(*database_, rec);
  if (!present.ok()) return fail(present.status());
  const uint64_t resumable = ResumableBytes(rec, *present);
  if (request.offset != resumable) {
    return fail(absl::FailedPreconditionError("the upload of " + name + " can resume at byte " +
                                              std::to_string(resumable) + ", not " +
                                              std::to_string(request.offset)));
  }
  auto upload = std::unique_ptr<ContentUpload>(
      new ContentUpload(this, request, rec.location(), *present, false, rec.started_unix()));
  // Resuming: the hash covers the stored prefix too, so read it back.
  for (uint32_t i = 0; i < *present; ++i) {
    auto chunk = chunks_->Get(rec.location(), i);
    if (absl::IsUnavailable(chunk.status())) {
      return ObjectStoreDown(chunk.status(), StoreDownDuring::kResumableUpload);
    }
    if (!chunk.ok()) {
      return absl::DataLossError("the stored part of this upload is unreadable (" +
                                 chunk.status().ToString() + "); start again at offset 0");
    }
    upload->hasher_.Update(*chunk);
    upload->received_ += chunk->size();
    upload->absorbed_ += chunk->size();
  }
  return upload;
}

void ContentStore::Prefetch(const Sha256Digest& sha256, uint32_t max_chunks) {
  auto content = ReadRecord<ContentRecord>(*database_, keys::Content(DigestBytes(sha256)));
  if (!content.ok() || !content->has_value() || (*content)->chunk_count() == 0) return;
  chunks_->Prefetch((*content)->location(), 0, std::min((*content)->chunk_count(), max_chunks));
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
    return WithReason(absl::NotFoundError("content " + ToHex(sha256) + " is not stored"),
                      reason::kContentMissing, {{"sha256", ToHex(sha256)}});
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

void ContentStore::Release(const ActiveKey& key) {
  std::lock_guard<std::mutex> lock(mu_);
  active_.erase(key);
}

std::set<uint64_t> ContentStore::LocationsBeingWritten() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::set<uint64_t>(writing_.begin(), writing_.end());
}

// ---------------------------------------------------------------- ContentUpload

namespace {

std::string SessionKeyOf(const UploadRequest& request) {
  if (!request.resumable) return "";
  if (!request.upload_id.empty()) return keys::Upload(request.holder.user, request.upload_id);
  if (request.declared) return keys::Upload(request.holder.user, ToHex(*request.declared));
  return "";
}

}  // namespace

ContentUpload::ContentUpload(ContentStore* store, const UploadRequest& request, uint64_t location,
                             uint32_t chunk_count, bool discard, int64_t started_unix)
    : store_(store),
      request_(request),
      session_key_(SessionKeyOf(request)),
      location_(location),
      discard_(discard),
      started_unix_(started_unix),
      chunk_count_(chunk_count),
      received_(0) {
  const uint64_t expected = sized() ? request.declared_size - request.offset : kChunkBytes;
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
  if (!finished_ && !tracked() && location_ != 0) {
    // Not resumable: nobody can find these chunks again.
    store_->chunks_->Drop(location_).IgnoreError();
  }
  if (tracked()) {
    store_->Release(
        {request_.holder.user, session_key_.substr(keys::UploadsOf(request_.holder.user).size())});
  }
}

absl::Status ContentUpload::Append(std::string_view data) {
  if (absl::Status s = Absorb(data); !s.ok()) return s;
  return Store(data);
}

absl::Status ContentUpload::Absorb(std::string_view data) {
  if (finished_) return absl::FailedPreconditionError("upload already finished");
  if (sized() && absorbed_ + data.size() > request_.declared_size) {
    return absl::InvalidArgumentError("received more than the declared " +
                                      std::to_string(request_.declared_size) + " bytes");
  }
  hasher_.Update(data);
  absorbed_ += data.size();
  return absl::OkStatus();
}

absl::Status ContentUpload::Store(std::string_view data) {
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

absl::Status ContentUpload::DeclareAtEnd(const Sha256Digest& sha256) {
  if (request_.declared) {
    return absl::InvalidArgumentError("this upload declared its sha256 in its header already");
  }
  declared_at_end_ = sha256;
  return absl::OkStatus();
}

absl::Status ContentUpload::EndUnhashed() {
  if (request_.declared) {
    return absl::InvalidArgumentError("this upload declared its sha256 in its header already");
  }
  ends_unhashed_ = true;
  return absl::OkStatus();
}

absl::Status ContentUpload::WriteChunk() {
  if (absl::Status s = store_->chunks_->Put(location_, chunk_count_, buffer_); !s.ok()) {
    return ObjectStoreDown(
        s, tracked() ? StoreDownDuring::kResumableUpload : StoreDownDuring::kUpload);
  }
  ++chunk_count_;
  received_ += buffer_.size();
  buffer_.clear();
  if (!tracked()) return absl::OkStatus();
  // Record progress after the chunk: the log is ordered, so a crash never
  // leaves a session that counts a chunk that is not there.
  Database* db = store_->database_;
  UploadSessionRecord session;
  session.set_location(location_);
  session.set_size(request_.declared_size);
  session.set_durable_bytes(received_);
  session.set_chunk_count(chunk_count_);
  session.set_started_unix(started_unix_);
  session.set_updated_unix(db->clock().NowUnix());
  session.set_user(request_.holder.user);
  session.set_school(request_.holder.school);
  if (request_.declared) session.set_sha256(DigestBytes(*request_.declared));
  session.set_upload_id(session_key_.substr(keys::UploadsOf(request_.holder.user).size()));
  return db->Put(session_key_, session.SerializeAsString(), Durability::kBuffered,
                 "recording upload progress");
}

absl::Status ContentUpload::Abandon(std::string_view why) {
  finished_ = true;
  if (tracked()) {
    store_->database_->Delete(session_key_, Durability::kDurable, "forgetting an upload")
        .IgnoreError();
  }
  if (location_ != 0) store_->chunks_->Drop(location_).IgnoreError();
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
  if (sized() && received_ != request_.declared_size) {
    return absl::InvalidArgumentError("the upload ended after " + std::to_string(received_) +
                                      " of the declared " + std::to_string(request_.declared_size) +
                                      " bytes");
  }
  const std::optional<Sha256Digest> declared =
      request_.declared ? request_.declared : declared_at_end_;
  if (!declared && !request_.upload_id.empty() && !ends_unhashed_) {
    // Its durable part stays for a resume that ends properly.
    return absl::InvalidArgumentError(
        "an upload with an upload id ends with its sha256, or says it has none (the trailer "
        "message)");
  }
  const Sha256Digest digest = hasher_.Finish();
  if (declared && digest != *declared) {
    return WithReason(Abandon("the uploaded bytes hash to " + ToHex(digest) +
                              ", not the declared " + ToHex(*declared) + "; nothing was kept"),
                      reason::kHashMismatch,
                      {{"sha256", ToHex(*declared)}, {"got", ToHex(digest)}});
  }
  return UploadResult{digest, received_, discard_};
}

absl::Status ContentUpload::AddRecord(WriteBatch& batch, UploadResult& result) {
  Database* db = store_->database_;
  const std::string raw = DigestBytes(result.sha256);
  if (tracked()) batch.Delete(session_key_);
  // The uploader proved they have the bytes, stored before or not.
  AddUploadClaims(batch, request_.holder, raw, result.size);
  if (discard_) return absl::OkStatus();
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
  bool any_new = false, any_record = false;
  for (ContentUpload* upload : uploads) {
    auto sealed = upload->Seal();
    if (!sealed.ok()) return sealed.status();
    any_new = any_new || !upload->discard_;
    any_record = any_record || !upload->discard_ || !upload->request_.holder.user.empty() ||
                 upload->tracked();
    results.push_back(*sealed);
  }
  // Bytes first, then the records naming them. Both syncs are group commits:
  // concurrent uploads share them instead of queueing behind the write lock.
  if (any_new) {
    if (absl::Status s = chunks_->Sync(); !s.ok()) {
      const bool resumable = std::all_of(uploads.begin(), uploads.end(),
                                         [](ContentUpload* u) { return u->tracked(); });
      return ObjectStoreDown(
          s, resumable ? StoreDownDuring::kResumableUpload : StoreDownDuring::kUpload);
    }
  }
  if (any_record) {
    std::lock_guard<std::mutex> lock(database_->write_mutex());
    WriteBatch batch;
    for (size_t i = 0; i < uploads.size(); ++i) {
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
    if (absl::IsUnavailable(chunk.status())) {
      return ObjectStoreDown(chunk.status(), StoreDownDuring::kRead);
    }
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
