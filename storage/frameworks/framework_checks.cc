#include "storage/frameworks/framework_checks.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

namespace hoso::storage {
namespace {

absl::Status At(int line, const std::string& why) {
  return absl::InvalidArgumentError((line ? "line " + std::to_string(line) + ": " : "") + why);
}

std::string LevelsText(const Framework& f) {
  std::string out;
  for (int level : f.levels()) out += (out.empty() ? "" : ", ") + std::to_string(level);
  return out.empty() ? "none" : out;
}

bool HasLevel(const Framework& f, int level) {
  return std::find(f.levels().begin(), f.levels().end(), level) != f.levels().end();
}

// One criterion's indicators, at `path` ("standards/0/criteria/3").
absl::Status CheckCriterion(const Framework& f, const Criterion& c, const std::string& path,
                            const JsonLines& lines) {
  std::set<std::pair<int, std::string>> seen;
  for (int i = 0; i < c.indicators_size(); ++i) {
    const Indicator& indicator = c.indicators(i);
    const std::string at = path + "/indicators/" + std::to_string(i);
    const std::string name = "criterion " + c.code() + ": indicator " + indicator.code();
    if (indicator.level() < 1 || indicator.level() > 3) {
      return At(lines.LineOr(at, "level"), name + " is at level " +
                                               std::to_string(indicator.level()) +
                                               "; indicators are at levels 1 to 3");
    }
    if (!HasLevel(f, indicator.level())) {
      return At(lines.LineOr(at, "level"),
                name + " is at level " + std::to_string(indicator.level()) + ", which framework " +
                    f.id() + " does not have (levels: " + LevelsText(f) + ")");
    }
    const std::string of_level = " of level " + std::to_string(indicator.level());
    if (indicator.code().empty()) {
      return At(lines.LineOr(at, "code"),
                "criterion " + c.code() + ": an indicator" + of_level + " has no code");
    }
    if (indicator.text().empty()) {
      return At(lines.LineOr(at, "text"), name + of_level + " has no text");
    }
    if (!seen.emplace(indicator.level(), indicator.code()).second) {
      return At(lines.LineOr(at, "code"), name + of_level + " is listed twice");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckLevel4(const Framework& f, const JsonLines& lines) {
  if (f.level4().empty()) return absl::OkStatus();
  if (!HasLevel(f, 4)) {
    return At(lines.Line("level4"),
              "framework " + f.id() +
                  " has a level-4 list but no level 4 (levels: " + LevelsText(f) + ")");
  }
  std::set<std::string> seen;
  for (int i = 0; i < f.level4_size(); ++i) {
    const Indicator& item = f.level4(i);
    const std::string at = "level4/" + std::to_string(i);
    const std::string name = "level-4 item " + item.code();
    if (item.level() != 4) {
      return At(lines.LineOr(at, "level"), name + " is at level " + std::to_string(item.level()) +
                                               "; the level-4 list is at level 4");
    }
    if (item.code().empty()) return At(lines.LineOr(at, "code"), "a level-4 item has no code");
    if (item.text().empty()) return At(lines.LineOr(at, "text"), name + " has no text");
    if (!seen.insert(item.code()).second) {
      return At(lines.LineOr(at, "code"), name + " is listed twice");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckCondition(const Framework& f, const LevelCondition& c, const std::string& name,
                            const std::string& at, const JsonLines& lines) {
  std::set<int> standards;
  std::set<std::string> criteria;
  for (const Standard& s : f.standards()) {
    standards.insert(s.number());
    for (const Criterion& cr : s.criteria()) criteria.insert(cr.code());
  }
  for (int i = 0; i < c.standards_size(); ++i) {
    if (!standards.count(c.standards(i))) {
      return At(lines.Line(at + "/standards/" + std::to_string(i)),
                name + " counts standard " + std::to_string(c.standards(i)) + ", which framework " +
                    f.id() + " does not have");
    }
  }
  for (int i = 0; i < c.except_size(); ++i) {
    if (!criteria.count(c.except(i))) {
      return At(lines.Line(at + "/except/" + std::to_string(i)),
                name + " leaves out criterion " + c.except(i) + ", which framework " + f.id() +
                    " does not have");
    }
  }
  for (auto [field, value] : {std::pair<const char*, int>{"min_percent", c.min_percent()},
                              {"level4_min_percent", c.level4_min_percent()}}) {
    if (value < 0 || value > 100) {
      return At(lines.LineOr(at, field),
                name + ": " + field + " " + std::to_string(value) + " is outside 0..100");
    }
  }
  if (c.min_count() < 0) {
    return At(lines.LineOr(at, "min_count"), name + ": min_count is negative");
  }
  if (c.criteria_level() != 0 && (c.criteria_level() < 1 || c.criteria_level() > 3)) {
    return At(lines.LineOr(at, "criteria_level"),
              name + ": criteria_level " + std::to_string(c.criteria_level()) + " is outside 1..3");
  }
  if (c.criteria_level() == 0 && c.level4_min_percent() == 0) {
    return At(lines.Line(at),
              name + " has neither a criteria_level nor a level4_min_percent, so it asks nothing");
  }
  if (c.criteria_level() != 0 && c.min_percent() == 0 && c.min_count() == 0) {
    return At(lines.LineOr(at, "criteria_level"),
              name + " says neither min_percent nor min_count of the criteria must reach level " +
                  std::to_string(c.criteria_level()));
  }
  return absl::OkStatus();
}

absl::Status CheckSchoolLevels(const Framework& f, const JsonLines& lines) {
  std::set<int> seen;
  for (int i = 0; i < f.school_levels_size(); ++i) {
    const SchoolLevelRule& rule = f.school_levels(i);
    const std::string at = "school_levels/" + std::to_string(i);
    const std::string name = "school level " + std::to_string(rule.level());
    if (!HasLevel(f, rule.level())) {
      return At(lines.LineOr(at, "level"),
                name + " is not one of framework " + f.id() + "'s levels (" + LevelsText(f) + ")");
    }
    if (!seen.insert(rule.level()).second) {
      return At(lines.LineOr(at, "level"), name + " is listed twice");
    }
    for (int j = 0; j < rule.all_of_size(); ++j) {
      const std::string cond = at + "/all_of/" + std::to_string(j);
      if (absl::Status s = CheckCondition(
              f, rule.all_of(j), name + ": condition " + std::to_string(j + 1), cond, lines);
          !s.ok()) {
        return s;
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckIndicatorsAndRules(const Framework& framework, const JsonLines& lines) {
  for (int s = 0; s < framework.standards_size(); ++s) {
    const Standard& standard = framework.standards(s);
    for (int c = 0; c < standard.criteria_size(); ++c) {
      const std::string path = "standards/" + std::to_string(s) + "/criteria/" + std::to_string(c);
      if (absl::Status st = CheckCriterion(framework, standard.criteria(c), path, lines); !st.ok())
        return st;
    }
  }
  if (absl::Status s = CheckLevel4(framework, lines); !s.ok()) return s;
  return CheckSchoolLevels(framework, lines);
}

}  // namespace hoso::storage
