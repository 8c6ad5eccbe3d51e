#include "storage/plan/plan_columns.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <initializer_list>

namespace hoso::storage {
namespace {

bool HasAny(const std::string& key, std::initializer_list<const char*> parts) {
  for (const char* part : parts) {
    if (key.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::string PlanHeaderKey(std::string_view header) {
  std::string lower;
  icu::UnicodeString::fromUTF8(icu::StringPiece(header.data(), header.size()))
      .toLower(icu::Locale("vi"))
      .toUTF8String(lower);
  std::string out;
  for (size_t i = 0; i < lower.size(); ++i) {
    const char c = lower[i];
    if (c == '<' && (lower.compare(i, 3, "<p>") == 0 || lower.compare(i, 4, "</p>") == 0)) {
      i = lower.find('>', i);
      continue;
    }
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out.push_back(c);
  }
  return out;
}

PlanColumn PlanColumnOf(std::string_view header) {
  const std::string key = PlanHeaderKey(header);
  if (key == "tt" || key == "stt" || key == "sốtt" || key == "sốthứtự") return PlanColumn::kNumber;
  if (key == "tiêuchuẩn") return PlanColumn::kStandard;
  if (HasAny(key, {"tiêuchí"})) return PlanColumn::kCriterion;
  // Before content and owners: "Nội dung báo cáo", "Bộ phận phối hợp",
  // "Kết quả thực hiện" name other things.
  if (HasAny(key, {"giámsát", "kiểmtra"})) return PlanColumn::kSupervisor;
  if (HasAny(key, {"báocáo"})) return PlanColumn::kReport;
  if (HasAny(key, {"phốihợp", "ghichú", "minhchứng", "điểmmạnh", "điểmyếu", "tồntại", "hạnchế",
                   "mụctiêu", "kếtquả", "sảnphẩm", "chỉsố", "chỉbáo"}) ||
      key.rfind("mức", 0) == 0)
    return PlanColumn::kNote;
  if (HasAny(key, {"nộidung", "kếhoạchcảitiến", "hoạtđộngcảitiến"})) return PlanColumn::kContent;
  if (HasAny(key, {"giảipháp", "biệnpháp", "cáchthức"})) return PlanColumn::kSolution;
  if (HasAny(key, {"phâncông", "phụtrách", "ngườithựchiện", "chịutráchnhiệm", "bộphận",
                   "đơnvịthựchiện", "lựclượng", "chủtrì", "tráchnhiệm", "ngườithực"}))
    return PlanColumn::kOwners;
  const bool done = HasAny(key, {"hoànthành", "thờihạn"});
  if (done && !HasAny(key, {"thựchiện", "bắtđầu"})) return PlanColumn::kDue;
  if (done || HasAny(key, {"thờigian", "thờiđiểm", "tiếnđộ"})) return PlanColumn::kTime;
  // "Nguồn kinh phí" is where the money comes from, not how much.
  if (HasAny(key, {"điềukiện", "nguồn"})) return PlanColumn::kFunding;
  if (HasAny(key, {"kinhphí", "dựtoán", "chiphí"})) return PlanColumn::kBudget;
  return PlanColumn::kUnknown;
}

}  // namespace hoso::storage
