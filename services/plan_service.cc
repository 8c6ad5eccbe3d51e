#include "services/plan_service.h"

#include <map>
#include <set>

#include "services/convert.h"
#include "storage/frameworks/evidence_code.h"
#include "storage/index/record_io.h"
#include "storage/store.h"

namespace hoso {
namespace {

// Copies the named fields of `from` into `to` ("time" and "budget" are
// accepted for time_text and budget_vnd).
absl::Status ApplyFields(const v1::PlanTask& from,
                         const google::protobuf::RepeatedPtrField<std::string>& fields,
                         storage::TaskRecord& to) {
  storage::TaskRecord source = TaskFromProto(from);
  const auto* descriptor = storage::TaskRecord::descriptor();
  for (std::string name : fields) {
    if (name == "time") name = "time_text";
    if (name == "budget") name = "budget_vnd";
    const auto* field = descriptor->FindFieldByName(name);
    static const std::set<std::string> kFixed = {"school", "code",         "criterion",
                                                 "seq",    "created_unix", "updated_unix"};
    if (field == nullptr || kFixed.count(name)) {
      return absl::InvalidArgumentError("task field \"" + name + "\" cannot be set");
    }
    storage::TaskRecord::GetReflection()->SwapFields(&source, &to, {field});
  }
  return absl::OkStatus();
}

}  // namespace

grpc::Status PlanServiceImpl::AddTask(grpc::ServerContext* context,
                                      const v1::AddTaskRequest* request, v1::PlanTask* response) {
  return gate_->Run(context, "PlanService/AddTask", request->task().school(),
                    [&](const Caller& caller) -> absl::Status {
                      auto added = store_->plan().Add(ActorOf(caller), request->task().school(),
                                                      {TaskFromProto(request->task())});
                      if (!added.ok()) return added.status();
                      *response = ToProto(added->front(), store_->clock().NowUnix());
                      return absl::OkStatus();
                    });
}

grpc::Status PlanServiceImpl::UpdateTask(grpc::ServerContext* context,
                                         const v1::UpdateTaskRequest* request,
                                         v1::PlanTask* response) {
  return gate_->Run(context, "PlanService/UpdateTask", request->school(),
                    [&](const Caller& caller) -> absl::Status {
                      if (request->fields().empty())
                        return absl::InvalidArgumentError("nothing to change");
                      auto task = store_->plan().Update(
                          ActorOf(caller), request->school(), request->code(),
                          [&](storage::TaskRecord& t) {
                            return ApplyFields(request->task(), request->fields(), t);
                          });
                      if (!task.ok()) return task.status();
                      auto view = store_->reports().ViewTasks(task->school(), {*task});
                      if (!view.ok()) return view.status();
                      *response = ToProto(view->front());
                      return absl::OkStatus();
                    });
}

grpc::Status PlanServiceImpl::GetTask(grpc::ServerContext* context,
                                      const v1::GetTaskRequest* request, v1::PlanTask* response) {
  return gate_->Run(context, "PlanService/GetTask", request->school(),
                    [&](const Caller&) -> absl::Status {
                      auto task = store_->plan().Get(request->school(), request->code());
                      if (!task.ok()) return task.status();
                      auto view = store_->reports().ViewTasks(task->school(), {*task});
                      if (!view.ok()) return view.status();
                      *response = ToProto(view->front());
                      return absl::OkStatus();
                    });
}

grpc::Status PlanServiceImpl::ListTasks(grpc::ServerContext* context,
                                        const v1::ListTasksRequest* request,
                                        v1::ListTasksResponse* response) {
  return gate_->Run(context, "PlanService/ListTasks", request->school(),
                    [&](const Caller&) -> absl::Status {
                      storage::TaskFilter filter;
                      filter.criterion = request->criterion();
                      filter.owner = request->owner();
                      filter.overdue = request->overdue();
                      filter.without_evidence = request->without_evidence();
                      auto tasks = store_->reports().Tasks(request->school(), filter);
                      if (!tasks.ok()) return tasks.status();
                      for (const storage::TaskView& task : *tasks)
                        *response->add_tasks() = ToProto(task);
                      return absl::OkStatus();
                    });
}

grpc::Status PlanServiceImpl::ImportPlan(grpc::ServerContext* context,
                                         const v1::ImportPlanRequest* request,
                                         v1::ImportPlanResponse* response) {
  return gate_->Run(
      context, "PlanService/ImportPlan", request->school(),
      [&](const Caller& caller) -> absl::Status {
        if (!request->text().empty() && !request->tables().empty()) {
          return absl::InvalidArgumentError("a plan import sends its text or its tables, not both");
        }
        absl::StatusOr<storage::PlanImportResult> result;
        if (request->tables().empty()) {
          result = store_->plan().Import(ActorOf(caller), request->school(), request->text(),
                                         request->dry_run());
        } else {
          std::vector<storage::SourceTable> tables;
          for (const v1::Table& table : request->tables()) tables.push_back(TableFromProto(table));
          result = store_->plan().ImportTables(ActorOf(caller), request->school(),
                                               std::move(tables), request->dry_run());
        }
        if (!result.ok()) return result.status();
        std::map<std::string, uint32_t> per_criterion;
        const int64_t now = store_->clock().NowUnix();
        for (const auto& task : result->tasks) {
          *response->add_tasks() = ToProto(task, now);
          ++per_criterion[task.criterion()];
        }
        for (const auto& problem : result->problems) {
          v1::ImportProblem* out = response->add_problems();
          out->set_line(problem.line);
          out->set_reason(problem.reason);
          out->set_source(problem.source);
          out->set_imported(problem.imported);
        }
        std::vector<std::pair<std::string, uint32_t>> summary(per_criterion.begin(),
                                                              per_criterion.end());
        std::sort(summary.begin(), summary.end(), [](const auto& a, const auto& b) {
          return storage::NaturalLess(a.first, b.first);
        });
        for (const auto& [criterion, count] : summary) {
          v1::CriterionCount* c = response->add_summary();
          c->set_criterion(criterion);
          c->set_tasks(count);
        }
        response->set_imported(result->imported);
        return absl::OkStatus();
      });
}

}  // namespace hoso
