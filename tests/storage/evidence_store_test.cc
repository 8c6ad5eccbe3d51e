#include "storage/evidence/evidence_store.h"

#include <gtest/gtest.h>

#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

const Actor kTester{"tester", "admin"};

// "Biên bản" in composed (NFC) and decomposed (NFD) form.
const std::string kNfc = "Bi\xC3\xAAn b\xE1\xBA\xA3n h\xE1\xBB\x8Dp.pdf";
const std::string kNfd = "Bie\xCC\x82n ba\xCC\x89n ho\xCC\xA3p.pdf";

class EvidenceStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Open();
    ASSERT_OK(store_->schools().Create(kTester, "LQD", "Trường Tiểu học Lê Quý Đôn", "tt17-2018"));
  }
  void Open() {
    store_.reset();
    auto store = Store::Open(dir_.path());
    ASSERT_OK(store);
    store_ = std::move(*store);
  }

  Sha256Digest StoreContent(const std::string& data) {
    UploadRequest request;
    request.declared = Sha256Of(data);
    request.declared_size = data.size();
    auto upload = store_->content().BeginUpload(request);
    EXPECT_OK(upload);
    EXPECT_OK((*upload)->Append(data));
    EXPECT_OK((*upload)->Finish());
    return *request.declared;
  }

  EvidenceRecord Draft(std::vector<std::string> criteria = {"1.1"}) {
    EvidenceRecord draft;
    draft.set_school("LQD");
    draft.set_title("Biên bản họp Hội đồng trường");
    draft.set_year("2024-2025");
    for (auto& c : criteria) draft.add_criteria(c);
    return draft;
  }

  uint64_t Refcount(const Sha256Digest& sha) {
    auto rec = ReadRecord<ContentRecord>(*database(), keys::Content(DigestBytes(sha)));
    return rec.ok() && rec->has_value() ? (*rec)->refcount() : 0;
  }
  // The store keeps its Database private; tests read records through a
  // second handle-free path: reopen as a plain database.
  Database* database();

  hoso::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Database> raw_;
};

Database* EvidenceStoreTest::database() {
  store_.reset();
  raw_.reset();
  auto db = Database::Open(dir_.Sub("db"), {});
  EXPECT_OK(db);
  raw_ = std::move(*db);
  return raw_.get();
}

TEST_F(EvidenceStoreTest, CreatesWithNormalisedNamesAndOriginalBytes) {
  const Sha256Digest a = StoreContent("minutes");
  auto created = store_->evidence().Create(kTester, Draft(), {{kNfd, "application/pdf", a}});
  ASSERT_OK(created);
  EXPECT_EQ(created->id(), 1u);
  ASSERT_EQ(created->files_size(), 1);
  EXPECT_EQ(created->files(0).name(), kNfc);
  EXPECT_EQ(created->files(0).original_name(), kNfd);
  EXPECT_EQ(created->files(0).size(), 7u);
  auto again = store_->evidence().Get("LQD", 1);
  ASSERT_OK(again);
  EXPECT_EQ(again->title(), "Biên bản họp Hội đồng trường");
}

TEST_F(EvidenceStoreTest, NfcAndNfdOfOneNameAreTheSameName) {
  const Sha256Digest a = StoreContent("a"), b = StoreContent("b");
  auto created = store_->evidence().Create(kTester, Draft(), {{kNfc, "", a}, {kNfd, "", b}});
  EXPECT_EQ(created.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(created.status().message().find("two files are named"), std::string::npos);
}

TEST_F(EvidenceStoreTest, CriterionOutsideFrameworkNamesTheRange) {
  const Sha256Digest a = StoreContent("a");
  auto created = store_->evidence().Create(kTester, Draft({"1.1", "7.1"}), {{"a.pdf", "", a}});
  EXPECT_EQ(created.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(created.status().message(), "criterion 7.1 is not in framework tt17-2018 (1.1–5.5)");
}

TEST_F(EvidenceStoreTest, FailedCreateChangesNothing) {
  const Sha256Digest stored = StoreContent("stored");
  const Sha256Digest missing = Sha256Of("never uploaded");
  auto created =
      store_->evidence().Create(kTester, Draft(), {{"a.pdf", "", stored}, {"b.pdf", "", missing}});
  EXPECT_EQ(created.status().code(), absl::StatusCode::kFailedPrecondition);
  auto next = store_->evidence().Create(kTester, Draft(), {{"a.pdf", "", stored}});
  ASSERT_OK(next);
  EXPECT_EQ(next->id(), 1u) << "the failed create consumed an id";
  EXPECT_EQ(Refcount(stored), 1u) << "the failed create left a reference";
}

TEST_F(EvidenceStoreTest, ReferenceCountsFollowLinks) {
  const Sha256Digest a = StoreContent("shared");
  ASSERT_OK(store_->evidence().Create(kTester, Draft(), {{"a.pdf", "", a}}));
  ASSERT_OK(store_->evidence().Create(kTester, Draft(), {{"a.pdf", "", a}, {"b.pdf", "", a}}));
  EXPECT_EQ(Refcount(a), 3u);
}

TEST_F(EvidenceStoreTest, ListsWithFiltersAndSoftDeletes) {
  const Sha256Digest a = StoreContent("a");
  auto first = Draft({"1.1", "1.2"});
  first.add_tasks("1.1.01");
  // A task must exist in the school's plan before evidence names it.
  auto missing = store_->evidence().Create(kTester, first, {{"a.pdf", "", a}});
  EXPECT_EQ(missing.status().message(), "no plan task 1.1.01 in school LQD");
  TaskRecord task;
  task.set_criterion("1.1");
  task.set_content("Rà soát chiến lược");
  ASSERT_OK(store_->plan().Add(kTester, "LQD", {task}));
  ASSERT_OK(store_->evidence().Create(kTester, first, {{"a.pdf", "", a}}));
  auto second = Draft({"2.1"});
  second.set_kind(5);
  second.set_year("2023-2024");
  ASSERT_OK(store_->evidence().Create(kTester, second, {{"a.jpg", "", a}}));

  auto count = [&](EvidenceFilter f) {
    f.school = "LQD";
    auto list = store_->evidence().List(f);
    EXPECT_OK(list);
    return list.ok() ? list->size() : 0u;
  };
  EXPECT_EQ(count({}), 2u);
  EXPECT_EQ(count({.criterion = "1.2"}), 1u);
  EXPECT_EQ(count({.task = "1.1.01"}), 1u);
  EXPECT_EQ(count({.kind = 5}), 1u);
  EXPECT_EQ(count({.year = "2023-2024"}), 1u);
  EXPECT_EQ(count({.criterion = "5.5"}), 0u);

  ASSERT_OK(store_->evidence().Delete(kTester, "LQD", 1));
  EXPECT_EQ(count({}), 1u);
  EXPECT_EQ(count({.include_deleted = true}), 2u);
  auto gone = store_->evidence().Get("LQD", 1);
  EXPECT_EQ(gone.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(gone.status().message(), "no evidence 1 in school LQD");
  EXPECT_OK(store_->evidence().Get("LQD", 1, /*include_deleted=*/true));
}

TEST_F(EvidenceStoreTest, UpdateValidatesAndPersists) {
  const Sha256Digest a = StoreContent("a");
  ASSERT_OK(store_->evidence().Create(kTester, Draft(), {{"a.pdf", "", a}}));
  auto bad = store_->evidence().Update(kTester, "LQD", 1, [](EvidenceRecord& e) {
    e.set_year("2024-2026");
    return absl::OkStatus();
  });
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  auto good = store_->evidence().Update(kTester, "LQD", 1, [](EvidenceRecord& e) {
    e.set_title("Kế hoạch chiến lược");
    return absl::OkStatus();
  });
  ASSERT_OK(good);
  Open();
  auto back = store_->evidence().Get("LQD", 1);
  ASSERT_OK(back);
  EXPECT_EQ(back->title(), "Kế hoạch chiến lược");
  EXPECT_EQ(back->year(), "2024-2025");
}

TEST_F(EvidenceStoreTest, UnknownSchoolIsNotFound) {
  EXPECT_EQ(store_->evidence().Get("XYZ", 1).status().message(), "no school XYZ");
  EvidenceFilter f;
  f.school = "XYZ";
  EXPECT_EQ(store_->evidence().List(f).status().code(), absl::StatusCode::kNotFound);
}

TEST(SchoolStoreTest, RejectsDuplicatesAndUnknownFrameworksAndSortsVietnamese) {
  hoso::testing::TempDir dir;
  auto store = Store::Open(dir.path());
  ASSERT_OK(store);
  auto& schools = (*store)->schools();
  ASSERT_OK(schools.Create(kTester, "LV", "Trường THCS Lạc Viên", "tt18-2018"));
  ASSERT_OK(schools.Create(kTester, "DT", "Trường Mầm non Đông Thọ", "tt19-2018"));
  ASSERT_OK(schools.Create(kTester, "DA", "Trường Mầm non Dạ Lan", "tt19-2018"));
  EXPECT_EQ(schools.Create(kTester, "lv", "x", "tt18-2018").status().code(),
            absl::StatusCode::kAlreadyExists);
  auto unknown = schools.Create(kTester, "ZZ", "x", "tt99");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("tt17-2018"), std::string::npos);
  auto list = schools.List();
  ASSERT_OK(list);
  ASSERT_EQ(list->size(), 3u);
  // Vietnamese order: "Dạ" before "Đông" (Đ follows D), both before "Trường THCS".
  EXPECT_EQ((*list)[0].code(), "DA");
  EXPECT_EQ((*list)[1].code(), "DT");
  EXPECT_EQ((*list)[2].code(), "LV");
}

}  // namespace
}  // namespace hoso::storage
