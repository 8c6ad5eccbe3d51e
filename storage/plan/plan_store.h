#ifndef HOSO_STORAGE_PLAN_PLAN_STORE_H_
#define HOSO_STORAGE_PLAN_PLAN_STORE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/index/audit_log.h"
#include "storage/index/records.pb.h"
#include "storage/plan/plan_import.h"

namespace hoso::storage {

class Database;
class FrameworkCatalog;
class SchoolStore;

// Task codes are "<criterion>.<NN>": the criterion, a dot, and the task's
// two-digit number within it ("1.1.02"), so they read like the plans.

struct PlanImportResult {
  std::vector<TaskRecord> tasks;      // with codes once imported
  std::vector<PlanProblem> problems;  // rows not imported, with their lines
  bool imported = false;
};

// The improvement plan's tasks, per school. Thread-safe.
class PlanStore {
 public:
  PlanStore(Database* database, const SchoolStore* schools, const FrameworkCatalog* frameworks);

  // Checks and stores new tasks in one write, numbering each within its
  // criterion after the ones already there. Returns them with their codes.
  absl::StatusOr<std::vector<TaskRecord>> Add(const Actor& actor, const std::string& school,
                                              std::vector<TaskRecord> tasks);
  // Reads a plan table (see ParsePlan) and adds its tasks unless `dry_run`.
  // Tasks whose criterion is not in the school's framework become problems.
  // InvalidArgument when the text holds no plan table at all.
  absl::StatusOr<PlanImportResult> Import(const Actor& actor, const std::string& school,
                                          std::string_view text, bool dry_run);
  // The same for tables a client decoded from .docx/.xlsx (ParsePlanTables).
  absl::StatusOr<PlanImportResult> ImportTables(const Actor& actor, const std::string& school,
                                                std::vector<SourceTable> tables, bool dry_run);
  absl::StatusOr<TaskRecord> Get(const std::string& school, const std::string& code) const;
  // All tasks of a school, natural order of codes.
  absl::StatusOr<std::vector<TaskRecord>> List(const std::string& school) const;
  // Applies `edit` and stores the result once it validates.
  absl::StatusOr<TaskRecord> Update(const Actor& actor, const std::string& school,
                                    const std::string& code,
                                    const std::function<absl::Status(TaskRecord&)>& edit);
  // OK if every code names a task of the school; NotFound naming the first that does not.
  absl::Status CheckExist(const std::string& school,
                          const google::protobuf::RepeatedPtrField<std::string>& codes) const;

  // Whether a task is past due (month precision) at `now_unix`, and not
  // done, dropped or recurring.
  static bool Overdue(const TaskRecord& task, int64_t now_unix);

 private:
  absl::Status Validate(const std::string& school, TaskRecord& task) const;
  absl::StatusOr<PlanImportResult> ImportParsed(const Actor& actor, const std::string& school,
                                                ParsedPlan parsed, bool dry_run);

  Database* const database_;
  const SchoolStore* const schools_;
  const FrameworkCatalog* const frameworks_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_PLAN_PLAN_STORE_H_
