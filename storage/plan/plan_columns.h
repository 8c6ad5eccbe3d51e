#ifndef HOSO_STORAGE_PLAN_PLAN_COLUMNS_H_
#define HOSO_STORAGE_PLAN_PLAN_COLUMNS_H_

#include <string>
#include <string_view>

namespace hoso::storage {

// What a column of a plan table holds, from its header.
enum class PlanColumn {
  kUnknown,  // a header hoso does not know: reported, its text kept in the note
  kStandard,
  kCriterion,
  kNumber,
  kContent,
  kSolution,
  kOwners,
  kTime,
  kDue,  // a separate "Thời gian hoàn thành" column
  kBudget,
  kFunding,
  kSupervisor,
  kReport,
  kNote,  // known columns without a field of their own (Ghi chú, Minh chứng…): the note
};

// The column a header names. The vocabulary, from the two sample plans and
// the PL templates schools fill in (header words, case and spaces ignored):
//  TT, STT                                  → number
//  Tiêu chuẩn                               → standard
//  Tiêu chí, Tiêu chuẩn/tiêu chí            → criterion
//  Nội dung (kế hoạch, cải tiến, công việc…), Kế hoạch cải tiến, Hoạt động
//    cải tiến                               → content
//  Giải pháp, Biện pháp (thực hiện, khắc phục), Cách thức thực hiện → solution
//  Phân công thực hiện, Người phụ trách, Người thực hiện, Người chịu trách
//    nhiệm, Bộ phận thực hiện, Đơn vị thực hiện, Lực lượng thực hiện,
//    Chủ trì, Trách nhiệm                   → owners
//  Thời gian (thực hiện), Thời điểm, Tiến độ → time
//  Thời gian hoàn thành, Thời hạn (hoàn thành) → due (part of the time)
//  Kinh phí (thực hiện), Dự kiến kinh phí, Dự toán, Chi phí → budget
//  Điều kiện thực hiện, Nguồn lực, Nguồn kinh phí → funding
//  Phân công giám sát, Người giám sát, Kiểm tra, giám sát → supervisor
//  Thời điểm báo cáo, Báo cáo               → report
//  Ghi chú, Minh chứng, Điểm mạnh, Điểm yếu, Tồn tại, Hạn chế, Mục tiêu,
//    Kết quả (đã đạt, cần đạt, dự kiến), Sản phẩm, Chỉ số, Phối hợp, Mức → note
PlanColumn PlanColumnOf(std::string_view header);

// The header as it is compared: lower case (Vietnamese), without spaces,
// tabs or paragraph breaks.
std::string PlanHeaderKey(std::string_view header);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_PLAN_PLAN_COLUMNS_H_
