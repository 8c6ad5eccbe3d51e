// The check: what an assessment still lacks, criterion by criterion, from
// hand-built records.
#include "storage/assessment/assessment_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/storage/assessment_records.h"

namespace hoso::storage {
namespace {

using ::hoso::testing::Citation;
using ::hoso::testing::Item;
using ::hoso::testing::Result;
using ::hoso::testing::Task;
using ::testing::HasSubstr;

// Criterion 1.1 fully written, judged, cited, planned and approved; 1.2, 2.1
// and M4 as each test makes them.
class CheckTest : public ::testing::Test {
 protected:
  CheckTest() : framework_(hoso::testing::SmallFramework()) {
    assessment_.set_school("LQD");
    assessment_.set_id(1);
    for (const char* key : {"co-so-du-lieu", "dat-van-de", "mo-dau-1", "ket-luan-1", "mo-dau-2",
                            "ket-luan-2", "muc-4", "ket-luan-chung"}) {
      (*assessment_.mutable_sections())[key] = "Nội dung.";
    }
    evidence_ = {Item(1, "[H1-1.1-01]", "Kế hoạch chiến lược", "1.1"),
                 Item(2, "[H1-1.1-02]", "Nghị quyết hội đồng trường", "1.1")};
    CriterionAssessmentRecord r;
    r.set_criterion("1.1");
    r.set_revision(2);
    r.set_description(
        "Nhà trường có kế hoạch chiến lược giai đoạn 2020-2025 [H1-1.1-01]. Kế hoạch được "
        "hội đồng trường thông qua. [H1-1.1-02]");
    r.set_strengths("Kế hoạch phù hợp.");
    r.set_weaknesses("Chưa rà soát định kỳ.");
    r.set_improvement("Rà soát hằng năm.");
    for (auto [level, code] : {std::pair{1, "a"}, {1, "b"}, {2, "a"}, {3, "a"}}) {
      *r.add_indicators() = Result(level, code, JUDGEMENT_MET);
    }
    *r.add_citations() = Citation("H1-1.1-01", 1);
    *r.add_citations() = Citation("H1-1.1-02", 2);
    r.set_level(3);
    r.set_state(ASSESSMENT_APPROVED);
    criteria_.push_back(r);
    tasks_ = {Task("1.1"), Task("1.2"), Task("2.1")};
  }

  std::vector<AssessmentProblem> Check() {
    CheckInput input;
    input.framework = &framework_;
    input.assessment = &assessment_;
    input.criteria = criteria_;
    input.evidence = evidence_;
    input.tasks = tasks_;
    return CheckAssessment(input);
  }

  // The problems of `criterion`, as "kind:subject".
  std::vector<std::string> Of(const std::string& criterion) {
    std::vector<std::string> out;
    for (const AssessmentProblem& p : Check()) {
      if (p.criterion == criterion) out.push_back(std::to_string(int(p.kind)) + ":" + p.subject);
    }
    return out;
  }

  static std::string K(ProblemKind kind, const std::string& subject) {
    return std::to_string(int(kind)) + ":" + subject;
  }

  CriterionAssessmentRecord& C11() { return criteria_[0]; }

  Framework framework_;
  AssessmentRecord assessment_;
  std::vector<CriterionAssessmentRecord> criteria_;
  std::vector<EvidenceRecord> evidence_;
  std::vector<TaskRecord> tasks_;
};

TEST_F(CheckTest, AFullyWrittenCriterionHasNoProblem) {
  EXPECT_THAT(Of("1.1"), ::testing::IsEmpty());
}

TEST_F(CheckTest, CriteriaNeverWrittenAndWithoutIndicatorTextsAreNamed) {
  EXPECT_THAT(Of("1.2"), ::testing::ElementsAre(K(ProblemKind::kNotWritten, "1.2")));
  EXPECT_THAT(Of("2.1"), ::testing::ElementsAre(K(ProblemKind::kNotWritten, "2.1"),
                                                K(ProblemKind::kNoIndicators, "2.1")));
  EXPECT_THAT(Of("M4"), ::testing::ElementsAre(K(ProblemKind::kNotWritten, "M4")))
      << "the level-4 list is checked as criterion M4, without a plan task";
}

TEST_F(CheckTest, AStatementWithoutACodeIsNamedWithItsSentence) {
  C11().set_description(C11().description() + " Hằng năm nhà trường tổ chức rà soát.");
  const std::vector<AssessmentProblem> problems = Check();
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].criterion, "1.1");
  EXPECT_EQ(problems[0].kind, ProblemKind::kUncitedStatement);
  EXPECT_EQ(problems[0].subject, "Hằng năm nhà trường tổ chức rà soát.");
  EXPECT_THAT(problems[0].message, HasSubstr("chưa dẫn mã minh chứng"));
  EXPECT_THAT(Of("1.1"), ::testing::SizeIs(1)) << "the cited sentences are fine";
}

TEST_F(CheckTest, EvidenceLinkedToTheCriterionButCitedNowhereIsNamed) {
  evidence_.push_back(Item(3, "[H1-1.1-03]", "Biên bản rà soát", "1.1"));
  EvidenceRecord citing = Item(4, "[H1-1.2-01]", "Quyết định thành lập", "1.2");
  citing.add_criteria("1.1");  // citing 1.1, rooted in 1.2
  evidence_.push_back(citing);
  EvidenceRecord gone = Item(5, "[H1-1.1-04]", "Đã xoá", "1.1");
  gone.set_deleted(true);
  evidence_.push_back(gone);
  EXPECT_THAT(Of("1.1"), ::testing::ElementsAre(K(ProblemKind::kUncitedEvidence, "[H1-1.1-03]"),
                                                K(ProblemKind::kUncitedEvidence, "[H1-1.2-01]")));
  // Cited in the strengths only is cited.
  C11().set_strengths("Kế hoạch phù hợp [H1-1.1-03; H1-1.2-01].");
  *C11().add_citations() = Citation("H1-1.1-03", 3, "strengths");
  *C11().add_citations() = Citation("H1-1.2-01", 4, "strengths");
  EXPECT_THAT(Of("1.1"), ::testing::IsEmpty());
}

TEST_F(CheckTest, IndicatorsWithoutAJudgementAreNamedByLevelAndCode) {
  C11().clear_indicators();
  *C11().add_indicators() = Result(1, "a", JUDGEMENT_MET);
  *C11().add_indicators() = Result(1, "b", JUDGEMENT_NOT_MET);
  *C11().add_indicators() = Result(2, "a", JUDGEMENT_UNSET);
  EXPECT_THAT(Of("1.1"), ::testing::ElementsAre(K(ProblemKind::kUnjudgedIndicator, "2a"),
                                                K(ProblemKind::kUnjudgedIndicator, "3a")));
  CriterionAssessmentRecord m4;
  m4.set_criterion("M4");
  m4.set_description("Nhà trường đạt nội dung 1 [H1-1.1-01].");
  *m4.add_indicators() = Result(4, "1", JUDGEMENT_MET);
  *m4.add_citations() = Citation("H1-1.1-01", 1);
  m4.set_state(ASSESSMENT_APPROVED);
  criteria_.push_back(m4);
  EXPECT_THAT(Of("M4"), ::testing::ElementsAre(K(ProblemKind::kUnjudgedIndicator, "4.2")));
}

TEST_F(CheckTest, ACriterionWithoutAPlanTaskIsNamed) {
  tasks_ = {Task("1.2"), Task("2.1")};
  const std::vector<AssessmentProblem> problems = Check();
  EXPECT_THAT(Of("1.1"), ::testing::ElementsAre(K(ProblemKind::kNoPlanTask, "1.1")));
  EXPECT_THAT(problems[0].message, HasSubstr("kế hoạch cải tiến"));
}

TEST_F(CheckTest, CitedCodesThatNoLongerResolveToALiveApprovedItemAreNamed) {
  evidence_[0].set_deleted(true);                       // H1-1.1-01 deleted since the save
  evidence_[1].set_review_state(REVIEW_RETURNED);       // H1-1.1-02 returned for changes
  C11().set_weaknesses("Thiếu biên bản [H1-1.1-09].");  // never resolved
  const std::vector<std::string> problems = Of("1.1");
  EXPECT_THAT(problems, ::testing::ElementsAre(K(ProblemKind::kBadCitation, "[H1-1.1-01]"),
                                               K(ProblemKind::kBadCitation, "[H1-1.1-02]"),
                                               K(ProblemKind::kBadCitation, "[H1-1.1-09]")));
  std::vector<std::string> messages;
  for (const AssessmentProblem& p : Check()) messages.push_back(p.message);
  EXPECT_THAT(messages, ::testing::Contains(HasSubstr("đã bị xoá")));
  EXPECT_THAT(messages, ::testing::Contains(HasSubstr("chưa được duyệt")));
  EXPECT_THAT(messages, ::testing::Contains(HasSubstr("không có trong kho minh chứng")));
}

TEST_F(CheckTest, ACodeGivenToAnotherItemSinceTheSaveIsBad) {
  evidence_[0].set_code("[H1-1.1-07]");
  EXPECT_THAT(Of("1.1"), ::testing::ElementsAre(K(ProblemKind::kBadCitation, "[H1-1.1-01]")));
}

TEST_F(CheckTest, ALatestRevisionNotApprovedIsNamed) {
  C11().set_state(ASSESSMENT_SUBMITTED);
  EXPECT_THAT(Of("1.1"), ::testing::ElementsAre(K(ProblemKind::kNotApproved, "1.1")));
}

TEST_F(CheckTest, MissingSectionsOfTheReportAreNamedForTheWholeReport) {
  assessment_.mutable_sections()->erase("dat-van-de");
  (*assessment_.mutable_sections())["ket-luan-2"] = "  \n";
  EXPECT_THAT(Of(""), ::testing::ElementsAre(K(ProblemKind::kNotWritten, "dat-van-de"),
                                             K(ProblemKind::kNotWritten, "ket-luan-2")));
}

}  // namespace
}  // namespace hoso::storage
