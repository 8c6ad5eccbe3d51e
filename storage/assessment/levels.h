#ifndef HOSO_STORAGE_ASSESSMENT_LEVELS_H_
#define HOSO_STORAGE_ASSESSMENT_LEVELS_H_

// Levels are computed, never typed: a criterion's from its indicator
// results, the school's from the criteria's by the framework's rule. Both
// rules are data in the framework file (records.proto Framework).

#include <map>
#include <string>
#include <vector>

#include "storage/index/records.pb.h"

namespace hoso::storage {

// The criterion code of the level-4 list of the school as a whole (PL5b).
inline constexpr std::string_view kLevel4Criterion = "M4";

// The highest level N such that `criterion` has indicators at every level
// 1..N and every one of them is met in `results`; 0 when some level-1
// indicator is not met (or the criterion has no indicators at level 1).
// Results for indicators the criterion does not have are ignored.
int CriterionLevel(const Criterion& criterion, const std::vector<IndicatorResult>& results);

// Whether every item of the framework's level-4 list is met, as a share
// (0..100) of the list; 0 when the framework has no list.
int Level4Percent(const Framework& framework, const std::vector<IndicatorResult>& results);

// The school's level by `framework.school_levels`: the highest rule level L
// such that the rules of L and of every level below it hold. `levels` maps a
// criterion code to the level it reached (missing: 0). 0 when level 1 fails
// or the framework has no rule.
int SchoolLevel(const Framework& framework, const std::map<std::string, int, std::less<>>& levels,
                const std::vector<IndicatorResult>& level4_results);

// Whether one condition holds; `why` gets the shortfall in Vietnamese
// ("3/5 tiêu chí của tiêu chuẩn 2 đạt mức 2, cần 100%") when it does not.
bool ConditionHolds(const Framework& framework, const LevelCondition& condition,
                    const std::map<std::string, int, std::less<>>& levels, int level4_percent,
                    std::string* why = nullptr);

// The criterion named `code` of `framework`, or nullptr.
const Criterion* FindCriterion(const Framework& framework, std::string_view code);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_ASSESSMENT_LEVELS_H_
