#ifndef HOSO_STORAGE_INDEX_WRITE_BATCH_H_
#define HOSO_STORAGE_INDEX_WRITE_BATCH_H_

#include <cstdint>
#include <memory>
#include <string_view>

namespace rocksdb {
class WriteBatch;
}

namespace hoso::storage {

// Changes to index records that Database::Write (or AuditLog::Commit) applies
// atomically: all of them land or none. Every change is in the index family;
// chunk pointers are written through Database's chunk operations.
// Not thread-safe; movable (a moved-from batch may only be destroyed or
// assigned to), not copyable.
class WriteBatch {
 public:
  WriteBatch();
  ~WriteBatch();
  WriteBatch(WriteBatch&& other) noexcept;
  WriteBatch& operator=(WriteBatch&& other) noexcept;
  WriteBatch(const WriteBatch&) = delete;
  WriteBatch& operator=(const WriteBatch&) = delete;

  // Sets `key` to `value`; a later change to the same key in this batch wins.
  void Put(std::string_view key, std::string_view value);
  // Removes `key` (nothing happens if it is absent).
  void Delete(std::string_view key);

  // The number of Put and Delete calls so far.
  uint32_t Count() const;

 private:
  friend class Database;

  std::unique_ptr<rocksdb::WriteBatch> rep_;  // null only once moved from
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_INDEX_WRITE_BATCH_H_
