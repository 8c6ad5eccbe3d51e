#include "storage/index/index_backup.h"

#include <rocksdb/db.h>
#include <rocksdb/utilities/backup_engine.h>

#include <memory>
#include <vector>

#include "storage/index/database.h"
#include "storage/index/rocks_status.h"

namespace hoso::storage {
namespace {

absl::StatusOr<std::unique_ptr<rocksdb::BackupEngineReadOnly>> OpenReadOnly(
    const std::string& backup_dir) {
  rocksdb::BackupEngineReadOnly* raw = nullptr;
  rocksdb::IOStatus s = rocksdb::BackupEngineReadOnly::Open(
      rocksdb::BackupEngineOptions(IndexBackupDir(backup_dir)), rocksdb::Env::Default(), &raw);
  if (!s.ok()) return FromRocks(s, "opening the backup in " + backup_dir);
  return std::unique_ptr<rocksdb::BackupEngineReadOnly>(raw);
}

}  // namespace

absl::StatusOr<IndexBackupInfo> BackupIndex(Database& database, const std::string& backup_dir,
                                            int keep) {
  rocksdb::BackupEngine* raw = nullptr;
  rocksdb::BackupEngineOptions options(IndexBackupDir(backup_dir));
  options.sync = true;
  options.max_background_operations = 2;
  rocksdb::IOStatus s = rocksdb::BackupEngine::Open(options, rocksdb::Env::Default(), &raw);
  if (!s.ok()) return FromRocks(s, "opening the backup in " + backup_dir);
  std::unique_ptr<rocksdb::BackupEngine> engine(raw);
  rocksdb::CreateBackupOptions create;
  create.flush_before_backup = true;
  rocksdb::BackupID id = 0;
  s = engine->CreateNewBackup(create, database.db_.get(), &id);
  if (!s.ok()) return FromRocks(s, "backing up the index");
  rocksdb::BackupInfo info;
  if (absl::Status got = FromRocks(engine->GetBackupInfo(id, &info), "reading the backup");
      !got.ok()) {
    return got;
  }
  if (keep > 0) {
    if (absl::Status p = FromRocks(engine->PurgeOldBackups(keep), "pruning old backups"); !p.ok()) {
      return p;
    }
  }
  return IndexBackupInfo{id, info.size, info.number_files};
}

absl::Status PurgeIndexBackups(const std::string& backup_dir, int keep) {
  rocksdb::BackupEngine* raw = nullptr;
  rocksdb::IOStatus s = rocksdb::BackupEngine::Open(
      rocksdb::BackupEngineOptions(IndexBackupDir(backup_dir)), rocksdb::Env::Default(), &raw);
  if (!s.ok()) return FromRocks(s, "opening the backup in " + backup_dir);
  std::unique_ptr<rocksdb::BackupEngine> engine(raw);
  return FromRocks(engine->PurgeOldBackups(keep), "pruning old backups");
}

absl::Status VerifyIndexBackup(const std::string& backup_dir, uint32_t id) {
  auto engine = OpenReadOnly(backup_dir);
  if (!engine.ok()) return engine.status();
  return FromRocks((*engine)->VerifyBackup(id, true),
                   "checking index backup " + std::to_string(id));
}

absl::Status RestoreIndex(const std::string& backup_dir, uint32_t id, const std::string& db_dir) {
  auto engine = OpenReadOnly(backup_dir);
  if (!engine.ok()) return engine.status();
  return FromRocks((*engine)->RestoreDBFromBackup(id, db_dir, db_dir), "restoring the index");
}

}  // namespace hoso::storage
