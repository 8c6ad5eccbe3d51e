#include "storage/dossier/dossier_store.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>

#include "storage/content/content_references.h"
#include "storage/content/content_store.h"
#include "storage/index/database.h"
#include "storage/dossier/dossier_index.h"
#include "storage/frameworks/evidence_code.h"
#include "storage/evidence/evidence_store.h"
#include "storage/frameworks/framework_catalog.h"
#include "storage/index/record_io.h"
#include "storage/index/keys.h"
#include "storage/reports/reports.h"
#include "storage/schools/school_store.h"

namespace hoso::storage {
namespace {

std::string DossierKey(const std::string& school, uint64_t id) { return keys::Dossier(school, id); }

// A folder name from a title: no separators, at most 100 bytes (whole
// UTF-8 characters).
std::string FolderName(const EvidenceRecord& e) {
  std::string code = e.code().empty() ? "#" + std::to_string(e.id()) : e.code();
  if (code.front() != '[') code = "[" + code + "]";
  std::string title = e.title();
  for (char& c : title) {
    if (c == '/' || c == '\\' || c == '\n' || c == '\r' || c == '\t') c = '-';
  }
  if (title.size() > 100) {
    size_t cut = 100;
    while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
    title.resize(cut);
  }
  while (!title.empty() && (title.back() == ' ' || title.back() == '.')) title.pop_back();
  return code + " " + title;
}

bool InScope(const EvidenceRecord& e, const DossierScope& scope) {
  if (!scope.first_year.empty() && (e.year().empty() || e.year() < scope.first_year)) return false;
  if (!scope.last_year.empty() && (e.year().empty() || e.year() > scope.last_year)) return false;
  auto cites = [&](auto&& pred) { return std::any_of(e.criteria().begin(), e.criteria().end(), pred); };
  if (!scope.standards.empty() && !cites([&](const std::string& c) {
        return std::count(scope.standards.begin(), scope.standards.end(), StandardOf(c)) > 0;
      })) {
    return false;
  }
  if (!scope.criteria.empty() && !cites([&](const std::string& c) {
        return std::count(scope.criteria.begin(), scope.criteria.end(), c) > 0;
      })) {
    return false;
  }
  return true;
}

std::string DescribeScope(const DossierScope& scope) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
  if (!scope.first_year.empty() || !scope.last_year.empty()) {
    add("năm học " + scope.first_year + ".." + scope.last_year);
  }
  if (!scope.standards.empty()) {
    std::string list;
    for (int s : scope.standards) list += (list.empty() ? "" : ", ") + std::to_string(s);
    add("tiêu chuẩn " + list);
  }
  if (!scope.criteria.empty()) {
    std::string list;
    for (const auto& c : scope.criteria) list += (list.empty() ? "" : ", ") + c;
    add("tiêu chí " + list);
  }
  return out.empty() ? "toàn bộ khung tiêu chuẩn" : out;
}

}  // namespace

DossierStore::DossierStore(Database* database, const SchoolStore* schools,
                           const FrameworkCatalog* frameworks, const EvidenceStore* evidence,
                           ContentStore* content)
    : database_(database),
      schools_(schools),
      frameworks_(frameworks),
      evidence_(evidence),
      content_(content) {}

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
             field(a.actor()) + "\t" + field(a.role()) + "\t" + field(a.action()) + "\t" +
             shas + "\t" + field(a.detail()) + "\t" + (hash ? ToHex(*hash) : "") + "\n";
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
  auto all = evidence_->List(filter);
  if (!all.ok()) return all.status();
  std::vector<EvidenceRecord> items;
  const bool all_items = record->dossier_includes_unapproved();
  for (auto& e : *all) {
    if (!all_items && ReviewStateOf(e) != REVIEW_APPROVED) continue;
    if (InScope(e, scope)) items.push_back(std::move(e));
  }
  auto custody = Custody(record->code(), items);
  if (!custody.ok()) return custody.status();

  DossierRecord d;
  d.set_school(record->code());
  d.set_school_name(record->name());
  d.set_created_unix(database_->clock().NowUnix());
  d.set_scope(DescribeScope(scope));
  d.set_items(static_cast<uint32_t>(items.size()));
  d.set_state(DOSSIER_DRAFT);
  d.set_custody(std::move(*custody));
  std::map<uint64_t, std::vector<std::string>> paths;
  for (const EvidenceRecord& e : items) {
    const std::string root = e.criteria(0);
    const std::string folder = "data/Tiêu chuẩn " + std::to_string(StandardOf(root)) +
                               "/Tiêu chí " + root + "/" + FolderName(e) + "/";
    for (const FileRecord& f : e.files()) {
      DossierEntry* entry = d.add_entries();
      entry->set_path(folder + f.name());
      entry->set_sha256(f.sha256());
      entry->set_size(f.size());
      paths[e.id()].push_back(entry->path());
    }
  }
  const Catalogue catalogue = MakeCatalogue(*framework, items);
  const std::string title = "DANH MỤC MINH CHỨNG — " + record->name();
  char xlsx_path[] = "/tmp/hoso-dossier-XXXXXX";
  const int fd = ::mkstemp(xlsx_path);
  if (fd < 0) return absl::InternalError("cannot make a temporary file");
  ::close(fd);
  absl::Status xlsx_written = WriteCatalogueXlsx(catalogue, title, xlsx_path);
  std::ifstream in(xlsx_path, std::ios::binary);
  const std::string xlsx((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ::unlink(xlsx_path);
  if (!xlsx_written.ok()) return xlsx_written;
  for (const auto& [path, bytes] :
       {std::pair<std::string, std::string>{"data/danh-muc-minh-chung.csv", CatalogueCsv(catalogue, title)},
        {"data/danh-muc-minh-chung.xlsx", xlsx},
        {"data/index.html", RenderDossierIndex(*framework, d, items, paths)}}) {
    auto entry = StoreGenerated(path, bytes);
    if (!entry.ok()) return entry.status();
    *d.add_entries() = std::move(*entry);
  }
  std::sort(d.mutable_entries()->begin(), d.mutable_entries()->end(),
            [](const DossierEntry& a, const DossierEntry& b) { return a.path() < b.path(); });
  uint64_t bytes = 0;
  for (int i = 0; i < d.entries_size(); ++i) {
    bytes += d.entries(i).size();
    if (i > 0 && d.entries(i).path() == d.entries(i - 1).path()) {
      return absl::InternalError("two dossier files at " + d.entries(i).path());
    }
  }
  d.set_payload_bytes(bytes);

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
  batch.Put(DossierKey(d.school(), d.id()), d.SerializeAsString());
  const AuditFacts facts{.action = "dossier.build",
                         .school = d.school(),
                         .target = "dossier " + std::to_string(d.id()),
                         .detail = d.scope() + "; " + std::to_string(d.items()) + " items" +
                                   (all_items ? " (approved or not)" : " (approved)")};
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return d;
}

absl::StatusOr<DossierRecord> DossierStore::Get(const std::string& school, uint64_t id) const {
  auto code = SchoolStore::NormalizeCode(school);
  if (!code.ok()) return code.status();
  auto record = ReadRecord<DossierRecord>(*database_, DossierKey(*code, id));
  if (!record.ok()) return record.status();
  if (!record->has_value()) {
    if (auto exists = schools_->Get(*code); !exists.ok()) return exists.status();
    return absl::NotFoundError("no dossier " + std::to_string(id) + " in school " + *code);
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

absl::StatusOr<DossierRecord> DossierStore::Seal(const Actor& actor, const std::string& school, uint64_t id,
                                                 DossierRecord sealed) {
  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto d = Get(school, id);
  if (!d.ok()) return d.status();
  if (d->state() == DOSSIER_SEALED) {
    return absl::FailedPreconditionError("dossier " + std::to_string(id) + " was sealed by " +
                                         d->signer() + "; build a new version for changes");
  }
  d->set_state(DOSSIER_SEALED);
  d->set_signature(sealed.signature());
  d->set_signer_cert_pem(sealed.signer_cert_pem());
  d->set_signer(sealed.signer());
  d->set_sealed_unix(sealed.sealed_unix());
  d->set_zip_sha256(sealed.zip_sha256());
  d->set_tar_sha256(sealed.tar_sha256());
  WriteBatch batch;
  batch.Put(DossierKey(d->school(), id), d->SerializeAsString());
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
