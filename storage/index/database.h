#ifndef HOSO_STORAGE_INDEX_DATABASE_H_
#define HOSO_STORAGE_INDEX_DATABASE_H_

#include <rocksdb/db.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "storage/base/clock.h"
#include "storage/index/audit_log.h"

namespace hoso::storage {

// Tuning of the RocksDB instance. Defaults keep a 4 GiB upload under about
// 100 MiB of server memory.
struct DatabaseOptions {
  // Cap on all memtables together: writers stall briefly rather than grow.
  size_t total_write_buffer_bytes = 64 << 20;
  // Block cache of the index column family.
  size_t index_cache_bytes = 32 << 20;
  // The time records are stamped with; not owned, must outlive the database.
  const Clock* clock = &Clock::System();
};

// The RocksDB instance behind the index: a default column family for index
// records and a "chunks" family mapping chunk keys to where their bytes are
// (see pack_chunk_store.h).
// Thread-safe. Internal to storage/.
class Database {
 public:
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& dir,
                                                        const DatabaseOptions& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* index() const { return index_; }
  rocksdb::ColumnFamilyHandle* chunks() const { return chunks_; }
  const std::string& dir() const { return dir_; }
  const Clock& clock() const { return *clock_; }

  // Serialises read-modify-write of index records (counters, refcounts,
  // evidence records) so that each change is computed from the latest state
  // and written as one batch.
  std::mutex& write_mutex() { return write_mu_; }

  // Every change is written through the audit log (AuditLog::Commit).
  AuditLog& audit() const { return *audit_; }

  // Write options for changes that must survive a crash once acknowledged.
  static rocksdb::WriteOptions Durable();
  // Makes every write that returned before this call durable (the WAL is
  // ordered). Group commit: concurrent callers share one sync, so a writer
  // can write unsynced under write_mutex() and call this after releasing it.
  absl::Status SyncWritten();

 private:
  Database() = default;

  std::string dir_;
  const Clock* clock_ = nullptr;
  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::ColumnFamilyHandle* index_ = nullptr;   // owned by db_
  rocksdb::ColumnFamilyHandle* chunks_ = nullptr;  // owned by db_
  std::mutex write_mu_;
  std::mutex sync_mu_;
  rocksdb::SequenceNumber synced_seq_ = 0;  // guarded by sync_mu_
  std::unique_ptr<AuditLog> audit_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_INDEX_DATABASE_H_
