// Frameworks carry indicators, the level-4 list and the school-level rules:
// the shipped files parse and hold what their provenance claims, and every
// malformed indicator or rule is refused with the line that holds it.
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <set>
#include <string>

#include "storage/frameworks/framework_catalog.h"

namespace hoso::storage {
namespace {

bool IsNfc(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  return U_SUCCESS(status) && nfc->isNormalized(icu::UnicodeString::fromUTF8(text), status) &&
         U_SUCCESS(status);
}

// The criteria a file names in "Indicators not sourced for: 3.4, 3.5;".
std::set<std::string> NotSourced(const Framework& f) {
  std::set<std::string> out;
  const std::string marker = "Indicators not sourced for: ";
  const size_t at = f.indicators_source().find(marker);
  if (at == std::string::npos) return out;
  const std::string list = f.indicators_source().substr(
      at + marker.size(), f.indicators_source().find(';', at) - at - marker.size());
  size_t start = 0;
  while (start < list.size()) {
    const size_t comma = std::min(list.find(", ", start), list.size());
    out.insert(list.substr(start, comma - start));
    start = comma + 2;
  }
  return out;
}

struct Shipped {
  const char* id;
  int indicators;  // counted in the file when it was sourced
  int level4;
  bool rule;
};

TEST(ShippedFrameworksTest, CarryTheIndicatorsListsAndRulesTheirProvenanceClaims) {
  auto catalog = FrameworkCatalog::BuiltIn();
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  for (const Shipped& s : {Shipped{"tt17-2018", 153, 5, true}, Shipped{"tt18-2018", 154, 6, true},
                           Shipped{"tt19-2018", 146, 6, true}}) {
    SCOPED_TRACE(s.id);
    const Framework* f = (*catalog)->Find(s.id);
    ASSERT_NE(f, nullptr);
    ASSERT_FALSE(f->indicators_source().empty());
    const std::set<std::string> missing = NotSourced(*f);
    int indicators = 0;
    for (const Standard& standard : f->standards()) {
      for (const Criterion& c : standard.criteria()) {
        indicators += c.indicators_size();
        if (missing.count(c.code())) {
          EXPECT_EQ(c.indicators_size(), 0) << c.code();
          continue;
        }
        // Every sourced criterion has Mức 1 and Mức 2 and names where its text is from.
        std::set<int> levels;
        for (const Indicator& i : c.indicators()) {
          levels.insert(i.level());
          EXPECT_TRUE(IsNfc(i.text())) << c.code() << " " << i.code();
          EXPECT_TRUE(!i.text().empty() && i.text().front() != ' ' && i.text().back() != ' ')
              << c.code() << " " << i.code();
        }
        EXPECT_TRUE(levels.count(1) && levels.count(2)) << c.code();
        EXPECT_EQ(c.source().rfind("https://", 0), 0u) << c.code();
      }
    }
    EXPECT_EQ(indicators, s.indicators);
    EXPECT_EQ(f->level4_size(), s.level4);
    for (const Indicator& item : f->level4()) EXPECT_TRUE(IsNfc(item.text())) << item.code();
    EXPECT_EQ(f->school_levels_size(), s.rule ? 4 : 0);
    if (!s.rule) {
      EXPECT_NE(f->indicators_source().find("School levels (school_levels) not sourced"),
                std::string::npos);
    }
  }
}

// Two texts checked word for word against the quoting template.
TEST(ShippedFrameworksTest, KeepTheQuotedTextWordForWord) {
  auto catalog = FrameworkCatalog::BuiltIn();
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  const Framework* tt17 = (*catalog)->Find("tt17-2018");
  ASSERT_NE(tt17, nullptr);
  const Criterion& c12 = tt17->standards(0).criteria(1);
  ASSERT_EQ(c12.code(), "1.2");
  ASSERT_GE(c12.indicators_size(), 4);
  EXPECT_EQ(c12.indicators(0).text(), "Được thành lập theo quy định;");
  EXPECT_EQ(c12.indicators(3).level(), 2);
  EXPECT_EQ(c12.indicators(3).text(),
            "Hoạt động có hiệu quả, góp phần nâng cao chất lượng giáo dục của nhà trường");
  const Framework* tt19 = (*catalog)->Find("tt19-2018");
  ASSERT_NE(tt19, nullptr);
  EXPECT_EQ(tt19->level4(4).text(),
            "Trong 05 năm liên tiếp tính đến thời điểm đánh giá, nhà trường hoàn thành tất cả các "
            "mục tiêu theo phương hướng, chiến lược phát triển nhà trường.");
}

// A small edition, one object a line, so each case below knows its line.
const char kGood[] = R"({
 "id": "mini",
 "levels": [1, 2, 3, 4],
 "standards": [
  {"number": 1, "name": "S1", "criteria": [
   {"code": "1.1", "name": "C1", "indicators": [
    {"level": 1, "code": "a", "text": "A"},
    {"level": 1, "code": "b", "text": "B"},
    {"level": 2, "code": "a", "text": "C"}
   ]},
   {"code": "1.2", "name": "C2"}
  ]}
 ],
 "level4": [
  {"level": 4, "code": "1", "text": "L4"}
 ],
 "school_levels": [
  {"level": 1, "all_of": [{"criteria_level": 1, "min_percent": 100}]},
  {"level": 2, "all_of": [{"criteria_level": 2, "min_percent": 100, "except": ["1.2"]}]}
 ]
})";

// `json` (kGood unless given) with `from` replaced by `to` (which must occur once).
std::string With(const std::string& from, const std::string& to, std::string json = kGood) {
  const size_t at = json.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(json.find(from, at + 1), std::string::npos) << from;
  if (at != std::string::npos) json.replace(at, from.size(), to);
  return json;
}

std::string Refusal(const std::string& json) {
  auto f = FrameworkCatalog::Parse(json);
  if (f.ok()) return "accepted";
  EXPECT_EQ(f.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(f.status().message());
}

TEST(FrameworkIndicatorsTest, AGoodFileKeepsItsIndicatorsListAndRules) {
  auto f = FrameworkCatalog::Parse(kGood);
  ASSERT_TRUE(f.ok()) << f.status();
  ASSERT_EQ(f->standards(0).criteria(0).indicators_size(), 3);
  EXPECT_EQ(f->standards(0).criteria(0).indicators(2).text(), "C");
  EXPECT_EQ(f->level4(0).code(), "1");
  ASSERT_EQ(f->school_levels_size(), 2);
  EXPECT_EQ(f->school_levels(1).all_of(0).except(0), "1.2");
  // protobuf's JSON names ("schoolLevels", "allOf") are the same fields.
  auto camel = FrameworkCatalog::Parse(With(R"("school_levels": [)", R"("schoolLevels": [)"));
  ASSERT_TRUE(camel.ok()) << camel.status();
  EXPECT_EQ(camel->school_levels_size(), 2);
  EXPECT_EQ(Refusal(With(R"({"level": 2, "all_of")", R"({"level": 5, "allOf")",
                         With(R"("school_levels": [)", R"("schoolLevels": [)"))),
            "line 19: school level 5 is not one of framework mini's levels (1, 2, 3, 4)");
}

TEST(FrameworkIndicatorsTest, IndicatorLevelsMustBe1To3AndTheFrameworks) {
  EXPECT_EQ(Refusal(With(R"({"level": 2, "code": "a", "text": "C"})",
                         R"({"level": 5, "code": "a", "text": "C"})")),
            "line 9: criterion 1.1: indicator a is at level 5; indicators are at levels 1 to 3");
  EXPECT_EQ(Refusal(With(R"({"level": 2, "code": "a", "text": "C"})",
                         R"({"level": 0, "code": "a", "text": "C"})")),
            "line 9: criterion 1.1: indicator a is at level 0; indicators are at levels 1 to 3");
  // An edition with levels 1–2 only (the reported 2026 circular) cannot hold a Mức 3 indicator.
  const std::string two =
      With(R"({"level": 2, "code": "a", "text": "C"})", R"({"level": 3, "code": "a", "text": "C"})",
           With(R"("levels": [1, 2, 3, 4])", R"("levels": [1, 2])"));
  EXPECT_EQ(Refusal(two),
            "line 9: criterion 1.1: indicator a is at level 3, which framework mini does not have "
            "(levels: 1, 2)");
}

TEST(FrameworkIndicatorsTest, AnIndicatorCodeIsListedOncePerLevel) {
  EXPECT_EQ(Refusal(With(R"("code": "b", "text": "B")", R"("code": "a", "text": "B")")),
            "line 8: criterion 1.1: indicator a of level 1 is listed twice");
}

TEST(FrameworkIndicatorsTest, AnIndicatorNeedsACodeAndAText) {
  EXPECT_EQ(Refusal(With(R"("code": "b", "text": "B")", R"("code": "", "text": "B")")),
            "line 8: criterion 1.1: an indicator of level 1 has no code");
  EXPECT_EQ(Refusal(With(R"("code": "a", "text": "A")", R"("code": "a", "text": "")")),
            "line 7: criterion 1.1: indicator a of level 1 has no text");
  EXPECT_EQ(
      Refusal(With(R"({"level": 1, "code": "a", "text": "A"})", R"({"level": 1, "code": "a"})")),
      "line 7: criterion 1.1: indicator a of level 1 has no text");
}

TEST(FrameworkIndicatorsTest, TheLevel4ListIsAtLevel4AndNeedsLevel4) {
  EXPECT_EQ(Refusal(With(R"({"level": 4, "code": "1", "text": "L4"})",
                         R"({"level": 3, "code": "1", "text": "L4"})")),
            "line 15: level-4 item 1 is at level 3; the level-4 list is at level 4");
  EXPECT_EQ(Refusal(With(R"({"level": 4, "code": "1", "text": "L4"})",
                         R"({"level": 4, "code": "1", "text": ""})")),
            "line 15: level-4 item 1 has no text");
  EXPECT_EQ(Refusal(With(R"("levels": [1, 2, 3, 4])", R"("levels": [1, 2, 3])")),
            "line 14: framework mini has a level-4 list but no level 4 (levels: 1, 2, 3)");
}

TEST(FrameworkIndicatorsTest, ASchoolLevelIsOneOfTheFrameworksLevelsListedOnce) {
  EXPECT_EQ(Refusal(With(R"({"level": 2, "all_of")", R"({"level": 5, "all_of")")),
            "line 19: school level 5 is not one of framework mini's levels (1, 2, 3, 4)");
  EXPECT_EQ(Refusal(With(R"({"level": 2, "all_of")", R"({"level": 1, "all_of")")),
            "line 19: school level 1 is listed twice");
}

TEST(FrameworkIndicatorsTest, AConditionNamesOnlyStandardsAndCriteriaTheFrameworkHas) {
  EXPECT_EQ(Refusal(With(R"([{"criteria_level": 1, "min_percent": 100}])",
                         R"([{"criteria_level": 1, "min_percent": 100, "standards": [7]}])")),
            "line 18: school level 1: condition 1 counts standard 7, which framework mini does "
            "not have");
  EXPECT_EQ(Refusal(With(R"("except": ["1.2"])", R"("except": ["9.9"])")),
            "line 19: school level 2: condition 1 leaves out criterion 9.9, which framework mini "
            "does not have");
}

TEST(FrameworkIndicatorsTest, PercentsAre0To100AndCriteriaLevels1To3) {
  EXPECT_EQ(Refusal(With(R"({"criteria_level": 1, "min_percent": 100})",
                         R"({"criteria_level": 1, "min_percent": 120})")),
            "line 18: school level 1: condition 1: min_percent 120 is outside 0..100");
  EXPECT_EQ(Refusal(With(R"({"criteria_level": 1, "min_percent": 100})",
                         R"({"criteria_level": 1, "min_percent": 100, "level4_min_percent": -5})")),
            "line 18: school level 1: condition 1: level4_min_percent -5 is outside 0..100");
  EXPECT_EQ(Refusal(With(R"({"criteria_level": 1, "min_percent": 100})",
                         R"({"criteria_level": 4, "min_percent": 100})")),
            "line 18: school level 1: condition 1: criteria_level 4 is outside 1..3");
}

TEST(FrameworkIndicatorsTest, AConditionMustAskSomething) {
  EXPECT_EQ(
      Refusal(With(R"({"criteria_level": 1, "min_percent": 100})", R"({"min_percent": 100})")),
      "line 18: school level 1: condition 1 has neither a criteria_level nor a "
      "level4_min_percent, so it asks nothing");
  EXPECT_EQ(
      Refusal(With(R"({"criteria_level": 1, "min_percent": 100})", R"({"criteria_level": 1})")),
      "line 18: school level 1: condition 1 says neither min_percent nor min_count of the "
      "criteria must reach level 1");
}

}  // namespace
}  // namespace hoso::storage
