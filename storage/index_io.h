#ifndef HOSO_STORAGE_INDEX_IO_H_
#define HOSO_STORAGE_INDEX_IO_H_

#include <ctime>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "storage/database.h"
#include "storage/rocks_status.h"

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

inline int64_t NowUnix() { return static_cast<int64_t>(std::time(nullptr)); }

// "2026-11-22T21:30:00Z"
inline std::string IsoTimeUtc(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_INDEX_IO_H_
