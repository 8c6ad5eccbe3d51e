#ifndef HOSO_STORAGE_INDEX_RECORD_IO_H_
#define HOSO_STORAGE_INDEX_RECORD_IO_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "storage/index/database.h"
#include "storage/index/rocks_status.h"

namespace hoso::storage {

// Reads and parses one index record; nullopt when the key is absent.
template <typename Record>
absl::StatusOr<std::optional<Record>> ReadRecord(const Database& database, const std::string& key) {
  std::string value;
  rocksdb::Status s = database.db()->Get(rocksdb::ReadOptions(), database.index(), key, &value);
  if (s.IsNotFound()) return std::optional<Record>();
  if (!s.ok()) return FromRocks(s, "reading the index");
  Record record;
  if (!record.ParseFromString(value)) {
    return absl::DataLossError("index record " + Record::descriptor()->name() + " is unreadable");
  }
  return std::optional<Record>(std::move(record));
}

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_INDEX_RECORD_IO_H_
