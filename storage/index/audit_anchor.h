#ifndef HOSO_STORAGE_INDEX_AUDIT_ANCHOR_H_
#define HOSO_STORAGE_INDEX_AUDIT_ANCHOR_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace hoso::storage {

// The last entry of the audit chain: its number and hash (32 bytes).
struct AuditHead {
  uint64_t seq = 0;
  std::string hash;
};

// The audit chain's head kept outside RocksDB, in one small file of the
// data directory (DIR/audit.anchor), so that an index rolled back to an
// earlier state (a damaged log replayed only up to the damage, an old copy
// of DIR/db put back) cannot pass for intact: its head is behind the anchor.
// Written after each audited write, so it is never ahead of the index; the
// write is not synced on its own (audited writes already sync the index
// log): after a power cut it may trail the index, never claim more.
// Thread-compatible: AuditLog calls Advance under its chain lock.
class AuditAnchor {
 public:
  // Opens (creating) the anchor file at `path` and reads what it records.
  static absl::StatusOr<std::unique_ptr<AuditAnchor>> Open(const std::string& path);
  ~AuditAnchor();
  AuditAnchor(const AuditAnchor&) = delete;
  AuditAnchor& operator=(const AuditAnchor&) = delete;

  const std::string& path() const { return path_; }
  // What the file recorded when it was opened; nullopt for a new file.
  const std::optional<AuditHead>& recorded() const { return recorded_; }

  // Records `head` as the chain's last entry (one fixed-size write).
  absl::Status Advance(const AuditHead& head);
  // Puts the last Advance on disk.
  absl::Status Sync();

 private:
  AuditAnchor() = default;

  std::string path_;
  int fd_ = -1;
  std::optional<AuditHead> recorded_;
};

// What the anchor file at `path` says now; nullopt when there is none.
// DataLoss when it is unreadable.
absl::StatusOr<std::optional<AuditHead>> ReadAuditAnchor(const std::string& path);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_INDEX_AUDIT_ANCHOR_H_
