#include "storage/store.h"

#include <filesystem>
#include <system_error>

#include "storage/base/bytes.h"
#include "storage/content/chunk_store.h"
#include "storage/content/pack_chunk_store.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"

namespace hoso::storage {
namespace {

// FailedPrecondition when `data_dir` has no index but holds what an index
// named (pack files with bytes, an audit anchor): starting would serve an
// empty server beside the data and issue a new admin token.
absl::Status CheckIndexPresent(const std::string& data_dir, const std::string& anchor_path) {
  std::error_code ec;
  if (std::filesystem::exists(data_dir + "/db/CURRENT", ec)) return absl::OkStatus();
  uint64_t packs = 0, bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir + "/packs", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("pack-", 0) != 0 || !entry.is_regular_file(ec)) continue;
    const uint64_t size = entry.file_size(ec);
    if (size == 0) continue;
    ++packs;
    bytes += size;
  }
  auto anchored = ReadAuditAnchor(anchor_path);
  const uint64_t entries = anchored.ok() && anchored->has_value() ? (*anchored)->seq : 0;
  if (packs == 0 && entries == 0) return absl::OkStatus();
  std::string holds;
  if (packs > 0) {
    holds = data_dir + "/packs holds " + std::to_string(packs) + " pack file(s) (" +
            HumanBytes(bytes) + ")";
  }
  if (entries > 0) {
    holds += std::string(holds.empty() ? "" : " and ") + anchor_path + " records " +
             std::to_string(entries) + " audit entries";
  }
  return absl::FailedPreconditionError(
      "the index " + data_dir + "/db is missing, but " + holds +
      ": starting would serve an empty server beside them and issue a new admin token. Restore "
      "the newest backup into a new data directory (hosod --restore-from BACKUP --data NEWDIR), "
      "or start on an empty index on purpose with --allow-empty-index (the packs' bytes stay, "
      "nothing names them; the loss is recorded in the audit log)");
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& data_dir,
                                                   const StoreOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return absl::FailedPreconditionError("cannot create data directory " + data_dir + ": " +
                                         ec.message());
  }
  auto store = std::unique_ptr<Store>(new Store());
  store->data_dir_ = data_dir;
  store->scratch_dir_ = data_dir + "/tmp";
  // Whatever is in tmp/ was left by a process that stopped mid-way.
  std::filesystem::remove_all(store->scratch_dir_, ec);
  std::filesystem::create_directories(store->scratch_dir_, ec);
  if (ec) {
    return absl::FailedPreconditionError("cannot create " + store->scratch_dir_ + ": " +
                                         ec.message());
  }
  DatabaseOptions database_options = options.database;
  database_options.audit_anchor_path = data_dir + "/audit.anchor";
  if (absl::Status s = CheckIndexPresent(data_dir, database_options.audit_anchor_path); !s.ok()) {
    if (!options.allow_empty_index) return s;
    database_options.accept_rollback = true;  // an anchor left says what the new index lacks
  }
  auto database = Database::Open(data_dir + "/db", database_options);
  if (!database.ok()) return database.status();
  store->database_ = std::move(*database);
  auto frameworks = FrameworkCatalog::BuiltIn();
  if (!frameworks.ok()) return frameworks.status();
  store->frameworks_ = std::move(*frameworks);
  // Imported frameworks, kept beside the built-in ones.
  absl::Status loaded = ScanRecords<Framework>(
      *store->database_, keys::kFrameworkPrefix, [&](std::string_view, Framework framework) {
        store->frameworks_->Add(std::move(framework), false).IgnoreError();
      });
  if (!loaded.ok()) return loaded;
  auto chunks =
      options.s3 ? OpenS3ChunkStore(store->database_.get(), *options.s3)
                 : OpenPackChunkStore(store->database_.get(), data_dir + "/packs", options.packs);
  if (!chunks.ok()) return chunks.status();
  store->chunks_ = std::move(*chunks);
  store->content_ =
      std::make_unique<ContentStore>(store->database_.get(), store->chunks_.get(), options.uploads);
  store->schools_ = std::make_unique<SchoolStore>(store->database_.get(), store->frameworks_.get());

  store->tokens_ = std::make_unique<TokenStore>(store->database_.get());
  store->passwords_ = std::make_unique<PasswordStore>(store->database_.get());
  store->login_codes_ = std::make_unique<LoginCodeStore>(store->database_.get());
  store->users_ = std::make_unique<UserStore>(store->database_.get(), store->schools_.get(),
                                              store->frameworks_.get());
  store->plan_ = std::make_unique<PlanStore>(store->database_.get(), store->schools_.get(),
                                             store->frameworks_.get());
  store->evidence_ = std::make_unique<EvidenceStore>(store->database_.get(), store->schools_.get(),
                                                     store->frameworks_.get(), store->plan_.get());
  store->reports_ = std::make_unique<Reports>(store->schools_.get(), store->frameworks_.get(),
                                              store->evidence_.get(), store->plan_.get(),
                                              &store->database_->clock());
  store->assessments_ =
      std::make_unique<AssessmentStore>(store->database_.get(), store->schools_.get(),
                                        store->frameworks_.get(), store->evidence_.get());
  store->dossiers_ = std::make_unique<DossierStore>(
      store->database_.get(), store->schools_.get(), store->frameworks_.get(),
      store->evidence_.get(), store->content_.get(), store->plan_.get(), store->assessments_.get(),
      store->scratch_dir_);
  if (absl::Status s = store->evidence_->BackfillHoldings(); !s.ok()) return s;
  if (auto dropped = store->content_->DropExpiredUploads(); !dropped.ok()) return dropped.status();
  return store;
}

absl::StatusOr<Framework> Store::ImportFramework(const Actor& actor, std::string_view json) {
  auto framework = FrameworkCatalog::Parse(json);
  if (!framework.ok()) return framework.status();
  if (frameworks_->Find(framework->id()) != nullptr) {
    return absl::AlreadyExistsError("framework " + framework->id() +
                                    " exists already; give your edition its own id");
  }
  WriteBatch batch;
  batch.Put(keys::Framework(framework->id()), framework->SerializeAsString());
  const AuditFacts facts{.action = "framework.import", .target = "framework " + framework->id()};
  absl::Status s = database_->audit().Commit(actor, facts, std::move(batch));
  if (!s.ok()) return s;
  if (s = frameworks_->Add(*framework, false); !s.ok()) return s;
  return framework;
}

absl::StatusOr<std::vector<CodeChange>> Store::RenumberCodes(const Actor& actor,
                                                             const std::string& school,
                                                             bool apply) {
  return evidence_->Renumber(actor, school, apply, [&](const std::vector<CodeChange>& changes) {
    return dossiers_->KeepSealedCodes(school, changes);
  });
}

absl::StatusOr<BackupReport> Store::Backup(const std::string& backup_dir) {
  return storage::Backup(*database_, data_dir_ + "/packs", backup_dir);
}

absl::StatusOr<FsckReport> Store::Fsck(bool repair, const Actor& actor) {
  auto report = RunFsck(*database_, *content_);
  if (!report.ok()) return report;
  auto space = MeasureSpace(*database_, *content_, *chunks_);
  if (!space.ok()) return space.status();
  report->packs = static_cast<uint32_t>(space->packs.size());
  report->pack_bytes = space->file_bytes;
  report->dead_bytes = space->dead_bytes;
  if (!repair) return report;
  if (absl::Status s = RepairFsckProblems(*database_, actor, *report); !s.ok()) return s;
  return report;
}

absl::StatusOr<GcReport> Store::Gc(const GcOptions& options, const Actor& actor) {
  return CollectGarbage(*database_, *content_, *chunks_, actor, options);
}

absl::Status Store::Flush() { return database_->Flush(); }

Store::~Store() = default;

}  // namespace hoso::storage
