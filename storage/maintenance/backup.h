#ifndef HOSO_STORAGE_MAINTENANCE_BACKUP_H_
#define HOSO_STORAGE_MAINTENANCE_BACKUP_H_

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "storage/content/s3_chunk_store.h"

namespace hoso::storage {

class Database;

struct BackupReport {
  uint32_t backup_id = 0;    // RocksDB backup number in DIR/index
  uint64_t index_bytes = 0;  // size of this index backup (shared files included)
  uint32_t index_files = 0;
  uint32_t packs = 0;
  uint64_t pack_bytes = 0;         // in the backup's packs after this run
  uint64_t pack_bytes_copied = 0;  // of which this run copied
  uint64_t objects = 0;            // S3 objects the index needs (listed in OBJECTS)
};

// A consistent online backup of a data directory into `backup_dir`,
// incremental on repeat:
//   backup_dir/index    RocksDB's backup engine (unchanged table files are
//                       shared between backups; the last 5 are kept)
//   backup_dir/packs    the pack files; a repeat copies what was appended
//   backup_dir/IDENTITY the database identity, so two servers' backups never mix
//   backup_dir/OBJECTS  with content in an S3 bucket (`objects` set): the
//                       names of the objects the index needs, one a line
//                       (the bucket keeps them; Restore checks they are there)
//   backup_dir/MANIFEST written last: the index backup and each pack's size
//                       and SHA-256 per 64 MiB block, the OBJECTS file's
//                       count and hash (backup_manifest.h)
// The index is backed up first; the packs are copied after, and as packs
// only grow, they hold every chunk the backed-up index names (chunks are
// synced before their pointers are committed). The server keeps serving. A
// run cut short leaves the previous manifest, so the last finished backup
// stays restorable.
absl::StatusOr<BackupReport> Backup(Database& database, const std::string& packs_dir,
                                    const std::string& backup_dir,
                                    const S3Target* objects = nullptr);

// Held by a backup while it runs, and by whatever removes pack files (gc's
// repack): a pack the backed-up index names must not vanish before it is copied.
std::mutex& PackRemovalMutex();

struct RestoreReport {
  uint64_t objects_checked = 0;       // in the bucket, named by OBJECTS
  uint64_t objects_brought_back = 0;  // of those, deleted and recovered from their last version
};

// Restores the backup the MANIFEST of `backup_dir` describes into
// `data_dir`, which must not hold a database yet. Refuses a backup without a
// manifest (cut short) and names everything it lacks; checks the index
// backup's files and every pack block's hash on the way, and leaves nothing
// behind when a check fails. A backup whose content is in a bucket needs
// `s3` (that bucket, and keys): every object OBJECTS names is looked up (HEAD,
// in parallel); one deleted meanwhile (a sweep after the backup) is brought
// back from the versioned bucket's last version of it, and a restore is
// refused with the list of those the bucket keeps no version of.
absl::StatusOr<RestoreReport> Restore(const std::string& backup_dir, const std::string& data_dir,
                                      const std::optional<S3ChunkStoreOptions>& s3 = std::nullopt);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_MAINTENANCE_BACKUP_H_
