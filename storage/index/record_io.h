#ifndef HOSO_STORAGE_INDEX_RECORD_IO_H_
#define HOSO_STORAGE_INDEX_RECORD_IO_H_

// Reading index records (the protobuf messages of records.proto) and
// counters: the parse and its DataLoss error, written once.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/write_batch.h"

namespace hoso::storage {

// Reads and parses one index record; nullopt when the key is absent.
template <typename Record>
absl::StatusOr<std::optional<Record>> ReadRecord(const Database& database, const std::string& key) {
  auto value = database.Get(key);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return std::optional<Record>();
  Record record;
  if (!record.ParseFromString(**value)) {
    return absl::DataLossError("index record " + Record::descriptor()->name() + " is unreadable");
  }
  return std::optional<Record>(std::move(record));
}

// The record with the greatest key under `prefix` (the latest of a counter's
// or a revision number's keys); nullopt when there is none.
template <typename Record>
absl::StatusOr<std::optional<Record>> ReadLastRecord(const Database& database,
                                                     std::string_view prefix) {
  std::optional<Record> last;
  absl::Status parsed;
  absl::Status scanned =
      database.ScanBackward(prefix, [&](std::string_view key, std::string_view value) {
        Record record;
        if (!record.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          parsed = absl::DataLossError("index record " + Record::descriptor()->name() + " " +
                                       keys::Printable(key) + " is unreadable");
        } else {
          last = std::move(record);
        }
        return false;
      });
  if (!scanned.ok()) return scanned;
  if (!parsed.ok()) return parsed;
  return last;
}

// Parses each index record whose key starts with `prefix` and calls
// `visit(std::string_view key, Record record)` with it, in key order. Stops
// with DataLoss, naming the key, at the first record that does not parse.
template <typename Record, typename Visit>
absl::Status ScanRecords(const Database& database, std::string_view prefix, Visit&& visit) {
  absl::Status parsed;
  absl::Status scanned = database.Scan(prefix, [&](std::string_view key, std::string_view value) {
    Record record;
    if (!record.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
      parsed = absl::DataLossError("index record " + Record::descriptor()->name() + " " +
                                   keys::Printable(key) + " is unreadable");
      return false;
    }
    visit(key, std::move(record));
    return true;
  });
  return parsed.ok() ? scanned : parsed;
}

// The counter under `key` (keys.h: the last number handed out); 0 when it
// was never set.
inline absl::StatusOr<uint64_t> ReadCounter(const Database& database, std::string_view key) {
  auto value = database.Get(key);
  if (!value.ok()) return value.status();
  return value->has_value() ? keys::ReadBigEndian(**value) : 0;
}

// Adds "the counter under `key` is now `value`" to `batch`.
inline void PutCounter(WriteBatch& batch, std::string_view key, uint64_t value) {
  batch.Put(key, keys::EncodeUint64(value));
}

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_INDEX_RECORD_IO_H_
