#include "storage/index/database.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <rocksdb/write_buffer_manager.h>

#include <vector>

#include "storage/index/audit_anchor.h"
#include "storage/index/keys.h"
#include "storage/index/rocks_status.h"

namespace hoso::storage {

namespace {

// What to do about an index that lost acknowledged changes.
constexpr std::string_view kRecovery =
    ". hosod stops rather than serve without them: restore the newest backup into a new data "
    "directory (hosod --restore-from BACKUP --data NEWDIR), or start once with "
    "--accept-index-rollback to serve what the index holds, the loss recorded in the audit log "
    "(README, Recovery)";

// Compares the chain with the anchor beside the index; with `accept`, a
// chain behind it is recorded as rolled back instead of refused.
absl::Status CheckAgainstAnchor(AuditLog& audit, AuditAnchor& anchor, bool accept) {
  audit.UseAnchor(&anchor);
  absl::Status fits = anchor.recorded() ? audit.CheckAnchor(*anchor.recorded()) : absl::OkStatus();
  if (fits.ok()) return anchor.Advance(audit.Head());
  if (!absl::IsFailedPrecondition(fits)) return fits;
  if (!accept)
    return absl::FailedPreconditionError(std::string(fits.message()) + std::string(kRecovery));
  const AuditFacts facts{
      .action = "index.rollback",
      .target = "index",
      .detail = "started with --accept-index-rollback: " + std::string(fits.message())};
  return audit.Record(Actor::System(), facts);
}

rocksdb::ColumnFamilyOptions IndexOptions(const DatabaseOptions& options) {
  rocksdb::ColumnFamilyOptions cf;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(options.index_cache_bytes);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  cf.write_buffer_size = 8 << 20;
  return cf;
}

rocksdb::ColumnFamilyOptions ChunkOptions(const DatabaseOptions& options) {
  rocksdb::ColumnFamilyOptions cf;
  cf.write_buffer_size = 8 << 20;  // 24-byte pointers: a 1 GiB file needs 1,024
  return cf;
}

rocksdb::WriteOptions WriteOptionsFor(Durability durability) {
  rocksdb::WriteOptions w;
  w.sync = durability == Durability::kDurable;
  return w;
}

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

// One point read of `family`, NotFound as nullopt.
absl::StatusOr<std::optional<std::string>> GetFrom(rocksdb::DB& db,
                                                   rocksdb::ColumnFamilyHandle* family,
                                                   std::string_view key, std::string_view what) {
  std::optional<std::string> value(std::in_place);
  rocksdb::Status s = db.Get(rocksdb::ReadOptions(), family, ToSlice(key), &*value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, what);
  return value;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& dir,
                                                         const DatabaseOptions& options) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.max_total_wal_size = 256 << 20;
  db_options.keep_log_file_num = 5;
  db_options.max_open_files = 512;
  db_options.write_buffer_manager =
      std::make_shared<rocksdb::WriteBufferManager>(options.total_write_buffer_bytes);
  // Any damage in the log stops the open. Replaying it only up to the
  // damage (point-in-time recovery, RocksDB's default) silently drops the
  // acknowledged changes after it, and even "tolerate a damaged tail" drops
  // everything after a flipped byte in the log's last 32 KiB block. Only the
  // operator's --accept-index-rollback takes that path, and the audit anchor
  // then says what was lost.
  db_options.wal_recovery_mode = options.accept_rollback
                                     ? rocksdb::WALRecoveryMode::kPointInTimeRecovery
                                     : rocksdb::WALRecoveryMode::kAbsoluteConsistency;
  db_options.paranoid_checks = true;

  // The index is the default family: WriteBatch relies on it.
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, IndexOptions(options)},
      {"chunks", ChunkOptions(options)},
  };
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, dir, families, &handles, &raw);
  if (s.IsCorruption()) {
    return absl::DataLossError("the index in " + dir + " is damaged (" + s.ToString() +
                               "); replaying its log past the damage would drop acknowledged "
                               "changes" +
                               std::string(kRecovery));
  }
  if (!s.ok()) return FromRocks(s, "opening the database in " + dir);

  auto database = std::unique_ptr<Database>(new Database());
  database->dir_ = dir;
  database->clock_ = options.clock;
  database->db_.reset(raw);
  database->index_ = handles[0];
  database->chunks_ = handles[1];
  database->audit_ = std::make_unique<AuditLog>(database.get());
  if (absl::Status loaded = database->audit_->Load(); !loaded.ok()) return loaded;
  if (!options.audit_anchor_path.empty()) {
    auto anchor = AuditAnchor::Open(options.audit_anchor_path);
    if (!anchor.ok()) return anchor.status();
    database->anchor_ = std::move(*anchor);
    if (absl::Status s =
            CheckAgainstAnchor(*database->audit_, *database->anchor_, options.accept_rollback);
        !s.ok()) {
      return s;
    }
  }
  return database;
}

Database::~Database() {
  if (!db_) return;
  audit_.reset();
  db_->DestroyColumnFamilyHandle(chunks_);
  db_->DestroyColumnFamilyHandle(index_);
  db_->Close();
}

absl::StatusOr<std::optional<std::string>> Database::Get(std::string_view key) const {
  return GetFrom(*db_, index_, key, "reading the index");
}

absl::Status Database::Write(WriteBatch& batch, Durability durability, std::string_view what) {
  return FromRocks(db_->Write(WriteOptionsFor(durability), batch.rep_.get()), what);
}

absl::Status Database::Put(std::string_view key, std::string_view value, Durability durability,
                           std::string_view what) {
  return FromRocks(db_->Put(WriteOptionsFor(durability), index_, ToSlice(key), ToSlice(value)),
                   what);
}

absl::Status Database::Delete(std::string_view key, Durability durability, std::string_view what) {
  return FromRocks(db_->Delete(WriteOptionsFor(durability), index_, ToSlice(key)), what);
}

absl::Status Database::Scan(std::string_view prefix, ScanVisitor visit) const {
  return ScanFrom(prefix, prefix, visit);
}

absl::Status Database::ScanFrom(std::string_view prefix, std::string_view start,
                                ScanVisitor visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), index_));
  for (it->Seek(ToSlice(start)); it->Valid() && it->key().starts_with(ToSlice(prefix));
       it->Next()) {
    if (!visit(it->key().ToStringView(), it->value().ToStringView())) break;
  }
  return FromRocks(it->status(), "scanning the index");
}

absl::Status Database::ScanBackward(std::string_view prefix, ScanVisitor visit) const {
  // The first key after every key with `prefix`: the prefix with its last
  // byte that can grow grown ("a/" -> "a0").
  std::string end(prefix);
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xff) end.pop_back();
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), index_));
  if (end.empty()) {
    it->SeekToLast();
  } else {
    ++end.back();
    it->SeekForPrev(end);
    if (it->Valid() && it->key() == rocksdb::Slice(end)) it->Prev();
  }
  for (; it->Valid() && it->key().starts_with(ToSlice(prefix)); it->Prev()) {
    if (!visit(it->key().ToStringView(), it->value().ToStringView())) break;
  }
  return FromRocks(it->status(), "scanning the index");
}

absl::Status Database::PutChunk(std::string_view key, std::string_view pointer) {
  return FromRocks(db_->Put(rocksdb::WriteOptions(), chunks_, ToSlice(key), ToSlice(pointer)),
                   "recording a chunk");
}

absl::StatusOr<std::optional<std::string>> Database::GetChunk(std::string_view key) const {
  return GetFrom(*db_, chunks_, key, "finding a chunk");
}

absl::Status Database::DeleteChunks(std::string_view begin, std::string_view end) {
  return FromRocks(db_->DeleteRange(rocksdb::WriteOptions(), chunks_, ToSlice(begin), ToSlice(end)),
                   "dropping chunks");
}

absl::Status Database::ScanChunks(ScanVisitor visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), chunks_));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (!visit(it->key().ToStringView(), it->value().ToStringView())) break;
  }
  return FromRocks(it->status(), "scanning the chunk index");
}

absl::StatusOr<std::vector<uint64_t>> Database::ChunkLocations() const {
  std::vector<uint64_t> locations;
  absl::Status s = ScanChunks([&](std::string_view key, std::string_view) {
    const uint64_t location = keys::ChunkKeyLocation(key);
    if (locations.empty() || locations.back() != location) locations.push_back(location);
    return true;
  });
  if (!s.ok()) return s;
  return locations;
}

absl::Status Database::PutChunksDurably(
    const std::vector<std::pair<std::string, std::string>>& pointers) {
  rocksdb::WriteBatch batch;
  for (const auto& [key, pointer] : pointers) {
    if (absl::Status s =
            FromRocks(batch.Put(chunks_, ToSlice(key), ToSlice(pointer)), "switching chunks");
        !s.ok()) {
      return s;
    }
  }
  return FromRocks(db_->Write(WriteOptionsFor(Durability::kDurable), &batch), "switching chunks");
}

absl::Status Database::SyncWritten() {
  const rocksdb::SequenceNumber mine = db_->GetLatestSequenceNumber();
  std::lock_guard<std::mutex> lock(sync_mu_);
  if (synced_seq_ >= mine) return absl::OkStatus();  // another caller's sync covered it
  const rocksdb::SequenceNumber upto = db_->GetLatestSequenceNumber();
  if (absl::Status s = FromRocks(db_->SyncWAL(), "syncing the index log"); !s.ok()) return s;
  synced_seq_ = upto;
  return absl::OkStatus();
}

absl::Status Database::Flush() {
  rocksdb::FlushOptions options;
  options.wait = true;
  if (anchor_) {
    if (absl::Status s = anchor_->Sync(); !s.ok()) return s;
  }
  return FromRocks(db_->Flush(options, {index_, chunks_}), "flushing the database");
}

absl::StatusOr<std::string> Database::Identity() const {
  std::string identity;
  if (absl::Status s = FromRocks(db_->GetDbIdentity(identity), "reading the identity"); !s.ok()) {
    return s;
  }
  return identity;
}

}  // namespace hoso::storage
