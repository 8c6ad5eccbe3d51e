#include "services/convert.h"

#include "storage/base/sha256.h"
#include "storage/evidence/evidence_store.h"
#include "storage/plan/plan_store.h"

namespace hoso {

// The stored states and the API's enums share their numbers, so converting is a cast.
static_assert(static_cast<int>(storage::REVIEW_APPROVED) == v1::REVIEW_STATE_APPROVED &&
              static_cast<int>(storage::REVIEW_RETURNED) == v1::REVIEW_STATE_RETURNED &&
              static_cast<int>(storage::REVIEW_SUBMITTED) == v1::REVIEW_STATE_SUBMITTED);
static_assert(static_cast<int>(storage::TASK_PLANNED) == v1::TASK_STATUS_PLANNED &&
              static_cast<int>(storage::TASK_IN_PROGRESS) == v1::TASK_STATUS_IN_PROGRESS &&
              static_cast<int>(storage::TASK_DONE) == v1::TASK_STATUS_DONE &&
              static_cast<int>(storage::TASK_DROPPED) == v1::TASK_STATUS_DROPPED);
static_assert(static_cast<int>(storage::DOSSIER_DRAFT) == v1::DOSSIER_STATE_DRAFT &&
              static_cast<int>(storage::DOSSIER_SEALED) == v1::DOSSIER_STATE_SEALED);
static_assert(static_cast<int>(storage::ASSESSMENT_DRAFT) == v1::ASSESSMENT_DRAFT &&
              static_cast<int>(storage::ASSESSMENT_SUBMITTED) == v1::ASSESSMENT_SUBMITTED &&
              static_cast<int>(storage::ASSESSMENT_APPROVED) == v1::ASSESSMENT_APPROVED);
static_assert(static_cast<int>(storage::JUDGEMENT_MET) == v1::JUDGEMENT_MET &&
              static_cast<int>(storage::JUDGEMENT_NOT_MET) == v1::JUDGEMENT_NOT_MET);
namespace {

void SetTime(int64_t unix_seconds, google::protobuf::Timestamp* out) {
  out->set_seconds(unix_seconds);
  out->set_nanos(0);
}

}  // namespace

v1::School ToProto(const storage::SchoolRecord& record) {
  v1::School school;
  school.set_code(record.code());
  school.set_name(record.name());
  school.set_framework(record.framework());
  school.set_code_format(record.code_format());
  school.set_dossier_includes_unapproved(record.dossier_includes_unapproved());
  SetTime(record.created_unix(), school.mutable_created());
  return school;
}

v1::Evidence ToProto(const storage::EvidenceRecord& record) {
  v1::Evidence e;
  e.set_id(record.id());
  e.set_school(record.school());
  e.set_code(record.code());
  e.set_title(record.title());
  e.set_number(record.number());
  e.set_date(record.date());
  e.set_issuer(record.issuer());
  e.set_kind(static_cast<v1::EvidenceKind>(record.kind()));
  e.set_year(record.year());
  e.set_note(record.note());
  for (const storage::FileRecord& f : record.files()) {
    v1::EvidenceFile* file = e.add_files();
    file->set_name(f.name());
    file->set_original_name(f.original_name());
    file->set_media_type(f.media_type());
    file->set_size(f.size());
    auto digest = DigestFromBytes(f.sha256());
    file->set_sha256(digest ? ToHex(*digest) : "");
  }
  *e.mutable_criteria() = record.criteria();
  *e.mutable_tasks() = record.tasks();
  e.set_uploader(record.uploader());
  SetTime(record.created_unix(), e.mutable_created());
  SetTime(record.updated_unix(), e.mutable_updated());
  e.set_deleted(record.deleted());
  e.set_box(record.box());
  e.set_review_state(static_cast<v1::ReviewState>(storage::ReviewStateOf(record)));
  e.set_review_reason(record.review_reason());
  e.set_reviewer(record.reviewer());
  if (record.reviewed_unix() != 0) SetTime(record.reviewed_unix(), e.mutable_reviewed());
  *e.mutable_damage() = record.damage();
  return e;
}

v1::User ToProto(const storage::UserRecord& record) {
  v1::User user;
  user.set_name(record.name());
  user.set_full_name(record.full_name());
  SetTime(record.created_unix(), user.mutable_created());
  for (const storage::GrantRecord& g : record.grants()) {
    v1::Grant* grant = user.add_grants();
    grant->set_school(g.school());
    grant->set_role(g.role());
    *grant->mutable_standards() = g.standards();
    if (g.expires_unix() != 0) SetTime(g.expires_unix(), grant->mutable_expires());
    grant->set_granted_by(g.granted_by());
  }
  return user;
}

v1::TokenInfo ToProto(const storage::TokenRecord& record) {
  v1::TokenInfo info;
  info.set_id(record.id());
  info.set_user(record.user());
  SetTime(record.created_unix(), info.mutable_created());
  if (record.expires_unix() != 0) SetTime(record.expires_unix(), info.mutable_expires());
  info.set_issued_by(record.issued_by());
  info.set_session(record.session());
  return info;
}

v1::AuditEntry ToProto(const storage::AuditRecord& record) {
  v1::AuditEntry entry;
  entry.set_seq(record.seq());
  entry.mutable_time()->set_seconds(record.time_micros() / 1000000);
  entry.mutable_time()->set_nanos(static_cast<int32_t>(record.time_micros() % 1000000) * 1000);
  entry.set_actor(record.actor());
  entry.set_role(record.role());
  entry.set_action(record.action());
  entry.set_school(record.school());
  entry.set_target(record.target());
  *entry.mutable_sha256() = record.sha256();
  entry.set_detail(record.detail());
  entry.set_evidence_id(record.evidence_id());
  auto hex = [](const std::string& bytes) {
    auto digest = DigestFromBytes(bytes);
    return digest ? ToHex(*digest) : std::string();
  };
  entry.set_hash(hex(record.hash()));
  entry.set_prev_hash(hex(record.prev_hash()));
  return entry;
}

namespace {

void CopyIndicator(const storage::Indicator& from, v1::Indicator* to) {
  to->set_level(from.level());
  to->set_code(from.code());
  to->set_text(from.text());
}

void CopyRule(const storage::SchoolLevelRule& from, v1::SchoolLevelRule* to) {
  to->set_level(from.level());
  to->set_text(from.text());
  for (const storage::LevelCondition& c : from.all_of()) {
    v1::LevelCondition* out = to->add_all_of();
    out->set_criteria_level(c.criteria_level());
    *out->mutable_standards() = c.standards();
    *out->mutable_except() = c.except();
    out->set_min_percent(c.min_percent());
    out->set_min_count(c.min_count());
    out->set_level4_min_percent(c.level4_min_percent());
    out->set_text(c.text());
  }
}

}  // namespace

v1::Framework ToProto(const storage::Framework& f, bool built_in) {
  v1::Framework out;
  out.set_id(f.id());
  out.set_title(f.title());
  out.set_school_level(f.school_level());
  out.set_code_format(f.evidence_code().format());
  *out.mutable_catalogue_columns() = f.catalogue_columns();
  for (const storage::Standard& s : f.standards()) {
    v1::Standard* standard = out.add_standards();
    standard->set_number(s.number());
    standard->set_name(s.name());
    for (const storage::Criterion& c : s.criteria()) {
      v1::Criterion* criterion = standard->add_criteria();
      criterion->set_code(c.code());
      criterion->set_name(c.name());
      for (const storage::Indicator& i : c.indicators())
        CopyIndicator(i, criterion->add_indicators());
      criterion->set_source(c.source());
    }
  }
  for (const storage::Indicator& i : f.level4()) CopyIndicator(i, out.add_level4());
  for (const storage::SchoolLevelRule& r : f.school_levels()) CopyRule(r, out.add_school_levels());
  out.set_indicators_source(f.indicators_source());
  *out.mutable_levels() = f.levels();
  out.set_built_in(built_in);
  return out;
}

namespace {

// The stored fields of a task; overdue and evidence are the callers'.
v1::PlanTask TaskFields(const storage::TaskRecord& t) {
  v1::PlanTask out;
  out.set_school(t.school());
  out.set_code(t.code());
  out.set_criterion(t.criterion());
  out.set_content(t.content());
  out.set_solution(t.solution());
  out.set_owners(t.owners());
  out.set_time_text(t.time_text());
  out.set_start(t.start());
  out.set_due(t.due());
  out.set_recurring(t.recurring());
  out.set_budget_vnd(t.budget_vnd());
  out.set_funding(t.funding());
  out.set_supervisor(t.supervisor());
  out.set_report(t.report());
  out.set_budget_text(t.budget_text());
  out.set_note(t.note());
  out.set_status(static_cast<v1::TaskStatus>(t.status()));
  return out;
}

}  // namespace

v1::PlanTask ToProto(const storage::TaskRecord& t, int64_t now_unix) {
  v1::PlanTask out = TaskFields(t);
  out.set_overdue(storage::PlanStore::Overdue(t, now_unix));
  return out;
}

v1::PlanTask ToProto(const storage::TaskView& view) {
  v1::PlanTask out = TaskFields(view.task);
  out.set_overdue(view.overdue);
  for (const storage::CitingItem& item : view.evidence) {
    out.add_evidence(item.id);
    out.add_evidence_codes(item.code);
  }
  return out;
}

storage::TaskRecord TaskFromProto(const v1::PlanTask& t) {
  storage::TaskRecord out;
  out.set_criterion(t.criterion());
  out.set_content(t.content());
  out.set_solution(t.solution());
  out.set_owners(t.owners());
  out.set_time_text(t.time_text());
  out.set_start(t.start());
  out.set_due(t.due());
  out.set_recurring(t.recurring());
  out.set_budget_vnd(t.budget_vnd());
  out.set_funding(t.funding());
  out.set_supervisor(t.supervisor());
  out.set_report(t.report());
  out.set_budget_text(t.budget_text());
  out.set_note(t.note());
  out.set_status(static_cast<storage::TaskStatus>(t.status()));
  return out;
}

storage::EvidenceRecord DraftFromProto(const v1::Evidence& e) {
  storage::EvidenceRecord r;
  r.set_school(e.school());
  r.set_code(e.code());  // a code the school wrote; empty: the next one
  r.set_title(e.title());
  r.set_number(e.number());
  r.set_date(e.date());
  r.set_issuer(e.issuer());
  r.set_kind(e.kind());
  r.set_year(e.year());
  r.set_note(e.note());
  *r.mutable_criteria() = e.criteria();
  *r.mutable_tasks() = e.tasks();
  r.set_box(e.box());
  return r;
}

storage::SourceTable TableFromProto(const v1::Table& table) {
  storage::SourceTable out;
  out.source = table.source();
  out.rows.reserve(table.rows_size());
  for (const v1::TableRow& row : table.rows()) {
    out.rows.push_back({row.source_row(), {row.cells().begin(), row.cells().end()}});
  }
  return out;
}

v1::Assessment ToProto(const storage::AssessmentRecord& record) {
  v1::Assessment a;
  a.set_school(record.school());
  a.set_id(record.id());
  a.set_framework(record.framework());
  a.set_first_year(record.first_year());
  a.set_last_year(record.last_year());
  a.set_title(record.title());
  for (const auto& [key, text] : record.sections()) (*a.mutable_sections())[key] = text;
  SetTime(record.created_unix(), a.mutable_created());
  a.set_created_by(record.created_by());
  return a;
}

v1::Assessment ToProto(const storage::AssessmentView& view) {
  v1::Assessment a = ToProto(view.assessment);
  for (const auto& c : view.criteria) *a.add_criteria() = ToProto(c);
  a.set_school_level(view.school_level);
  a.set_approved_criteria(view.approved);
  a.set_total_criteria(view.total);
  return a;
}

v1::CriterionAssessment ToProto(const storage::CriterionAssessmentRecord& record) {
  v1::CriterionAssessment c;
  c.set_criterion(record.criterion());
  c.set_revision(record.revision());
  c.set_description(record.description());
  c.set_strengths(record.strengths());
  c.set_weaknesses(record.weaknesses());
  c.set_improvement(record.improvement());
  for (const auto& r : record.indicators()) {
    v1::IndicatorResult* out = c.add_indicators();
    out->set_level(r.level());
    out->set_code(r.code());
    out->set_judgement(static_cast<v1::Judgement>(r.judgement()));
  }
  c.set_level(record.level());
  c.set_state(static_cast<v1::AssessmentState>(record.state()));
  c.set_writer(record.writer());
  c.set_group(record.group());
  SetTime(record.updated_unix(), c.mutable_updated());
  c.set_reviewed_by(record.reviewed_by());
  if (record.reviewed_unix() != 0) SetTime(record.reviewed_unix(), c.mutable_reviewed());
  for (const auto& cited : record.citations()) {
    v1::Citation* out = c.add_citations();
    out->set_written(cited.written());
    out->set_code(cited.code());
    out->set_evidence_id(cited.evidence_id());
    out->set_part(cited.part());
    out->set_linked(cited.linked());
  }
  return c;
}

storage::CriterionDraft DraftFromProto(const v1::CriterionAssessment& criterion) {
  storage::CriterionDraft draft;
  draft.criterion = criterion.criterion();
  draft.description = criterion.description();
  draft.strengths = criterion.strengths();
  draft.weaknesses = criterion.weaknesses();
  draft.improvement = criterion.improvement();
  draft.group = criterion.group();
  for (const auto& r : criterion.indicators()) {
    storage::IndicatorResult out;
    out.set_level(r.level());
    out.set_code(r.code());
    out.set_judgement(static_cast<storage::Judgement>(r.judgement()));
    draft.indicators.push_back(std::move(out));
  }
  return draft;
}

}  // namespace hoso
