// Reports over the plan: tasks with the evidence that names them.
#include "storage/reports/task_views.h"

#include <map>

#include "storage/base/text.h"
#include "storage/evidence/evidence_store.h"
#include "storage/plan/plan_store.h"
#include "storage/reports/reports.h"

namespace hoso::storage {

absl::StatusOr<std::vector<TaskView>> Reports::ViewTasks(const std::string& school,
                                                         std::vector<TaskRecord> tasks) const {
  EvidenceFilter filter;
  filter.school = school;
  auto items = evidence_->List(filter);
  if (!items.ok()) return items.status();
  std::map<std::string, std::vector<CitingItem>> by_task;
  for (const EvidenceRecord& item : *items) {
    for (const std::string& task : item.tasks()) by_task[task].push_back({item.id(), item.code()});
  }
  const int64_t now = clock_->NowUnix();
  std::vector<TaskView> views;
  views.reserve(tasks.size());
  for (TaskRecord& task : tasks) {
    TaskView view;
    view.overdue = PlanStore::Overdue(task, now);
    if (auto it = by_task.find(task.code()); it != by_task.end()) view.evidence = it->second;
    view.task = std::move(task);
    views.push_back(std::move(view));
  }
  return views;
}

absl::StatusOr<std::vector<TaskView>> Reports::Tasks(const std::string& school,
                                                     const TaskFilter& filter) const {
  auto tasks = plan_->List(school);
  if (!tasks.ok()) return tasks.status();
  auto views = ViewTasks(school, std::move(*tasks));
  if (!views.ok()) return views.status();
  const std::string owner = text::FoldCase(filter.owner);
  std::vector<TaskView> shown;
  for (TaskView& view : *views) {
    if (!filter.criterion.empty() && view.task.criterion() != filter.criterion) continue;
    if (filter.overdue && !view.overdue) continue;
    if (filter.without_evidence && !view.evidence.empty()) continue;
    if (!owner.empty() && text::FoldCase(view.task.owners()).find(owner) == std::string::npos) {
      continue;
    }
    shown.push_back(std::move(view));
  }
  return shown;
}

}  // namespace hoso::storage
