#include "clients/app/table.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace hoso::cli {
namespace {

// "Nguyễn Văn An" written precomposed (NFC) and decomposed (NFD: e + circumflex
// + tilde, a + breve).
const std::string kNfc = "Nguy\u1EC5n V\u0103n An";
const std::string kNfd = "Nguye\u0302\u0303n Va\u0306n An";
const std::string kAscii = "Tran Van Binh";

// The display column where the cell after the first one starts.
int SecondColumnAt(const Table& table, const std::string& first) {
  const std::string row = table.Row({first, "X"});
  return DisplayWidth(row.substr(0, row.rfind('X')));
}

TEST(DisplayWidthTest, CountsColumnsNotBytes) {
  EXPECT_EQ(DisplayWidth(kAscii), 13);
  EXPECT_EQ(DisplayWidth(kNfc), 13);
  EXPECT_GT(kNfc.size(), 13u);
}

TEST(DisplayWidthTest, DecomposedEqualsComposed) {
  ASSERT_NE(kNfc, kNfd);
  EXPECT_EQ(DisplayWidth(kNfd), 13);
}

TEST(DisplayWidthTest, CombiningMarksTakeNoColumn) {
  EXPECT_EQ(DisplayWidth("a\u0301\u0323"), 1);  // a with acute and dot below
  EXPECT_EQ(DisplayWidth("\u0301"), 0);         // a lone mark
}

TEST(DisplayWidthTest, EastAsianWideTakesTwo) {
  EXPECT_EQ(DisplayWidth("\u5B66\u6821"), 4);  // 学校
  EXPECT_EQ(DisplayWidth("\uFF21"), 2);        // fullwidth A
  EXPECT_EQ(DisplayWidth("x\u5B66y"), 4);
}

TEST(TableTest, VietnameseNameAlignsWithAscii) {
  const Table table({Left(16), Left(0)});
  EXPECT_EQ(SecondColumnAt(table, kNfc), 17);
  EXPECT_EQ(SecondColumnAt(table, kAscii), 17);
}

TEST(TableTest, NfdNameAlignsLikeItsNfcForm) {
  const Table table({Left(16), Left(0)});
  EXPECT_EQ(SecondColumnAt(table, kNfd), SecondColumnAt(table, kNfc));
  // The cell itself is written as given, not normalized.
  EXPECT_EQ(table.Row({kNfd, "X"}).substr(0, kNfd.size()), kNfd);
}

TEST(TableTest, WideCharactersAlign) {
  const Table table({Left(10), Left(0)});
  EXPECT_EQ(SecondColumnAt(table, "\u5B66\u6821"), 11);
}

TEST(TableTest, AsciiRowsMatchPrintf) {
  const Table table({Left(6), Left(14), Right(6), Left(0, "  ")});
  char expected[128];
  std::snprintf(expected, sizeof expected, "%-6s %-14s %6s  %s", "12", "H1-1.1-01", "3", "Title");
  EXPECT_EQ(table.Row({"12", "H1-1.1-01", "3", "Title"}), expected);
}

TEST(TableTest, RightAlignsByDisplayWidth) {
  const Table table({Right(6), Left(0)});
  EXPECT_EQ(table.Row({"\u1EC5", "X"}), "     \u1EC5 X");
}

TEST(TableTest, WiderCellPushesTheRestAndIsNotCut) {
  const Table table({Left(4), Left(0)});
  EXPECT_EQ(table.Row({"abcdef", "X"}), "abcdef X");
}

TEST(TableTest, MissingAndExtraCells) {
  const Table table({Left(3), Left(3)});
  EXPECT_EQ(table.Row({"a"}), "a      ");  // "a" and an empty cell, both padded
  EXPECT_EQ(table.Row({"a", "b", "c"}), "a   b   c");
}

}  // namespace
}  // namespace hoso::cli
