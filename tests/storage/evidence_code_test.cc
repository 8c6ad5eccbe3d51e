#include "storage/frameworks/evidence_code.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "storage/store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

const Actor kTester{"tester", "admin"};

TEST(EvidenceCodeTest, FormatsShippedAndBoxlessCodes) {
  EXPECT_EQ(FormatEvidenceCode("[H{box}-{criterion}-{seq:02}]", 1, "1.1", 1), "[H1-1.1-01]");
  EXPECT_EQ(FormatEvidenceCode("[H{box}-{criterion}-{seq:02}]", 1, "1.10", 3), "[H1-1.10-03]");
  EXPECT_EQ(FormatEvidenceCode("[H{box}-{criterion}-{seq:02}]", 3, "3.2", 123), "[H3-3.2-123]");
  EXPECT_EQ(FormatEvidenceCode("{criterion}-{seq:02}", 1, "1.1", 1), "1.1-01");
  EXPECT_EQ(FormatEvidenceCode("MC.{criterion}.{seq:02}", 1, "1.3", 1), "MC.1.3.01");
}

TEST(EvidenceCodeTest, RejectsFormatsWithoutCriterionOrSequence) {
  EXPECT_OK(ValidateCodeFormat("[H{box}-{criterion}-{seq:02}]"));
  EXPECT_THAT(ValidateCodeFormat("[H{box}-{seq:02}]"), ::testing::Not(::hoso::testing::IsOk()));
  EXPECT_THAT(ValidateCodeFormat("{criterion}-{sequence}"),
              ::testing::Not(::hoso::testing::IsOk()));
  EXPECT_THAT(ValidateCodeFormat("{criterion}-{seq:02"), ::testing::Not(::hoso::testing::IsOk()));
}

TEST(EvidenceCodeTest, NormalisesTypedCodes) {
  EXPECT_EQ(NormalizeCodeRef("[h1-1.1-01]"), "H1-1.1-01");
  EXPECT_EQ(NormalizeCodeRef("H1-1.1-01"), "H1-1.1-01");
  EXPECT_EQ(NormalizeCodeRef(" [H1-1.1-01] "), "H1-1.1-01");
}

TEST(EvidenceCodeTest, NaturalOrder) {
  std::vector<std::string> codes = {"[H1-1.10-01]", "[H1-1.2-02]", "[H1-1.2-10]",
                                    "[H1-1.2-03]",  "[H2-2.1-01]", "[H1-1.1-01]"};
  std::sort(codes.begin(), codes.end(),
            [](const std::string& a, const std::string& b) { return NaturalLess(a, b); });
  const std::vector<std::string> expected = {"[H1-1.1-01]", "[H1-1.2-02]",  "[H1-1.2-03]",
                                             "[H1-1.2-10]", "[H1-1.10-01]", "[H2-2.1-01]"};
  EXPECT_EQ(codes, expected);
  EXPECT_EQ(StandardOf("1.10"), 1);
  EXPECT_EQ(StandardOf("12.3"), 12);
  EXPECT_EQ(StandardOf("x"), 0);
  EXPECT_EQ(StandardOf("11111111111.1"), 0) << "overflowed";
}

class CodeAssignmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(dir_.path());
    ASSERT_OK(store);
    store_ = std::move(*store);
    ASSERT_OK(store_->schools().Create(kTester, "LQD", "Lê Quý Đôn", "tt17-2018"));
    ASSERT_OK(
        store_->schools().Create(kTester, "LV", "Lạc Viên", "tt18-2018", "{criterion}-{seq:02}"));
    UploadRequest request;
    request.declared = Sha256Of("x");
    request.declared_size = 1;
    auto upload = store_->content().BeginUpload(request);
    ASSERT_OK(upload);
    ASSERT_OK((*upload)->Append("x"));
    ASSERT_OK((*upload)->Finish());
  }

  EvidenceRecord Add(const std::string& school, std::vector<std::string> criteria, int box = 0) {
    EvidenceRecord draft;
    draft.set_school(school);
    draft.set_title("Minh chứng");
    draft.set_box(box);
    for (auto& c : criteria) draft.add_criteria(c);
    auto created = store_->evidence().Create(kTester, draft, {{"a.pdf", "", Sha256Of("x")}});
    EXPECT_OK(created);
    return created.ok() ? *created : EvidenceRecord();
  }

  hoso::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(CodeAssignmentTest, FirstCodesFollowTheRootCriterion) {
  EXPECT_EQ(Add("LQD", {"1.1"}).code(), "[H1-1.1-01]");
  EXPECT_EQ(Add("LQD", {"1.1", "2.1"}).code(), "[H1-1.1-02]");
  EXPECT_EQ(Add("LQD", {"1.10"}).code(), "[H1-1.10-01]");
  EXPECT_EQ(Add("LQD", {"3.2"}).code(), "[H3-3.2-01]");
  EXPECT_EQ(Add("LQD", {"3.2"}, /*box=*/7).code(), "[H7-3.2-02]");
  EXPECT_EQ(Add("LV", {"1.1"}).code(), "1.1-01");
}

TEST_F(CodeAssignmentTest, LinkKeepsTheCodeAndRootCannotBeUnlinked) {
  const EvidenceRecord item = Add("LQD", {"1.1"});
  auto linked = store_->evidence().Link(kTester, "LQD", item.id(), "2.3");
  ASSERT_OK(linked);
  EXPECT_EQ(linked->code(), "[H1-1.1-01]");
  ASSERT_EQ(linked->criteria_size(), 2);
  auto root = store_->evidence().Unlink(kTester, "LQD", item.id(), "1.1");
  EXPECT_EQ(root.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(root.status().message(),
            "criterion 1.1 is the root of [H1-1.1-01] and cannot be unlinked while 2.3 cite it");
  auto outside = store_->evidence().Link(kTester, "LQD", item.id(), "9.9");
  EXPECT_EQ(outside.status().code(), absl::StatusCode::kInvalidArgument);
  auto unlinked = store_->evidence().Unlink(kTester, "LQD", item.id(), "2.3");
  ASSERT_OK(unlinked);
  EXPECT_EQ(unlinked->criteria_size(), 1);
  EXPECT_EQ(store_->evidence().Unlink(kTester, "LQD", item.id(), "2.3").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(CodeAssignmentTest, CodesResolveWithOrWithoutBrackets) {
  const EvidenceRecord item = Add("LQD", {"1.1"});
  for (const char* ref : {"H1-1.1-01", "[H1-1.1-01]", "h1-1.1-01", "1"}) {
    auto id = store_->evidence().ResolveRef("LQD", ref);
    ASSERT_OK(id) << ref;
    EXPECT_EQ(*id, item.id());
  }
  EXPECT_EQ(store_->evidence().ResolveRef("LQD", "H1-1.1-02").status().message(),
            "no evidence H1-1.1-02 in school LQD");
}

TEST_F(CodeAssignmentTest, DeletingLeavesAGapUntilRenumberIsApplied) {
  const EvidenceRecord first = Add("LQD", {"1.1"});
  const EvidenceRecord second = Add("LQD", {"1.1"});
  const EvidenceRecord third = Add("LQD", {"1.1"});
  ASSERT_OK(store_->evidence().Delete(kTester, "LQD", second.id()));
  EXPECT_EQ(Add("LQD", {"1.1"}).code(), "[H1-1.1-04]") << "a deleted code was reused";
  EXPECT_EQ(store_->evidence().Get("LQD", third.id())->code(), "[H1-1.1-03]");

  auto dry = store_->evidence().Renumber(kTester, "LQD", /*apply=*/false);
  ASSERT_OK(dry);
  ASSERT_EQ(dry->size(), 2u);
  EXPECT_EQ((*dry)[0].old_code, "[H1-1.1-03]");
  EXPECT_EQ((*dry)[0].new_code, "[H1-1.1-02]");
  EXPECT_EQ((*dry)[1].old_code, "[H1-1.1-04]");
  EXPECT_EQ((*dry)[1].new_code, "[H1-1.1-03]");
  EXPECT_EQ(store_->evidence().Get("LQD", third.id())->code(), "[H1-1.1-03]")
      << "a dry run changed a code";

  auto applied = store_->evidence().Renumber(kTester, "LQD", /*apply=*/true);
  ASSERT_OK(applied);
  EXPECT_EQ(store_->evidence().Get("LQD", third.id())->code(), "[H1-1.1-02]");
  EXPECT_EQ(*store_->evidence().ResolveRef("LQD", "H1-1.1-02"), third.id());
  EXPECT_EQ(store_->evidence().Get("LQD", first.id())->code(), "[H1-1.1-01]");
  EXPECT_EQ(Add("LQD", {"1.1"}).code(), "[H1-1.1-04]");
  EXPECT_TRUE(store_->evidence().Renumber(kTester, "LQD", false)->empty());
}

}  // namespace
}  // namespace hoso::storage
