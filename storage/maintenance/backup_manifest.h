#ifndef HOSO_STORAGE_MAINTENANCE_BACKUP_MANIFEST_H_
#define HOSO_STORAGE_MAINTENANCE_BACKUP_MANIFEST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace hoso::storage {

// What a finished backup holds, written last (BACKUP_DIR/MANIFEST): a backup
// without one was cut short and is not restored. Pack files are hashed in
// blocks, so a repeat hashes only the blocks that grew.
struct BackupManifest {
  static constexpr uint64_t kBlockBytes = 64ull << 20;

  struct Block {
    uint64_t offset = 0;
    uint64_t length = 0;
    std::string sha256;  // hex
  };
  struct Pack {
    std::string name;  // "pack-00000001.pack", in BACKUP_DIR/packs
    uint64_t size = 0;
    std::vector<Block> blocks;  // cover [0, size) in order
  };

  std::string identity;  // of the backed-up database
  uint32_t index_backup_id = 0;
  std::string index_meta_sha256;  // hex, of BACKUP_DIR/index/meta/<id>
  std::vector<Pack> packs;
  // With content in an S3 bucket: BACKUP_DIR/OBJECTS names the objects the
  // backed-up index needs, one per line; their number and the file's SHA-256.
  uint64_t objects = 0;
  std::string objects_sha256;  // hex; empty: no OBJECTS file
  std::string objects_store;   // "s3://BUCKET[/PREFIX]"

  const Pack* FindPack(const std::string& name) const;
  // One line per fact, closed by the SHA-256 of all of them.
  std::string Serialize() const;
  // DataLoss naming `path` when `text` is not a whole manifest.
  static absl::StatusOr<BackupManifest> Parse(const std::string& text, const std::string& path);
};

// Where the manifest of `backup_dir` is.
inline std::string BackupManifestPath(const std::string& backup_dir) {
  return backup_dir + "/MANIFEST";
}
inline std::string BackupObjectsPath(const std::string& backup_dir) {
  return backup_dir + "/OBJECTS";
}

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_MAINTENANCE_BACKUP_MANIFEST_H_
