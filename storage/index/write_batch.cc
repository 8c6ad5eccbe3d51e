#include "storage/index/write_batch.h"

#include <rocksdb/write_batch.h>

namespace hoso::storage {

namespace {

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

}  // namespace

WriteBatch::WriteBatch() : rep_(std::make_unique<rocksdb::WriteBatch>()) {}
WriteBatch::~WriteBatch() = default;
WriteBatch::WriteBatch(WriteBatch&& other) noexcept = default;
WriteBatch& WriteBatch::operator=(WriteBatch&& other) noexcept = default;

// The index is RocksDB's default column family (Database::Open), so the
// batch needs no family handle and is built before any database is named.
void WriteBatch::Put(std::string_view key, std::string_view value) {
  rep_->Put(ToSlice(key), ToSlice(value)).PermitUncheckedError();
}

void WriteBatch::Delete(std::string_view key) { rep_->Delete(ToSlice(key)).PermitUncheckedError(); }

uint32_t WriteBatch::Count() const { return rep_->Count(); }

}  // namespace hoso::storage
