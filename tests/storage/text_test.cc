#include "storage/base/text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "tests/support/status_matchers.h"

namespace hoso::text {
namespace {

TEST(CleanFileNameTest, NormalisesToNfc) {
  auto name = CleanFileName("Bie\xCC\x82n ba\xCC\x89n.pdf");
  ASSERT_OK(name);
  EXPECT_EQ(*name, "Bi\xC3\xAAn b\xE1\xBA\xA3n.pdf");
}

TEST(CleanFileNameTest, RejectsDangerousNamesSayingWhy) {
  struct Case {
    std::string name, why;
  };
  const std::vector<Case> cases = {
      {"", "empty"},
      {"a/b.pdf", "path separator"},
      {"a\\b.pdf", "path separator"},
      {"..", "not a file name"},
      {std::string("a\0b", 3), "NUL"},
      {"a\x01"
       "b",
       "control character"},
      {"\xC3\x28.pdf", "not valid UTF-8"},
      {std::string(256, 'a'), "limit is 255"},
  };
  for (const Case& c : cases) {
    auto result = CleanFileName(c.name);
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << c.why;
    EXPECT_NE(result.status().message().find(c.why), std::string::npos)
        << result.status().message();
  }
}

TEST(ValidateTest, SchoolYears) {
  EXPECT_OK(ValidateSchoolYear("2024-2025"));
  EXPECT_THAT(ValidateSchoolYear("2024-2026"), ::testing::Not(::hoso::testing::IsOk()));
  EXPECT_THAT(ValidateSchoolYear("2024/2025"), ::testing::Not(::hoso::testing::IsOk()));
  EXPECT_THAT(ValidateSchoolYear("24-25"), ::testing::Not(::hoso::testing::IsOk()));
}

TEST(ValidateTest, Dates) {
  EXPECT_OK(ValidateDate("2024-02-29"));
  EXPECT_THAT(ValidateDate("2023-02-29"), ::testing::Not(::hoso::testing::IsOk()));
  EXPECT_THAT(ValidateDate("2024-13-01"), ::testing::Not(::hoso::testing::IsOk()));
  EXPECT_THAT(ValidateDate("15/09/2024"), ::testing::Not(::hoso::testing::IsOk()));
}

TEST(EscapeMarkupTest, WritesWhatMarkupReadsAsEntities) {
  EXPECT_EQ(EscapeMarkup("<a href=\"x\">Tô & Lê's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tô &amp; Lê&#39;s&lt;/a&gt;");
  EXPECT_EQ(EscapeMarkup("Trường Tiểu học"), "Trường Tiểu học");
}

TEST(FoldCaseTest, VietnameseCapitalsMatchTheirSmallLetters) {
  EXPECT_TRUE(ContainsFolded("Phó Hiệu trưởng", "HIỆU TRƯỞNG"));
  EXPECT_TRUE(ContainsFolded("ĐOÀN THANH NIÊN", "đoàn"));
  // NFD (a Mac's keyboard) folds like NFC.
  EXPECT_TRUE(ContainsFolded("Hiệu trưởng", "HIE\xCC\xA3\xCC\x82U"));
  EXPECT_EQ(FoldCase("HIỆU"), FoldCase("hiệu"));
  // Diacritics are letters: "hieu" is another word.
  EXPECT_FALSE(ContainsFolded("Hiệu trưởng", "hieu"));
}

TEST(VietnameseCollatorTest, OrdersAsPeopleExpect) {
  VietnameseCollator collator;
  std::vector<std::string> words = {"Đông", "Dung", "Ăn", "An", "Âm", "Bình", "Ơn", "Ô", "O"};
  std::sort(words.begin(), words.end(),
            [&](const std::string& a, const std::string& b) { return collator.Less(a, b); });
  const std::vector<std::string> expected = {"An",   "Ăn", "Âm", "Bình", "Dung",
                                             "Đông", "O",  "Ô",  "Ơn"};
  EXPECT_EQ(words, expected);
}

}  // namespace
}  // namespace hoso::text
