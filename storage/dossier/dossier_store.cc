#include "storage/dossier/dossier_store.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "storage/base/error_reason.h"
#include "storage/content/content_references.h"
#include "storage/content/content_store.h"
#include "storage/dossier/dossier_index.h"
#include "storage/dossier/dossier_snapshot.h"
#include "storage/evidence/evidence_store.h"
#include "storage/frameworks/evidence_code.h"
#include "storage/frameworks/framework_catalog.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/reports/reports.h"
#include "storage/schools/school_store.h"

namespace hoso::storage {
DossierStore::DossierStore(Database* database, const SchoolStore* schools,
                           const FrameworkCatalog* frameworks, const EvidenceStore* evidence,
                           ContentStore* content, const PlanStore* plan,
                           const AssessmentStore* assessments, std::string scratch_dir)
    : database_(database),
      schools_(schools),
      frameworks_(frameworks),
      evidence_(evidence),
      content_(content),
      plan_(plan),
      assessments_(assessments),
      scratch_dir_(std::move(scratch_dir)) {}

absl::StatusOr<DossierEntry> DossierStore::StoreGenerated(const std::string& path,
                                                          const std::string& bytes) {
  UploadRequest request;
  request.declared = Sha256Of(bytes);
  request.declared_size = bytes.size();
  auto upload = content_->BeginUpload(request);
  if (!upload.ok()) return upload.status();
  if (absl::Status s = (*upload)->Append(bytes); !s.ok()) return s;
  auto result = (*upload)->Finish();
  if (!result.ok()) return result.status();
  DossierEntry entry;
  entry.set_path(path);
  entry.set_sha256(DigestBytes(result->sha256));
  entry.set_size(result->size);
  return entry;
}

absl::StatusOr<std::string> DossierStore::Custody(const std::string& school,
                                                  const std::vector<EvidenceRecord>& items) const {
  // Tab-separated; fields cannot hold tabs or newlines (they are replaced).
  auto field = [](std::string value) {
    for (char& c : value) {
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    return value;
  };
  std::string out =
      "code\titem\taudit_seq\ttime_utc\tactor\trole\taction\tsha256\tdetail\tentry_hash\n";
  for (const EvidenceRecord& item : items) {
    AuditFilter filter;
    filter.school = school;
    filter.evidence_id = item.id();
    auto entries = database_->audit().List(filter);
    if (!entries.ok()) return entries.status();
    for (const AuditRecord& a : *entries) {
      std::string shas;
      for (const std::string& sha : a.sha256()) shas += (shas.empty() ? "" : ",") + sha;
      const auto hash = DigestFromBytes(a.hash());
      out += field(item.code()) + "\t" + std::to_string(item.id()) + "\t" +
             std::to_string(a.seq()) + "\t" + IsoTimeUtc(a.time_micros() / 1000000) + "\t" +
             field(a.actor()) + "\t" + field(a.role()) + "\t" + field(a.action()) + "\t" + shas +
             "\t" + field(a.detail()) + "\t" + (hash ? ToHex(*hash) : "") + "\n";
    }
  }
  return out;
}

absl::StatusOr<DossierRecord> DossierStore::Build(const Actor& actor, const std::string& school,
                                                  const DossierScope& scope) {
  auto record = schools_->Get(school);
  if (!record.ok()) return record.status();
  const Framework* framework = frameworks_->Find(record->framework());
  if (framework == nullptr) return absl::FailedPreconditionError("unknown framework");
  EvidenceFilter filter;
  filter.school = record->code();
  auto live = evidence_->List(filter);
  if (!live.ok()) return live.status();
  const bool all_items = record->dossier_includes_unapproved();
  const std::vector<EvidenceRecord> items = ItemsInScope(std::move(*live), scope, all_items);
  auto custody = Custody(record->code(), items);
  if (!custody.ok()) return custody.status();

  DossierRecord d = NewDraft(*record, scope, items, database_->clock().NowUnix());
  d.set_custody(std::move(*custody));
  const PayloadPaths paths = AddPayload(items, d);
  std::optional<bag::BagAssessment> carried;
  if (absl::Status s = AddSelfAssessment(*record, *framework, scope, items, paths, d, carried);
      !s.ok()) {
    return s;
  }
  if (absl::Status s =
          AddGeneratedFiles(*framework, items, paths, carried ? &*carried : nullptr, d);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = FinishPayload(d); !s.ok()) return s;
  return CommitBuild(actor, std::move(d), all_items);
}

absl::Status DossierStore::AddGeneratedFiles(const Framework& framework,
                                             const std::vector<EvidenceRecord>& items,
                                             const PayloadPaths& paths,
                                             const bag::BagAssessment* assessment,
                                             DossierRecord& d) {
  const Catalogue catalogue = MakeCatalogue(framework, items);
  const std::string title = CatalogueTitle(d.school_name(), "");
  auto xlsx = CatalogueXlsx(catalogue, title, scratch_dir_);
  if (!xlsx.ok()) return xlsx.status();
  for (const auto& [path, bytes] : {
           std::pair<std::string, std::string>{"data/danh-muc-minh-chung.csv",
                                               CatalogueCsv(catalogue, title)},
           {"data/danh-muc-minh-chung.xlsx", std::move(*xlsx)},
           {"data/index.html", RenderDossierIndex(framework, d, items, paths, assessment)},
       }) {
    auto entry = StoreGenerated(path, bytes);
    if (!entry.ok()) return entry.status();
    *d.add_entries() = std::move(*entry);
  }
  return absl::OkStatus();
}

absl::StatusOr<DossierRecord> DossierStore::CommitBuild(const Actor& actor, DossierRecord d,
                                                        bool all_items) {
  std::lock_guard<std::mutex> lock(database_->write_mutex());
  const std::string counter_key = keys::DossierCounter(d.school());
  auto last_id = ReadCounter(*database_, counter_key);
  if (!last_id.ok()) return last_id.status();
  d.set_id(*last_id + 1);
  WriteBatch batch;
  std::map<std::string, int> refs;
  for (const DossierEntry& e : d.entries()) ++refs[e.sha256()];
  if (absl::Status s = AddContentReferences(*database_, refs, batch); !s.ok()) return s;
  PutCounter(batch, counter_key, d.id());
  batch.Put(keys::Dossier(d.school(), d.id()), d.SerializeAsString());
  const AuditFacts facts{
      .action = "dossier.build",
      .school = d.school(),
      .target = "dossier " + std::to_string(d.id()),
      .detail = d.scope() + "; " + std::to_string(d.items()) + " items" +
                (all_items ? " (approved or not)" : " (approved)") +
                (d.assessment() != 0 ? "; self-assessment " + std::to_string(d.assessment()) : "")};
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return d;
}

absl::StatusOr<DossierRecord> DossierStore::Get(const std::string& school, uint64_t id) const {
  auto code = SchoolStore::NormalizeCode(school);
  if (!code.ok()) return code.status();
  auto record = ReadRecord<DossierRecord>(*database_, keys::Dossier(*code, id));
  if (!record.ok()) return record.status();
  if (!record->has_value()) {
    if (auto exists = schools_->Get(*code); !exists.ok()) return exists.status();
    return WithReason(
        absl::NotFoundError("no dossier " + std::to_string(id) + " in school " + *code),
        reason::kDossierNotFound, {{"dossier", std::to_string(id)}, {"school", *code}});
  }
  return **record;
}

absl::StatusOr<std::vector<DossierRecord>> DossierStore::List(const std::string& school) const {
  auto record = schools_->Get(school);
  if (!record.ok()) return record.status();
  std::vector<DossierRecord> out;
  absl::Status scanned = ScanRecords<DossierRecord>(
      *database_, keys::DossierPrefix(record->code()),
      [&](std::string_view, DossierRecord d) { out.push_back(std::move(d)); });
  if (!scanned.ok()) return scanned;
  return out;
}

absl::StatusOr<DossierRecord> DossierStore::CommitSeal(const Actor& actor,
                                                       const std::string& school, uint64_t id,
                                                       DossierRecord sealed) {
  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto d = Get(school, id);
  if (!d.ok()) return d.status();
  if (d->state() == DOSSIER_SEALED) {
    return WithReason(
        absl::FailedPreconditionError("dossier " + std::to_string(id) + " was sealed by " +
                                      d->signer() + "; build a new version for changes"),
        reason::kDossierSealed, {{"dossier", std::to_string(id)}});
  }
  d->set_state(DOSSIER_SEALED);
  d->set_signature(sealed.signature());
  d->set_signer_cert_pem(sealed.signer_cert_pem());
  d->set_signer(sealed.signer());
  d->set_sealed_unix(sealed.sealed_unix());
  d->set_zip_sha256(sealed.zip_sha256());
  d->set_tar_sha256(sealed.tar_sha256());
  d->set_bag_in_folder(sealed.bag_in_folder());  // the layout the digests above are of
  WriteBatch batch;
  batch.Put(keys::Dossier(d->school(), id), d->SerializeAsString());
  const AuditFacts facts{.action = "dossier.seal",
                         .school = d->school(),
                         .target = "dossier " + std::to_string(id),
                         .sha256 = {d->zip_sha256(), d->tar_sha256()},
                         .detail = "signed by " + d->signer()};
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return d;
}

}  // namespace hoso::storage
