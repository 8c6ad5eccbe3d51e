#ifndef HOSO_CLIENTS_OFFICE_TABLE_BUDGET_H_
#define HOSO_CLIENTS_OFFICE_TABLE_BUDGET_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "clients/office/office_reader.h"

namespace hoso::office {

// Counts what a document decodes to against the limits, so that a hostile
// file is refused before it costs memory: a plan or a catalogue is small.
class TableBudget {
 public:
  TableBudget(std::string name, const ReadLimits& limits)
      : name_(std::move(name)), limits_(limits) {}

  absl::Status AddTable() {
    if (++tables_ <= limits_.max_tables) return absl::OkStatus();
    return Refuse("có hơn " + std::to_string(limits_.max_tables) + " bảng");
  }
  absl::Status AddRow() {
    if (++rows_ <= limits_.max_rows) return absl::OkStatus();
    return Refuse("có hơn " + std::to_string(limits_.max_rows) + " dòng");
  }
  absl::Status AddCell() {
    if (++cells_ <= limits_.max_cells) return absl::OkStatus();
    return Refuse("có hơn " + std::to_string(limits_.max_cells) + " ô");
  }
  absl::Status CheckColumn(uint64_t column, const std::string& where) const {
    if (column <= limits_.max_columns) return absl::OkStatus();
    return Refuse(where + ": quá " + std::to_string(limits_.max_columns) + " cột");
  }
  // `text` may grow to `more` bytes more than it holds.
  absl::Status CheckCell(size_t bytes) const {
    if (bytes <= limits_.max_cell_bytes) return absl::OkStatus();
    return Refuse("một ô có hơn " + std::to_string(limits_.max_cell_bytes >> 10) + " KiB chữ");
  }
  absl::Status Refuse(const std::string& why) const {
    return absl::InvalidArgumentError("tệp " + name_ + ": " + why +
                                      ", quá giới hạn đọc được (không phải một kế hoạch hay danh "
                                      "mục bình thường)");
  }
  const ReadLimits& limits() const { return limits_; }

 private:
  std::string name_;
  ReadLimits limits_;
  uint64_t tables_ = 0, rows_ = 0, cells_ = 0;
};

}  // namespace hoso::office

#endif  // HOSO_CLIENTS_OFFICE_TABLE_BUDGET_H_
