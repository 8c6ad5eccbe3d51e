#include "storage/plan/plan_budget.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <regex>
#include <vector>

namespace hoso::storage {
namespace {

std::string Lower(std::string_view s) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()))
      .toLower(icu::Locale("vi"))
      .toUTF8String(out);
  return out;
}

struct FundingWord {
  const char* match;    // lower case, as it may be written
  const char* written;  // as it is stored
};

// Longer phrases first, so "ngân sách nhà nước" is not also "ngân sách".
const std::vector<FundingWord>& FundingWords() {
  static const std::vector<FundingWord> kWords = {
      {"ngân sách nhà nước", "Ngân sách nhà nước"},
      {"ngoài ngân sách", "Ngoài ngân sách"},
      {"ngân sách", "Ngân sách"},
      {"xã hội hóa", "Xã hội hóa"},
      {"xã hội hoá", "Xã hội hóa"},
      {"xhh", "Xã hội hóa"},
      {"tự túc", "Tự túc"},
      {"tài trợ", "Tài trợ"},
      {"học phí", "Học phí"},
      {"nguồn thu hợp pháp", "Nguồn thu hợp pháp"},
      {"kinh phí tự chủ", "Kinh phí tự chủ"},
      {"chi thường xuyên", "Chi thường xuyên"},
      {"huy động", "Huy động"},
      {"cha mẹ học sinh", "Cha mẹ học sinh"},
  };
  return kWords;
}

// "5.000.000" → 5000000; "2,5" → 2.5; "1.200" → 1200: a separator followed
// by exactly three digits groups thousands, any other is the decimal mark.
double NumberOf(const std::string& written) {
  std::string plain;
  for (size_t i = 0; i < written.size(); ++i) {
    const char c = written[i];
    if (c >= '0' && c <= '9') {
      plain.push_back(c);
      continue;
    }
    size_t digits = 0;
    while (i + 1 + digits < written.size() && written[i + 1 + digits] >= '0' &&
           written[i + 1 + digits] <= '9')
      ++digits;
    if (digits != 3) plain.push_back('.');
  }
  return plain.empty() ? 0 : std::stod(plain);
}

}  // namespace

PlanBudget ParsePlanBudget(std::string_view text_view) {
  PlanBudget out;
  std::string text = Lower(text_view);
  for (const FundingWord& word : FundingWords()) {
    const size_t at = text.find(word.match);
    if (at == std::string::npos) continue;
    if (out.funding.find(word.written) == std::string::npos) {
      if (!out.funding.empty()) out.funding += ", ";
      out.funding += word.written;
    }
    text.replace(at, std::string(word.match).size(), " ");
  }
  // A number, then maybe a unit: "5.000.000 đ", "2,5 triệu", "230 450".
  static const std::regex kAmount(
      "([0-9]+(?:[., ][0-9]{3})*(?:[.,][0-9]+)?)\\s*"
      "(triệu|tr\\b|nghìn|ngàn|tỷ|tỉ|vnđ|vnd|đồng|đ|k\\b)?");
  bool bare_small = false;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kAmount);
       it != std::sregex_iterator(); ++it) {
    const std::string unit = (*it)[2].str();
    const double number = NumberOf((*it)[1].str());
    double factor = 1;
    if (unit == "triệu" || unit == "tr") factor = 1e6;
    if (unit == "nghìn" || unit == "ngàn" || unit == "k") factor = 1e3;
    if (unit == "tỷ" || unit == "tỉ") factor = 1e9;
    if (unit.empty() && number > 0 && number < 1000) {
      bare_small = true;
      continue;
    }
    const double vnd = number * factor;
    if (vnd > 1e15) continue;  // not a budget a school writes
    out.amount_vnd += static_cast<int64_t>(vnd + 0.5);
    out.has_amount = true;
  }
  if (out.has_amount) return out;
  std::string rest;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\t' && c != ',' && c != '.' && c != '+' && c != '(' &&
        c != ')' && c != ';')
      rest.push_back(c);
  }
  if (rest == "không" || rest == "0" || rest == "-" || rest == "khôngcó") {
    out.has_amount = true;
    return out;
  }
  if (bare_small) {
    out.problem = "the budget \"" + std::string(text_view) +
                  "\" is a number without a unit (đ, nghìn, triệu); kept as text, no amount";
  } else if (!rest.empty() && out.funding.empty()) {
    out.problem =
        "the budget \"" + std::string(text_view) + "\" holds no amount; kept as text, no amount";
  }
  return out;
}

}  // namespace hoso::storage
