#ifndef HOSO_STORAGE_PLAN_PLAN_BUDGET_H_
#define HOSO_STORAGE_PLAN_PLAN_BUDGET_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace hoso::storage {

// What a "Kinh phí" cell says.
struct PlanBudget {
  int64_t amount_vnd = 0;
  bool has_amount = false;  // an amount was written (possibly "0" or "Không")
  std::string funding;      // funding sources named in it: "Ngân sách", "Xã hội hóa"…
  std::string problem;      // why the text gives no amount, when it is not empty
};

// Reads a budget as schools write it: "5.000.000 đ", "5.000.000đ",
// "5.000.000 VNĐ", "230 450", "5 triệu", "2,5 triệu đồng", "1.200 nghìn",
// "1 tỷ"; several amounts add up. Funding words (Ngân sách, Xã hội hóa, Tự
// túc, Tài trợ, Học phí, Nguồn thu hợp pháp…) are funding, not amounts.
// "Không", "0" and "-" are an amount of 0. Anything else, and a bare number
// below 1000 without a unit, gives no amount and says so in `problem`.
PlanBudget ParsePlanBudget(std::string_view text);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_PLAN_PLAN_BUDGET_H_
