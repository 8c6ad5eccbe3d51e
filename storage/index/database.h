#ifndef HOSO_STORAGE_INDEX_DATABASE_H_
#define HOSO_STORAGE_INDEX_DATABASE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/base/clock.h"
#include "storage/index/audit_log.h"
#include "storage/index/write_batch.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
}  // namespace rocksdb

namespace hoso::storage {

struct IndexBackupInfo;

// Tuning of the RocksDB instance. Defaults keep a 4 GiB upload under about
// 100 MiB of server memory.
struct DatabaseOptions {
  // Cap on all memtables together: writers stall briefly rather than grow.
  size_t total_write_buffer_bytes = 64 << 20;
  // Block cache of the index column family.
  size_t index_cache_bytes = 32 << 20;
  // The time records are stamped with; not owned, must outlive the database.
  const Clock* clock = &Clock::System();
  // Where the audit anchor is kept (audit_anchor.h), outside the database
  // directory; empty: none. With one, Open refuses an index that lacks the
  // entries it records.
  std::string audit_anchor_path;
  // Open a damaged log up to the damage, and an index behind its anchor, as
  // it is; the loss is recorded as an "index.rollback" audit entry. Only on
  // an operator's explicit word (hosod --accept-index-rollback).
  bool accept_rollback = false;
};

// When a write reaches the disk.
enum class Durability {
  // In the log when the call returns; on disk after the next SyncWritten()
  // or durable write (the log is ordered), or lost in a crash before that.
  kBuffered,
  // On disk when the call returns: the log is synced first.
  kDurable,
};

// Visits one entry of a scan; returns false to stop the scan there. `key`
// and `value` are valid only during the call.
using ScanVisitor = absl::FunctionRef<bool(std::string_view key, std::string_view value)>;

// The index of a data directory: a RocksDB instance with an index family
// (records under the keys of keys.h) and a chunks family mapping chunk keys
// to where their bytes are (see pack_chunk_store.h). The only place RocksDB
// is named; errors come back as absl statuses (rocks_status.h).
// Thread-safe. Internal to storage/.
class Database {
 public:
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& dir,
                                                        const DatabaseOptions& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& dir() const { return dir_; }
  const Clock& clock() const { return *clock_; }

  // Serialises read-modify-write of index records (counters, refcounts,
  // evidence records) so that each change is computed from the latest state
  // and written as one batch.
  std::mutex& write_mutex() { return write_mu_; }

  // Every change is written through the audit log (AuditLog::Commit).
  AuditLog& audit() const { return *audit_; }

  // ---- The index family.

  // The value under `key`; nullopt when there is none.
  absl::StatusOr<std::optional<std::string>> Get(std::string_view key) const;
  // Applies `batch` atomically. `what` names the change in an error
  // ("writing evidence.create").
  absl::Status Write(WriteBatch& batch, Durability durability, std::string_view what);
  // One change outside a batch.
  absl::Status Put(std::string_view key, std::string_view value, Durability durability,
                   std::string_view what);
  absl::Status Delete(std::string_view key, Durability durability, std::string_view what);

  // Calls `visit` for each entry whose key starts with `prefix`, in key
  // order, until it returns false. The scan sees the index as it was when
  // the scan began.
  absl::Status Scan(std::string_view prefix, ScanVisitor visit) const;
  // The same, from the first key at or after `start` (which sorts at or
  // after `prefix`).
  absl::Status ScanFrom(std::string_view prefix, std::string_view start, ScanVisitor visit) const;
  // The same, from the last key with `prefix` down to the first.
  absl::Status ScanBackward(std::string_view prefix, ScanVisitor visit) const;

  // ---- The chunks family. Writes are buffered: the index commit that names
  // the chunks syncs them (SyncWritten or a durable write).

  absl::Status PutChunk(std::string_view key, std::string_view pointer);
  // The pointer under `key`; nullopt when there is none.
  absl::StatusOr<std::optional<std::string>> GetChunk(std::string_view key) const;
  // Removes the chunk keys in [begin, end).
  absl::Status DeleteChunks(std::string_view begin, std::string_view end);
  // Every chunk entry in key order, as the scan began, until `visit` returns false.
  absl::Status ScanChunks(ScanVisitor visit) const;
  // The locations that have chunk entries, each once, in key order.
  absl::StatusOr<std::vector<uint64_t>> ChunkLocations() const;
  // Sets many pointers in one write, all or none (a repack switching chunks
  // to their copies), durable when it returns.
  absl::Status PutChunksDurably(const std::vector<std::pair<std::string, std::string>>& pointers);

  // ---- The whole database.

  // Makes every write that returned before this call durable (the log is
  // ordered). Group commit: concurrent callers share one sync, so a writer
  // can write buffered under write_mutex() and call this after releasing it.
  absl::Status SyncWritten();
  // Writes both families' memtables to table files and waits for it.
  absl::Status Flush();
  // The database's unique identity, fixed when it was created.
  absl::StatusOr<std::string> Identity() const;

 private:
  // Hands db_ to RocksDB's backup engine (index_backup.h).
  friend absl::StatusOr<IndexBackupInfo> BackupIndex(Database& database,
                                                     const std::string& backup_dir, int keep);

  Database() = default;

  std::string dir_;
  const Clock* clock_ = nullptr;
  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::ColumnFamilyHandle* index_ = nullptr;   // owned by db_
  rocksdb::ColumnFamilyHandle* chunks_ = nullptr;  // owned by db_
  std::mutex write_mu_;
  std::mutex sync_mu_;
  // The last sequence number a SyncWritten covered.
  uint64_t synced_seq_ ABSL_GUARDED_BY(sync_mu_) = 0;
  std::unique_ptr<AuditAnchor> anchor_;
  std::unique_ptr<AuditLog> audit_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_INDEX_DATABASE_H_
