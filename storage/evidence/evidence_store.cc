#include "storage/evidence/evidence_store.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "storage/base/error_reason.h"
#include "storage/base/school_code.h"
#include "storage/base/text.h"
#include "storage/content/content_references.h"
#include "storage/evidence/evidence_changes.h"
#include "storage/evidence/evidence_rules.h"
#include "storage/frameworks/evidence_code.h"
#include "storage/frameworks/framework_catalog.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/plan/plan_store.h"
#include "storage/schools/school_store.h"

namespace hoso::storage {
namespace {

std::string MediaTypeOrDefault(const std::string& media_type) {
  // type/subtype of printable ASCII; anything else is not trusted.
  const size_t slash = media_type.find('/');
  bool ok = slash != std::string::npos && slash > 0 && slash + 1 < media_type.size() &&
            media_type.size() <= 100;
  for (char c : media_type) ok = ok && c > 0x20 && c < 0x7f;
  return ok ? media_type : "application/octet-stream";
}

bool Matches(const EvidenceRecord& r, const EvidenceFilter& f) {
  if (r.deleted() && !f.include_deleted) return false;
  if (f.kind != 0 && r.kind() != f.kind) return false;
  if (!f.year.empty() && r.year() != f.year) return false;
  if (!f.uploader.empty() && r.uploader() != f.uploader) return false;
  if (f.review_state != REVIEW_UNSET && ReviewStateOf(r) != f.review_state) return false;
  auto has = [](const auto& list, const std::string& v) {
    return v.empty() || std::find(list.begin(), list.end(), v) != list.end();
  };
  return has(r.criteria(), f.criterion) && has(r.tasks(), f.task);
}

}  // namespace

EvidenceStore::EvidenceStore(Database* database, const SchoolStore* schools,
                             const FrameworkCatalog* frameworks, const PlanStore* plan)
    : database_(database), schools_(schools), frameworks_(frameworks), plan_(plan) {}

absl::StatusOr<const Framework*> EvidenceStore::FrameworkOf(const std::string& school) const {
  auto record = schools_->Get(school);
  if (!record.ok()) return record.status();
  const Framework* framework = frameworks_->Find(record->framework());
  if (framework == nullptr) {
    return absl::FailedPreconditionError("school " + school + " uses framework " +
                                         record->framework() + ", which this server lacks");
  }
  return framework;
}

absl::StatusOr<std::string> EvidenceStore::CodeFormatOf(const std::string& school) const {
  auto record = schools_->Get(school);
  if (!record.ok()) return record.status();
  if (!record->code_format().empty()) return record->code_format();
  const Framework* framework = frameworks_->Find(record->framework());
  if (framework != nullptr && !framework->evidence_code().format().empty()) {
    return framework->evidence_code().format();
  }
  return std::string("[H{box}-{criterion}-{seq:02}]");
}

absl::StatusOr<std::vector<FileRecord>> EvidenceStore::ResolveFiles(
    const std::vector<NewFile>& files, const ContentHolder& linker) const {
  if (files.empty())
    return WithReason(absl::InvalidArgumentError("evidence needs at least one file"),
                      reason::kInvalidArgument, {{"field", "files"}});
  if (files.size() > kMaxFilesPerItem) {
    return absl::InvalidArgumentError("an evidence item holds at most " +
                                      std::to_string(kMaxFilesPerItem) + " files");
  }
  std::vector<FileRecord> out;
  std::set<std::string> names;
  for (const NewFile& file : files) {
    auto name = text::CleanFileName(file.name);
    if (!name.ok()) return name.status();
    if (!names.insert(*name).second) {
      return WithReason(absl::InvalidArgumentError("two files are named \"" + *name + "\""),
                        reason::kInvalidArgument, {{"field", "files"}});
    }
    auto content = ReadRecord<ContentRecord>(*database_, keys::Content(DigestBytes(file.sha256)));
    if (!content.ok()) return content.status();
    // Content the linker does not hold reads as not stored: a hash is no secret.
    auto held = HoldsContent(*database_, linker, DigestBytes(file.sha256));
    if (!held.ok()) return held.status();
    if (!content->has_value() || !*held) {
      return WithReason(
          absl::FailedPreconditionError("the content of \"" + *name + "\" (" + ToHex(file.sha256) +
                                        ") is not stored; upload it first"),
          reason::kContentMissing, {{"file", *name}, {"sha256", ToHex(file.sha256)}});
    }
    FileRecord record;
    record.set_name(*name);
    record.set_original_name(file.name);
    record.set_media_type(MediaTypeOrDefault(file.media_type));
    record.set_size((*content)->size());
    record.set_sha256(DigestBytes(file.sha256));
    out.push_back(std::move(record));
  }
  return out;
}

absl::Status EvidenceStore::ApplySchoolCode(EvidenceRecord& draft, const Framework& framework,
                                            const std::string& format) const {
  if (draft.code().empty()) return absl::OkStatus();
  const std::string written = text::Nfc(draft.code()).substr(0, 64);
  const std::optional<SchoolCode> code = ParseSchoolCode(written);
  if (!code) {
    return WithReason(absl::InvalidArgumentError(
                          "mã minh chứng \"" + written +
                          "\" không đúng dạng: viết như H1-1.1-01, [H1-1.1-01], H1.1.1.01 hoặc "
                          "1.1-01 (hộp, tiêu chí, số thứ tự)"),
                      reason::kInvalidArgument, {{"field", "code"}});
  }
  if (absl::Status s = FrameworkCatalog::CheckCriterion(framework, code->criterion); !s.ok()) {
    return WithReason(
        absl::InvalidArgumentError("mã minh chứng \"" + written + "\": tiêu chí " +
                                   code->criterion + " không có trong bộ tiêu chuẩn (" +
                                   std::string(s.message()) + ")"),
        reason::kUnknownCriterion,
        {{"criterion", code->criterion}, {"framework", framework.id()}, {"code", written}});
  }
  // The code's criterion is the root; others the draft names stay as citations.
  auto& criteria = *draft.mutable_criteria();
  google::protobuf::RepeatedPtrField<std::string> ordered;
  *ordered.Add() = code->criterion;
  for (const std::string& c : criteria) {
    if (c != code->criterion) *ordered.Add() = c;
  }
  criteria.Swap(&ordered);
  if (code->box > 0) draft.set_box(code->box);
  if (draft.box() <= 0) draft.set_box(StandardOf(code->criterion));
  draft.set_seq(code->seq);
  draft.set_code(FormatEvidenceCode(format, draft.box(), code->criterion, code->seq));
  auto taken = database_->Get(keys::CodeIndex(draft.school(), NormalizeCodeRef(draft.code())));
  if (!taken.ok()) return taken.status();
  if (taken->has_value()) {
    return WithReason(
        absl::AlreadyExistsError("mã minh chứng " + draft.code() + " đã thuộc về minh chứng #" +
                                 std::to_string(keys::ReadBigEndian(**taken)) + " của trường " +
                                 draft.school() + "; đổi mã trong tên tệp rồi tải lại"),
        reason::kDuplicateCode,
        {{"code", draft.code()}, {"item", std::to_string(keys::ReadBigEndian(**taken))}});
  }
  return absl::OkStatus();
}

absl::StatusOr<EvidenceRecord> EvidenceStore::Validate(EvidenceRecord draft,
                                                       const std::vector<NewFile>& files) const {
  auto code = SchoolStore::NormalizeCode(draft.school());
  if (!code.ok()) return code.status();
  draft.set_school(*code);
  auto framework = FrameworkOf(draft.school());
  if (!framework.ok()) return framework.status();
  if (!draft.code().empty()) {
    auto format = CodeFormatOf(draft.school());
    if (!format.ok()) return format.status();
    if (absl::Status s = ApplySchoolCode(draft, **framework, *format); !s.ok()) return s;
  }
  if (absl::Status s = NormalizeEvidence(**framework, draft); !s.ok()) return s;
  if (absl::Status s = ValidateBox(draft.box()); !s.ok()) return s;
  if (absl::Status s = plan_->CheckExist(draft.school(), draft.tasks()); !s.ok()) return s;
  if (files.empty())
    return WithReason(absl::InvalidArgumentError("evidence needs at least one file"),
                      reason::kInvalidArgument, {{"field", "files"}});
  for (const NewFile& file : files) {
    if (auto name = text::CleanFileName(file.name); !name.ok()) return name.status();
  }
  return draft;
}

// What the items of a batch so far add up to: written only once all are in.
struct EvidenceStore::BatchState {
  uint64_t last_id = 0;
  std::map<std::string, uint64_t> seqs;  // sequence counter key -> last number
  std::set<std::string> codes;           // normalised codes taken in this batch
  std::map<std::string, int> refs;       // raw sha -> new references
  std::vector<AuditFacts> facts;
  WriteBatch batch;
};

absl::StatusOr<EvidenceRecord> EvidenceStore::AddToBatch(BatchState& state, EvidenceRecord draft,
                                                         const std::vector<NewFile>& files,
                                                         const ContentHolder& linker) {
  const bool school_code = !draft.code().empty();
  auto valid = Validate(std::move(draft), files);
  if (!valid.ok()) return valid.status();
  draft = std::move(*valid);
  ContentHolder holder = linker;
  if (!holder.user.empty()) holder.school = draft.school();
  auto resolved = ResolveFiles(files, holder);
  if (!resolved.ok()) return resolved.status();
  draft.clear_files();
  for (FileRecord& file : *resolved) *draft.add_files() = std::move(file);

  // The code: the school's own, or the next number of the root criterion.
  const std::string& root = draft.criteria(0);
  if (draft.box() <= 0) draft.set_box(StandardOf(root));
  const std::string seq_key = keys::SeqCounter(draft.school(), root);
  auto counted = state.seqs.find(seq_key);
  if (counted == state.seqs.end()) {
    auto last_seq = ReadCounter(*database_, seq_key);
    if (!last_seq.ok()) return last_seq.status();
    counted = state.seqs.emplace(seq_key, *last_seq).first;
  }
  if (!school_code) {
    auto format = CodeFormatOf(draft.school());
    if (!format.ok()) return format.status();
    draft.set_seq(static_cast<uint32_t>(counted->second) + 1);
    draft.set_code(FormatEvidenceCode(*format, draft.box(), root, draft.seq()));
  }
  const std::string code_key = NormalizeCodeRef(draft.code());
  if (!state.codes.insert(code_key).second) {
    return WithReason(absl::AlreadyExistsError("mã minh chứng " + draft.code() +
                                               " có hai lần trong cùng một lần tải lên"),
                      reason::kDuplicateCode, {{"code", draft.code()}});
  }
  counted->second = std::max<uint64_t>(counted->second, draft.seq());

  const uint64_t id = ++state.last_id;
  draft.set_id(id);
  draft.set_created_unix(database_->clock().NowUnix());
  draft.set_updated_unix(draft.created_unix());
  draft.set_deleted(false);
  draft.set_review_state(REVIEW_SUBMITTED);
  for (const FileRecord& file : draft.files()) {
    ++state.refs[file.sha256()];
    AddSchoolHolding(state.batch, draft.school(), file.sha256(), file.size());
  }
  state.batch.Put(keys::CodeIndex(draft.school(), code_key), keys::EncodeUint64(id));
  state.batch.Put(keys::Evidence(draft.school(), id), draft.SerializeAsString());
  AuditFacts facts{.action = "evidence.create",
                   .school = draft.school(),
                   .target = draft.code() + " #" + std::to_string(id),
                   .evidence_id = id};
  for (const FileRecord& file : draft.files()) {
    facts.sha256.push_back(ToHex(*DigestFromBytes(file.sha256())));
    facts.detail += (facts.detail.empty() ? "" : "\n") + file.name();
  }
  state.facts.push_back(std::move(facts));
  return draft;
}

absl::StatusOr<EvidenceRecord> EvidenceStore::Create(const Actor& actor, EvidenceRecord draft,
                                                     const std::vector<NewFile>& files,
                                                     const ContentHolder& linker) {
  std::vector<NewItem> one;
  one.push_back({std::move(draft), files});
  return std::move(CreateBatch(actor, std::move(one), linker, /*validate_only=*/false).front());
}

std::vector<absl::StatusOr<EvidenceRecord>> EvidenceStore::CreateBatch(const Actor& actor,
                                                                       std::vector<NewItem> items,
                                                                       const ContentHolder& linker,
                                                                       bool validate_only) {
  std::vector<absl::StatusOr<EvidenceRecord>> results(items.size(),
                                                      absl::InternalError("not created"));
  // The school's own codes first: the next numbers go to the others after.
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_partition(order.begin(), order.end(),
                        [&](size_t i) { return !items[i].draft.code().empty(); });
  if (validate_only) {
    std::set<std::string> codes;
    for (size_t i : order) {
      results[i] = Validate(std::move(items[i].draft), items[i].files);
      if (results[i].ok() && !results[i]->code().empty() &&
          !codes.insert(NormalizeCodeRef(results[i]->code())).second) {
        results[i] = WithReason(absl::AlreadyExistsError("mã minh chứng " + results[i]->code() +
                                                         " có hai lần trong cùng một lần tải lên"),
                                reason::kDuplicateCode, {{"code", results[i]->code()}});
      }
    }
    return results;
  }

  // Everything below reads and writes under the lock, as one batch.
  std::lock_guard<std::mutex> lock(database_->write_mutex());
  BatchState state;
  auto last_id = ReadCounter(*database_, keys::EvidenceIdCounter());
  if (!last_id.ok()) {
    for (auto& r : results) r = last_id.status();
    return results;
  }
  state.last_id = *last_id;
  bool any = false;
  for (size_t i : order) {
    results[i] = AddToBatch(state, std::move(items[i].draft), items[i].files, linker);
    any |= results[i].ok();
  }
  if (!any) return results;
  absl::Status written = AddContentReferences(*database_, state.refs, state.batch);
  if (written.ok()) {
    PutCounter(state.batch, keys::EvidenceIdCounter(), state.last_id);
    for (const auto& [key, seq] : state.seqs) PutCounter(state.batch, key, seq);
    written = database_->audit().CommitAll(actor, state.facts, std::move(state.batch));
  }
  if (!written.ok()) {
    for (auto& r : results) {
      if (r.ok()) r = written;
    }
  }
  return results;
}

absl::Status EvidenceStore::BackfillHoldings() {
  const std::string done = keys::Counter("holdings_backfilled");
  auto marked = database_->Get(done);
  if (!marked.ok()) return marked.status();
  if (marked->has_value()) return absl::OkStatus();
  std::lock_guard<std::mutex> lock(database_->write_mutex());
  WriteBatch batch;
  absl::Status scanned = ScanRecords<EvidenceRecord>(
      *database_, keys::kEvidencePrefix, [&](std::string_view, const EvidenceRecord& record) {
        for (const FileRecord& file : record.files()) {
          AddSchoolHolding(batch, record.school(), file.sha256(), file.size());
        }
      });
  if (!scanned.ok()) return scanned;
  PutCounter(batch, done, 1);
  return database_->Write(batch, Durability::kDurable, "recording the schools' holdings");
}

absl::StatusOr<EvidenceRecord> EvidenceStore::Get(const std::string& school, uint64_t id,
                                                  bool include_deleted) const {
  auto code = SchoolStore::NormalizeCode(school);
  if (!code.ok()) return code.status();
  auto record = ReadRecord<EvidenceRecord>(*database_, keys::Evidence(*code, id));
  if (!record.ok()) return record.status();
  if (!record->has_value() || ((*record)->deleted() && !include_deleted)) {
    if (auto exists = schools_->Get(*code); !exists.ok()) return exists.status();
    return WithReason(
        absl::NotFoundError("no evidence " + std::to_string(id) + " in school " + *code),
        reason::kItemNotFound, {{"item", std::to_string(id)}, {"school", *code}});
  }
  return **record;
}

absl::StatusOr<std::vector<EvidenceRecord>> EvidenceStore::List(
    const EvidenceFilter& filter) const {
  auto school = schools_->Get(filter.school);
  if (!school.ok()) return school.status();
  std::vector<EvidenceRecord> out;
  const std::string prefix = keys::EvidencePrefix(school->code());
  absl::Status scanned =
      ScanRecords<EvidenceRecord>(*database_, prefix, [&](std::string_view, EvidenceRecord record) {
        if (Matches(record, filter)) out.push_back(std::move(record));
      });
  if (!scanned.ok()) return scanned;
  // People read codes in natural order: [H1-1.2-01] before [H1-1.10-01].
  // Sorted by index, then moved once: moving records in a sort costs more
  // than comparing them for a school's thousands of items.
  std::vector<size_t> order(out.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    const EvidenceRecord& a = out[x];
    const EvidenceRecord& b = out[y];
    if (a.code().empty() != b.code().empty()) return b.code().empty();
    return NaturalLess(a.code(), b.code());
  });
  std::vector<EvidenceRecord> sorted;
  sorted.reserve(out.size());
  for (size_t i : order) sorted.push_back(std::move(out[i]));
  return sorted;
}

absl::StatusOr<EvidenceRecord> EvidenceStore::Update(const Actor& actor, const std::string& school,
                                                     uint64_t id, const Edit& edit) {
  return Change(actor, "evidence.update", school, id, nullptr,
                [&](EvidenceRecord& record) -> absl::Status {
                  if (absl::Status s = edit(record); !s.ok()) return s;
                  if (record.review_state() == REVIEW_RETURNED)
                    record.set_review_state(REVIEW_SUBMITTED);
                  return absl::OkStatus();
                });
}

absl::StatusOr<EvidenceRecord> EvidenceStore::Change(const Actor& actor, std::string_view action,
                                                     const std::string& school, uint64_t id,
                                                     const Edit& check, const Edit& edit) {
  std::lock_guard<std::mutex> lock(database_->write_mutex());
  WriteBatch batch;
  AuditFacts facts;
  auto record = PrepareChange(action, school, id, check, edit, batch, facts);
  if (!record.ok()) return record;
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return record;
}

absl::StatusOr<EvidenceRecord> EvidenceStore::PrepareChange(std::string_view action,
                                                            const std::string& school, uint64_t id,
                                                            const Edit& check, const Edit& edit,
                                                            WriteBatch& batch, AuditFacts& facts) {
  auto record = Get(school, id);
  if (!record.ok()) return record.status();
  if (check) {
    if (absl::Status s = check(*record); !s.ok()) return s;
  }
  const EvidenceRecord before = *record;
  auto framework = FrameworkOf(record->school());
  if (!framework.ok()) return framework.status();
  const std::string root = record->criteria_size() > 0 ? record->criteria(0) : "";
  const int box = record->box();
  if (absl::Status s = edit(*record); !s.ok()) return s;
  if (absl::Status s = NormalizeEvidence(**framework, *record); !s.ok()) return s;
  if (absl::Status s = plan_->CheckExist(record->school(), record->tasks()); !s.ok()) return s;
  if (!root.empty() && record->criteria(0) != root) {
    return absl::InvalidArgumentError("criterion " + root + " is the root of " + record->code() +
                                      " and stays first; link or unlink the others");
  }
  record->set_box(box);
  if (ReviewStateOf(before) == REVIEW_APPROVED && ReviewStateOf(*record) == REVIEW_APPROVED &&
      DescriptionChanged(before, *record)) {
    // The approval was of what the item said; what it says now needs review.
    record->set_review_state(REVIEW_SUBMITTED);
    record->clear_reviewer();
    record->clear_review_reason();
    record->set_reviewed_unix(0);
  }
  record->set_updated_unix(database_->clock().NowUnix());
  batch.Put(keys::Evidence(record->school(), id), record->SerializeAsString());
  facts = AuditFacts{.action = std::string(action),
                     .school = record->school(),
                     .target = record->code() + " #" + std::to_string(id),
                     .detail = DescribeChange(before, *record),
                     .evidence_id = id};
  return record;
}

absl::StatusOr<EvidenceRecord> EvidenceStore::Delete(const Actor& actor, const std::string& school,
                                                     uint64_t id, const Edit& check) {
  return Change(actor, "evidence.delete", school, id, check, [&](EvidenceRecord& record) {
    record.set_deleted(true);
    return absl::OkStatus();
  });
}

absl::StatusOr<EvidenceRecord> EvidenceStore::Review(const Actor& actor, const std::string& school,
                                                     uint64_t id, bool approve,
                                                     const std::string& reason, const Edit& check) {
  auto clean_reason = text::CleanText("reason", reason, 2000);
  if (!clean_reason.ok()) return clean_reason.status();
  if (!approve && clean_reason->empty()) {
    return WithReason(absl::InvalidArgumentError("say why the item goes back (--reason)"),
                      hoso::reason::kReturnNeedsReason);
  }
  return Change(actor, approve ? "review.approve" : "review.return", school, id, check,
                [&](EvidenceRecord& record) -> absl::Status {
                  record.set_review_state(approve ? REVIEW_APPROVED : REVIEW_RETURNED);
                  record.set_review_reason(*clean_reason);
                  record.set_reviewer(actor.user);
                  record.set_reviewed_unix(database_->clock().NowUnix());
                  return absl::OkStatus();
                });
}

}  // namespace hoso::storage

namespace hoso::storage {

absl::StatusOr<uint64_t> EvidenceStore::ResolveRef(const std::string& school,
                                                   const std::string& ref) const {
  auto code = SchoolStore::NormalizeCode(school);
  if (!code.ok()) return code.status();
  const bool digits =
      !ref.empty() && ref.size() < 20 && ref.find_first_not_of("0123456789") == std::string::npos;
  if (digits) return std::stoull(ref);
  const std::string normalized = NormalizeCodeRef(ref);
  auto value = database_->Get(keys::CodeIndex(*code, normalized));
  if (!value.ok()) return value.status();
  if (!value->has_value()) {
    if (auto exists = schools_->Get(*code); !exists.ok()) return exists.status();
    return WithReason(absl::NotFoundError("no evidence " + normalized + " in school " + *code),
                      reason::kItemNotFound, {{"item", ref}, {"school", *code}});
  }
  return keys::ReadBigEndian(**value);
}

absl::StatusOr<EvidenceRecord> EvidenceStore::Link(const Actor& actor, const std::string& school,
                                                   uint64_t id, const std::string& criterion,
                                                   const Edit& check) {
  return Change(actor, "evidence.link", school, id, check,
                [&](EvidenceRecord& record) -> absl::Status {
                  *record.add_criteria() = criterion;  // duplicates are dropped by validation
                  return absl::OkStatus();
                });
}

absl::StatusOr<std::optional<EvidenceRecord>> EvidenceStore::FindByWrittenCode(
    const std::string& school, const std::string& written) const {
  auto format = CodeFormatOf(school);
  if (!format.ok()) return format.status();
  auto value = database_->Get(keys::CodeIndex(school, CodeKeyOf(written, *format)));
  if (!value.ok()) return value.status();
  if (!value->has_value()) return std::optional<EvidenceRecord>();
  auto record = Get(school, keys::ReadBigEndian(**value), /*include_deleted=*/true);
  if (!record.ok()) return record.status();
  return std::optional<EvidenceRecord>(std::move(*record));
}

absl::StatusOr<EvidenceRecord> EvidenceStore::LinkInBatch(const std::string& school, uint64_t id,
                                                          const std::string& criterion,
                                                          WriteBatch& batch,
                                                          std::vector<AuditFacts>& facts) {
  AuditFacts link;
  auto record = PrepareChange(
      "evidence.link", school, id, nullptr,
      [&](EvidenceRecord& r) {
        *r.add_criteria() = criterion;
        return absl::OkStatus();
      },
      batch, link);
  if (!record.ok()) return record;
  facts.push_back(std::move(link));
  return record;
}

absl::StatusOr<EvidenceRecord> EvidenceStore::Unlink(const Actor& actor, const std::string& school,
                                                     uint64_t id, const std::string& criterion,
                                                     const Edit& check) {
  return Change(
      actor, "evidence.unlink", school, id, check, [&](EvidenceRecord& record) -> absl::Status {
        auto& list = *record.mutable_criteria();
        auto it = std::find(list.begin(), list.end(), criterion);
        if (it == list.end()) {
          return absl::NotFoundError(record.code() + " is not linked to criterion " + criterion);
        }
        if (it == list.begin()) {
          std::string others;
          for (int i = 1; i < list.size(); ++i) others += (i > 1 ? ", " : "") + list.Get(i);
          return absl::FailedPreconditionError(
              "criterion " + criterion + " is the root of " + record.code() +
              (others.empty() ? "; an item needs a criterion"
                              : " and cannot be unlinked while " + others + " cite it"));
        }
        list.erase(it);
        return absl::OkStatus();
      });
}

}  // namespace hoso::storage
