#include "storage/reports/reports.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

#include "storage/evidence/evidence_store.h"
#include "storage/frameworks/evidence_code.h"
#include "storage/frameworks/framework_catalog.h"
#include "storage/index/record_io.h"
#include "storage/plan/plan_store.h"
#include "storage/schools/school_store.h"

namespace hoso::storage {
namespace {

// "Số 12/BB-HĐT, ngày 15/09/2024".
std::string NumberAndDate(const EvidenceRecord& e) {
  std::string out;
  if (!e.number().empty()) out = "Số " + e.number();
  if (e.date().size() == 10) {
    out += (out.empty() ? "Ngày " : ", ngày ") + e.date().substr(8, 2) + "/" +
           e.date().substr(5, 2) + "/" + e.date().substr(0, 4);
  }
  return out;
}

}  // namespace

absl::StatusOr<Reports::SchoolView> Reports::View(const std::string& school,
                                                  const std::string& year) const {
  auto record = schools_->Get(school);
  if (!record.ok()) return record.status();
  const Framework* framework = frameworks_->Find(record->framework());
  if (framework == nullptr) {
    return absl::FailedPreconditionError("school " + record->code() + " uses framework " +
                                         record->framework() + ", which this server lacks");
  }
  EvidenceFilter filter;
  filter.school = record->code();
  filter.year = year;
  auto items = evidence_->List(filter);  // natural order of codes
  if (!items.ok()) return items.status();
  return SchoolView{std::move(*record), framework, std::move(*items)};
}

Reports::Reports(const SchoolStore* schools, const FrameworkCatalog* frameworks,
                 const EvidenceStore* evidence, const PlanStore* plan, const Clock* clock)
    : schools_(schools), frameworks_(frameworks), evidence_(evidence), plan_(plan), clock_(clock) {}

absl::StatusOr<std::vector<CoverageRow>> Reports::Coverage(const std::string& school,
                                                           const std::string& year) const {
  auto view = View(school, year);
  if (!view.ok()) return view.status();
  const Framework* framework = view->framework;
  const std::vector<EvidenceRecord>* items = &view->items;
  auto tasks = plan_->List(view->school.code());
  if (!tasks.ok()) return tasks.status();

  std::map<std::string, CoverageRow> rows;
  std::vector<std::string> order;
  for (const Standard& standard : framework->standards()) {
    for (const Criterion& c : standard.criteria()) {
      rows[c.code()] = CoverageRow{c.code(), c.name()};
      order.push_back(c.code());
    }
  }
  std::set<std::string> cited_tasks;
  for (const EvidenceRecord& e : *items) {
    for (const std::string& task : e.tasks()) cited_tasks.insert(task);
    for (const std::string& criterion : e.criteria()) {
      auto it = rows.find(criterion);
      if (it == rows.end()) continue;
      if (e.files_size() == 0) {  // a catalogue line whose document is still missing
        ++it->second.items_without_files;
        continue;
      }
      ++it->second.items;
      it->second.files += static_cast<uint32_t>(e.files_size());
      for (const FileRecord& f : e.files()) it->second.bytes += f.size();
    }
  }
  const int64_t now = clock_->NowUnix();
  for (const TaskRecord& task : *tasks) {
    auto it = rows.find(task.criterion());
    if (it == rows.end()) continue;
    ++it->second.tasks;
    if (PlanStore::Overdue(task, now)) ++it->second.tasks_overdue;
    if (!cited_tasks.count(task.code()) && task.status() != 4) ++it->second.tasks_without_evidence;
  }
  std::vector<CoverageRow> out;
  for (const std::string& code : order) out.push_back(rows[code]);
  std::stable_sort(out.begin(), out.end(), [](const CoverageRow& a, const CoverageRow& b) {
    return (a.items == 0) > (b.items == 0);
  });
  return out;
}

absl::StatusOr<Catalogue> Reports::BuildCatalogue(const std::string& school,
                                                  const std::string& year) const {
  auto view = View(school, year);
  if (!view.ok()) return view.status();
  return MakeCatalogue(*view->framework, view->items);
}

Catalogue MakeCatalogue(const Framework& framework, const std::vector<EvidenceRecord>& items) {
  Catalogue catalogue;
  catalogue.columns.assign(framework.catalogue_columns().begin(),
                           framework.catalogue_columns().end());
  for (const Standard& standard : framework.standards()) {
    catalogue.lines.push_back(
        {CatalogueLine::Kind::kStandard,
         "Tiêu chuẩn " + std::to_string(standard.number()) + ": " + standard.name()});
    for (const Criterion& criterion : standard.criteria()) {
      catalogue.lines.push_back({CatalogueLine::Kind::kCriterion,
                                 "Tiêu chí " + criterion.code() + ": " + criterion.name()});
      uint32_t number = 0;
      // Root items first (their codes belong here), then the reused ones.
      for (bool root : {true, false}) {
        for (const EvidenceRecord& e : items) {
          auto it = std::find(e.criteria().begin(), e.criteria().end(), criterion.code());
          if (it == e.criteria().end() || (it == e.criteria().begin()) != root) continue;
          CatalogueLine line;
          line.number = ++number;
          line.code = e.code();
          line.title = e.title();
          line.number_and_date = NumberAndDate(e);
          line.issuer = e.issuer();
          line.note = root ? e.note()
                           : "Minh chứng dùng chung, mã gốc " + e.code() + " (tiêu chí " +
                                 e.criteria(0) + ")" + (e.note().empty() ? "" : "; " + e.note());
          catalogue.lines.push_back(std::move(line));
        }
      }
    }
  }
  return catalogue;
}

}  // namespace hoso::storage
