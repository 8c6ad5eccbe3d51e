#include "storage/store.h"

#include <filesystem>
#include <system_error>

#include "storage/chunk_store.h"
#include "storage/pack_chunk_store.h"
#include "storage/rocks_status.h"

namespace hoso::storage {

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& data_dir,
                                                   const StoreOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return absl::FailedPreconditionError("cannot create data directory " + data_dir + ": " +
                                         ec.message());
  }
  auto store = std::unique_ptr<Store>(new Store());
  auto database = Database::Open(data_dir + "/db", options.database);
  if (!database.ok()) return database.status();
  store->database_ = std::move(*database);
  auto frameworks = FrameworkCatalog::BuiltIn();
  if (!frameworks.ok()) return frameworks.status();
  store->frameworks_ = std::move(*frameworks);
  auto chunks = OpenPackChunkStore(store->database_.get(), data_dir + "/packs");
  if (!chunks.ok()) return chunks.status();
  store->chunks_ = std::move(*chunks);
  store->content_ = std::make_unique<ContentStore>(store->database_.get(), store->chunks_.get());
  store->schools_ = std::make_unique<SchoolStore>(store->database_.get(), store->frameworks_.get());
  store->evidence_ = std::make_unique<EvidenceStore>(store->database_.get(), store->schools_.get(),
                                                     store->frameworks_.get());
  store->tokens_ = std::make_unique<TokenStore>(store->database_.get());
  store->plan_ = std::make_unique<PlanStore>(store->database_.get(), store->schools_.get(),
                                             store->frameworks_.get());
  return store;
}

absl::Status Store::Flush() {
  rocksdb::FlushOptions options;
  options.wait = true;
  return FromRocks(database_->db()->Flush(options, {database_->index(), database_->chunks()}),
                   "flushing the database");
}

Store::~Store() = default;

}  // namespace hoso::storage
