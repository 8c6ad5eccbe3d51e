#ifndef HOSO_STORAGE_INDEX_ROCKS_STATUS_H_
#define HOSO_STORAGE_INDEX_ROCKS_STATUS_H_

#include <rocksdb/status.h>

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace hoso::storage {

// The one place RocksDB errors become absl statuses. `what` names the
// operation for the message ("writing evidence 42").
inline absl::Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return absl::OkStatus();
  std::string msg = std::string(what) + ": " + s.ToString();
  if (s.IsNotFound()) return absl::NotFoundError(msg);
  if (s.IsCorruption()) return absl::DataLossError(msg);
  if (s.IsNoSpace() || s.IsMemoryLimit()) {
    return absl::ResourceExhaustedError(what.empty() ? msg : std::string(what) + ": disk is full");
  }
  if (s.IsBusy() || s.IsTryAgain() || s.IsTimedOut()) return absl::UnavailableError(msg);
  if (s.IsInvalidArgument()) return absl::InvalidArgumentError(msg);
  return absl::InternalError(msg);
}

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_INDEX_ROCKS_STATUS_H_
