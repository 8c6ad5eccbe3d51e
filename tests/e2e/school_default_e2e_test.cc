// --school may be left out when the caller can reach exactly one school
// (issue 13): the CLI asks hosod and takes that one; with none or several it
// refuses with the codes to choose from. HOSO_SCHOOL and the config win.
#include <filesystem>

#include "tests/support/hosod_fixture.h"

namespace hoso {
namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class SchoolDefaultTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    WriteFile(dir_.Sub("Kế hoạch.pdf"), "kế hoạch năm học");
  }
  void AddSecondSchool() {
    ASSERT_EQ(Hoso({"school", "add", "NTT", "--name", "Trường THCS Nguyễn Tất Thành", "--framework",
                    "tt18-2018"})
                  .exit_code,
              0);
  }
  std::string AddTeacher(const std::string& name, const std::string& school) {
    EXPECT_EQ(Hoso({"user", "add", name, "--school", school, "--role", "teacher"}).exit_code, 0);
    CommandResult issued = Hoso({"token", "issue", name});
    EXPECT_EQ(issued.exit_code, 0) << issued.err;
    std::string token = issued.out;
    while (!token.empty() && token.back() == '\n') token.pop_back();
    return token;
  }
  // `hoso upload` of one file under criterion 1.1, without --school.
  CommandResult UploadWithoutSchool(const std::string& token, hoso::testing::Env extra = {}) {
    hoso::testing::Env env = ClientEnv(token);
    for (const auto& [k, v] : extra) env[k] = v;
    return hoso::testing::Run({HOSO_PATH, "upload", "--criterion", "1.1", "--title", "Kế hoạch",
                               dir_.Sub("Kế hoạch.pdf")},
                              env);
  }
};

TEST_F(SchoolDefaultTest, TheAdminOfAServerWithOneSchoolNeedsNoSchoolFlag) {
  CommandResult up = UploadWithoutSchool(token_);
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_TRUE(Contains(up.out, "H1-1.1-01")) << up.out;
  CommandResult shown = Hoso({"show", "H1-1.1-01"});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_TRUE(Contains(shown.out, "Kế hoạch")) << shown.out;
}

TEST_F(SchoolDefaultTest, SeveralSchoolsAreListedToChooseFrom) {
  AddSecondSchool();
  CommandResult up = UploadWithoutSchool(token_);
  EXPECT_EQ(up.exit_code, 2) << up.out << up.err;
  EXPECT_TRUE(Contains(up.err, "tài khoản này vào được 2 trường")) << up.err;
  EXPECT_TRUE(Contains(up.err, "--school")) << up.err;
  EXPECT_TRUE(Contains(up.err, "LQD  Trường Tiểu học Lê Quý Đôn")) << up.err;
  EXPECT_TRUE(Contains(up.err, "NTT  Trường THCS Nguyễn Tất Thành")) << up.err;
  EXPECT_EQ(Hoso({"ls", "--school", "LQD"}).out.find("Kế hoạch"), std::string::npos)
      << "an upload without a school landed somewhere";
}

TEST_F(SchoolDefaultTest, ATeacherOfOneSchoolNeedsNoSchoolFlag) {
  AddSecondSchool();
  const std::string teacher = AddTeacher("lan", "NTT");
  CommandResult up = UploadWithoutSchool(teacher);
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_TRUE(Contains(Hoso({"ls", "--school", "NTT"}).out, "Kế hoạch"));
  EXPECT_FALSE(Contains(Hoso({"ls", "--school", "LQD"}).out, "Kế hoạch"));
}

TEST_F(SchoolDefaultTest, NoReachableSchoolIsSaid) {
  StopServer();  // a new server that holds no school yet
  std::filesystem::remove_all(data_);
  StartServer();
  CommandResult up = UploadWithoutSchool(token_);
  EXPECT_EQ(up.exit_code, 2) << up.out << up.err;
  EXPECT_TRUE(Contains(up.err, "chưa có quyền ở trường nào")) << up.err;
}

TEST_F(SchoolDefaultTest, HosoSchoolAndTheConfigStillWin) {
  AddSecondSchool();
  CommandResult by_env = UploadWithoutSchool(token_, {{"HOSO_SCHOOL", "NTT"}});
  ASSERT_EQ(by_env.exit_code, 0) << by_env.err;
  EXPECT_TRUE(Contains(Hoso({"ls", "--school", "NTT"}).out, "Kế hoạch"));
  std::filesystem::create_directories(dir_.Sub(".config/hoso"));
  WriteFile(dir_.Sub(".config/hoso/config"), "school = LQD\n");
  CommandResult by_config = UploadWithoutSchool(token_);
  ASSERT_EQ(by_config.exit_code, 0) << by_config.err;
  EXPECT_TRUE(Contains(Hoso({"ls", "--school", "LQD"}).out, "Kế hoạch"));
}

}  // namespace
}  // namespace hoso
