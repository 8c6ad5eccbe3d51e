#include "storage/schools/school_store.h"

#include <algorithm>
#include <memory>

#include "storage/base/error_reason.h"
#include "storage/frameworks/evidence_code.h"
#include "storage/frameworks/framework_catalog.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"

namespace hoso::storage {

SchoolStore::SchoolStore(Database* database, const FrameworkCatalog* frameworks)
    : database_(database), frameworks_(frameworks) {}

absl::StatusOr<std::string> SchoolStore::NormalizeCode(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) {
      return absl::InvalidArgumentError("school code \"" + std::string(code) +
                                        "\" may only hold letters A-Z, digits, '-' and '_'");
    }
    out.push_back(c);
  }
  if (out.size() < 2 || out.size() > 32) {
    return absl::InvalidArgumentError("school code \"" + std::string(code) +
                                      "\" must be 2 to 32 characters long");
  }
  return out;
}

absl::StatusOr<SchoolRecord> SchoolStore::Create(const Actor& actor, std::string_view code,
                                                 std::string_view name, std::string_view framework,
                                                 std::string_view code_format) {
  if (!code_format.empty()) {
    if (absl::Status s = ValidateCodeFormat(code_format); !s.ok()) return s;
  }
  auto clean_code = NormalizeCode(code);
  if (!clean_code.ok()) return clean_code.status();
  auto clean_name = text::CleanText("school name", name, 300);
  if (!clean_name.ok()) return clean_name.status();
  if (clean_name->empty()) return absl::InvalidArgumentError("a school needs a name (--name)");
  if (frameworks_->Find(framework) == nullptr) {
    std::string known;
    for (const std::string& id : frameworks_->Ids()) known += (known.empty() ? "" : ", ") + id;
    return absl::InvalidArgumentError("unknown framework \"" + std::string(framework) +
                                      "\"; known: " + known);
  }
  SchoolRecord record;
  record.set_code(*clean_code);
  record.set_name(*clean_name);
  record.set_framework(std::string(framework));
  record.set_created_unix(database_->clock().NowUnix());
  record.set_code_format(std::string(code_format));

  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto existing = ReadRecord<SchoolRecord>(*database_, keys::School(*clean_code));
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) {
    return absl::AlreadyExistsError("school " + *clean_code + " already exists (" +
                                    (*existing)->name() + ")");
  }
  WriteBatch batch;
  batch.Put(keys::School(*clean_code), record.SerializeAsString());
  const AuditFacts facts{.action = "school.create",
                         .school = *clean_code,
                         .target = "school " + *clean_code,
                         .detail = record.name() + " (" + record.framework() + ")"};
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return record;
}

absl::StatusOr<SchoolRecord> SchoolStore::SetDossierIncludesUnapproved(const Actor& actor,
                                                                       std::string_view code,
                                                                       bool all) {
  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto record = Get(code);
  if (!record.ok()) return record.status();
  record->set_dossier_includes_unapproved(all);
  WriteBatch batch;
  batch.Put(keys::School(record->code()), record->SerializeAsString());
  const AuditFacts facts{
      .action = "school.settings",
      .school = record->code(),
      .target = "school " + record->code(),
      .detail = all ? "dossiers take every live item" : "dossiers take approved items only"};
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return record;
}

absl::StatusOr<SchoolRecord> SchoolStore::Get(std::string_view code) const {
  auto clean_code = NormalizeCode(code);
  if (!clean_code.ok()) return clean_code.status();
  auto record = ReadRecord<SchoolRecord>(*database_, keys::School(*clean_code));
  if (!record.ok()) return record.status();
  if (!record->has_value()) {
    return WithReason(absl::NotFoundError("no school " + *clean_code), reason::kUnknownSchool,
                      {{"school", *clean_code}});
  }
  return **record;
}

absl::StatusOr<std::vector<SchoolRecord>> SchoolStore::List() const {
  std::vector<SchoolRecord> schools;
  absl::Status scanned = ScanRecords<SchoolRecord>(
      *database_, keys::kSchoolPrefix,
      [&](std::string_view, SchoolRecord record) { schools.push_back(std::move(record)); });
  if (!scanned.ok()) return scanned;
  std::stable_sort(schools.begin(), schools.end(), [this](const auto& a, const auto& b) {
    return collator_.Less(a.name(), b.name());
  });
  return schools;
}

}  // namespace hoso::storage
