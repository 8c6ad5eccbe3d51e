#include "storage/assessment/citations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hoso::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;

std::vector<std::string> Written(std::string_view text) {
  std::vector<std::string> out;
  for (const WrittenCitation& c : FindCitations(text)) out.push_back(c.written);
  return out;
}

TEST(CitationsTest, FindsCodesAsSchoolsWriteThem) {
  EXPECT_THAT(Written("Nhà trường có kế hoạch chiến lược [H1-1.1-01]."), ElementsAre("H1-1.1-01"));
  EXPECT_THAT(Written("Có nghị quyết [H1-1.1-01; H1-1.1-03] và biên bản [H1-1.2-02], [1.3-04]"),
              ElementsAre("H1-1.1-01", "H1-1.1-03", "H1-1.2-02", "1.3-04"));
  EXPECT_THAT(Written("[H1-1.1-01]; [H1-1.1-03]"), ElementsAre("H1-1.1-01", "H1-1.1-03"));
}

TEST(CitationsTest, ResolvesTheCodeAndItsPlace) {
  const std::string text = "Kế hoạch [ H2-2.3-07 ] đã ban hành.";
  const auto found = FindCitations(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code.box, 2);
  EXPECT_EQ(found[0].code.criterion, "2.3");
  EXPECT_EQ(found[0].code.seq, 7u);
  EXPECT_EQ(text.substr(found[0].offset, found[0].length), "H2-2.3-07");
}

TEST(CitationsTest, BracketsThatAreNotAllCodesAreText) {
  EXPECT_THAT(Written("Xem [1] và [phụ lục 2], [H1-1.1-01; xem thêm]"), ElementsAre());
  EXPECT_THAT(Written("Mở ngoặc [H1-1.1-01 không đóng"), ElementsAre());
  EXPECT_THAT(Written("[[H1-1.1-01]]"), ElementsAre("H1-1.1-01"));
  EXPECT_THAT(Written("[]; [ ; ]"), ElementsAre());
}

TEST(CitationsTest, StatementsKnowWhetherTheyCite) {
  const auto statements = Statements(
      "Nhà trường xây dựng kế hoạch chiến lược giai đoạn 2020-2025 [H1-1.1-01]. "
      "Kế hoạch được công khai trên cổng thông tin. "
      "Hằng năm có rà soát, điều chỉnh. [H1-1.1-02; H1-1.1-03]\n"
      "Phương hướng phù hợp với mục tiêu giáo dục");
  ASSERT_EQ(statements.size(), 4u);
  EXPECT_THAT(statements,
              ElementsAre(Field(&Statement::cited, true), Field(&Statement::cited, false),
                          Field(&Statement::cited, true), Field(&Statement::cited, false)));
  EXPECT_EQ(statements[1].text, "Kế hoạch được công khai trên cổng thông tin.");
  // The bracket after the full stop belongs to the sentence before it.
  EXPECT_EQ(statements[2].text, "Hằng năm có rà soát, điều chỉnh. [H1-1.1-02; H1-1.1-03]");
  EXPECT_EQ(statements[3].text, "Phương hướng phù hợp với mục tiêu giáo dục");
}

TEST(CitationsTest, CriterionCodesInsideASentenceDoNotSplitIt) {
  const auto statements = Statements("Tiêu chí 1.1 và 1.2 đạt mức 2 [H1-1.1-01].");
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_TRUE(statements[0].cited);
}

TEST(CitationsTest, TheBracketAfterAFullStopStaysWithTheSentenceBeforeWhenAnotherFollows) {
  const auto statements = Statements(
      "Kế hoạch được hội đồng trường thông qua. [H1-1.1-02] Hằng năm nhà trường rà soát.");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].text, "Kế hoạch được hội đồng trường thông qua. [H1-1.1-02]");
  EXPECT_TRUE(statements[0].cited);
  EXPECT_EQ(statements[1].text, "Hằng năm nhà trường rà soát.");
  EXPECT_FALSE(statements[1].cited);
}

TEST(CitationsTest, EmptyTextHasNoStatements) {
  EXPECT_TRUE(Statements("").empty());
  EXPECT_TRUE(Statements(" \n\t ").empty());
}

}  // namespace
}  // namespace hoso::storage
