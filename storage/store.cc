#include "storage/store.h"

#include <filesystem>
#include <system_error>

#include "storage/content/chunk_store.h"
#include "storage/content/pack_chunk_store.h"
#include "storage/index/rocks_status.h"

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
  store->data_dir_ = data_dir;
  store->scratch_dir_ = data_dir + "/tmp";
  // Whatever is in tmp/ was left by a process that stopped mid-way.
  std::filesystem::remove_all(store->scratch_dir_, ec);
  std::filesystem::create_directories(store->scratch_dir_, ec);
  if (ec) {
    return absl::FailedPreconditionError("cannot create " + store->scratch_dir_ + ": " +
                                         ec.message());
  }
  auto database = Database::Open(data_dir + "/db", options.database);
  if (!database.ok()) return database.status();
  store->database_ = std::move(*database);
  auto frameworks = FrameworkCatalog::BuiltIn();
  if (!frameworks.ok()) return frameworks.status();
  store->frameworks_ = std::move(*frameworks);
  // Imported frameworks, kept beside the built-in ones.
  std::unique_ptr<rocksdb::Iterator> it(store->database_->db()->NewIterator(
      rocksdb::ReadOptions(), store->database_->index()));
  for (it->Seek("f/"); it->Valid() && it->key().starts_with("f/"); it->Next()) {
    Framework framework;
    if (!framework.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return absl::DataLossError("stored framework " + it->key().ToString() + " is unreadable");
    }
    store->frameworks_->Add(std::move(framework), false).IgnoreError();
  }
  auto chunks = OpenPackChunkStore(store->database_.get(), data_dir + "/packs");
  if (!chunks.ok()) return chunks.status();
  store->chunks_ = std::move(*chunks);
  store->content_ = std::make_unique<ContentStore>(store->database_.get(), store->chunks_.get());
  store->schools_ = std::make_unique<SchoolStore>(store->database_.get(), store->frameworks_.get());

  store->tokens_ = std::make_unique<TokenStore>(store->database_.get());
  store->users_ = std::make_unique<UserStore>(store->database_.get(), store->schools_.get(),
                                              store->frameworks_.get());
  store->plan_ = std::make_unique<PlanStore>(store->database_.get(), store->schools_.get(),
                                             store->frameworks_.get());
  store->evidence_ = std::make_unique<EvidenceStore>(store->database_.get(), store->schools_.get(),
                                                     store->frameworks_.get(), store->plan_.get());
  store->reports_ = std::make_unique<Reports>(store->schools_.get(), store->frameworks_.get(),
                                              store->evidence_.get(), store->plan_.get(),
                                              &store->database_->clock());
  store->dossiers_ = std::make_unique<DossierStore>(
      store->database_.get(), store->schools_.get(), store->frameworks_.get(),
      store->evidence_.get(), store->content_.get(), store->scratch_dir_);
  return store;
}

absl::StatusOr<Framework> Store::ImportFramework(const Actor& actor, std::string_view json) {
  auto framework = FrameworkCatalog::Parse(json);
  if (!framework.ok()) return framework.status();
  if (frameworks_->Find(framework->id()) != nullptr) {
    return absl::AlreadyExistsError("framework " + framework->id() +
                                    " exists already; give your edition its own id");
  }
  rocksdb::WriteBatch batch;
  batch.Put(database_->index(), "f/" + framework->id(), framework->SerializeAsString());
  const AuditFacts facts{.action = "framework.import", .target = "framework " + framework->id()};
  absl::Status s = database_->audit().Commit(actor, facts, &batch);
  if (!s.ok()) return s;
  if (s = frameworks_->Add(*framework, false); !s.ok()) return s;
  return framework;
}

absl::StatusOr<std::vector<CodeChange>> Store::RenumberCodes(const Actor& actor,
                                                             const std::string& school, bool apply) {
  return evidence_->Renumber(actor, school, apply, [&](const std::vector<CodeChange>& changes) {
    return dossiers_->KeepSealedCodes(school, changes);
  });
}

absl::StatusOr<BackupReport> Store::Backup(const std::string& backup_dir) {
  return storage::Backup(*database_, data_dir_ + "/packs", backup_dir);
}

absl::StatusOr<FsckReport> Store::Fsck(bool repair, const Actor& actor) {
  auto report = RunFsck(*database_, *content_);
  if (!report.ok() || !repair) return report;
  if (absl::Status s = RepairFsckProblems(*database_, actor, *report); !s.ok()) return s;
  return report;
}

absl::Status Store::Flush() {
  rocksdb::FlushOptions options;
  options.wait = true;
  return FromRocks(database_->db()->Flush(options, {database_->index(), database_->chunks()}),
                   "flushing the database");
}

Store::~Store() = default;

}  // namespace hoso::storage
