#include <rocksdb/db.h>

#include "storage/chunk_store.h"
#include "storage/database.h"
#include "storage/keys.h"
#include "storage/rocks_status.h"

namespace hoso::storage {
namespace {

class RocksChunkStore final : public ChunkStore {
 public:
  explicit RocksChunkStore(Database* database) : database_(database) {}

  absl::Status Put(uint64_t location, uint32_t index, std::string_view data) override {
    // Not synced: the WAL is one ordered log, so the synced index write that
    // commits this chunk also makes it durable.
    return FromRocks(database_->db()->Put(rocksdb::WriteOptions(), database_->chunks(),
                                          keys::Chunk(location, index),
                                          rocksdb::Slice(data.data(), data.size())),
                     "storing a chunk");
  }

  absl::StatusOr<std::string> Get(uint64_t location, uint32_t index) override {
    rocksdb::ReadOptions read;
    read.verify_checksums = true;
    std::string value;
    rocksdb::Status s =
        database_->db()->Get(read, database_->chunks(), keys::Chunk(location, index), &value);
    if (!s.ok()) return FromRocks(s, "reading chunk " + std::to_string(index));
    return value;
  }

  absl::Status Sync() override {
    return FromRocks(database_->db()->SyncWAL(), "syncing the write-ahead log");
  }

  absl::Status Drop(uint64_t location) override {
    return FromRocks(database_->db()->DeleteRange(rocksdb::WriteOptions(), database_->chunks(),
                                                  keys::ChunkLocationStart(location),
                                                  keys::ChunkLocationEnd(location)),
                     "dropping chunks");
  }

 private:
  Database* const database_;
};

}  // namespace

std::unique_ptr<ChunkStore> NewRocksChunkStore(Database* database) {
  return std::make_unique<RocksChunkStore>(database);
}

}  // namespace hoso::storage
