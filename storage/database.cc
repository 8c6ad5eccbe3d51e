#include "storage/database.h"

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

#include <vector>

#include "storage/rocks_status.h"

namespace hoso::storage {

namespace {

rocksdb::ColumnFamilyOptions IndexOptions(const DatabaseOptions& options) {
  rocksdb::ColumnFamilyOptions cf;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(options.index_cache_bytes);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  cf.write_buffer_size = 16 << 20;
  return cf;
}

rocksdb::ColumnFamilyOptions ChunkOptions(const DatabaseOptions& options) {
  rocksdb::ColumnFamilyOptions cf;
  // Every chunk value goes to a blob file: the LSM tree holds only keys and
  // blob references, so compaction never rewrites file bytes.
  cf.enable_blob_files = true;
  cf.min_blob_size = 0;
  cf.blob_file_size = options.blob_file_bytes;
  cf.enable_blob_garbage_collection = true;
  cf.write_buffer_size = options.chunk_write_buffer_bytes;
  cf.max_write_buffer_number = 3;
  cf.compression = rocksdb::kNoCompression;
  cf.blob_compression_type = rocksdb::kNoCompression;  // evidence is mostly JPEG/PDF
  return cf;
}

}  // namespace

rocksdb::WriteOptions Database::Durable() {
  rocksdb::WriteOptions w;
  w.sync = true;
  return w;
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
  database->db_.reset(raw);
  database->index_ = handles[0];
  database->chunks_ = handles[1];
  return database;
}

Database::~Database() {
  if (!db_) return;
  db_->DestroyColumnFamilyHandle(chunks_);
  db_->DestroyColumnFamilyHandle(index_);
  db_->Close();
}

}  // namespace hoso::storage
