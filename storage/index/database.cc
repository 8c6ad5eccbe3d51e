#include "storage/index/database.h"

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/write_buffer_manager.h>

#include <vector>

#include "storage/index/rocks_status.h"

namespace hoso::storage {

namespace {

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

}  // namespace

rocksdb::WriteOptions Database::Durable() {
  rocksdb::WriteOptions w;
  w.sync = true;
  return w;
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

  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, IndexOptions(options)},
      {"chunks", ChunkOptions(options)},
  };
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, dir, families, &handles, &raw);
  if (!s.ok()) return FromRocks(s, "opening the database in " + dir);

  auto database = std::unique_ptr<Database>(new Database());
  database->dir_ = dir;
  database->clock_ = options.clock;
  database->db_.reset(raw);
  database->index_ = handles[0];
  database->chunks_ = handles[1];
  database->audit_ = std::make_unique<AuditLog>(raw, handles[0]);
  if (absl::Status loaded = database->audit_->Load(); !loaded.ok()) return loaded;
  return database;
}

Database::~Database() {
  if (!db_) return;
  audit_.reset();
  db_->DestroyColumnFamilyHandle(chunks_);
  db_->DestroyColumnFamilyHandle(index_);
  db_->Close();
}

}  // namespace hoso::storage
