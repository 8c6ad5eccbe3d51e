// The codes schools write at the start of their file names (storage/base/
// school_code.h), and the store keeping them (EvidenceStore with a code).
#include "storage/base/school_code.h"

#include <gtest/gtest.h>

#include "storage/evidence/evidence_store.h"
#include "storage/store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso {
namespace {

struct Form {
  std::string name;
  int box;
  std::string criterion;
  uint32_t seq;
  std::string title;
};

TEST(SchoolCodeTest, EveryFormSchoolsWriteIsReadWithItsTitle) {
  for (const Form& f : std::vector<Form>{
           {"H5-5.2-24 Công văn tổ Ngoại ngữ", 5, "5.2", 24, "Công văn tổ Ngoại ngữ"},
           {"[H1-1.1-01] Biên bản họp", 1, "1.1", 1, "Biên bản họp"},
           {"H1.1.1.01 Kế hoạch", 1, "1.1", 1, "Kế hoạch"},
           {"1.1-01 Kế hoạch", 0, "1.1", 1, "Kế hoạch"},
           {"[1.1-01]Kế hoạch", 0, "1.1", 1, "Kế hoạch"},
           {"h2 2.10 105 - Ảnh", 2, "2.10", 105, "Ảnh"},
           {"H1-1.1-01_Quyết định", 1, "1.1", 1, "Quyết định"},
           {"H3-3.02-7", 3, "3.2", 7, ""},
           {"[H1.1.1.01] (bản chính)", 1, "1.1", 1, "(bản chính)"},
       }) {
    const CodedName split = SplitLeadingCode(f.name);
    ASSERT_TRUE(split.code.has_value()) << f.name;
    EXPECT_EQ(split.code->box, f.box) << f.name;
    EXPECT_EQ(split.code->criterion, f.criterion) << f.name;
    EXPECT_EQ(split.code->seq, f.seq) << f.name;
    EXPECT_EQ(split.title, f.title) << f.name;
  }
}

TEST(SchoolCodeTest, NamesThatOnlyLookLikeCodesAreTitles) {
  for (const std::string name :
       {"2021-2022 Kế hoạch", "1.1 Phương hướng, chiến lược", "IMG_20210304_101010", "Tiêu chí 1.1",
        "H5 Kế hoạch", "1.1-01a Kế hoạch", "12.3.2021 Biên bản", "[H1-1.1-01 Biên bản",
        "H0-1.1-01 x", "1.1-00 x", "0.1-01 x", "H1-1.1-1234 x", "123.1-01 x",
        "Bản sao - H1-1.1-05 Kế hoạch", ""}) {
    const CodedName split = SplitLeadingCode(name);
    EXPECT_FALSE(split.code.has_value()) << name;
    EXPECT_EQ(split.title, name);
  }
}

TEST(SchoolCodeTest, AWholeCodeParsesAndTrailingTextDoesNot) {
  ASSERT_TRUE(ParseSchoolCode(" [H1-1.1-05] ").has_value());
  EXPECT_EQ(ParseSchoolCode("H1.1.1.05")->seq, 5u);
  EXPECT_FALSE(ParseSchoolCode("H1-1.1-05 Kế hoạch").has_value());
  EXPECT_FALSE(ParseSchoolCode("Kế hoạch").has_value());
}

namespace storage_side {

using storage::EvidenceRecord;
using storage::Store;

const storage::Actor kTester{"tester", "admin"};

class SchoolCodeStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(dir_.path());
    ASSERT_OK(store);
    store_ = std::move(*store);
    ASSERT_OK(store_->schools().Create(kTester, "LQD", "Trường Tiểu học Lê Quý Đôn", "tt17-2018"));
    storage::UploadRequest request;
    const std::string data = "biên bản";
    request.declared = Sha256Of(data);
    request.declared_size = data.size();
    auto upload = store_->content().BeginUpload(request);
    ASSERT_OK(upload);
    ASSERT_OK((*upload)->Append(data));
    ASSERT_OK((*upload)->Finish());
    sha_ = *request.declared;
  }
  EvidenceRecord Draft(const std::string& code, const std::string& title = "Biên bản") {
    EvidenceRecord draft;
    draft.set_school("LQD");
    draft.set_title(title);
    draft.set_code(code);
    return draft;
  }
  std::vector<storage::NewFile> Files(const std::string& name = "a.pdf") {
    return {{name, "application/pdf", sha_}};
  }

  hoso::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  Sha256Digest sha_{};
};

TEST_F(SchoolCodeStoreTest, TheSchoolsCodeIsKeptNormalisedAndTheSequenceContinuesAfterIt) {
  auto kept = store_->evidence().Create(kTester, Draft("h2 1.2 07"), Files());
  ASSERT_OK(kept);
  EXPECT_EQ(kept->code(), "[H2-1.2-07]");
  EXPECT_EQ(kept->criteria(0), "1.2");
  EXPECT_EQ(kept->box(), 2);
  EvidenceRecord next;
  next.set_school("LQD");
  next.set_title("Kế hoạch");
  next.add_criteria("1.2");
  auto after = store_->evidence().Create(kTester, next, Files());
  ASSERT_OK(after);
  EXPECT_EQ(after->code(), "[H1-1.2-08]");
}

TEST_F(SchoolCodeStoreTest, MalformedForeignAndTakenCodesAreRefusedInVietnamese) {
  auto malformed = store_->evidence().Create(kTester, Draft("H1-1.1"), Files());
  EXPECT_EQ(malformed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(malformed.status().message().find("không đúng dạng"), std::string::npos)
      << malformed.status();
  auto foreign = store_->evidence().Create(kTester, Draft("H9-9.9-01"), Files());
  EXPECT_EQ(foreign.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(foreign.status().message().find("tiêu chí 9.9"), std::string::npos) << foreign.status();
  ASSERT_OK(store_->evidence().Create(kTester, Draft("H1-1.1-03"), Files()));
  auto taken = store_->evidence().Create(kTester, Draft("[H1-1.1-03]"), Files());
  EXPECT_EQ(taken.status().code(), absl::StatusCode::kAlreadyExists);
  auto checked = store_->evidence().Validate(Draft("1.1-03"), Files());
  EXPECT_EQ(checked.status().code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(SchoolCodeStoreTest, ABatchPutsTheSchoolsCodesFirstAndRefusesItemByItem) {
  std::vector<storage::NewItem> items;
  EvidenceRecord plain;
  plain.set_school("LQD");
  plain.set_title("Không mã");
  plain.add_criteria("1.1");
  items.push_back({plain, Files()});
  items.push_back({Draft("H1-1.1-01"), Files()});
  items.push_back({Draft("H1-1.1-02"), Files()});
  items.push_back({Draft("H1-1.1-02", "Trùng"), Files()});
  auto results = store_->evidence().CreateBatch(kTester, items, {}, /*validate_only=*/false);
  ASSERT_EQ(results.size(), 4u);
  ASSERT_OK(results[0]);
  EXPECT_EQ(results[0]->code(), "[H1-1.1-03]");  // after the codes the batch claims
  ASSERT_OK(results[1]);
  ASSERT_OK(results[2]);
  EXPECT_EQ(results[3].status().code(), absl::StatusCode::kAlreadyExists);
  storage::EvidenceFilter all;
  all.school = "LQD";
  auto listed = store_->evidence().List(all);
  ASSERT_OK(listed);
  EXPECT_EQ(listed->size(), 3u);

  // validate_only stores nothing and sees the clash inside the batch too.
  std::vector<storage::NewItem> again = {{Draft("H1-1.1-09"), Files()}, {Draft("1.1-09"), Files()}};
  auto checked = store_->evidence().CreateBatch(kTester, again, {}, /*validate_only=*/true);
  ASSERT_OK(checked[0]);
  EXPECT_EQ(checked[1].status().code(), absl::StatusCode::kAlreadyExists);
  listed = store_->evidence().List(all);
  EXPECT_EQ(listed->size(), 3u);
}

}  // namespace storage_side
}  // namespace
}  // namespace hoso
