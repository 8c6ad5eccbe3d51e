#ifndef HOSO_STORAGE_STORE_H_
#define HOSO_STORAGE_STORE_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "storage/assessment/assessment_store.h"
#include "storage/content/content_store.h"
#include "storage/content/pack_chunk_store.h"
#include "storage/content/s3_chunk_store.h"
#include "storage/dossier/dossier_store.h"
#include "storage/evidence/evidence_store.h"
#include "storage/frameworks/framework_catalog.h"
#include "storage/index/database.h"
#include "storage/maintenance/backup.h"
#include "storage/maintenance/fsck.h"
#include "storage/maintenance/gc.h"
#include "storage/people/login_code_store.h"
#include "storage/people/password_store.h"
#include "storage/people/token_store.h"
#include "storage/people/user_store.h"
#include "storage/plan/plan_store.h"
#include "storage/reports/reports.h"
#include "storage/schools/school_store.h"

namespace hoso::storage {

struct StoreOptions {
  DatabaseOptions database;  // its clock stamps every record
  UploadSettings uploads;    // expiry and per-user quota of unfinished uploads
  // Start on a new, empty index although DIR/db is missing beside pack
  // files or an audit anchor (which Open otherwise refuses); only on an
  // operator's explicit word (hosod --allow-empty-index).
  bool allow_empty_index = false;
  PackOptions packs;
  // Set: the content bytes go to this bucket (hosod --content s3://...),
  // not to DIR/packs.
  std::optional<S3ChunkStoreOptions> s3;
};

// Everything hosod keeps, opened from one data directory:
//   DIR/db            the RocksDB index (records and chunk pointers)
//   DIR/packs         pack files holding the content bytes
//   DIR/audit.anchor  the audit chain's head, kept outside the index
//                     (audit_anchor.h)
// Start reading here. Thread-safe.
class Store {
 public:
  static absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& data_dir,
                                                     const StoreOptions& options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  ContentStore& content() { return *content_; }
  // Where the bytes are (packs or an object store): for logs and health.
  ChunkStore& chunks() { return *chunks_; }
  EvidenceStore& evidence() { return *evidence_; }
  SchoolStore& schools() { return *schools_; }
  TokenStore& tokens() { return *tokens_; }
  UserStore& users() { return *users_; }
  PasswordStore& passwords() { return *passwords_; }
  LoginCodeStore& login_codes() { return *login_codes_; }
  AuditLog& audit() { return database_->audit(); }
  PlanStore& plan() { return *plan_; }
  const Reports& reports() const { return *reports_; }
  DossierStore& dossiers() { return *dossiers_; }
  AssessmentStore& assessments() { return *assessments_; }
  const FrameworkCatalog& frameworks() const { return *frameworks_; }
  const std::string& data_dir() const { return data_dir_; }
  // DIR/tmp: working files that must exist on disk for a moment (XLSX);
  // emptied at every start.
  const std::string& scratch_dir() const { return scratch_dir_; }
  const Clock& clock() const { return database_->clock(); }
  // The index itself, read-only: for tests that look at the stored records.
  const Database& database() const { return *database_; }

  // Checks a framework file (FrameworkCatalog::Parse), stores it durably and
  // makes it available to schools. AlreadyExists for a taken id.
  absl::StatusOr<Framework> ImportFramework(const Actor& actor, std::string_view json);

  // Renumbers the school's evidence codes without gaps (EvidenceStore::
  // Renumber), except that codes in a sealed dossier stay: then nothing
  // changes and FailedPrecondition names the dossier. Only with `apply`.
  absl::StatusOr<std::vector<CodeChange>> RenumberCodes(const Actor& actor,
                                                        const std::string& school, bool apply);

  // A consistent online backup into `backup_dir`, incremental on repeat
  // (see backup.h).
  absl::StatusOr<BackupReport> Backup(const std::string& backup_dir);

  // Checks all content and references (see fsck.h), and measures dead space.
  // With `repair`, then fixes what it can (RepairFsckProblems) as `actor`.
  absl::StatusOr<FsckReport> Fsck(bool repair = false, const Actor& actor = Actor::System());

  // Collects unlinked content and orphan chunks and repacks mostly-dead
  // packs (see gc.h), as `actor`.
  absl::StatusOr<GcReport> Gc(const GcOptions& options, const Actor& actor = Actor::System());

  // Writes the index's memtables to table files, so the next start replays
  // no log. hosod calls it on a clean shutdown.
  absl::Status Flush();

 private:
  Store() = default;

  std::string data_dir_;
  std::string scratch_dir_;
  // Declaration order is destruction order in reverse: the database last.
  std::unique_ptr<Database> database_;
  std::unique_ptr<FrameworkCatalog> frameworks_;
  std::unique_ptr<ChunkStore> chunks_;
  std::unique_ptr<ContentStore> content_;
  std::unique_ptr<SchoolStore> schools_;
  std::unique_ptr<TokenStore> tokens_;
  std::unique_ptr<UserStore> users_;
  std::unique_ptr<PasswordStore> passwords_;
  std::unique_ptr<LoginCodeStore> login_codes_;
  std::unique_ptr<PlanStore> plan_;
  std::unique_ptr<EvidenceStore> evidence_;
  std::unique_ptr<Reports> reports_;
  std::unique_ptr<DossierStore> dossiers_;
  std::unique_ptr<AssessmentStore> assessments_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_STORE_H_
