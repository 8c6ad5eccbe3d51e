#include "clients/commands/framework_print.h"

#include <cstdio>

namespace hoso::cli {
namespace {

std::string Join(const std::string& a, const std::string& b, const char* sep) {
  return a.empty() ? b : a + sep + b;
}

// "         Mức 1: a) …" (under the criterion's name) then the level's other indicators aligned
// under the first.
void PrintIndicators(const v1::Criterion& criterion) {
  for (int level = 1; level <= 3; ++level) {
    bool first = true;
    for (const v1::Indicator& i : criterion.indicators()) {
      if (i.level() != level) continue;
      std::printf("         %s%s) %s\n",
                  first ? ("Mức " + std::to_string(level) + ": ").c_str() : "       ",
                  i.code().c_str(), i.text().c_str());
      first = false;
    }
  }
}

}  // namespace

std::string DescribeCondition(const v1::LevelCondition& c) {
  std::string out;
  if (c.criteria_level() > 0) {
    std::string standards;
    for (int s : c.standards()) standards = Join(standards, std::to_string(s), ", ");
    std::string except;
    for (const std::string& code : c.except()) except = Join(except, code, ", ");
    out = (c.min_percent() > 0 ? std::to_string(c.min_percent()) + "% tiêu chí"
                               : "ít nhất " + std::to_string(c.min_count()) + " tiêu chí") +
          (standards.empty() ? "" : " của tiêu chuẩn " + standards) + " đạt Mức " +
          std::to_string(c.criteria_level()) + " trở lên" +
          (except.empty() ? "" : " (không tính " + except + ")");
  }
  if (c.level4_min_percent() > 0) {
    out = Join(out, std::to_string(c.level4_min_percent()) + "% nội dung Mức 4 đạt", "; ");
  }
  return out;
}

void PrintFramework(const v1::Framework& f) {
  std::printf("%s: %s\n  evidence codes: %s\n", f.id().c_str(), f.title().c_str(),
              f.code_format().c_str());
  for (const v1::Standard& s : f.standards()) {
    std::printf("Tiêu chuẩn %d: %s\n", s.number(), s.name().c_str());
    for (const v1::Criterion& c : s.criteria()) {
      std::printf("  %-6s %s\n", c.code().c_str(), c.name().c_str());  // as the table had it
      PrintIndicators(c);
    }
  }
  if (!f.level4().empty()) {
    std::printf("Mức 4:\n");
    for (const v1::Indicator& i : f.level4()) {
      std::printf("  %s. %s\n", i.code().c_str(), i.text().c_str());
    }
  }
  if (!f.school_levels().empty()) {
    std::printf("Mức của trường:\n");
    for (const v1::SchoolLevelRule& r : f.school_levels()) {
      std::printf("  Mức %d: %s\n", r.level(), r.text().c_str());
      for (const v1::LevelCondition& c : r.all_of()) {
        std::printf("          %s%s\n", DescribeCondition(c).c_str(),
                    c.text().empty() ? "" : (" — " + c.text()).c_str());
      }
    }
  }
  if (!f.indicators_source().empty()) {
    std::printf("Nguồn: %s\n", f.indicators_source().c_str());
  }
}

}  // namespace hoso::cli
