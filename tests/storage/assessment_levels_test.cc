// Levels are computed, never typed: CriterionLevel and SchoolLevel
// (storage/assessment/levels.h) against hand-worked examples, and the shipped
// TT17 rule on a worked school.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "storage/assessment/levels.h"
#include "storage/frameworks/framework_catalog.h"

namespace hoso::storage {
namespace {

using Levels = std::map<std::string, int, std::less<>>;

IndicatorResult Result(int level, const std::string& code, Judgement judgement = JUDGEMENT_MET) {
  IndicatorResult r;
  r.set_level(level);
  r.set_code(code);
  r.set_judgement(judgement);
  return r;
}

// The example framework, two standards of two criteria:
//   1.1  Mức 1: a, b   Mức 2: a      Mức 3: a
//   1.2  Mức 1: a      Mức 2: a      (no Mức 3)
//   2.1  Mức 1: a, b   Mức 2: a, b   Mức 3: a
//   2.2  Mức 1: a      (no Mức 2, no Mức 3)
//   Mức 4 list: 1, 2
// Its rule: Mức 1 every criterion at 1; Mức 2 every criterion at 2 but 2.2;
// Mức 3 at least one criterion of standard 1 at 3; Mức 4 every level-4 item.
Framework Example() {
  Framework f;
  f.set_id("example");
  for (int level : {1, 2, 3, 4}) f.add_levels(level);
  auto criterion = [](Standard* s, const std::string& code,
                      std::vector<std::pair<int, std::string>> indicators) {
    Criterion* c = s->add_criteria();
    c->set_code(code);
    for (const auto& [level, letter] : indicators) {
      Indicator* i = c->add_indicators();
      i->set_level(level);
      i->set_code(letter);
      i->set_text("chỉ báo " + letter);
    }
  };
  Standard* s1 = f.add_standards();
  s1->set_number(1);
  criterion(s1, "1.1", {{1, "a"}, {1, "b"}, {2, "a"}, {3, "a"}});
  criterion(s1, "1.2", {{1, "a"}, {2, "a"}});
  Standard* s2 = f.add_standards();
  s2->set_number(2);
  criterion(s2, "2.1", {{1, "a"}, {1, "b"}, {2, "a"}, {2, "b"}, {3, "a"}});
  criterion(s2, "2.2", {{1, "a"}});
  for (const char* code : {"1", "2"}) {
    Indicator* item = f.add_level4();
    item->set_level(4);
    item->set_code(code);
  }
  SchoolLevelRule* l1 = f.add_school_levels();
  l1->set_level(1);
  l1->add_all_of()->set_criteria_level(1);
  l1->mutable_all_of(0)->set_min_percent(100);
  SchoolLevelRule* l2 = f.add_school_levels();
  l2->set_level(2);
  LevelCondition* c2 = l2->add_all_of();
  c2->set_criteria_level(2);
  c2->set_min_percent(100);
  c2->add_except("2.2");
  SchoolLevelRule* l3 = f.add_school_levels();
  l3->set_level(3);
  LevelCondition* c3 = l3->add_all_of();
  c3->set_criteria_level(3);
  c3->add_standards(1);
  c3->set_min_count(1);
  SchoolLevelRule* l4 = f.add_school_levels();
  l4->set_level(4);
  l4->add_all_of()->set_level4_min_percent(100);
  return f;
}

const Criterion& Of(const Framework& f, const std::string& code) {
  const Criterion* c = FindCriterion(f, code);
  EXPECT_NE(c, nullptr) << code;
  return *c;
}

// 1.1: a, b of Mức 1 and a of Mức 2 met, Mức 3 a not judged -> Mức 2.
TEST(CriterionLevelTest, ReachesTheHighestLevelWhoseIndicatorsAndThoseBelowAreAllMet) {
  const Framework f = Example();
  EXPECT_EQ(CriterionLevel(Of(f, "1.1"), {Result(1, "a"), Result(1, "b"), Result(2, "a")}), 2);
  EXPECT_EQ(CriterionLevel(Of(f, "1.1"),
                           {Result(1, "a"), Result(1, "b"), Result(2, "a"), Result(3, "a")}),
            3);
  // Mức 2 b of 2.1 judged not met: 2.1 stays at Mức 1 although its Mức 3 is met.
  EXPECT_EQ(CriterionLevel(Of(f, "2.1"), {Result(1, "a"), Result(1, "b"), Result(2, "a"),
                                          Result(2, "b", JUDGEMENT_NOT_MET), Result(3, "a")}),
            1);
}

// 1.1 with Mức 1 b not met but Mức 2 and 3 met: level 2 needs level 1 -> 0.
TEST(CriterionLevelTest, AHigherLevelNeedsTheLevelsBelow) {
  const Framework f = Example();
  EXPECT_EQ(CriterionLevel(Of(f, "1.1"), {Result(1, "a"), Result(2, "a"), Result(3, "a")}), 0);
  EXPECT_EQ(CriterionLevel(Of(f, "1.1"), {}), 0);
}

// 1.2 has no Mức 3 and 2.2 no Mức 2: every indicator met, they stop at 2 and 1.
TEST(CriterionLevelTest, ALevelWithoutIndicatorsCannotBeReached) {
  const Framework f = Example();
  EXPECT_EQ(CriterionLevel(Of(f, "1.2"), {Result(1, "a"), Result(2, "a"), Result(3, "a")}), 2);
  EXPECT_EQ(CriterionLevel(Of(f, "2.2"), {Result(1, "a"), Result(2, "a")}), 1);
  Criterion none;
  none.set_code("9.9");
  EXPECT_EQ(CriterionLevel(none, {Result(1, "a")}), 0);
}

// A result for an indicator the criterion does not have (1.2 Mức 1 b) counts nothing.
TEST(CriterionLevelTest, ResultsForIndicatorsTheCriterionDoesNotHaveAreIgnored) {
  const Framework f = Example();
  EXPECT_EQ(CriterionLevel(Of(f, "1.2"), {Result(1, "b"), Result(2, "a")}), 0);
}

// The worked school: 1.1 at 3, 1.2 at 2, 2.1 at 2, 2.2 at 1, both level-4 items met.
//   Mức 1: every criterion at 1 or better                      holds
//   Mức 2: 1.1, 1.2, 2.1 at 2 or better (2.2 is left out)      holds
//   Mức 3: at least one criterion of standard 1 at 3 (1.1)     holds
//   Mức 4: 2 of 2 level-4 items met                            holds   -> Mức 4
TEST(SchoolLevelTest, TheWorkedSchoolClimbsLevelByLevel) {
  const Framework f = Example();
  const Levels levels = {{"1.1", 3}, {"1.2", 2}, {"2.1", 2}, {"2.2", 1}};
  EXPECT_EQ(SchoolLevel(f, levels, {Result(4, "1"), Result(4, "2")}), 4);
  // Only item 1 of the level-4 list met: 50% of the list, Mức 4 needs 100%.
  EXPECT_EQ(SchoolLevel(f, levels, {Result(4, "1")}), 3);
  EXPECT_EQ(Level4Percent(f, {Result(4, "1")}), 50);
}

// Without "except 2.2" Mức 2 needs 2.2 at 2, which it cannot reach: the school stays at 1.
TEST(SchoolLevelTest, ExceptLeavesACriterionOutOfTheCount) {
  Framework f = Example();
  const Levels levels = {{"1.1", 3}, {"1.2", 2}, {"2.1", 2}, {"2.2", 1}};
  ASSERT_EQ(SchoolLevel(f, levels, {}), 3);
  f.mutable_school_levels(1)->mutable_all_of(0)->clear_except();
  EXPECT_EQ(SchoolLevel(f, levels, {}), 1);
  std::string why;
  EXPECT_FALSE(ConditionHolds(f, f.school_levels(1).all_of(0), levels, 0, &why));
  EXPECT_EQ(why, "3/4 tiêu chí đạt mức 2, cần 100%");
}

// Mức 3 counts standard 1 only: 2.1 at 3 does not help when 1.1 is at 2; all standards would.
TEST(SchoolLevelTest, StandardsRestrictTheCountedCriteria) {
  Framework f = Example();
  const Levels levels = {{"1.1", 2}, {"1.2", 2}, {"2.1", 3}, {"2.2", 1}};
  EXPECT_EQ(SchoolLevel(f, levels, {}), 2);
  f.mutable_school_levels(2)->mutable_all_of(0)->clear_standards();
  EXPECT_EQ(SchoolLevel(f, levels, {}), 3);
}

// Mức 3 with min_count 2 of standard 1: only 1.1 is at 3, so the school is at 2.
TEST(SchoolLevelTest, MinCountIsHowManyCriteriaMustReachTheLevel) {
  Framework f = Example();
  const Levels levels = {{"1.1", 3}, {"1.2", 2}, {"2.1", 2}, {"2.2", 1}};
  f.mutable_school_levels(2)->mutable_all_of(0)->set_min_count(2);
  EXPECT_EQ(SchoolLevel(f, levels, {}), 2);
  std::string why;
  EXPECT_FALSE(ConditionHolds(f, f.school_levels(2).all_of(0), levels, 0, &why));
  EXPECT_EQ(why, "1/2 tiêu chí của tiêu chuẩn 1 đạt mức 3, cần 2");
}

// Mức 4 at 50%: one level-4 item is enough; at 100% both are needed.
TEST(SchoolLevelTest, Level4MinPercentIsTheShareOfTheLevel4ListMet) {
  Framework f = Example();
  const Levels levels = {{"1.1", 3}, {"1.2", 2}, {"2.1", 2}, {"2.2", 1}};
  EXPECT_EQ(SchoolLevel(f, levels, {Result(4, "2")}), 3);
  f.mutable_school_levels(3)->mutable_all_of(0)->set_level4_min_percent(50);
  EXPECT_EQ(SchoolLevel(f, levels, {Result(4, "2")}), 4);
  EXPECT_EQ(SchoolLevel(f, levels, {Result(4, "2", JUDGEMENT_NOT_MET)}), 3);
}

// A criterion missing from the map has reached no level: the school has none.
TEST(SchoolLevelTest, ACriterionNotAssessedKeepsTheSchoolBelowLevel1) {
  const Framework f = Example();
  EXPECT_EQ(SchoolLevel(f, {{"1.1", 3}, {"1.2", 2}, {"2.1", 2}}, {}), 0);
  Framework no_rule = Example();
  no_rule.clear_school_levels();
  EXPECT_EQ(SchoolLevel(no_rule, {{"1.1", 3}, {"1.2", 2}, {"2.1", 2}, {"2.2", 1}}, {}), 0);
}

// Every indicator of `f` met, but those listed in `unmet` ("5.5/1/a").
std::map<std::string, std::vector<IndicatorResult>> AllMetBut(
    const Framework& f, const std::vector<std::string>& unmet) {
  std::map<std::string, std::vector<IndicatorResult>> out;
  for (const Standard& s : f.standards()) {
    for (const Criterion& c : s.criteria()) {
      for (const Indicator& i : c.indicators()) {
        const std::string key = c.code() + "/" + std::to_string(i.level()) + "/" + i.code();
        const bool met = std::find(unmet.begin(), unmet.end(), key) == unmet.end();
        out[c.code()].push_back(
            Result(i.level(), i.code(), met ? JUDGEMENT_MET : JUDGEMENT_NOT_MET));
      }
    }
  }
  return out;
}

int ShippedTt17Level(const std::vector<std::string>& unmet, int level4_met) {
  auto catalog = FrameworkCatalog::BuiltIn();
  EXPECT_TRUE(catalog.ok()) << catalog.status();
  const Framework* f = (*catalog)->Find("tt17-2018");
  EXPECT_NE(f, nullptr);
  Levels levels;
  if (f == nullptr) return -1;
  for (const auto& [code, results] : AllMetBut(*f, unmet)) {
    levels[code] = CriterionLevel(*FindCriterion(*f, code), results);
  }
  EXPECT_GE(f->level4_size(), level4_met);
  std::vector<IndicatorResult> level4;
  for (int i = 0; i < std::min(level4_met, f->level4_size()); ++i) {
    level4.push_back(Result(4, f->level4(i).code()));
  }
  return SchoolLevel(*f, levels, level4);
}

// The shipped TT17 (primary) rule, a school with every indicator met:
//   1.2, 1.5, 1.7, 1.8, 1.9, 1.10, 3.4, 5.1 have no Mức 3 and stop at 2, the
//   others reach 3; Mức 3 leaves those eight out, so the school is at 3, and at
//   4 with all five level-4 items (Điều 22) met.
// Then: 1.1 Mức 3 a not met -> 1.1 at 2 -> the school at 2; 5.5 Mức 1 c not
// met -> 5.5 at 0 -> the school at no level; 4 of 5 level-4 items -> 3.
TEST(SchoolLevelTest, TheShippedTt17RuleOnAWorkedSchool) {
  EXPECT_EQ(ShippedTt17Level({}, 5), 4);
  EXPECT_EQ(ShippedTt17Level({}, 4), 3);
  EXPECT_EQ(ShippedTt17Level({"1.1/3/a"}, 5), 2);
  EXPECT_EQ(ShippedTt17Level({"5.5/1/c"}, 5), 0);
  EXPECT_EQ(ShippedTt17Level({"1.2/2/a"}, 5), 1);
}

}  // namespace
}  // namespace hoso::storage
