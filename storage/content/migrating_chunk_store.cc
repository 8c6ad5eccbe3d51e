#include "storage/content/migrating_chunk_store.h"

#include <chrono>
#include <cstring>

#include "storage/content/s3_chunk_store.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"

namespace hoso::storage {
namespace {

void AppendPiece(std::string& out, std::string_view piece) {
  const uint32_t n = static_cast<uint32_t>(piece.size());
  out.append(reinterpret_cast<const char*>(&n), 4);
  out.append(piece);
}

bool ReadPiece(std::string_view& in, std::string* piece) {
  uint32_t n;
  if (in.size() < 4) return false;
  std::memcpy(&n, in.data(), 4);
  if (in.size() - 4 < n) return false;
  *piece = std::string(in.substr(4, n));
  in.remove_prefix(4 + n);
  return true;
}

using Pointers = std::vector<std::pair<std::string, std::string>>;

std::string EncodeBatch(const Pointers& batch) {
  std::string out;
  for (const auto& [key, pointer] : batch) {
    AppendPiece(out, key);
    AppendPiece(out, pointer);
  }
  return out;
}

absl::StatusOr<Pointers> DecodeBatch(std::string_view in) {
  Pointers batch;
  while (!in.empty()) {
    std::string key, pointer;
    if (!ReadPiece(in, &key) || !ReadPiece(in, &pointer) || key.size() != 12) {
      return absl::DataLossError("the index's record of an interrupted migration batch (" +
                                 keys::Printable(keys::MigrationBatch()) + ") is malformed");
    }
    batch.emplace_back(std::move(key), std::move(pointer));
  }
  return batch;
}

}  // namespace

MigratingChunkStore::MigratingChunkStore(Database* database, std::unique_ptr<ChunkStore> current,
                                         bool current_is_s3)
    : database_(database) {
  route_.current = current.get();
  route_.current_is_s3 = current_is_s3;
  stores_.push_back(std::move(current));
}

MigratingChunkStore::~MigratingChunkStore() = default;

MigratingChunkStore::Route MigratingChunkStore::route() const {
  std::lock_guard<std::mutex> lock(route_mu_);
  return route_;
}

bool MigratingChunkStore::migrating() const { return route().target != nullptr; }

ChunkStore* MigratingChunkStore::Holder(const Route& r, std::string_view pointer) const {
  return IsS3ChunkPointer(pointer) == r.current_is_s3 ? r.current : r.target;
}

absl::Status MigratingChunkStore::BeginMigration(std::unique_ptr<ChunkStore> target) {
  std::unique_lock<std::shared_mutex> pointers(pointer_mu_);
  std::lock_guard<std::mutex> lock(route_mu_);
  if (route_.target != nullptr) {
    return absl::FailedPreconditionError("a content migration is under way already");
  }
  route_.target = target.get();
  stores_.push_back(std::move(target));
  return absl::OkStatus();
}

absl::Status MigratingChunkStore::FinishMigration() {
  std::unique_lock<std::shared_mutex> pointers(pointer_mu_);
  std::lock_guard<std::mutex> lock(route_mu_);
  if (route_.target == nullptr) return absl::FailedPreconditionError("no migration is under way");
  route_.current = route_.target;
  route_.current_is_s3 = !route_.current_is_s3;
  route_.target = nullptr;
  return absl::OkStatus();
}

absl::Status MigratingChunkStore::Put(uint64_t location, uint32_t index, std::string_view data) {
  std::shared_lock<std::shared_mutex> pointers(pointer_mu_);
  const Route r = route();
  return (r.target != nullptr ? r.target : r.current)->Put(location, index, data);
}

absl::StatusOr<std::string> MigratingChunkStore::Get(uint64_t location, uint32_t index) {
  Route r = route();
  if (r.target == nullptr) return r.current->Get(location, index);
  const std::string key = keys::Chunk(location, index);
  auto pointer = database_->GetChunk(key);
  // The copy may switch the chunk between reading its pointer and its bytes:
  // then it is read again where the pointer now says.
  for (int attempt = 0;; ++attempt) {
    if (!pointer.ok()) return pointer.status();
    if (!pointer->has_value()) {
      return absl::NotFoundError("chunk " + std::to_string(index) + " is not in the index");
    }
    ChunkStore* holder = Holder(r, **pointer);
    if (holder == nullptr) {
      return absl::FailedPreconditionError("chunk " + std::to_string(index) +
                                           " is in a content store that is not open");
    }
    auto data = holder->Get(location, index);
    if (data.ok() || attempt == 3) return data;
    auto again = database_->GetChunk(key);
    if (again.ok() && *again == *pointer) return data;
    pointer = std::move(again);
    r = route();
  }
}

absl::Status MigratingChunkStore::Sync() {
  const Route r = route();
  return (r.target != nullptr ? r.target : r.current)->Sync();
}

absl::Status MigratingChunkStore::Drop(uint64_t location) {
  std::shared_lock<std::shared_mutex> pointers(pointer_mu_);
  const Route r = route();
  if (r.target != nullptr) {
    if (absl::Status s = r.target->Drop(location); !s.ok()) return s;
  }
  return r.current->Drop(location);
}

absl::StatusOr<std::vector<uint64_t>> MigratingChunkStore::Locations() {
  const Route r = route();
  // Both list the one chunks family.
  auto locations = r.current->Locations();
  if (r.target != nullptr && absl::IsUnimplemented(locations.status())) {
    return r.target->Locations();
  }
  return locations;
}

absl::StatusOr<SpaceUsage> MigratingChunkStore::Usage(LiveLocation live) {
  const Route r = route();
  if (r.target != nullptr) {
    return absl::UnimplementedError("no pack accounting while the content is moving");
  }
  return r.current->Usage(live);
}

absl::StatusOr<RepackReport> MigratingChunkStore::Repack(const RepackOptions& options) {
  const Route r = route();
  if (r.target != nullptr) return absl::UnimplementedError("no repack while the content is moving");
  return r.current->Repack(options);
}

void MigratingChunkStore::Prefetch(uint64_t location, uint32_t first, uint32_t count) {
  // A hint: while moving, both may hold some of the chunks.
  const Route r = route();
  r.current->Prefetch(location, first, count);
  if (r.target != nullptr) r.target->Prefetch(location, first, count);
}

std::string MigratingChunkStore::Describe() const {
  const Route r = route();
  if (r.target == nullptr) return r.current->Describe();
  return "moving from " + r.current->Describe() + " to " + r.target->Describe();
}

absl::Status MigratingChunkStore::Reachable() {
  const Route r = route();
  if (absl::Status s = r.current->Reachable(); !s.ok()) return s;
  return r.target != nullptr ? r.target->Reachable() : absl::OkStatus();
}

absl::Status MigratingChunkStore::CopyBatch(const Route& r, Pointers& batch,
                                            ChunkCopyProgress& progress) {
  // First the pointers this batch replaces, durably: a crash before the
  // target's bytes are synced is undone from them.
  if (absl::Status s = database_->Put(keys::MigrationBatch(), EncodeBatch(batch),
                                      Durability::kDurable, "recording a migration batch");
      !s.ok()) {
    return s;
  }
  uint64_t bytes = 0;
  uint32_t copied = 0;
  for (const auto& [key, old] : batch) {
    const uint64_t location = keys::ChunkKeyLocation(key);
    const uint32_t index = keys::ChunkKeyIndex(key);
    auto data = r.current->Get(location, index);  // verified by the source
    if (!data.ok()) {
      auto now = database_->GetChunk(key);
      if (now.ok() && (!now->has_value() || **now != old)) {
        ++progress.chunks_skipped;  // dropped or rewritten meanwhile
        continue;
      }
      return absl::Status(data.status().code(), "cannot copy chunk " + std::to_string(index) +
                                                    " of location " + std::to_string(location) +
                                                    ": " + std::string(data.status().message()) +
                                                    " (run hoso admin fsck)");
    }
    std::unique_lock<std::shared_mutex> pointers(pointer_mu_);
    auto now = database_->GetChunk(key);
    if (!now.ok()) return now.status();
    if (!now->has_value() || **now != old) {
      ++progress.chunks_skipped;
      continue;
    }
    if (absl::Status s = r.target->Put(location, index, *data); !s.ok()) return s;
    bytes += data->size();
    ++copied;
  }
  if (absl::Status s = r.target->Sync(); !s.ok()) return s;
  if (absl::Status s = database_->SyncWritten(); !s.ok()) return s;
  progress.chunks_copied += copied;
  progress.bytes_copied += bytes;
  // Buffered: it reaches the disk after the switch it closes, never before.
  return database_->Delete(keys::MigrationBatch(), Durability::kBuffered,
                           "closing a migration batch");
}

absl::StatusOr<ChunkCopyProgress> MigratingChunkStore::CopyChunks(const ChunkCopyOptions& options) {
  std::lock_guard<std::mutex> one(copy_mu_);
  const Route r = route();
  if (r.target == nullptr) return absl::FailedPreconditionError("no migration is under way");
  const auto start = std::chrono::steady_clock::now();
  // Puts that went to the source before the target was set up: their
  // pointers are all written once it synced (an object store writes them
  // when the object is confirmed).
  if (absl::Status s = r.current->Sync(); !s.ok()) return s;
  // The bytes of a batch an earlier run left unfinished, before its record
  // of the pointers it replaced is overwritten by the next batch's.
  if (absl::Status s = r.target->Sync(); !s.ok()) return s;
  ChunkCopyProgress progress;
  auto old_kind = [&](std::string_view pointer) {
    return IsS3ChunkPointer(pointer) == r.current_is_s3;
  };
  absl::Status counted = database_->ScanChunks([&](std::string_view, std::string_view pointer) {
    if (old_kind(pointer)) ++progress.chunks_total;
    return true;
  });
  if (!counted.ok()) return counted;
  auto report = [&] {
    progress.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (options.progress) options.progress(progress);
  };
  report();
  // Until a whole pass finds nothing of the old kind (a pass meets chunks
  // written before the scan began that changed since: skipped, then gone).
  for (int pass = 0; pass < 5; ++pass) {
    Pointers batch;
    uint64_t found = 0;
    absl::Status failed;
    auto flush = [&]() -> bool {
      if (batch.empty()) return true;
      failed = CopyBatch(r, batch, progress);
      batch.clear();
      if (failed.ok() && options.stop_at) failed = options.stop_at("batch");
      report();
      return failed.ok();
    };
    absl::Status scanned =
        database_->ScanChunks([&](std::string_view key, std::string_view pointer) {
          if (key.size() != 12 || !old_kind(pointer)) return true;
          ++found;
          batch.emplace_back(std::string(key), std::string(pointer));
          return batch.size() < options.batch_chunks || flush();
        });
    if (!scanned.ok()) return scanned;
    if (failed.ok()) flush();
    if (!failed.ok()) return failed;
    if (found == 0) return progress;
  }
  return absl::AbortedError(
      "chunks of the old store kept appearing during the copy; run the migration again");
}

absl::StatusOr<uint32_t> MigratingChunkStore::RecoverInterruptedBatch() {
  auto recorded = database_->Get(keys::MigrationBatch());
  if (!recorded.ok()) return recorded.status();
  if (!recorded->has_value()) return 0;
  auto batch = DecodeBatch(**recorded);
  if (!batch.ok()) return batch.status();
  const Route r = route();
  Pointers back;
  for (const auto& [key, old] : *batch) {
    auto now = database_->GetChunk(key);
    if (!now.ok()) return now.status();
    if (!now->has_value() || **now == old) continue;
    ChunkStore* holder = Holder(r, **now);
    if (holder != nullptr &&
        holder->Get(keys::ChunkKeyLocation(key), keys::ChunkKeyIndex(key)).ok())
      continue;
    back.emplace_back(key, old);  // switched to bytes the target did not keep
  }
  if (!back.empty()) {
    if (absl::Status s = database_->PutChunksDurably(back); !s.ok()) return s;
  }
  if (absl::Status s = database_->Delete(keys::MigrationBatch(), Durability::kBuffered,
                                         "closing a migration batch");
      !s.ok()) {
    return s;
  }
  return static_cast<uint32_t>(back.size());
}

}  // namespace hoso::storage
