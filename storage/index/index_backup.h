#ifndef HOSO_STORAGE_INDEX_INDEX_BACKUP_H_
#define HOSO_STORAGE_INDEX_INDEX_BACKUP_H_

// Online backups of the index with RocksDB's backup engine, kept in
// `backup_dir`/index. Table files unchanged since an earlier backup there are
// shared, not copied again. One backup at a time per directory.

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace hoso::storage {

class Database;

// Where in `backup_dir` the index backups are.
inline std::string IndexBackupDir(const std::string& backup_dir) { return backup_dir + "/index"; }

struct IndexBackupInfo {
  uint32_t id = 0;     // the backup engine's number of this backup
  uint64_t bytes = 0;  // its size, shared files included
  uint32_t files = 0;
};

// The backup engine's description of backup `id` (its files, sizes and
// checksums), written last by the engine.
inline std::string IndexBackupMetaPath(const std::string& backup_dir, uint32_t id) {
  return IndexBackupDir(backup_dir) + "/meta/" + std::to_string(id);
}

// Backs up `database` as it is now (memtables flushed first), syncs every
// file, then drops all but the newest `keep` backups (none when 0).
absl::StatusOr<IndexBackupInfo> BackupIndex(Database& database, const std::string& backup_dir,
                                            int keep);
// Drops all but the newest `keep` index backups of `backup_dir`.
absl::Status PurgeIndexBackups(const std::string& backup_dir, int keep);

// Checks every file of backup `id` in `backup_dir` (sizes and checksums).
absl::Status VerifyIndexBackup(const std::string& backup_dir, uint32_t id);

// Restores backup `id` of `backup_dir` into `db_dir`, which is created.
absl::Status RestoreIndex(const std::string& backup_dir, uint32_t id, const std::string& db_dir);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_INDEX_INDEX_BACKUP_H_
