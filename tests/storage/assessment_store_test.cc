#include "storage/assessment/assessment_store.h"

#include <gtest/gtest.h>

#include "storage/store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

using ::hoso::testing::StatusIs;
using ::testing::HasSubstr;

const Actor kTester{"tester", "admin"};

// A small edition with indicators, so the levels below can be worked by hand:
// 1.1 has a, b at level 1, a at level 2, a at level 3; the school reaches
// level 1 when every criterion does.
constexpr std::string_view kFramework = R"({
  "id": "test-chi-bao",
  "title": "Khung thử có chỉ báo",
  "levels": [1, 2, 3, 4],
  "evidence_code": {"format": "[H{box}-{criterion}-{seq:02}]"},
  "standards": [
    {"number": 1, "name": "Tổ chức", "criteria": [
      {"code": "1.1", "name": "Phương hướng", "indicators": [
        {"level": 1, "code": "a", "text": "Có phương hướng"},
        {"level": 1, "code": "b", "text": "Được công bố"},
        {"level": 2, "code": "a", "text": "Được rà soát"},
        {"level": 3, "code": "a", "text": "Được điều chỉnh"}]},
      {"code": "1.2", "name": "Hội đồng trường", "indicators": [
        {"level": 1, "code": "a", "text": "Có hội đồng"}]}]}],
  "level4": [{"level": 4, "code": "1", "text": "Mục một"}],
  "school_levels": [{"level": 1, "all_of": [{"criteria_level": 1, "min_percent": 100}]}]
})";

class AssessmentStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Open();
    ASSERT_OK(store_->ImportFramework(kTester, kFramework));
    ASSERT_OK(
        store_->schools().Create(kTester, "LQD", "Trường Tiểu học Lê Quý Đôn", "test-chi-bao"));
    ok_ = Item("H1-1.1-01", "1.1", "2022-2023", true);
    unapproved_ = Item("H1-1.1-02", "1.1", "2022-2023", false);
    deleted_ = Item("H1-1.1-03", "1.1", "2022-2023", true);
    ASSERT_OK(store_->evidence().Delete(kTester, "LQD", deleted_));
    old_ = Item("H1-1.1-04", "1.1", "2018-2019", true);
    other_ = Item("H1-1.2-01", "1.2", "", true);
    auto created = store_->assessments().Create(kTester, "LQD", "2020-2021", "2024-2025", "");
    ASSERT_OK(created);
    id_ = created->id();
  }
  void Open() {
    store_.reset();
    auto store = Store::Open(dir_.path());
    ASSERT_OK(store);
    store_ = std::move(*store);
  }

  uint64_t Item(const std::string& code, const std::string& criterion, const std::string& year,
                bool approve) {
    const std::string data = "bytes of " + code;
    UploadRequest request;
    request.declared = Sha256Of(data);
    request.declared_size = data.size();
    auto upload = store_->content().BeginUpload(request);
    EXPECT_OK(upload);
    EXPECT_OK((*upload)->Append(data));
    EXPECT_OK((*upload)->Finish());
    EvidenceRecord draft;
    draft.set_school("LQD");
    draft.set_code(code);
    draft.set_title("Minh chứng " + code);
    draft.set_year(year);
    draft.add_criteria(criterion);
    auto created = store_->evidence().Create(kTester, draft, {{"a.pdf", "", *request.declared}});
    EXPECT_OK(created);
    if (approve) EXPECT_OK(store_->evidence().Review(kTester, "LQD", created->id(), true, ""));
    return created->id();
  }

  static IndicatorResult Result(int level, const std::string& code, Judgement judgement) {
    IndicatorResult r;
    r.set_level(level);
    r.set_code(code);
    r.set_judgement(judgement);
    return r;
  }

  CriterionDraft Draft(const std::string& description) {
    CriterionDraft draft;
    draft.criterion = "1.1";
    draft.description = description;
    draft.indicators = {Result(1, "a", JUDGEMENT_MET), Result(1, "b", JUDGEMENT_MET),
                        Result(2, "a", JUDGEMENT_MET), Result(3, "a", JUDGEMENT_NOT_MET)};
    return draft;
  }

  size_t Revisions(const std::string& criterion = "1.1") {
    auto history = store_->assessments().History("LQD", id_, criterion);
    EXPECT_OK(history);
    return history.ok() ? history->size() : 0;
  }

  hoso::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  uint64_t ok_ = 0, unapproved_ = 0, deleted_ = 0, old_ = 0, other_ = 0, id_ = 0;
};

TEST_F(AssessmentStoreTest, CreatesOverValidatedYearsWithTheSchoolsTitle) {
  auto& assessments = store_->assessments();
  EXPECT_THAT(assessments.Create(kTester, "LQD", "2024-2025", "2020-2021", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("phải trước")));
  EXPECT_THAT(assessments.Create(kTester, "LQD", "2020", "2024-2025", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("\"2020\"")));
  auto list = assessments.List("LQD");
  ASSERT_OK(list);
  ASSERT_EQ(list->size(), 1u) << "a refused create stored something";
  EXPECT_EQ((*list)[0].title(), "Báo cáo tự đánh giá Trường Tiểu học Lê Quý Đôn");
  EXPECT_EQ((*list)[0].framework(), "test-chi-bao");
  EXPECT_EQ((*list)[0].created_by(), "tester");
  auto second = assessments.Create(kTester, "LQD", "2025-2026", "2029-2030", "Chu kỳ sau");
  ASSERT_OK(second);
  auto latest = assessments.Get("LQD", 0);
  ASSERT_OK(latest);
  EXPECT_EQ(latest->assessment.id(), second->id());
  EXPECT_EQ(latest->total, 3u) << "1.1, 1.2 and M4";
}

TEST_F(AssessmentStoreTest, RefusesEveryBadCitationInOneMessageAndStoresNothing) {
  auto saved = store_->assessments().Save(
      kTester, "LQD", id_,
      Draft("Nhà trường có kế hoạch [H1-1.1-01; H1-1.1-09]. Đã công bố [H1-1.1-02]. "
            "Có biên bản [H1-1.1-03] và [H1-1.1-04]."),
      UnlinkedCitations::kLinkAsCiting);
  ASSERT_THAT(saved, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(saved.status().message(),
            "[H1-1.1-09]: không có minh chứng mang mã này\n"
            "[H1-1.1-02]: minh chứng chưa được duyệt\n"
            "[H1-1.1-03]: minh chứng đã bị xoá\n"
            "[H1-1.1-04]: năm học 2018-2019 nằm ngoài kỳ đánh giá 2020-2021..2024-2025");
  EXPECT_EQ(Revisions(), 0u);
}

TEST_F(AssessmentStoreTest, CodesAsSchoolsWriteThemResolve) {
  auto saved = store_->assessments().Save(kTester, "LQD", id_,
                                          Draft("Có kế hoạch [1.1-01]. Được công bố [H1.1.1.01]."),
                                          UnlinkedCitations::kLinkAsCiting);
  ASSERT_OK(saved);
  ASSERT_EQ(saved->citations_size(), 1) << "one item cited twice is one citation";
  EXPECT_EQ(saved->citations(0).code(), "[H1-1.1-01]");
  EXPECT_EQ(saved->citations(0).evidence_id(), ok_);
  EXPECT_EQ(saved->citations(0).part(), "description");
}

TEST_F(AssessmentStoreTest, UnlinkedItemIsLinkedAsCitingOrRefused) {
  const std::string text = "Có hội đồng trường [H1-1.1-01]; xem quyết định [H1-1.2-01].";
  auto refused =
      store_->assessments().Save(kTester, "LQD", id_, Draft(text), UnlinkedCitations::kRefuse);
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument,
                                HasSubstr("[H1-1.2-01]: minh chứng [H1-1.2-01] không gắn với "
                                          "tiêu chí 1.1")));
  auto item = store_->evidence().Get("LQD", other_);
  ASSERT_OK(item);
  EXPECT_EQ(item->criteria_size(), 1) << "a refused save linked the item";
  EXPECT_EQ(Revisions(), 0u);

  auto saved = store_->assessments().Save(kTester, "LQD", id_, Draft(text),
                                          UnlinkedCitations::kLinkAsCiting);
  ASSERT_OK(saved);
  ASSERT_EQ(saved->citations_size(), 2);
  EXPECT_FALSE(saved->citations(0).linked());
  EXPECT_TRUE(saved->citations(1).linked());
  item = store_->evidence().Get("LQD", other_);
  ASSERT_OK(item);
  ASSERT_EQ(item->criteria_size(), 2);
  EXPECT_EQ(item->criteria(0), "1.2") << "the root stays";
  EXPECT_EQ(item->criteria(1), "1.1");
  EXPECT_EQ(item->code(), "[H1-1.2-01]");
  // The link is audited with the save, against the item.
  AuditFilter filter;
  filter.school = "LQD";
  filter.evidence_id = other_;
  auto audit = store_->audit().List(filter);
  ASSERT_OK(audit);
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ(audit->back().action(), "evidence.link");
}

TEST_F(AssessmentStoreTest, LevelNeedsADescriptionThatCites) {
  CriterionDraft draft = Draft("Nhà trường có phương hướng rõ ràng.");
  draft.strengths = "Được công bố rộng rãi [H1-1.1-01].";
  EXPECT_THAT(
      store_->assessments().Save(kTester, "LQD", id_, draft, UnlinkedCitations::kLinkAsCiting),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               "Chưa thể ghi mức cho tiêu chí 1.1: phần Mô tả hiện trạng chưa dẫn mã "
               "minh chứng nào"));
  EXPECT_EQ(Revisions(), 0u);
  // Without any indicator met, the text may be saved as it grows.
  draft.indicators = {Result(1, "a", JUDGEMENT_NOT_MET)};
  auto saved =
      store_->assessments().Save(kTester, "LQD", id_, draft, UnlinkedCitations::kLinkAsCiting);
  ASSERT_OK(saved);
  EXPECT_EQ(saved->level(), 0);
}

TEST_F(AssessmentStoreTest, LevelIsComputedFromTheIndicators) {
  // 1a, 1b, 2a met, 3a not met: level 2 (worked by hand from the framework).
  auto saved = store_->assessments().Save(kTester, "LQD", id_, Draft("Có [H1-1.1-01]."),
                                          UnlinkedCitations::kLinkAsCiting);
  ASSERT_OK(saved);
  EXPECT_EQ(saved->level(), 2);
  EXPECT_EQ(saved->revision(), 1u);
  EXPECT_EQ(saved->writer(), "tester");
  EXPECT_EQ(saved->state(), ASSESSMENT_DRAFT);
  ASSERT_EQ(saved->indicators_size(), 4);
  // 1b not met: level 0 although 2a is met.
  CriterionDraft draft = Draft("Có [H1-1.1-01].");
  draft.indicators[1].set_judgement(JUDGEMENT_NOT_MET);
  saved = store_->assessments().Save(kTester, "LQD", id_, draft, UnlinkedCitations::kLinkAsCiting);
  ASSERT_OK(saved);
  EXPECT_EQ(saved->level(), 0);
  // An indicator the framework does not have.
  draft.indicators.push_back(Result(2, "d", JUDGEMENT_MET));
  EXPECT_THAT(
      store_->assessments().Save(kTester, "LQD", id_, draft, UnlinkedCitations::kLinkAsCiting),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "tiêu chí 1.1 không có chỉ báo 2d trong khung test-chi-bao"));
  // Level 4: every item of the list met.
  CriterionDraft m4;
  m4.criterion = "M4";
  m4.description = "Đạt [H1-1.1-01].";
  m4.indicators = {Result(4, "1", JUDGEMENT_MET)};
  saved = store_->assessments().Save(kTester, "LQD", id_, m4, UnlinkedCitations::kLinkAsCiting);
  ASSERT_OK(saved);
  EXPECT_EQ(saved->level(), 4);
  EXPECT_EQ(Revisions(), 2u);
}

TEST_F(AssessmentStoreTest, ApprovedIsLockedAndAChangeMakesANewRevision) {
  auto& assessments = store_->assessments();
  ASSERT_OK(assessments.Save(kTester, "LQD", id_, Draft("Có [H1-1.1-01]."),
                             UnlinkedCitations::kLinkAsCiting));
  EXPECT_THAT(assessments.Review(kTester, "LQD", id_, "1.1", ASSESSMENT_APPROVED),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("«nháp» sang «đã duyệt»")));
  ASSERT_OK(assessments.Review(kTester, "LQD", id_, "1.1", ASSESSMENT_SUBMITTED));
  auto approved = assessments.Review(kTester, "LQD", id_, "1.1", ASSESSMENT_APPROVED);
  ASSERT_OK(approved);
  EXPECT_EQ(approved->reviewed_by(), "tester");
  EXPECT_THAT(assessments.Review(kTester, "LQD", id_, "1.1", ASSESSMENT_DRAFT),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("bị khoá")));
  // 1.2 approved at level 1 too: the school reaches level 1.
  CriterionDraft other;
  other.criterion = "1.2";
  other.description = "Có hội đồng [H1-1.2-01].";
  other.indicators = {Result(1, "a", JUDGEMENT_MET)};
  ASSERT_OK(assessments.Save(kTester, "LQD", id_, other, UnlinkedCitations::kLinkAsCiting));
  ASSERT_OK(assessments.Review(kTester, "LQD", id_, "1.2", ASSESSMENT_SUBMITTED));
  ASSERT_OK(assessments.Review(kTester, "LQD", id_, "1.2", ASSESSMENT_APPROVED));

  EXPECT_THAT(assessments.Save(kTester, "LQD", id_, Draft("Sửa [H1-1.1-01]."),
                               UnlinkedCitations::kLinkAsCiting, 7),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("đã có bản 1")));
  auto changed = assessments.Save(kTester, "LQD", id_, Draft("Sửa [H1-1.1-01]."),
                                  UnlinkedCitations::kLinkAsCiting, 1);
  ASSERT_OK(changed);
  EXPECT_EQ(changed->revision(), 2u);
  EXPECT_EQ(changed->state(), ASSESSMENT_DRAFT);

  Open();  // what was acknowledged is on disk
  auto history = store_->assessments().History("LQD", id_, "1.1");
  ASSERT_OK(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].state(), ASSESSMENT_APPROVED);
  EXPECT_EQ((*history)[0].description(), "Có [H1-1.1-01].");
  EXPECT_EQ((*history)[1].description(), "Sửa [H1-1.1-01].");
  auto view = store_->assessments().Get("LQD", id_);
  ASSERT_OK(view);
  ASSERT_EQ(view->criteria.size(), 2u);
  EXPECT_EQ(view->criteria[0].criterion(), "1.1");
  EXPECT_EQ(view->criteria[0].revision(), 2u);
  EXPECT_EQ(view->approved, 1u) << "1.1's latest is a draft";
  EXPECT_EQ(view->school_level, 1) << "from the approved revisions";
  auto kept = store_->assessments().Approved("LQD", id_);
  ASSERT_OK(kept);
  ASSERT_EQ(kept->size(), 2u);
  EXPECT_EQ((*kept)[0].revision(), 1u);
}

TEST_F(AssessmentStoreTest, SectionsTakeTheReportsKeysOnly) {
  auto& assessments = store_->assessments();
  auto set = assessments.SetSection(kTester, "LQD", id_, "mo-dau-1", "Tiêu chuẩn 1 gồm…");
  ASSERT_OK(set);
  EXPECT_EQ(set->sections().at("mo-dau-1"), "Tiêu chuẩn 1 gồm…");
  EXPECT_THAT(assessments.SetSection(kTester, "LQD", id_, "mo-dau-7", "x"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("mo-dau-7")));
  EXPECT_THAT(assessments.SetSection(kTester, "LQD", id_, "tom-tat", "x"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  auto got = assessments.Get("LQD", id_);
  ASSERT_OK(got);
  EXPECT_EQ(got->assessment.sections_size(), 1);
}

TEST_F(AssessmentStoreTest, UnknownAssessmentIsNotFoundInVietnamese) {
  EXPECT_THAT(store_->assessments().Get("LQD", 42),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("không có đợt tự đánh giá số 42")));
}

}  // namespace
}  // namespace hoso::storage
