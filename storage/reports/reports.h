#ifndef HOSO_STORAGE_REPORTS_REPORTS_H_
#define HOSO_STORAGE_REPORTS_REPORTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/base/clock.h"
#include "storage/index/records.pb.h"
#include "storage/reports/task_views.h"

namespace hoso::storage {

class EvidenceStore;
class FrameworkCatalog;
class PlanStore;
class SchoolStore;

struct CoverageRow {
  std::string criterion;
  std::string name;
  uint32_t items = 0;
  uint32_t files = 0;
  uint64_t bytes = 0;
  uint32_t tasks = 0;
  uint32_t tasks_overdue = 0;
  uint32_t tasks_without_evidence = 0;
  uint32_t items_without_files = 0;  // listed, documents not there yet: not in `items`
};

// One line of the evidence catalogue (danh mục minh chứng).
struct CatalogueLine {
  enum class Kind { kStandard, kCriterion, kItem } kind = Kind::kItem;
  std::string heading;  // "Tiêu chuẩn 1: …" / "Tiêu chí 1.1: …"
  uint32_t number = 0;  // TT within the criterion
  std::string code, title, number_and_date, issuer, note;
};

struct Catalogue {
  std::vector<std::string> columns;  // the framework's catalogue columns
  std::vector<CatalogueLine> lines;
};

// Read-only views over a school's evidence and plan. Thread-safe.
class Reports {
 public:
  // No pointer is owned; `clock` dates what is overdue.
  Reports(const SchoolStore* schools, const FrameworkCatalog* frameworks,
          const EvidenceStore* evidence, const PlanStore* plan, const Clock* clock);

  // Every criterion of the school's framework: criteria without evidence
  // first, then in natural order. `year` filters items by school year.
  absl::StatusOr<std::vector<CoverageRow>> Coverage(const std::string& school,
                                                    const std::string& year) const;
  // Grouped by standard and criterion; an item appears under every criterion
  // that cites it, with its one code and, where reused, a note naming it.
  absl::StatusOr<Catalogue> BuildCatalogue(const std::string& school,
                                           const std::string& year) const;
  // The school's plan tasks that pass `filter`, in plan order, each with the
  // live items naming it (task_views.cc).
  absl::StatusOr<std::vector<TaskView>> Tasks(const std::string& school,
                                              const TaskFilter& filter) const;
  // `tasks` of `school`, each with the live items naming it.
  absl::StatusOr<std::vector<TaskView>> ViewTasks(const std::string& school,
                                                  std::vector<TaskRecord> tasks) const;

 private:
  struct SchoolView {
    SchoolRecord school;
    const Framework* framework;
    std::vector<EvidenceRecord> items;
  };
  // The school, its framework and its live items (of `year` if given).
  absl::StatusOr<SchoolView> View(const std::string& school, const std::string& year) const;

  const SchoolStore* const schools_;
  const FrameworkCatalog* const frameworks_;
  const EvidenceStore* const evidence_;
  const PlanStore* const plan_;
  const Clock* const clock_;
};

// The catalogue of `items` (live, natural order) under `framework`'s criteria.
Catalogue MakeCatalogue(const Framework& framework, const std::vector<EvidenceRecord>& items);

// The catalogue as CSV: UTF-8 with a byte order mark (so Excel shows
// Vietnamese), CRLF rows, RFC 4180 quoting.
std::string CatalogueCsv(const Catalogue& catalogue, const std::string& title);
// The catalogue's heading: "DANH MỤC MINH CHỨNG — <school>[ — năm học <year>]".
std::string CatalogueTitle(const std::string& school_name, const std::string& year);
// The catalogue as an XLSX workbook (libxlsxwriter). libxlsxwriter 1.1 writes
// only to files, so the workbook and its working files go through
// `scratch_dir` (the data directory's tmp/, Store::scratch_dir()) and are
// removed before this returns.
absl::StatusOr<std::string> CatalogueXlsx(const Catalogue& catalogue, const std::string& title,
                                          const std::string& scratch_dir);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_REPORTS_REPORTS_H_
