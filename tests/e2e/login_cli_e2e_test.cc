// hoso user password and hoso user login-link (issue 15) against the real
// hosod: what they print, and that what they set or issue signs in.
#include <grpcpp/grpcpp.h>

#include <regex>

#include "hoso/v1/hoso.grpc.pb.h"
#include "tests/support/hosod_fixture.h"

namespace hoso {
namespace {

constexpr char kPassword[] = "hoa-phuong-do-2025";

class LoginCliTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    login_ = v1::LoginService::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
    CommandResult added = Hoso({"user", "add", "lan", "--school", "LQD", "--role", "teacher"});
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }
  void TearDown() override {
    login_.reset();  // an open channel would hold hosod's shutdown for its grace period
    HosodTest::TearDown();
  }
  // hoso with `input` on its standard input.
  CommandResult HosoWithInput(const std::vector<std::string>& args, const std::string& input,
                              const std::string& token, hoso::testing::Env extra = {}) {
    const std::string in = dir_.Sub("stdin.txt");
    WriteFile(in, input);
    std::vector<std::string> argv = {"/bin/sh", "-c", "exec \"$0\" \"$@\" < \"$HOSO_TEST_STDIN\"",
                                     HOSO_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    hoso::testing::Env env = ClientEnv(token);
    env["HOSO_TEST_STDIN"] = in;
    for (auto& [k, v] : extra) env[k] = v;
    return hoso::testing::Run(argv, env);
  }
  bool SignsIn(const std::string& user, const std::string& password) {
    v1::PasswordLoginRequest r;
    r.set_user(user);
    r.set_password(password);
    v1::LoginResponse out;
    grpc::ClientContext context;
    return login_->PasswordLogin(&context, r, &out).ok();
  }
  grpc::Status CodeLogin(const std::string& code, v1::LoginResponse* out) {
    v1::CodeLoginRequest r;
    r.set_code(code);
    grpc::ClientContext context;
    return login_->CodeLogin(&context, r, out);
  }
  std::string TeacherToken() {
    CommandResult r = Hoso({"token", "issue", "lan"});
    std::string token = r.out;
    while (!token.empty() && token.back() == '\n') token.pop_back();
    return token;
  }

  std::unique_ptr<v1::LoginService::Stub> login_;
};

TEST_F(LoginCliTest, UserPasswordSetsAPasswordFromStdin) {
  CommandResult set = HosoWithInput({"user", "password", "lan", "--password-stdin"},
                                    std::string(kPassword) + "\n", token_);
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_NE(set.out.find("đã đặt mật khẩu cho lan"), std::string::npos) << set.out;
  EXPECT_TRUE(SignsIn("lan", kPassword));
  // The teacher changes it: the new one on the first line, the current on the second.
  CommandResult own =
      HosoWithInput({"--json", "user", "password", "--password-stdin"},
                    std::string("mat-khau-moi-2026\n") + kPassword + "\n", TeacherToken());
  ASSERT_EQ(own.exit_code, 0) << own.err;
  EXPECT_NE(own.out.find("\"name\":\"lan\""), std::string::npos) << own.out;
  EXPECT_TRUE(SignsIn("lan", "mat-khau-moi-2026"));
  EXPECT_FALSE(SignsIn("lan", kPassword));
}

TEST_F(LoginCliTest, UserPasswordRefusesAShortOneAndNeedsATerminalOrStdin) {
  CommandResult short_one =
      HosoWithInput({"user", "password", "lan", "--password-stdin"}, "ngan\n", token_);
  EXPECT_EQ(short_one.exit_code, 5);
  EXPECT_NE(short_one.err.find("ít nhất 10 ký tự"), std::string::npos) << short_one.err;
  // No terminal (stdin is /dev/null here) and no --password-stdin.
  CommandResult no_tty = Hoso({"user", "password", "lan"});
  EXPECT_EQ(no_tty.exit_code, 2);
  EXPECT_NE(no_tty.err.find("--password-stdin"), std::string::npos) << no_tty.err;
  // A teacher cannot set another's.
  CommandResult other = HosoWithInput({"user", "password", "admin", "--password-stdin"},
                                      std::string(kPassword) + "\n", TeacherToken());
  EXPECT_EQ(other.exit_code, 4) << other.err;
}

TEST_F(LoginCliTest, LoginLinkPrintsALinkWhoseCodeSignsInOnce) {
  CommandResult link =
      Hoso({"user", "login-link", "lan", "--school", "LQD", "--url", "https://truong.example.vn/"});
  ASSERT_EQ(link.exit_code, 0) << link.err;
  std::smatch m;
  const std::string out = link.out;
  ASSERT_TRUE(std::regex_match(
      out, m, std::regex("https://truong\\.example\\.vn/#login=([A-Za-z0-9_-]{43})\n")))
      << out;
  const std::string code = m[1].str();
  EXPECT_NE(link.err.find(code), std::string::npos) << link.err;  // the code, to type
  EXPECT_NE(link.err.find("một lần"), std::string::npos) << link.err;
  v1::LoginResponse session;
  ASSERT_TRUE(CodeLogin(code, &session).ok());
  EXPECT_EQ(session.user().name(), "lan");
  EXPECT_FALSE(CodeLogin(code, &session).ok());
  // A teacher may not issue one.
  CommandResult denied =
      HosoWithToken({"user", "login-link", "lan", "--school", "LQD"}, TeacherToken());
  EXPECT_EQ(denied.exit_code, 4) << denied.err;
}

TEST_F(LoginCliTest, LoginLinkForTheServerAdminNeedsNoSchool) {
  CommandResult link = HosoWithInput({"--json", "user", "login-link", "admin", "--minutes", "30"},
                                     "", token_, {{"HOSO_WEB_URL", "https://so.example.vn"}});
  ASSERT_EQ(link.exit_code, 0) << link.err;
  std::smatch m;
  const std::string out = link.out;
  ASSERT_TRUE(std::regex_search(out, m, std::regex("\"code\":\"([A-Za-z0-9_-]{43})\""))) << out;
  EXPECT_NE(out.find("\"link\":\"https://so.example.vn/#login=" + m[1].str() + "\""),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\"school\":\"*\""), std::string::npos) << out;
  v1::LoginResponse session;
  ASSERT_TRUE(CodeLogin(m[1].str(), &session).ok());
  EXPECT_EQ(session.user().name(), "admin");
  // Without --url or HOSO_WEB_URL: the web front on loopback.
  CommandResult local = Hoso({"user", "login-link", "admin"});
  ASSERT_EQ(local.exit_code, 0) << local.err;
  EXPECT_EQ(local.out.rfind("http://127.0.0.1:8080/#login=", 0), 0u) << local.out;
}

}  // namespace
}  // namespace hoso
