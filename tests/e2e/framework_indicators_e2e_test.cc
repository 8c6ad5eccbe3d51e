// A framework with indicators through the real hosod and hoso: imported good
// and shown level by level, imported malformed and refused with its line,
// nothing stored; the shipped TT17 shows its indicators, level-4 list and rule.
#include <gtest/gtest.h>

#include "tests/support/hosod_fixture.h"

namespace hoso {
namespace {

// An edition of the kind the reported 2026 circular is: levels 1–2 only.
const char kEdition[] = R"({
 "id": "tt57-2026-thu",
 "title": "Bản thử hai mức",
 "levels": [1, 2],
 "standards": [
  {"number": 1, "name": "Tổ chức và quản lý nhà trường", "criteria": [
   {"code": "1.1", "name": "Phương hướng", "source": "https://example.invalid/tt57", "indicators": [
    {"level": 1, "code": "a", "text": "Chỉ báo một của mức một;"},
    {"level": 1, "code": "b", "text": "Chỉ báo hai của mức một."},
    {"level": 2, "code": "a", "text": "Chỉ báo của mức hai."}
   ]},
   {"code": "1.2", "name": "Hội đồng trường"}
  ]}
 ],
 "school_levels": [
  {"level": 1, "text": "Mức 1: mọi tiêu chí đạt Mức 1", "all_of": [{"criteria_level": 1, "min_percent": 100}]},
  {"level": 2, "text": "Mức 2: mọi tiêu chí đạt Mức 2", "all_of": [{"criteria_level": 2, "min_percent": 100, "except": ["1.2"]}]}
 ],
 "indicators_source": "bản thử của kiểm thử"
})";

class FrameworkIndicatorsE2eTest : public HosodTest {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_.Sub(name);
    WriteFile(path, text);
    return path;
  }
};

TEST_F(FrameworkIndicatorsE2eTest, AnImportedEditionShowsItsIndicatorsPerLevelAndItsRule) {
  const CommandResult import = Hoso({"framework", "import", Write("tt57.json", kEdition)});
  ASSERT_EQ(import.exit_code, 0) << import.err;

  const CommandResult show = Hoso({"framework", "show", "tt57-2026-thu"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("  1.1    Phương hướng\n"
                          "         Mức 1: a) Chỉ báo một của mức một;\n"
                          "                b) Chỉ báo hai của mức một.\n"
                          "         Mức 2: a) Chỉ báo của mức hai.\n"
                          "  1.2    Hội đồng trường\n"),
            std::string::npos)
      << show.out;
  EXPECT_NE(show.out.find("Mức của trường:\n"
                          "  Mức 1: Mức 1: mọi tiêu chí đạt Mức 1\n"
                          "          100% tiêu chí đạt Mức 1 trở lên\n"
                          "  Mức 2: Mức 2: mọi tiêu chí đạt Mức 2\n"
                          "          100% tiêu chí đạt Mức 2 trở lên (không tính 1.2)\n"),
            std::string::npos)
      << show.out;
  EXPECT_NE(show.out.find("Nguồn: bản thử của kiểm thử"), std::string::npos) << show.out;

  const CommandResult json = Hoso({"--json", "framework", "show", "tt57-2026-thu"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  for (const char* part :
       {R"("text":"Chỉ báo của mức hai.")", R"("source":"https://example.invalid/tt57")",
        R"("levels":[1,2])", R"("except":["1.2"])",
        R"("indicators_source":"bản thử của kiểm thử")"}) {
    EXPECT_NE(json.out.find(part), std::string::npos) << part << "\n" << json.out;
  }
}

TEST_F(FrameworkIndicatorsE2eTest, AMalformedEditionIsRefusedWithItsLineAndNothingIsStored) {
  std::string bad = kEdition;
  const std::string second = R"({"level": 1, "code": "b", "text": "Chỉ báo hai của mức một."})";
  bad.replace(bad.find(second), second.size(),
              R"({"level": 1, "code": "a", "text": "Chỉ báo hai của mức một."})");
  const CommandResult import = Hoso({"framework", "import", Write("bad.json", bad)});
  EXPECT_EQ(import.exit_code, 5) << import.err;
  EXPECT_NE(import.err.find("line 9: criterion 1.1: indicator a of level 1 is listed twice"),
            std::string::npos)
      << import.err;

  EXPECT_EQ(Hoso({"framework", "show", "tt57-2026-thu"}).exit_code, 3);
  const CommandResult list = Hoso({"framework", "ls"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out.find("tt57-2026-thu"), std::string::npos) << list.out;

  // A rule for a level the edition does not have, after a restart: still nothing stored,
  // and the good file then imports.
  std::string rule = kEdition;
  const std::string level2 = R"({"level": 2, "text")";
  rule.replace(rule.find(level2), level2.size(), R"({"level": 3, "text")");
  const CommandResult refused = Hoso({"framework", "import", Write("rule.json", rule)});
  EXPECT_EQ(refused.exit_code, 5);
  EXPECT_NE(refused.err.find(
                "line 17: school level 3 is not one of framework tt57-2026-thu's levels (1, 2)"),
            std::string::npos)
      << refused.err;
  StopServer();
  StartServer();
  EXPECT_EQ(Hoso({"framework", "show", "tt57-2026-thu"}).exit_code, 3);
  EXPECT_EQ(Hoso({"framework", "import", Write("good.json", kEdition)}).exit_code, 0);
}

TEST_F(FrameworkIndicatorsE2eTest, TheShippedTt17ShowsItsIndicatorsLevel4ListAndRule) {
  const CommandResult show = Hoso({"framework", "show", "tt17-2018"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  for (const char* part :
       {"  1.2    Hội đồng trường (Hội đồng quản trị đối với trường tư thục) và các hội đồng khác\n"
        "         Mức 1: a) Được thành lập theo quy định;\n",
        "Mức 4:\n  1. Kế hoạch giáo dục của nhà trường có những nội dung được tham khảo",
        "  Mức 3: Level 3: Meets the criteria set forth in Section 3, Chapter II of this "
        "Regulation;\n          100% tiêu chí đạt Mức 3 trở lên (không tính 1.2, 1.5, 1.7, 1.8, "
        "1.9, 1.10, 3.4, 5.1)\n",
        "Nguồn: Indicator texts"}) {
    EXPECT_NE(show.out.find(part), std::string::npos) << part << "\n" << show.out;
  }
}

}  // namespace
}  // namespace hoso
