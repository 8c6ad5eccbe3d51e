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
    static const std::set<std::string> kFixed = {"school", "code", "criterion", "seq",
                                                 "created_unix", "updated_unix"};
    if (field == nullptr || kFixed.count(name)) {
      return absl::InvalidArgumentError("task field \"" + name + "\" cannot be set");
    }
    storage::TaskRecord::GetReflection()->SwapFields(&source, &to, {field});
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status PlanServiceImpl::AttachEvidence(
    const std::string& school, google::protobuf::RepeatedPtrField<v1::PlanTask>* tasks) const {
  storage::EvidenceFilter filter;
  filter.school = school;
  auto items = store_->evidence().List(filter);
  if (!items.ok()) return items.status();
  std::map<std::string, std::vector<const storage::EvidenceRecord*>> by_task;
  for (const auto& item : *items) {
    for (const std::string& task : item.tasks()) by_task[task].push_back(&item);
  }
  for (v1::PlanTask& task : *tasks) {
    for (const auto* item : by_task[task.code()]) {
      task.add_evidence(item->id());
      task.add_evidence_codes(item->code());
    }
  }
  return absl::OkStatus();
}

grpc::Status PlanServiceImpl::AddTask(grpc::ServerContext* context,
                                      const v1::AddTaskRequest* request, v1::PlanTask* response) {
  return gate_->Run(context, "PlanService/AddTask", request->task().school(), [&](const Caller& caller) -> absl::Status {
    auto added = store_->plan().Add(ActorOf(caller), request->task().school(), {TaskFromProto(request->task())});
    if (!added.ok()) return added.status();
    *response = ToProto(added->front(), store_->clock().NowUnix());
    return absl::OkStatus();
  });
}

grpc::Status PlanServiceImpl::UpdateTask(grpc::ServerContext* context,
                                         const v1::UpdateTaskRequest* request,
                                         v1::PlanTask* response) {
  return gate_->Run(context, "PlanService/UpdateTask", request->school(), [&](const Caller& caller) -> absl::Status {
    if (request->fields().empty()) return absl::InvalidArgumentError("nothing to change");
    auto task = store_->plan().Update(ActorOf(caller), request->school(), request->code(),
                                      [&](storage::TaskRecord& t) {
                                        return ApplyFields(request->task(), request->fields(), t);
                                      });
    if (!task.ok()) return task.status();
    *response = ToProto(*task, store_->clock().NowUnix());
    google::protobuf::RepeatedPtrField<v1::PlanTask> one;
    *one.Add() = *response;
    if (absl::Status s = AttachEvidence(task->school(), &one); !s.ok()) return s;
    *response = one.Get(0);
    return absl::OkStatus();
  });
}

grpc::Status PlanServiceImpl::GetTask(grpc::ServerContext* context,
                                      const v1::GetTaskRequest* request, v1::PlanTask* response) {
  return gate_->Run(context, "PlanService/GetTask", request->school(), [&](const Caller&) -> absl::Status {
    auto task = store_->plan().Get(request->school(), request->code());
    if (!task.ok()) return task.status();
    google::protobuf::RepeatedPtrField<v1::PlanTask> one;
    *one.Add() = ToProto(*task, store_->clock().NowUnix());
    if (absl::Status s = AttachEvidence(task->school(), &one); !s.ok()) return s;
    *response = one.Get(0);
    return absl::OkStatus();
  });
}

grpc::Status PlanServiceImpl::ListTasks(grpc::ServerContext* context,
                                        const v1::ListTasksRequest* request,
                                        v1::ListTasksResponse* response) {
  return gate_->Run(context, "PlanService/ListTasks", request->school(), [&](const Caller&) -> absl::Status {
    auto tasks = store_->plan().List(request->school());
    if (!tasks.ok()) return tasks.status();
    google::protobuf::RepeatedPtrField<v1::PlanTask> all;
    const int64_t now = store_->clock().NowUnix();
    for (const auto& task : *tasks) *all.Add() = ToProto(task, now);
    if (absl::Status s = AttachEvidence(request->school(), &all); !s.ok()) return s;
    std::string owner = request->owner();
    for (char& c : owner) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (v1::PlanTask& task : all) {
      if (!request->criterion().empty() && task.criterion() != request->criterion()) continue;
      if (request->overdue() && !task.overdue()) continue;
      if (request->without_evidence() && task.evidence_size() > 0) continue;
      if (!owner.empty()) {
        std::string owners = task.owners();
        for (char& c : owners) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (owners.find(owner) == std::string::npos) continue;
      }
      *response->add_tasks() = std::move(task);
    }
    return absl::OkStatus();
  });
}

grpc::Status PlanServiceImpl::ImportPlan(grpc::ServerContext* context,
                                         const v1::ImportPlanRequest* request,
                                         v1::ImportPlanResponse* response) {
  return gate_->Run(context, "PlanService/ImportPlan", request->school(), [&](const Caller& caller) -> absl::Status {
    auto result = store_->plan().Import(ActorOf(caller), request->school(), request->text(), request->dry_run());
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
    }
    std::vector<std::pair<std::string, uint32_t>> summary(per_criterion.begin(), per_criterion.end());
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
