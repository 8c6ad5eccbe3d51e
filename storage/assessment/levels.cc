#include "storage/assessment/levels.h"

#include <algorithm>
#include <set>

namespace hoso::storage {
namespace {

bool Met(const std::vector<IndicatorResult>& results, int level, const std::string& code) {
  return std::any_of(results.begin(), results.end(), [&](const IndicatorResult& r) {
    return r.level() == level && r.code() == code && r.judgement() == JUDGEMENT_MET;
  });
}

}  // namespace

const Criterion* FindCriterion(const Framework& framework, std::string_view code) {
  for (const Standard& standard : framework.standards()) {
    for (const Criterion& criterion : standard.criteria()) {
      if (criterion.code() == code) return &criterion;
    }
  }
  return nullptr;
}

int CriterionLevel(const Criterion& criterion, const std::vector<IndicatorResult>& results) {
  int reached = 0;
  for (int level = 1; level <= 3; ++level) {
    bool any = false;
    for (const Indicator& indicator : criterion.indicators()) {
      if (indicator.level() != level) continue;
      any = true;
      if (!Met(results, level, indicator.code())) return reached;
    }
    if (!any) return reached;  // a level without indicators cannot be reached
    reached = level;
  }
  return reached;
}

int Level4Percent(const Framework& framework, const std::vector<IndicatorResult>& results) {
  if (framework.level4().empty()) return 0;
  int met = 0;
  for (const Indicator& item : framework.level4()) met += Met(results, 4, item.code()) ? 1 : 0;
  return met * 100 / framework.level4_size();
}

bool ConditionHolds(const Framework& framework, const LevelCondition& condition,
                    const std::map<std::string, int, std::less<>>& levels, int level4_percent,
                    std::string* why) {
  if (condition.level4_min_percent() > 0 && level4_percent < condition.level4_min_percent()) {
    if (why) {
      *why = std::to_string(level4_percent) + "% nội dung mức 4 đạt, cần " +
             std::to_string(condition.level4_min_percent()) + "%";
    }
    return false;
  }
  if (condition.criteria_level() <= 0) return true;
  const std::set<int> standards(condition.standards().begin(), condition.standards().end());
  const std::set<std::string> except(condition.except().begin(), condition.except().end());
  int counted = 0, reached = 0;
  for (const Standard& standard : framework.standards()) {
    if (!standards.empty() && !standards.count(standard.number())) continue;
    for (const Criterion& criterion : standard.criteria()) {
      if (except.count(criterion.code())) continue;
      ++counted;
      auto it = levels.find(criterion.code());
      if (it != levels.end() && it->second >= condition.criteria_level()) ++reached;
    }
  }
  const bool holds = condition.min_percent() > 0
                         ? static_cast<int64_t>(reached) * 100 >=
                               static_cast<int64_t>(condition.min_percent()) * counted
                         : reached >= condition.min_count();
  if (!holds && why) {
    std::string among = "tiêu chí";
    if (!standards.empty()) {
      among += " của tiêu chuẩn";
      for (int s : standards) among += " " + std::to_string(s);
    }
    *why = std::to_string(reached) + "/" + std::to_string(counted) + " " + among + " đạt mức " +
           std::to_string(condition.criteria_level()) + ", cần " +
           (condition.min_percent() > 0 ? std::to_string(condition.min_percent()) + "%"
                                        : std::to_string(condition.min_count()));
  }
  return holds;
}

int SchoolLevel(const Framework& framework, const std::map<std::string, int, std::less<>>& levels,
                const std::vector<IndicatorResult>& level4_results) {
  std::vector<const SchoolLevelRule*> rules;
  for (const SchoolLevelRule& rule : framework.school_levels()) rules.push_back(&rule);
  std::sort(rules.begin(), rules.end(), [](const SchoolLevelRule* a, const SchoolLevelRule* b) {
    return a->level() < b->level();
  });
  const int level4 = Level4Percent(framework, level4_results);
  int reached = 0;
  for (const SchoolLevelRule* rule : rules) {
    if (rule->level() != reached + 1) break;  // levels are climbed one by one
    for (const LevelCondition& condition : rule->all_of()) {
      if (!ConditionHolds(framework, condition, levels, level4)) return reached;
    }
    reached = rule->level();
  }
  return reached;
}

}  // namespace hoso::storage
