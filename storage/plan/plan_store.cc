#include "storage/plan/plan_store.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <memory>

#include "storage/base/error_reason.h"
#include "storage/base/text.h"
#include "storage/frameworks/evidence_code.h"
#include "storage/frameworks/framework_catalog.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/schools/school_store.h"

namespace hoso::storage {
namespace {

absl::Status CleanField(std::string_view name, std::string* value, size_t max) {
  auto clean = text::CleanText(name, *value, max, /*multiline=*/true);
  if (!clean.ok()) return clean.status();
  *value = std::move(*clean);
  return absl::OkStatus();
}

bool ValidMonth(const std::string& m) {
  return m.empty() || (m.size() == 7 && m[4] == '-' && m.substr(5) >= "01" && m.substr(5) <= "12" &&
                       std::all_of(m.begin(), m.begin() + 4, ::isdigit));
}

}  // namespace

PlanStore::PlanStore(Database* database, const SchoolStore* schools,
                     const FrameworkCatalog* frameworks)
    : database_(database), schools_(schools), frameworks_(frameworks) {}

absl::Status PlanStore::Validate(const std::string& school, TaskRecord& task) const {
  auto record = schools_->Get(school);
  if (!record.ok()) return record.status();
  const Framework* framework = frameworks_->Find(record->framework());
  if (framework == nullptr) return absl::FailedPreconditionError("unknown framework");
  if (absl::Status s = FrameworkCatalog::CheckCriterion(*framework, task.criterion()); !s.ok()) {
    return s;
  }
  for (auto [name, field, max] : {std::tuple{"content", task.mutable_content(), size_t{20000}},
                                  {"solution", task.mutable_solution(), 20000},
                                  {"owners", task.mutable_owners(), 2000},
                                  {"time", task.mutable_time_text(), 1000},
                                  {"funding", task.mutable_funding(), 1000},
                                  {"supervisor", task.mutable_supervisor(), 1000},
                                  {"report", task.mutable_report(), 1000}}) {
    if (absl::Status s = CleanField(name, field, max); !s.ok()) return s;
  }
  if (task.content().empty()) return absl::InvalidArgumentError("a task needs its content");
  if (task.start().empty() && task.due().empty() && !task.time_text().empty()) {
    ParsePlanTime(task.time_text(), task);
  }
  if (!ValidMonth(task.start()) || !ValidMonth(task.due())) {
    return absl::InvalidArgumentError("start and due are months written YYYY-MM");
  }
  if (task.budget_vnd() < 0) return absl::InvalidArgumentError("a budget cannot be negative");
  if (task.status() == TASK_STATUS_UNSET) task.set_status(TASK_PLANNED);
  if (task.status() < 1 || task.status() > 4) {
    return absl::InvalidArgumentError("status is planned, in-progress, done or dropped");
  }
  task.set_school(record->code());
  return absl::OkStatus();
}

absl::StatusOr<std::vector<TaskRecord>> PlanStore::Add(const Actor& actor,
                                                       const std::string& school,
                                                       std::vector<TaskRecord> tasks) {
  auto code = SchoolStore::NormalizeCode(school);
  if (!code.ok()) return code.status();
  for (TaskRecord& task : tasks) {
    if (absl::Status s = Validate(*code, task); !s.ok()) return s;
  }
  std::lock_guard<std::mutex> lock(database_->write_mutex());
  std::map<std::string, uint64_t> next;  // criterion -> last number used
  WriteBatch batch;
  for (TaskRecord& task : tasks) {
    auto [it, fresh] = next.try_emplace(task.criterion(), 0);
    if (fresh) {
      auto last = ReadCounter(*database_, keys::TaskCounter(*code, task.criterion()));
      if (!last.ok()) return last.status();
      it->second = *last;
    }
    task.set_seq(static_cast<uint32_t>(++it->second));
    char number[16];
    std::snprintf(number, sizeof number, "%02u", task.seq());
    task.set_code(task.criterion() + "." + number);
    task.set_created_unix(database_->clock().NowUnix());
    task.set_updated_unix(task.created_unix());
    batch.Put(keys::Task(*code, task.code()), task.SerializeAsString());
  }
  for (const auto& [criterion, last] : next) {
    PutCounter(batch, keys::TaskCounter(*code, criterion), last);
  }
  AuditFacts facts{.action = "plan.add", .school = *code, .target = "plan of " + *code};
  for (const TaskRecord& task : tasks)
    facts.detail += (facts.detail.empty() ? "" : " ") + task.code();
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return tasks;
}

absl::StatusOr<PlanImportResult> PlanStore::Import(const Actor& actor, const std::string& school,
                                                   std::string_view text, bool dry_run) {
  auto clean = text::CleanText("plan file", text, 8 << 20, /*multiline=*/true);
  if (!clean.ok()) return clean.status();
  return ImportParsed(actor, school, ParsePlan(*clean), dry_run);
}

absl::StatusOr<PlanImportResult> PlanStore::ImportTables(const Actor& actor,
                                                         const std::string& school,
                                                         std::vector<SourceTable> tables,
                                                         bool dry_run) {
  size_t bytes = 0;
  for (SourceTable& table : tables) {
    for (SourceRow& row : table.rows) {
      for (std::string& cell : row.cells) {
        bytes += cell.size();
        auto clean = text::CleanText("plan table cell", cell, 1 << 20, /*multiline=*/true);
        if (!clean.ok()) {
          return absl::InvalidArgumentError(std::string(clean.status().message()) + " (" +
                                            table.source + ", row " + std::to_string(row.row) +
                                            ")");
        }
        cell = std::move(*clean);
      }
    }
  }
  if (bytes > (8u << 20)) return absl::InvalidArgumentError("plan tables are larger than 8 MiB");
  return ImportParsed(actor, school, ParsePlanTables(tables), dry_run);
}

absl::StatusOr<PlanImportResult> PlanStore::ImportParsed(const Actor& actor,
                                                         const std::string& school,
                                                         ParsedPlan parsed, bool dry_run) {
  PlanImportResult result;
  std::map<std::string, size_t> order;  // tables in the order they were read
  for (const PlanProblem& p : parsed.problems) order.emplace(p.source, order.size());
  for (const ImportedTask& t : parsed.tasks) order.emplace(t.source, order.size());
  result.problems = std::move(parsed.problems);
  if (parsed.tasks.empty() && result.problems.empty()) {
    if (parsed.tables > 0) {
      return absl::InvalidArgumentError(
          "the plan table holds no task: no criterion row has text in its Nội dung column");
    }
    std::string message =
        "no plan table found: expected a header row with a Tiêu chí or TT column and a "
        "Nội dung column";
    if (!parsed.closest.reason.empty()) message += "; " + parsed.closest.reason;
    return absl::InvalidArgumentError(message);
  }
  auto school_code = SchoolStore::NormalizeCode(school);
  if (!school_code.ok()) return school_code.status();
  for (ImportedTask& imported : parsed.tasks) {
    if (absl::Status s = Validate(*school_code, imported.task); !s.ok()) {
      if (s.code() == absl::StatusCode::kNotFound) return s;  // no such school
      result.problems.push_back(
          {imported.line, std::string(s.message()) + "; not imported", imported.source, false});
      continue;
    }
    result.tasks.push_back(std::move(imported.task));
  }
  std::stable_sort(result.problems.begin(), result.problems.end(),
                   [&](const PlanProblem& a, const PlanProblem& b) {
                     return std::make_pair(order[a.source], a.line) <
                            std::make_pair(order[b.source], b.line);
                   });
  // One row whose several items fail alike is one problem.
  result.problems.erase(std::unique(result.problems.begin(), result.problems.end(),
                                    [](const PlanProblem& a, const PlanProblem& b) {
                                      return a.line == b.line && a.reason == b.reason &&
                                             a.source == b.source;
                                    }),
                        result.problems.end());
  if (dry_run) return result;
  auto added = Add(actor, *school_code, std::move(result.tasks));
  if (!added.ok()) return added.status();
  result.tasks = std::move(*added);
  result.imported = true;
  return result;
}

absl::StatusOr<TaskRecord> PlanStore::Get(const std::string& school,
                                          const std::string& code) const {
  auto school_code = SchoolStore::NormalizeCode(school);
  if (!school_code.ok()) return school_code.status();
  auto record = ReadRecord<TaskRecord>(*database_, keys::Task(*school_code, code));
  if (!record.ok()) return record.status();
  if (!record->has_value()) {
    if (auto exists = schools_->Get(*school_code); !exists.ok()) return exists.status();
    return WithReason(absl::NotFoundError("no plan task " + code + " in school " + *school_code),
                      reason::kTaskNotFound, {{"task", code}, {"school", *school_code}});
  }
  return **record;
}

absl::StatusOr<std::vector<TaskRecord>> PlanStore::List(const std::string& school) const {
  auto record = schools_->Get(school);
  if (!record.ok()) return record.status();
  std::vector<TaskRecord> out;
  const std::string prefix = keys::TaskPrefix(record->code());
  absl::Status scanned = ScanRecords<TaskRecord>(
      *database_, prefix,
      [&](std::string_view, TaskRecord task) { out.push_back(std::move(task)); });
  if (!scanned.ok()) return scanned;
  std::sort(out.begin(), out.end(), [](const TaskRecord& a, const TaskRecord& b) {
    return NaturalLess(a.code(), b.code());
  });
  return out;
}

absl::StatusOr<TaskRecord> PlanStore::Update(const Actor& actor, const std::string& school,
                                             const std::string& code,
                                             const std::function<absl::Status(TaskRecord&)>& edit) {
  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto task = Get(school, code);
  if (!task.ok()) return task.status();
  const std::string criterion = task->criterion();
  if (absl::Status s = edit(*task); !s.ok()) return s;
  if (task->criterion() != criterion) {
    return absl::InvalidArgumentError("a task's criterion is part of its code and cannot change");
  }
  if (absl::Status s = Validate(task->school(), *task); !s.ok()) return s;
  task->set_updated_unix(database_->clock().NowUnix());
  WriteBatch batch;
  batch.Put(keys::Task(task->school(), task->code()), task->SerializeAsString());
  const AuditFacts facts{
      .action = "plan.update", .school = task->school(), .target = "task " + task->code()};
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return task;
}

absl::Status PlanStore::CheckExist(
    const std::string& school, const google::protobuf::RepeatedPtrField<std::string>& codes) const {
  for (const std::string& code : codes) {
    if (auto task = Get(school, code); !task.ok()) return task.status();
  }
  return absl::OkStatus();
}

bool PlanStore::Overdue(const TaskRecord& task, int64_t now_unix) {
  if (task.due().empty() || task.recurring() || task.status() == TASK_DONE ||
      task.status() == TASK_DROPPED) {
    return false;
  }
  const std::time_t now = static_cast<std::time_t>(now_unix);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char month[32];
  std::snprintf(month, sizeof month, "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
  return task.due() < month;
}

}  // namespace hoso::storage
