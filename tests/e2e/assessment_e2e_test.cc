// The self-assessment through the real hoso and hosod (issue 16): every cited
// code checked on save, the level computed from the indicators, the review
// that locks a criterion, and who may write what.
#include "tests/support/hosod_fixture.h"

namespace hoso {
namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// An edition with indicators of its own, so the levels below can be worked
// by hand whatever texts the shipped frameworks carry: 1.1 has 1a, 1b, 2a, 3a.
constexpr const char* kFramework = R"({
  "id": "thu-chi-bao",
  "title": "Khung thử có chỉ báo",
  "levels": [1, 2, 3],
  "evidence_code": {"format": "[H{box}-{criterion}-{seq:02}]"},
  "standards": [
    {"number": 1, "name": "Tổ chức và quản lý", "criteria": [
      {"code": "1.1", "name": "Phương hướng, chiến lược", "indicators": [
        {"level": 1, "code": "a", "text": "Phù hợp mục tiêu giáo dục"},
        {"level": 1, "code": "b", "text": "Được công bố công khai"},
        {"level": 2, "code": "a", "text": "Được rà soát, bổ sung"},
        {"level": 3, "code": "a", "text": "Được các bên liên quan tham gia xây dựng"}]},
      {"code": "1.2", "name": "Hội đồng trường", "indicators": [
        {"level": 1, "code": "a", "text": "Được thành lập theo quy định"}]}]},
    {"number": 2, "name": "Cán bộ quản lý, giáo viên", "criteria": [
      {"code": "2.1", "name": "Hiệu trưởng", "indicators": [
        {"level": 1, "code": "a", "text": "Đạt chuẩn"}]}]}]
})";

class AssessmentTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    WriteFile(dir_.Sub("khung.json"), kFramework);
    CommandResult imported = Hoso({"framework", "import", dir_.Sub("khung.json")});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    CommandResult school = Hoso({"school", "add", "TDG", "--name", "Trường Tiểu học Thử Đánh Giá",
                                 "--framework", "thu-chi-bao"});
    ASSERT_EQ(school.exit_code, 0) << school.err;
    // Codes follow the order of upload: H1-1.1-01 .. 04, then H1-1.2-01, H2-2.1-01.
    Item("1.1", "Kế hoạch chiến lược", "2022-2023", true);
    Item("1.1", "Biên bản chưa duyệt", "2022-2023", false);
    Item("1.1", "Quyết định đã xoá", "2022-2023", true);
    ASSERT_EQ(Hoso({"rm", "H1-1.1-03", "--school", "TDG"}).exit_code, 0);
    Item("1.1", "Kế hoạch cũ", "2018-2019", true);
    Item("1.2", "Quyết định thành lập hội đồng trường", "2021-2022", true);
    Item("2.1", "Quyết định bổ nhiệm hiệu trưởng", "2021-2022", true);
    CommandResult created = Assess({"new", "--years", "2020-2021..2024-2025"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    ASSERT_TRUE(Contains(created.out, "đợt tự đánh giá #1 của trường TDG")) << created.out;
  }

  void Item(const std::string& criterion, const std::string& title, const std::string& year,
            bool approve) {
    const std::string path = dir_.Sub(title + ".pdf");
    WriteFile(path, "nội dung " + title);
    CommandResult up = Hoso({"--json", "upload", "--school", "TDG", "--criterion", criterion,
                             "--title", title, "--year", year, path});
    ASSERT_EQ(up.exit_code, 0) << up.err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(up.out, m, std::regex("\"id\":\"([0-9]+)\""))) << up.out;
    if (approve) {
      CommandResult ok = Hoso({"review", "approve", m[1].str(), "--school", "TDG"});
      ASSERT_EQ(ok.exit_code, 0) << ok.err;
    }
  }

  CommandResult Assess(std::vector<std::string> args, const std::string& token = "") {
    args.insert(args.begin(), "assess");
    args.insert(args.end(), {"--school", "TDG"});
    return HosoWithToken(args, token.empty() ? token_ : token);
  }

  std::string Person(const std::string& name, const std::string& role,
                     const std::string& standards = "") {
    std::vector<std::string> add = {"user", "add", name, "--school", "TDG", "--role", role};
    if (!standards.empty()) add.insert(add.end(), {"--standards", standards});
    EXPECT_EQ(Hoso(add).exit_code, 0);
    CommandResult issued = Hoso({"token", "issue", name});
    EXPECT_EQ(issued.exit_code, 0) << issued.err;
    std::string token = issued.out;
    while (!token.empty() && token.back() == '\n') token.pop_back();
    return token;
  }

  std::string History(const std::string& criterion) {
    CommandResult history = Assess({"history", criterion});
    EXPECT_EQ(history.exit_code, 0) << history.err;
    return history.out;
  }
};

TEST_F(AssessmentTest, EveryBadCitationIsRefusedNamingItsCodeAndNothingIsStored) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"H1-1.1-09", "[H1-1.1-09]: không có minh chứng mang mã này"},
      {"H1-1.1-03", "[H1-1.1-03]: minh chứng đã bị xoá"},
      {"H1-1.1-02", "[H1-1.1-02]: minh chứng chưa được duyệt"},
      {"H1-1.1-04", "[H1-1.1-04]: năm học 2018-2019 nằm ngoài kỳ đánh giá 2020-2021..2024-2025"},
  };
  for (const auto& [code, message] : bad) {
    CommandResult refused =
        Assess({"write", "1.1", "--description",
                "Nhà trường có kế hoạch chiến lược [H1-1.1-01]; được rà soát [" + code + "].",
                "--met", "1a"});
    EXPECT_EQ(refused.exit_code, 5) << code << ": " << refused.out;
    EXPECT_TRUE(Contains(refused.err, message)) << refused.err;
    EXPECT_FALSE(Contains(refused.err, "H1-1.1-01]:")) << "the good code is not a problem";
  }
  EXPECT_TRUE(Contains(History("1.1"), "chưa có bản nào")) << "a refused save stored a revision";

  // All of them at once: one message, one line each.
  CommandResult all = Assess(
      {"write", "1.1", "--description", "Có [H1-1.1-09; H1-1.1-03] và [H1-1.1-02], [H1-1.1-04]."});
  EXPECT_EQ(all.exit_code, 5);
  for (const auto& [code, message] : bad) EXPECT_TRUE(Contains(all.err, message)) << all.err;

  // Written as schools write them, the good code resolves.
  CommandResult good =
      Assess({"write", "1.1", "--description", "Nhà trường có kế hoạch chiến lược [1.1-01]."});
  ASSERT_EQ(good.exit_code, 0) << good.err;
  EXPECT_TRUE(Contains(good.out, "tiêu chí 1.1: đã lưu bản 1 (nháp), mức 0")) << good.out;
}

TEST_F(AssessmentTest, ALevelNeedsADescriptionThatCitesEvidence) {
  CommandResult refused =
      Assess({"write", "1.1", "--description", "Nhà trường có phương hướng rõ ràng.", "--strengths",
              "Được công bố [H1-1.1-01].", "--met", "1a,1b"});
  EXPECT_EQ(refused.exit_code, 5);
  EXPECT_TRUE(Contains(refused.err,
                       "Chưa thể ghi mức cho tiêu chí 1.1: phần Mô tả hiện trạng chưa dẫn mã "
                       "minh chứng nào"))
      << refused.err;
  EXPECT_TRUE(Contains(History("1.1"), "chưa có bản nào"));
}

TEST_F(AssessmentTest, TheLevelIsComputedFromTheIndicatorsAndUnchangedPartsStay) {
  // 1a, 1b and 2a met, 3a not: every indicator of levels 1 and 2 holds, so level 2.
  CommandResult saved = Assess({"write", "1.1", "--description",
                                "Nhà trường có kế hoạch chiến lược giai đoạn 2020-2025 "
                                "[H1-1.1-01].",
                                "--weaknesses", "Chưa lấy ý kiến cha mẹ học sinh.", "--met",
                                "1a,1b,2a", "--not-met", "3a", "--group", "Nhóm 1"});
  ASSERT_EQ(saved.exit_code, 0) << saved.err;
  EXPECT_TRUE(Contains(saved.out, "đã lưu bản 1 (nháp), mức 2")) << saved.out;
  CommandResult shown = Assess({"show", "1.1"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_TRUE(Contains(shown.out, "Kết quả: Đạt mức 2")) << shown.out;
  EXPECT_TRUE(Contains(shown.out, "Không đạt")) << shown.out;
  EXPECT_TRUE(Contains(shown.out, "[H1-1.1-01] #1 (Mô tả hiện trạng)")) << shown.out;
  EXPECT_TRUE(Contains(shown.out, "Nhóm 1")) << shown.out;

  // 1b turns out not met: level 0 although 2a is met.
  saved = Assess({"write", "1.1", "--not-met", "1b"});
  ASSERT_EQ(saved.exit_code, 0) << saved.err;
  EXPECT_TRUE(Contains(saved.out, "đã lưu bản 2 (nháp), mức 0")) << saved.out;
  // Then every indicator met: level 3; the parts not given are kept.
  saved = Assess({"write", "1.1", "--met", "1b,3a"});
  ASSERT_EQ(saved.exit_code, 0) << saved.err;
  EXPECT_TRUE(Contains(saved.out, "đã lưu bản 3 (nháp), mức 3")) << saved.out;
  CommandResult json = Assess({"--json", "show", "1.1"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(Contains(json.out, "\"level\":3")) << json.out;
  EXPECT_TRUE(Contains(json.out, "Chưa lấy ý kiến cha mẹ học sinh.")) << json.out;
  EXPECT_TRUE(Contains(json.out, "giai đoạn 2020-2025")) << json.out;

  // An indicator the framework does not have is refused.
  CommandResult unknown = Assess({"write", "1.1", "--met", "2d"});
  EXPECT_EQ(unknown.exit_code, 5);
  EXPECT_TRUE(Contains(unknown.err, "tiêu chí 1.1 không có chỉ báo 2d")) << unknown.err;
}

TEST_F(AssessmentTest, AnUnlinkedItemIsLinkedAsCitingOrRefused) {
  const std::string text = "Hội đồng trường được thành lập đúng quy định [H1-1.1-01; H1-1.2-01].";
  CommandResult refused = Assess({"write", "1.1", "--description", text, "--refuse-unlinked"});
  EXPECT_EQ(refused.exit_code, 5);
  EXPECT_TRUE(
      Contains(refused.err, "[H1-1.2-01]: minh chứng [H1-1.2-01] không gắn với tiêu chí 1.1"))
      << refused.err;
  CommandResult item = Hoso({"--json", "show", "H1-1.2-01", "--school", "TDG"});
  ASSERT_EQ(item.exit_code, 0) << item.err;
  EXPECT_TRUE(Contains(item.out, "\"criteria\":[\"1.2\"]")) << item.out;

  CommandResult linked = Assess({"write", "1.1", "--description", text});
  ASSERT_EQ(linked.exit_code, 0) << linked.err;
  EXPECT_TRUE(Contains(linked.out, "gắn là minh chứng dùng chung của tiêu chí 1.1: [H1-1.2-01]"))
      << linked.out;
  item = Hoso({"--json", "show", "H1-1.2-01", "--school", "TDG"});
  ASSERT_EQ(item.exit_code, 0) << item.err;
  EXPECT_TRUE(Contains(item.out, "\"criteria\":[\"1.2\",\"1.1\"]")) << item.out;
  EXPECT_TRUE(Contains(item.out, "\"code\":\"[H1-1.2-01]\"")) << "the root code stays";
}

TEST_F(AssessmentTest, ApprovedIsLockedAndAChangeMakesANewRevision) {
  ASSERT_EQ(Assess({"write", "1.1", "--description", "Có kế hoạch [H1-1.1-01].", "--met", "1a,1b"})
                .exit_code,
            0);
  CommandResult early = Assess({"approve", "1.1"});
  EXPECT_EQ(early.exit_code, 5);
  EXPECT_TRUE(Contains(early.err, "«nháp» sang «đã duyệt»")) << early.err;
  ASSERT_EQ(Assess({"submit", "1.1"}).exit_code, 0);
  CommandResult approved = Assess({"approve", "1.1"});
  ASSERT_EQ(approved.exit_code, 0) << approved.err;
  EXPECT_TRUE(Contains(approved.out, "tiêu chí 1.1 (bản 1): đã duyệt")) << approved.out;
  CommandResult locked = Assess({"reopen", "1.1"});
  EXPECT_EQ(locked.exit_code, 5);
  EXPECT_TRUE(Contains(locked.err, "bị khoá")) << locked.err;

  CommandResult summary = Assess({"show"});
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_TRUE(Contains(summary.out, "đã duyệt 1/3 tiêu chí")) << summary.out;

  CommandResult changed = Assess({"write", "1.1", "--description", "Có kế hoạch mới [H1-1.1-01]."});
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_TRUE(Contains(changed.out, "đã lưu bản 2 (nháp)")) << changed.out;
  const std::string history = History("1.1");
  EXPECT_TRUE(std::regex_search(history, std::regex(R"(\n\s*1\s+1\s+đã duyệt)"))) << history;
  EXPECT_TRUE(std::regex_search(history, std::regex(R"(\n\s*2\s+1\s+nháp)"))) << history;
  CommandResult json = Assess({"--json", "history", "1.1"});
  EXPECT_TRUE(Contains(json.out, "Có kế hoạch [H1-1.1-01].")) << "the approved text is kept";
  summary = Assess({"show"});
  EXPECT_TRUE(Contains(summary.out, "đã duyệt 0/3 tiêu chí")) << summary.out;

  // A save from a stale revision is refused.
  CommandResult stale =
      Assess({"write", "1.1", "--description", "Bản cũ [H1-1.1-01].", "--revision", "1"});
  EXPECT_EQ(stale.exit_code, 12) << stale.err;
  EXPECT_TRUE(Contains(stale.err, "đã có bản 2")) << stale.err;

  // The report's own parts.
  WriteFile(dir_.Sub("dat-van-de.txt"), "Trường được thành lập năm 1995.\nĐặt vấn đề…");
  CommandResult section = Assess({"section", "dat-van-de", "@" + dir_.Sub("dat-van-de.txt")});
  ASSERT_EQ(section.exit_code, 0) << section.err;
  json = Assess({"--json", "show"});
  EXPECT_TRUE(Contains(json.out, "Trường được thành lập năm 1995.")) << json.out;
  EXPECT_EQ(Assess({"section", "phu-luc-9", "x"}).exit_code, 5);
}

TEST_F(AssessmentTest, ASecretaryOfStandardTwoWritesOnlyItsCriteriaAndTheChairApproves) {
  const std::string secretary = Person("thu.ky", "secretary", "2");
  CommandResult refused =
      Assess({"write", "1.1", "--description", "Có kế hoạch [H1-1.1-01]."}, secretary);
  EXPECT_EQ(refused.exit_code, 4);
  EXPECT_TRUE(Contains(refused.err, "thu.ky chỉ viết tự đánh giá của tiêu chuẩn 2")) << refused.err;
  EXPECT_TRUE(Contains(History("1.1"), "chưa có bản nào"));
  CommandResult written =
      Assess({"write", "2.1", "--description", "Hiệu trưởng đạt chuẩn [H2-2.1-01].", "--met", "1a"},
             secretary);
  ASSERT_EQ(written.exit_code, 0) << written.err;
  EXPECT_TRUE(Contains(written.out, "mức 1")) << written.out;
  ASSERT_EQ(Assess({"submit", "2.1"}, secretary).exit_code, 0);
  CommandResult approve = Assess({"approve", "2.1"}, secretary);
  EXPECT_EQ(approve.exit_code, 4);
  EXPECT_TRUE(Contains(approve.err, "chủ tịch hội đồng")) << approve.err;
  EXPECT_EQ(Assess({"approve", "2.1"}).exit_code, 0) << "the school's admin chairs the council";
  // Mức 4 and the report's parts of other standards are not theirs either.
  CommandResult level4 = Assess({"write", "M4", "--description", "Đạt [H2-2.1-01]."}, secretary);
  EXPECT_EQ(level4.exit_code, 4);
  EXPECT_TRUE(Contains(level4.err, "Mức 4 của cả trường")) << level4.err;
  EXPECT_EQ(Assess({"section", "mo-dau-1", "Mở đầu"}, secretary).exit_code, 4);
  EXPECT_EQ(Assess({"section", "mo-dau-2", "Mở đầu tiêu chuẩn 2"}, secretary).exit_code, 0);
}

TEST_F(AssessmentTest, ATeacherReadsButCannotWrite) {
  ASSERT_EQ(Assess({"write", "1.1", "--description", "Có kế hoạch [H1-1.1-01]."}).exit_code, 0);
  const std::string teacher = Person("giao.vien", "teacher");
  CommandResult shown = Assess({"show", "1.1"}, teacher);
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_TRUE(Contains(shown.out, "Có kế hoạch [H1-1.1-01].")) << shown.out;
  EXPECT_EQ(Assess({"ls"}, teacher).exit_code, 0);
  CommandResult write = Assess({"write", "1.1", "--description", "Sửa [H1-1.1-01]."}, teacher);
  EXPECT_EQ(write.exit_code, 4) << write.err;
  EXPECT_EQ(Assess({"submit", "1.1"}, teacher).exit_code, 4);
  EXPECT_TRUE(std::regex_search(History("1.1"), std::regex(R"(\n\s*1\s+0\s+nháp)")));
}

}  // namespace
}  // namespace hoso
