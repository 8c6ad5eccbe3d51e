#ifndef HOSO_STORAGE_MAINTENANCE_BACKUP_H_
#define HOSO_STORAGE_MAINTENANCE_BACKUP_H_

#include <cstdint>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"

namespace hoso::storage {

class Database;

struct BackupReport {
  uint32_t backup_id = 0;    // RocksDB backup number in DIR/index
  uint64_t index_bytes = 0;  // size of this index backup (shared files included)
  uint32_t index_files = 0;
  uint32_t packs = 0;
  uint64_t pack_bytes = 0;         // in the backup's packs after this run
  uint64_t pack_bytes_copied = 0;  // of which this run copied
};

// A consistent online backup of a data directory into `backup_dir`,
// incremental on repeat:
//   backup_dir/index    RocksDB's backup engine (unchanged table files are
//                       shared between backups; the last 5 are kept)
//   backup_dir/packs    the pack files; a repeat copies what was appended
//   backup_dir/IDENTITY the database identity, so two servers' backups never mix
// The index is backed up first; the packs are copied after, and as packs
// only grow, they hold every chunk the backed-up index names (chunks are
// synced before their pointers are committed). The server keeps serving.
absl::StatusOr<BackupReport> Backup(Database& database, const std::string& packs_dir,
                                    const std::string& backup_dir);

// Held by a backup while it runs, and by whatever removes pack files (gc's
// repack): a pack the backed-up index names must not vanish before it is copied.
std::mutex& PackRemovalMutex();

// Restores the newest backup in `backup_dir` into `data_dir`, which must not
// hold a database yet. Checks the index backup's files first.
absl::Status Restore(const std::string& backup_dir, const std::string& data_dir);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_MAINTENANCE_BACKUP_H_
