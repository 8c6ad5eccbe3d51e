#include "storage/content/content_migration.h"

#include <chrono>

#include "storage/base/bytes.h"
#include "storage/base/sha256.h"
#include "storage/content/content_backend.h"
#include "storage/content/content_store.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"

namespace hoso::storage {
namespace {

// Writes `record` with its audit entry, durably, in one write.
absl::Status Record(Database& database, const Actor& actor, const ContentBackendRecord& record,
                    AuditFacts facts) {
  WriteBatch batch;
  batch.Put(keys::ContentBackend(), EncodeContentBackend(record));
  return database.audit().Commit(actor, facts, std::move(batch));
}

std::string LeftBehind(const std::string& source, const std::string& packs_dir) {
  if (source == kPacksBackend) {
    return "the pack files in " + packs_dir +
           " are no longer named by the index; hoso admin gc leaves them: delete them yourself "
           "once hosod runs on the new store (after a backup if you want to keep them)";
  }
  return "the objects under " + source +
         "/chunks/ are no longer named by the index; delete them with the object store's own "
         "tools (s3cmd, rclone) when you no longer need them";
}

}  // namespace

absl::StatusOr<ContentMigrationProgress> MigrateContent(Database& database, ContentStore& content,
                                                        MigratingChunkStore& chunks,
                                                        const Actor& actor,
                                                        const ContentMigrationRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  auto read = ReadContentBackend(database);
  if (!read.ok()) return read.status();
  if (!read->has_value()) return absl::InternalError("the content backend was never recorded");
  ContentBackendRecord record = **read;
  ContentMigrationProgress progress;
  progress.source = record.current;
  progress.target = request.target;
  auto report = [&](const std::string& phase) {
    progress.phase = phase;
    progress.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (request.progress) request.progress(progress);
  };
  if (record.migrating()) {
    if (record.migrating_to != request.target) {
      return absl::FailedPreconditionError(
          "the content is moving to " + record.migrating_to +
          " already; finish that first (hoso admin migrate-content " + record.migrating_to + ")");
    }
  } else {
    if (record.current == request.target) {
      return absl::FailedPreconditionError("the content is in " + request.target + " already");
    }
    auto target = request.open_target();
    if (!target.ok()) return target.status();
    ContentBackendRecord moving{record.current, request.target};
    // Recorded before the first chunk goes there: a restart opens both.
    if (absl::Status s = Record(database, actor, moving,
                                {.action = "content.migrate.start",
                                 .target = request.target,
                                 .detail = "from " + record.current});
        !s.ok()) {
      return s;
    }
    if (absl::Status s = chunks.BeginMigration(std::move(*target)); !s.ok()) return s;
    record = moving;
  }

  ChunkCopyOptions copy = request.copy;
  copy.progress = [&](const ChunkCopyProgress& p) {
    progress.copy = p;
    report("copying");
  };
  auto copied = chunks.CopyChunks(copy);
  if (!copied.ok()) return copied.status();
  progress.copy = *copied;

  // Every content whole from the target, its hash checked, before the switch.
  std::optional<Sha256Digest> after;
  std::vector<std::string> unreadable;
  auto last_report = std::chrono::steady_clock::now();
  for (;;) {
    auto next = content.Next(after);
    if (!next.ok()) return next.status();
    if (!next->has_value()) break;
    after = (*next)->sha256;
    auto reader = content.Open((*next)->sha256);
    absl::Status read_status = reader.status();
    while (read_status.ok()) {
      auto piece = (*reader)->Next();
      if (!piece.ok()) {
        read_status = piece.status();
        break;
      }
      if (piece->empty()) break;
      progress.bytes_verified += piece->size();
    }
    if (!read_status.ok() && !absl::IsNotFound(read_status)) {  // NotFound: collected meanwhile
      unreadable.push_back(ToHex((*next)->sha256) + " (" + std::string(read_status.message()) +
                           ")");
      continue;
    }
    ++progress.contents_verified;
    if (std::chrono::steady_clock::now() - last_report > std::chrono::seconds(1)) {
      report("verifying");
      last_report = std::chrono::steady_clock::now();
    }
  }
  if (!unreadable.empty()) {
    std::string list;
    for (size_t i = 0; i < unreadable.size() && i < 10; ++i) {
      list += (i == 0 ? "" : "; ") + unreadable[i];
    }
    return absl::DataLossError(std::to_string(unreadable.size()) +
                               " content(s) do not read back whole from " + request.target + ": " +
                               list + ". The data dir stays on both stores; run hoso admin fsck");
  }

  const std::string source = record.current;
  if (absl::Status s =
          Record(database, actor, {request.target, ""},
                 {.action = "content.migrate",
                  .target = request.target,
                  .detail = "from " + source + ": " + std::to_string(progress.copy.chunks_copied) +
                            " chunks, " + HumanBytes(progress.copy.bytes_copied) + " copied; " +
                            std::to_string(progress.contents_verified) + " contents verified"});
      !s.ok()) {
    return s;
  }
  if (absl::Status s = chunks.FinishMigration(); !s.ok()) return s;
  progress.source = source;
  progress.left_behind = LeftBehind(source, request.packs_dir);
  report("done");
  return progress;
}

}  // namespace hoso::storage
