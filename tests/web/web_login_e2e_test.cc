// Signing in through hoso-web: the login RPCs' token goes into the
// __Host-hoso cookie and never into the page; the cookie is then the bearer
// token of every call; Logout revokes the session and clears the cookie.
#include <regex>

#include "tests/web/web_fixture.h"

namespace hoso {
namespace {

class WebLoginTest : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_EQ(Hoso({"user", "add", "lan", "--school", "LQD", "--role", "teacher"}).exit_code, 0);
  }
  // The token a Set-Cookie header gives, checked to carry every attribute.
  static std::string CookieToken(const HttpResult& r) {
    const std::string cookie = r.Header("set-cookie");
    std::smatch m;
    EXPECT_TRUE(std::regex_search(cookie, m, std::regex("^__Host-hoso=([^;]+);"))) << cookie;
    for (const char* attribute : {"; Path=/", "; Secure", "; HttpOnly", "; SameSite=Lax"}) {
      EXPECT_NE(cookie.find(attribute), std::string::npos) << cookie;
    }
    EXPECT_EQ(cookie.find("Domain"), std::string::npos) << cookie;  // __Host- forbids it
    return m.size() > 1 ? m[1].str() : "";
  }
};

TEST_F(WebLoginTest, PasswordLoginGivesACookieNotAToken) {
  HttpResult set = Api("hoso.v1.LoginService/SetPassword",
                       R"({"user": "lan", "newPassword": "mật khẩu của Lan 2025"})", token_);
  ASSERT_EQ(set.status, 200) << set.body;
  HttpResult login = Api("hoso.v1.LoginService/PasswordLogin",
                         R"({"user": "lan", "password": "mật khẩu của Lan 2025"})", "");
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string session = CookieToken(login);
  ASSERT_FALSE(session.empty());
  EXPECT_NE(login.Header("set-cookie").find("; Max-Age="), std::string::npos);
  EXPECT_EQ(login.body.find(session), std::string::npos) << "the token reached the page";
  EXPECT_NE(login.body.find("\"token\":\"\""), std::string::npos) << login.body;
  EXPECT_NE(login.body.find("lan"), std::string::npos) << login.body;
  // The cookie is the bearer token of the next calls.
  HttpResult me = Api("hoso.v1.UserService/WhoAmI", "{}", session);
  EXPECT_EQ(me.status, 200) << me.body;
  EXPECT_NE(me.body.find("\"name\":\"lan\""), std::string::npos) << me.body;
  // Logout revokes the session and clears the cookie.
  HttpResult out = Api("hoso.v1.LoginService/Logout", "{}", session);
  EXPECT_EQ(out.status, 200) << out.body;
  EXPECT_NE(out.Header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Api("hoso.v1.UserService/WhoAmI", "{}", session).status, 401);
  // A wrong password gives no cookie.
  HttpResult wrong = Api("hoso.v1.LoginService/PasswordLogin",
                         R"({"user": "lan", "password": "không phải mật khẩu"})", "");
  EXPECT_EQ(wrong.status, 401) << wrong.body;
  EXPECT_EQ(wrong.Header("set-cookie"), "");
  EXPECT_NE(wrong.body.find("BAD_PASSWORD"), std::string::npos) << wrong.body;
}

TEST_F(WebLoginTest, AOneTimeCodeSignsInOnce) {
  HttpResult issued = Api("hoso.v1.LoginService/IssueLoginCode",
                          R"({"user": "lan", "school": "LQD"})", token_);
  ASSERT_EQ(issued.status, 200) << issued.body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(issued.body, m, std::regex("\"code\":\"([^\"]+)\"")));
  const std::string code = m[1].str();
  HttpResult login =
      Api("hoso.v1.LoginService/CodeLogin", R"({"code": ")" + code + R"("})", "");
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string session = CookieToken(login);
  EXPECT_EQ(Api("hoso.v1.UserService/WhoAmI", "{}", session).status, 200);
  HttpResult again = Api("hoso.v1.LoginService/CodeLogin", R"({"code": ")" + code + R"("})", "");
  EXPECT_NE(again.status, 200);
  EXPECT_EQ(again.Header("set-cookie"), "");
  EXPECT_NE(again.body.find("LOGIN_CODE_INVALID"), std::string::npos) << again.body;
}

}  // namespace
}  // namespace hoso
