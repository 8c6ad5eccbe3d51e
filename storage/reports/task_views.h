#ifndef HOSO_STORAGE_REPORTS_TASK_VIEWS_H_
#define HOSO_STORAGE_REPORTS_TASK_VIEWS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "storage/index/records.pb.h"

namespace hoso::storage {

// Which plan tasks a listing shows; every condition given must hold.
struct TaskFilter {
  std::string criterion;  // "1.1"; empty: any
  // Part of the owners, matched regardless of case ("HIỆU" finds "Hiệu
  // trưởng"; ICU case folding, diacritics count). Empty: any.
  std::string owner;
  bool overdue = false;           // only tasks past their due month
  bool without_evidence = false;  // only tasks no live item names
};

// A live evidence item naming a task.
struct CitingItem {
  uint64_t id = 0;
  std::string code;  // "[H1-1.1-01]"
};

// A plan task as the secretary sees it: overdue or not, and its evidence.
struct TaskView {
  TaskRecord task;
  bool overdue = false;
  std::vector<CitingItem> evidence;  // in item order
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_REPORTS_TASK_VIEWS_H_
