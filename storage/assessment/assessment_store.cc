#include "storage/assessment/assessment_store.h"

#include <algorithm>
#include <iterator>
#include <mutex>
#include <optional>
#include <set>

#include "absl/strings/str_join.h"
#include "storage/assessment/citations.h"
#include "storage/assessment/levels.h"
#include "storage/base/error_reason.h"
#include "storage/base/text.h"
#include "storage/evidence/evidence_store.h"
#include "storage/frameworks/evidence_code.h"
#include "storage/frameworks/framework_catalog.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/schools/school_store.h"

namespace hoso::storage {
namespace {

// A part of the form is a few pages of text; a report is dozens of them.
constexpr size_t kMaxPartBytes = 200 * 1024;
constexpr size_t kMaxTitleBytes = 500;
constexpr size_t kMaxGroupBytes = 500;

std::string YearsOf(const AssessmentRecord& a) { return a.first_year() + ".." + a.last_year(); }

// The first calendar year of a validated school year ("2020-2021" -> 2020).
int StartOf(const std::string& year) {
  int y = 0;
  for (size_t i = 0; i < year.size() && i < 4 && year[i] >= '0' && year[i] <= '9'; ++i) {
    y = y * 10 + (year[i] - '0');
  }
  return y;
}

// "tiêu chí 1.1", or "Mức 4" for the level-4 list.
std::string Named(const std::string& criterion) {
  return criterion == kLevel4Criterion ? std::string("Mức 4") : "tiêu chí " + criterion;
}

std::string StateName(AssessmentState state) {
  switch (state) {
    case ASSESSMENT_SUBMITTED:
      return "đã nộp";
    case ASSESSMENT_APPROVED:
      return "đã duyệt";
    default:
      return "nháp";
  }
}

// The indicators `criterion` can be judged on: its own, or the level-4 list.
std::vector<Indicator> IndicatorsOf(const Framework& framework, const std::string& criterion) {
  if (criterion == kLevel4Criterion) {
    return {framework.level4().begin(), framework.level4().end()};
  }
  const Criterion* found = FindCriterion(framework, criterion);
  if (found == nullptr) return {};
  return {found->indicators().begin(), found->indicators().end()};
}

// How a person names an indicator: "2b" (level 2, b), "mục 3" of the level-4 list.
std::string IndicatorName(const std::string& criterion, int level, const std::string& code) {
  if (criterion == kLevel4Criterion) return "mục " + code;
  return std::to_string(level) + code;
}

// The judged results in framework order (a later result for the same
// indicator wins; unset ones are dropped); each unknown indicator is a problem.
std::vector<IndicatorResult> CleanIndicators(const Framework& framework,
                                             const std::string& criterion,
                                             const std::vector<IndicatorResult>& results,
                                             std::vector<std::string>& problems) {
  const std::vector<Indicator> known = IndicatorsOf(framework, criterion);
  std::vector<std::optional<Judgement>> judged(known.size());
  for (const IndicatorResult& r : results) {
    const int level = criterion == kLevel4Criterion && r.level() == 0 ? 4 : r.level();
    auto it = std::find_if(known.begin(), known.end(), [&](const Indicator& i) {
      return i.level() == level && i.code() == r.code();
    });
    if (it == known.end()) {
      problems.push_back(Named(criterion) + " không có chỉ báo " +
                         IndicatorName(criterion, level, r.code()) + " trong khung " +
                         framework.id());
      continue;
    }
    judged[it - known.begin()] = r.judgement();
  }
  std::vector<IndicatorResult> out;
  for (size_t i = 0; i < known.size(); ++i) {
    if (!judged[i] || *judged[i] == JUDGEMENT_UNSET) continue;
    IndicatorResult r;
    r.set_level(known[i].level());
    r.set_code(known[i].code());
    r.set_judgement(*judged[i]);
    out.push_back(std::move(r));
  }
  return out;
}

// Every criterion code of the framework in order, then M4 when it has a level-4 list.
std::vector<std::string> CriterionOrder(const Framework& framework) {
  std::vector<std::string> order;
  for (const Standard& standard : framework.standards()) {
    for (const Criterion& criterion : standard.criteria()) order.push_back(criterion.code());
  }
  if (framework.level4_size() > 0) order.emplace_back(kLevel4Criterion);
  return order;
}

// `by_criterion`'s records in framework order; unknown criteria last.
std::vector<CriterionAssessmentRecord> InFrameworkOrder(
    const Framework& framework, std::map<std::string, CriterionAssessmentRecord> by_criterion) {
  std::vector<CriterionAssessmentRecord> out;
  for (const std::string& code : CriterionOrder(framework)) {
    auto it = by_criterion.find(code);
    if (it == by_criterion.end()) continue;
    out.push_back(std::move(it->second));
    by_criterion.erase(it);
  }
  for (auto& [code, record] : by_criterion) out.push_back(std::move(record));
  return out;
}

absl::StatusOr<std::string> CleanYear(const char* which, const std::string& year) {
  auto clean = text::CleanText("năm học", year, 20);
  if (!clean.ok()) return clean.status();
  if (!text::ValidateSchoolYear(*clean).ok()) {
    return absl::InvalidArgumentError(std::string(which) + " \"" + *clean +
                                      "\" không phải năm học dạng 2020-2021");
  }
  return *clean;
}

}  // namespace

AssessmentStore::AssessmentStore(Database* database, const SchoolStore* schools,
                                 const FrameworkCatalog* frameworks, EvidenceStore* evidence)
    : database_(database), schools_(schools), frameworks_(frameworks), evidence_(evidence) {}

namespace {

// The assessment `id` of `school` (0: its latest), NotFound in Vietnamese.
absl::StatusOr<AssessmentRecord> LoadAssessment(const Database& database, const std::string& school,
                                                uint64_t id) {
  if (id == 0) {
    auto found = ReadLastRecord<AssessmentRecord>(database, keys::AssessmentPrefix(school));
    if (!found.ok()) return found.status();
    if (!found->has_value()) {
      return WithReason(absl::NotFoundError("trường " + school +
                                            " chưa có đợt tự đánh giá nào (tạo bằng: hoso assess "
                                            "new)"),
                        reason::kAssessmentNotFound, {{"school", school}});
    }
    return **found;
  }
  auto record = ReadRecord<AssessmentRecord>(database, keys::Assessment(school, id));
  if (!record.ok()) return record.status();
  if (!record->has_value()) {
    return WithReason(absl::NotFoundError("trường " + school + " không có đợt tự đánh giá số " +
                                          std::to_string(id)),
                      reason::kAssessmentNotFound,
                      {{"school", school}, {"assessment", std::to_string(id)}});
  }
  return **record;
}

// The latest revision of `criterion`, if it has one.
absl::StatusOr<std::optional<CriterionAssessmentRecord>> LatestRevision(
    const Database& database, const std::string& school, uint64_t id,
    const std::string& criterion) {
  return ReadLastRecord<CriterionAssessmentRecord>(
      database, keys::CriterionRevisionsOf(school, id, criterion));
}

absl::Status CheckExpected(const std::string& criterion, uint32_t latest, uint32_t expected) {
  if (expected == 0 || expected == latest) return absl::OkStatus();
  return WithReason(absl::AbortedError(Named(criterion) + " đã có bản " + std::to_string(latest) +
                                       ", không phải bản " + std::to_string(expected) +
                                       " bạn sửa: xem bản mới nhất rồi ghi lại"),
                    reason::kStaleRevision,
                    {{"criterion", criterion},
                     {"latest", std::to_string(latest)},
                     {"expected", std::to_string(expected)}});
}

}  // namespace

absl::StatusOr<AssessmentRecord> AssessmentStore::Create(const Actor& actor,
                                                         const std::string& school,
                                                         const std::string& first_year,
                                                         const std::string& last_year,
                                                         const std::string& title) {
  auto code = SchoolStore::NormalizeCode(school);
  if (!code.ok()) return code.status();
  auto first = CleanYear("năm học đầu kỳ", first_year);
  if (!first.ok()) return first.status();
  auto last = CleanYear("năm học cuối kỳ", last_year);
  if (!last.ok()) return last.status();
  if (StartOf(*first) > StartOf(*last)) {
    return absl::InvalidArgumentError("kỳ đánh giá " + *first + ".." + *last +
                                      ": năm học đầu kỳ phải trước năm học cuối kỳ");
  }
  auto clean_title = text::CleanText("tên báo cáo", title, kMaxTitleBytes);
  if (!clean_title.ok()) return clean_title.status();

  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto record_of_school = schools_->Get(*code);
  if (!record_of_school.ok()) return record_of_school.status();
  auto last_id = ReadCounter(*database_, keys::AssessmentCounter(*code));
  if (!last_id.ok()) return last_id.status();
  AssessmentRecord record;
  record.set_school(*code);
  record.set_id(*last_id + 1);
  record.set_framework(record_of_school->framework());
  record.set_first_year(*first);
  record.set_last_year(*last);
  record.set_title(clean_title->empty() ? "Báo cáo tự đánh giá " + record_of_school->name()
                                        : *clean_title);
  record.set_created_unix(database_->clock().NowUnix());
  record.set_created_by(actor.user);
  WriteBatch batch;
  batch.Put(keys::Assessment(*code, record.id()), record.SerializeAsString());
  PutCounter(batch, keys::AssessmentCounter(*code), record.id());
  const AuditFacts facts{.action = "assessment.create",
                         .school = *code,
                         .target = "tự đánh giá #" + std::to_string(record.id()),
                         .detail = YearsOf(record) + ": " + record.title()};
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return record;
}

absl::StatusOr<std::vector<AssessmentRecord>> AssessmentStore::List(
    const std::string& school) const {
  auto code = SchoolStore::NormalizeCode(school);
  if (!code.ok()) return code.status();
  if (auto exists = schools_->Get(*code); !exists.ok()) return exists.status();
  std::vector<AssessmentRecord> out;
  absl::Status s = ScanRecords<AssessmentRecord>(
      *database_, keys::AssessmentPrefix(*code),
      [&](std::string_view, AssessmentRecord r) { out.push_back(std::move(r)); });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<AssessmentView> AssessmentStore::Get(const std::string& school, uint64_t id) const {
  auto code = SchoolStore::NormalizeCode(school);
  if (!code.ok()) return code.status();
  auto assessment = LoadAssessment(*database_, *code, id);
  if (!assessment.ok()) return assessment.status();
  const Framework* framework = frameworks_->Find(assessment->framework());
  if (framework == nullptr) {
    return absl::FailedPreconditionError("đợt tự đánh giá dùng khung " + assessment->framework() +
                                         ", máy chủ này không có");
  }
  std::map<std::string, CriterionAssessmentRecord> latest, approved;
  absl::Status s = ScanRecords<CriterionAssessmentRecord>(
      *database_, keys::CriterionAssessmentsOf(*code, assessment->id()),
      [&](std::string_view, CriterionAssessmentRecord r) {
        if (r.state() == ASSESSMENT_APPROVED) approved[r.criterion()] = r;
        latest[r.criterion()] = std::move(r);
      });
  if (!s.ok()) return s;
  AssessmentView view;
  view.assessment = std::move(*assessment);
  std::map<std::string, int, std::less<>> levels;
  std::vector<IndicatorResult> level4;
  for (const auto& [criterion, record] : approved) {
    if (criterion == kLevel4Criterion) {
      level4.assign(record.indicators().begin(), record.indicators().end());
    } else {
      levels[criterion] = record.level();
    }
  }
  view.school_level = SchoolLevel(*framework, levels, level4);
  for (const auto& [criterion, record] : latest) {
    if (record.state() == ASSESSMENT_APPROVED) ++view.approved;
  }
  view.total = static_cast<uint32_t>(CriterionOrder(*framework).size());
  view.criteria = InFrameworkOrder(*framework, std::move(latest));
  return view;
}

absl::StatusOr<std::vector<CriterionAssessmentRecord>> AssessmentStore::History(
    const std::string& school, uint64_t id, const std::string& criterion) const {
  auto code = SchoolStore::NormalizeCode(school);
  if (!code.ok()) return code.status();
  auto assessment = LoadAssessment(*database_, *code, id);
  if (!assessment.ok()) return assessment.status();
  std::vector<CriterionAssessmentRecord> out;
  absl::Status s = ScanRecords<CriterionAssessmentRecord>(
      *database_, keys::CriterionRevisionsOf(*code, assessment->id(), criterion),
      [&](std::string_view, CriterionAssessmentRecord r) { out.push_back(std::move(r)); });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<CriterionAssessmentRecord>> AssessmentStore::Approved(
    const std::string& school, uint64_t id) const {
  auto code = SchoolStore::NormalizeCode(school);
  if (!code.ok()) return code.status();
  auto assessment = LoadAssessment(*database_, *code, id);
  if (!assessment.ok()) return assessment.status();
  const Framework* framework = frameworks_->Find(assessment->framework());
  if (framework == nullptr) {
    return absl::FailedPreconditionError("đợt tự đánh giá dùng khung " + assessment->framework() +
                                         ", máy chủ này không có");
  }
  std::map<std::string, CriterionAssessmentRecord> approved;
  absl::Status s = ScanRecords<CriterionAssessmentRecord>(
      *database_, keys::CriterionAssessmentsOf(*code, assessment->id()),
      [&](std::string_view, CriterionAssessmentRecord r) {
        if (r.state() == ASSESSMENT_APPROVED) approved[r.criterion()] = std::move(r);
      });
  if (!s.ok()) return s;
  return InFrameworkOrder(*framework, std::move(approved));
}

absl::StatusOr<CriterionAssessmentRecord> AssessmentStore::Save(const Actor& actor,
                                                                const std::string& school,
                                                                uint64_t id, CriterionDraft draft,
                                                                UnlinkedCitations unlinked,
                                                                uint32_t expected_revision) {
  auto code = SchoolStore::NormalizeCode(school);
  if (!code.ok()) return code.status();
  std::string criterion = text::Nfc(draft.criterion);
  if (criterion == "m4") criterion = std::string(kLevel4Criterion);

  // The five parts, as stored.
  CriterionAssessmentRecord record;
  struct Part {
    const char* key;
    const char* label;
    const std::string* text;
    std::string* (CriterionAssessmentRecord::*field)();
  };
  using R = CriterionAssessmentRecord;
  const Part parts[] = {
      {"description", "Mô tả hiện trạng", &draft.description, &R::mutable_description},
      {"strengths", "Điểm mạnh", &draft.strengths, &R::mutable_strengths},
      {"weaknesses", "Điểm yếu", &draft.weaknesses, &R::mutable_weaknesses},
      {"improvement", "Kế hoạch cải tiến chất lượng", &draft.improvement, &R::mutable_improvement},
  };
  std::vector<std::string> cleaned;
  for (const Part& part : parts) {
    auto clean = text::CleanText(part.label, *part.text, kMaxPartBytes, /*multiline=*/true);
    if (!clean.ok()) return clean.status();
    *(record.*part.field)() = *clean;
    cleaned.push_back(*clean);
  }
  auto group = text::CleanText("nhóm", draft.group, kMaxGroupBytes);
  if (!group.ok()) return group.status();

  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto assessment = LoadAssessment(*database_, *code, id);
  if (!assessment.ok()) return assessment.status();
  const Framework* framework = frameworks_->Find(assessment->framework());
  if (framework == nullptr) {
    return absl::FailedPreconditionError("đợt tự đánh giá dùng khung " + assessment->framework() +
                                         ", máy chủ này không có");
  }
  if (criterion == kLevel4Criterion ? framework->level4_size() == 0
                                    : FindCriterion(*framework, criterion) == nullptr) {
    return WithReason(
        absl::InvalidArgumentError("khung " + framework->id() + " không có " + Named(criterion)),
        reason::kUnknownCriterion, {{"criterion", criterion}, {"framework", framework->id()}});
  }
  auto latest = LatestRevision(*database_, *code, assessment->id(), criterion);
  if (!latest.ok()) return latest.status();
  const uint32_t latest_revision = *latest ? (*latest)->revision() : 0;
  if (absl::Status s = CheckExpected(criterion, latest_revision, expected_revision); !s.ok()) {
    return s;
  }

  std::vector<std::string> problems;
  const std::vector<IndicatorResult> results =
      CleanIndicators(*framework, criterion, draft.indicators, problems);

  // Every cited code, resolved once; problems named by the code as written.
  std::map<std::string, std::optional<EvidenceRecord>> resolved;  // normalised written -> item
  std::set<std::string> reported;
  std::vector<std::string> refused;  // the codes as written, for the reason's metadata
  std::map<uint64_t, EvidenceRecord> to_link;
  bool description_cites = false;
  const int first = StartOf(assessment->first_year()), last = StartOf(assessment->last_year());
  for (size_t p = 0; p < std::size(parts); ++p) {
    std::set<uint64_t> in_part;
    for (const WrittenCitation& cited : FindCitations(cleaned[p])) {
      const std::string key = NormalizeCodeRef(cited.written);
      auto it = resolved.find(key);
      if (it == resolved.end()) {
        auto found = evidence_->FindByWrittenCode(*code, cited.written);
        if (!found.ok()) return found.status();
        it = resolved.emplace(key, std::move(*found)).first;
      }
      const std::string name = "[" + cited.written + "]";
      auto problem = [&](const std::string& why) {
        if (!reported.insert(key).second) return;
        problems.push_back(name + ": " + why);
        refused.push_back(cited.written);
      };
      if (!it->second) {
        problem("không có minh chứng mang mã này");
        continue;
      }
      const EvidenceRecord& item = *it->second;
      if (item.deleted()) {
        problem("minh chứng đã bị xoá");
        continue;
      }
      if (ReviewStateOf(item) != REVIEW_APPROVED) {
        problem("minh chứng chưa được duyệt");
        continue;
      }
      if (!item.year().empty() && (StartOf(item.year()) < first || StartOf(item.year()) > last)) {
        problem("năm học " + item.year() + " nằm ngoài kỳ đánh giá " + YearsOf(*assessment));
        continue;
      }
      const bool linked = criterion == kLevel4Criterion ||
                          std::find(item.criteria().begin(), item.criteria().end(), criterion) !=
                              item.criteria().end();
      if (!linked) {
        if (unlinked == UnlinkedCitations::kRefuse) {
          problem("minh chứng " + item.code() + " không gắn với " + Named(criterion) +
                  " (mã gốc thuộc tiêu chí " +
                  (item.criteria_size() > 0 ? item.criteria(0) : std::string("?")) + ")");
          continue;
        }
        to_link.emplace(item.id(), item);
      }
      if (p == 0) description_cites = true;
      if (!in_part.insert(item.id()).second) continue;
      CitationRecord* citation = record.add_citations();
      citation->set_written(cited.written);
      citation->set_code(item.code());
      citation->set_evidence_id(item.id());
      citation->set_part(parts[p].key);
      citation->set_linked(!linked);
    }
  }
  if (!problems.empty()) {
    absl::Status refusal = absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
    if (refused.empty()) {
      return WithReason(refusal, reason::kInvalidArgument, {{"field", "indicators"}});
    }
    return WithReason(refusal, reason::kCitationRefused,
                      {{"criterion", criterion}, {"codes", absl::StrJoin(refused, ", ")}});
  }
  const bool any_met = std::any_of(results.begin(), results.end(), [](const IndicatorResult& r) {
    return r.judgement() == JUDGEMENT_MET;
  });
  if (any_met && !description_cites) {
    return WithReason(
        absl::FailedPreconditionError("Chưa thể ghi mức cho " + Named(criterion) +
                                      ": phần Mô tả hiện trạng chưa dẫn mã minh chứng nào"),
        reason::kNoCitation, {{"criterion", criterion}});
  }

  record.set_school(*code);
  record.set_assessment(assessment->id());
  record.set_criterion(criterion);
  record.set_revision(latest_revision + 1);
  for (const IndicatorResult& r : results) *record.add_indicators() = r;
  if (criterion == kLevel4Criterion) {
    record.set_level(Level4Percent(*framework, results) == 100 ? 4 : 0);
  } else {
    record.set_level(CriterionLevel(*FindCriterion(*framework, criterion), results));
  }
  record.set_state(ASSESSMENT_DRAFT);
  record.set_writer(actor.user);
  record.set_group(*group);
  record.set_updated_unix(database_->clock().NowUnix());

  WriteBatch batch;
  std::vector<AuditFacts> facts(1);
  std::string linked_codes;
  for (const auto& [item_id, item] : to_link) {
    auto done = evidence_->LinkInBatch(*code, item_id, criterion, batch, facts);
    if (!done.ok()) return done.status();
    linked_codes += (linked_codes.empty() ? "" : " ") + item.code();
  }
  batch.Put(keys::CriterionRevision(*code, assessment->id(), criterion, record.revision()),
            record.SerializeAsString());
  facts[0] = AuditFacts{
      .action = "assessment.save",
      .school = *code,
      .target = "tự đánh giá #" + std::to_string(assessment->id()) + " " + Named(criterion),
      .detail =
          "bản " + std::to_string(record.revision()) + ", mức " + std::to_string(record.level()) +
          ", dẫn " + std::to_string(record.citations_size()) + " mã" +
          (linked_codes.empty() ? "" : "; gắn " + linked_codes + " là minh chứng dùng chung")};
  if (absl::Status s = database_->audit().CommitAll(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return record;
}

absl::StatusOr<CriterionAssessmentRecord> AssessmentStore::Review(
    const Actor& actor, const std::string& school, uint64_t id, const std::string& criterion,
    AssessmentState to, uint32_t expected_revision) {
  auto code = SchoolStore::NormalizeCode(school);
  if (!code.ok()) return code.status();
  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto assessment = LoadAssessment(*database_, *code, id);
  if (!assessment.ok()) return assessment.status();
  auto latest = LatestRevision(*database_, *code, assessment->id(), criterion);
  if (!latest.ok()) return latest.status();
  if (!*latest) {
    return absl::NotFoundError(Named(criterion) + " chưa có bản nào trong đợt tự đánh giá #" +
                               std::to_string(assessment->id()));
  }
  CriterionAssessmentRecord record = std::move(**latest);
  if (absl::Status s = CheckExpected(criterion, record.revision(), expected_revision); !s.ok()) {
    return s;
  }
  const AssessmentState from = record.state();
  const bool allowed =
      (from == ASSESSMENT_DRAFT && to == ASSESSMENT_SUBMITTED) ||
      (from == ASSESSMENT_SUBMITTED && (to == ASSESSMENT_APPROVED || to == ASSESSMENT_DRAFT));
  if (!allowed) {
    const std::string which = Named(criterion) + " (bản " + std::to_string(record.revision()) + ")";
    if (from == ASSESSMENT_APPROVED) {
      return WithReason(
          absl::FailedPreconditionError(
              which +
              " đã được duyệt và bị khoá: muốn sửa thì ghi một bản mới, bản đã duyệt vẫn giữ"),
          reason::kCriterionApproved, {{"criterion", criterion}});
    }
    return absl::FailedPreconditionError("không chuyển được " + which + " từ «" + StateName(from) +
                                         "» sang «" + StateName(to) +
                                         "»: nháp → đã nộp → đã duyệt, hoặc đã nộp → trả về nháp");
  }
  record.set_state(to);
  record.set_reviewed_by(actor.user);
  record.set_reviewed_unix(database_->clock().NowUnix());
  WriteBatch batch;
  batch.Put(keys::CriterionRevision(*code, assessment->id(), criterion, record.revision()),
            record.SerializeAsString());
  const char* action = to == ASSESSMENT_SUBMITTED  ? "assessment.submit"
                       : to == ASSESSMENT_APPROVED ? "assessment.approve"
                                                   : "assessment.reopen";
  const AuditFacts facts{
      .action = action,
      .school = *code,
      .target = "tự đánh giá #" + std::to_string(assessment->id()) + " " + Named(criterion),
      .detail = "bản " + std::to_string(record.revision()) + ": " + StateName(from) + " → " +
                StateName(to)};
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return record;
}

absl::StatusOr<AssessmentRecord> AssessmentStore::SetSection(const Actor& actor,
                                                             const std::string& school, uint64_t id,
                                                             const std::string& key,
                                                             const std::string& text) {
  auto code = SchoolStore::NormalizeCode(school);
  if (!code.ok()) return code.status();
  auto clean = text::CleanText("nội dung", text, kMaxPartBytes, /*multiline=*/true);
  if (!clean.ok()) return clean.status();
  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto assessment = LoadAssessment(*database_, *code, id);
  if (!assessment.ok()) return assessment.status();
  const Framework* framework = frameworks_->Find(assessment->framework());
  bool known =
      key == "dat-van-de" || key == "co-so-du-lieu" || key == "ket-luan-chung" || key == "muc-4";
  for (const char* prefix : {"mo-dau-", "ket-luan-"}) {
    const std::string_view p(prefix);
    if (known || framework == nullptr || key.compare(0, p.size(), p) != 0) continue;
    const std::string number = key.substr(p.size());
    for (const Standard& standard : framework->standards()) {
      known = known || number == std::to_string(standard.number());
    }
  }
  if (!known) {
    return absl::InvalidArgumentError(
        "báo cáo không có phần \"" + key +
        "\": dùng dat-van-de, co-so-du-lieu, ket-luan-chung, muc-4, mo-dau-N hoặc ket-luan-N "
        "(N là số của một tiêu chuẩn)");
  }
  if (clean->empty()) {
    assessment->mutable_sections()->erase(key);
  } else {
    (*assessment->mutable_sections())[key] = *clean;
  }
  WriteBatch batch;
  batch.Put(keys::Assessment(*code, assessment->id()), assessment->SerializeAsString());
  const AuditFacts facts{.action = "assessment.section",
                         .school = *code,
                         .target = "tự đánh giá #" + std::to_string(assessment->id()),
                         .detail = "phần " + key};
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return *assessment;
}

}  // namespace hoso::storage
