// hoso-web's Connect JSON API: any unary hoso.v1 RPC, its errors with
// ErrorInfo, the session cookie as bearer token, the cross-site refusal.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <regex>

#include "google/rpc/error_details.pb.h"
#include "tests/web/web_fixture.h"

namespace hoso {
namespace {

namespace pb = google::protobuf;

pb::Struct Json(const std::string& text) {
  pb::Struct out;
  EXPECT_TRUE(pb::util::JsonStringToMessage(text, &out).ok()) << text;
  return out;
}

std::string Field(const pb::Struct& s, const std::string& name) {
  auto it = s.fields().find(name);
  return it == s.fields().end() ? "" : it->second.string_value();
}

std::string Base64Decode(const std::string& in) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : in) {
    const size_t v = kAlphabet.find(c);
    if (v == std::string::npos) break;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  return out;
}

// The error's first detail, checked to be an ErrorInfo whose base64 value
// says what its debug form says.
google::rpc::ErrorInfo ErrorInfoOf(const HttpResult& r) {
  const pb::Struct error = Json(r.body);
  google::rpc::ErrorInfo info;
  auto details = error.fields().find("details");
  EXPECT_NE(details, error.fields().end()) << r.body;
  if (details == error.fields().end() || details->second.list_value().values_size() == 0) {
    return info;
  }
  const pb::Struct& detail = details->second.list_value().values(0).struct_value();
  EXPECT_EQ(Field(detail, "type"), "google.rpc.ErrorInfo");
  EXPECT_TRUE(info.ParseFromString(Base64Decode(Field(detail, "value")))) << r.body;
  const pb::Struct& debug = detail.fields().at("debug").struct_value();
  EXPECT_EQ(Field(debug, "reason"), info.reason());
  EXPECT_EQ(Field(debug, "domain"), "hoso.vn");
  EXPECT_EQ(info.domain(), "hoso.vn");
  return info;
}

class WebApiTest : public WebTest {
 protected:
  std::string AddUser(const std::string& name, const std::string& role) {
    EXPECT_EQ(Hoso({"user", "add", name, "--school", "LQD", "--role", role}).exit_code, 0);
    CommandResult issued = Hoso({"token", "issue", name});
    EXPECT_EQ(issued.exit_code, 0) << issued.err;
    std::string token = issued.out;
    while (!token.empty() && token.back() == '\n') token.pop_back();
    return token;
  }
};

TEST_F(WebApiTest, UnaryCallAnsweredAsJson) {
  HttpResult r = Api("hoso.v1.SchoolService/ListSchools", "{}", token_);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_NE(r.body.find("\"code\":\"LQD\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("Trường Tiểu học Lê Quý Đôn"), std::string::npos) << r.body;
  // A request in proto3 JSON reaches hosod whole: the school is created.
  HttpResult created =
      Api("hoso.v1.SchoolService/CreateSchool",
          R"({"school": {"code": "NTMK", "name": "Trường THCS Nguyễn Thị Minh Khai",
                               "framework": "tt17-2018"}})",
          token_);
  EXPECT_EQ(created.status, 200) << created.body;
  EXPECT_NE(Hoso({"school", "ls"}).out.find("NTMK"), std::string::npos);
}

TEST_F(WebApiTest, TheCookieIsTheBearerToken) {
  const std::string teacher = AddUser("lan", "teacher");
  HttpResult me = Api("hoso.v1.UserService/WhoAmI", "{}", teacher);
  EXPECT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(Field(Json(me.body), "name"), "lan") << me.body;
  HttpResult none = Api("hoso.v1.UserService/WhoAmI", "{}", "");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(Field(Json(none.body), "code"), "unauthenticated");
  EXPECT_EQ(ErrorInfoOf(none).reason(), "NOT_SIGNED_IN");
  HttpResult wrong = Api("hoso.v1.UserService/WhoAmI", "{}", "not-a-token");
  EXPECT_EQ(wrong.status, 401) << wrong.body;
}

TEST_F(WebApiTest, HosodErrorsKeepTheirErrorInfo) {
  const std::string teacher = AddUser("lan", "teacher");
  HttpResult denied = Api("hoso.v1.UserService/AddUser",
                          R"({"name": "x", "school": "LQD", "role": "secretary"})", teacher);
  EXPECT_EQ(denied.status, 403) << denied.body;
  const pb::Struct error = Json(denied.body);
  EXPECT_EQ(Field(error, "code"), "permission_denied");
  EXPECT_FALSE(Field(error, "message").empty());
  // hosod's own reason and metadata, passed on (not derived from the code).
  const google::rpc::ErrorInfo info = ErrorInfoOf(denied);
  EXPECT_EQ(info.reason(), "ROLE_REQUIRED") << denied.body;
  EXPECT_FALSE(info.metadata().at("what").empty()) << denied.body;
  const pb::Struct& debug = error.fields()
                                .at("details")
                                .list_value()
                                .values(0)
                                .struct_value()
                                .fields()
                                .at("debug")
                                .struct_value();
  EXPECT_EQ(Field(debug.fields().at("metadata").struct_value(), "what"),
            info.metadata().at("what"));
  HttpResult missing =
      Api("hoso.v1.EvidenceService/GetEvidence", R"({"school": "LQD", "id": "999"})", token_);
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_EQ(Field(Json(missing.body), "code"), "not_found");
}

TEST_F(WebApiTest, HosodUnreachableIsServerUnavailable) {
  StopServer();
  HttpResult r = Api("hoso.v1.SchoolService/ListSchools", "{}", token_);
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(ErrorInfoOf(r).reason(), "SERVER_UNAVAILABLE");
  EXPECT_NE(Field(Json(r.body), "message").find("hosod"), std::string::npos);
  StartServer();
}

TEST_F(WebApiTest, UnknownAndStreamingMethodsRefused) {
  EXPECT_EQ(Api("hoso.v1.NoService/Nothing", "{}", token_).status, 404);
  EXPECT_EQ(Api("hoso.v1.SchoolService/Nothing", "{}", token_).status, 404);
  EXPECT_EQ(Api("google.protobuf.Nothing/X", "{}", token_).status, 404);
  EXPECT_EQ(Api("grpc.health.v1.Health/Check", "{}", token_).status, 404);
  HttpResult stream = Api("hoso.v1.EvidenceService/DownloadFile", "{}", token_);
  EXPECT_EQ(stream.status, 415) << stream.body;
  EXPECT_EQ(Field(Json(stream.body), "code"), "unimplemented");
  EXPECT_EQ(Api("hoso.v1.ContentService/UploadContent", "{}", token_).status, 415);
  EXPECT_EQ(Http("GET", "/api/hoso.v1.SchoolService/ListSchools", "", {}, token_).status, 405);
}

TEST_F(WebApiTest, BadBodiesRefused) {
  HttpResult garbled = Api("hoso.v1.SchoolService/ListSchools", "{not json", token_);
  EXPECT_EQ(garbled.status, 400) << garbled.body;
  EXPECT_EQ(Field(Json(garbled.body), "code"), "invalid_argument");
  HttpResult unknown = Api("hoso.v1.SchoolService/ListSchools", R"({"nope": 1})", token_);
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  HttpResult form = Http("POST", "/api/hoso.v1.SchoolService/ListSchools", "{}",
                         {"Content-Type: application/x-www-form-urlencoded"}, token_);
  EXPECT_EQ(form.status, 415) << form.body;
  const std::string big(9 << 20, ' ');
  HttpResult large = Api("hoso.v1.SchoolService/ListSchools", "{}" + big, token_);
  EXPECT_EQ(large.status, 413) << large.body;
  EXPECT_EQ(ErrorInfoOf(large).reason(), "BODY_TOO_LARGE");
}

TEST_F(WebApiTest, CrossSiteRequestsRefused) {
  const std::string create =
      R"({"school": {"code": "EVIL", "name": "x", "framework": "tt17-2018"}})";
  const std::string type = "Content-Type: application/json";
  const std::string path = "/api/hoso.v1.SchoolService/CreateSchool";
  for (const std::vector<std::string>& headers : std::vector<std::vector<std::string>>{
           {type, "Sec-Fetch-Site: cross-site"},
           {type, "Sec-Fetch-Site: same-site"},
           {type, "Origin: http://evil.example"},
           {type, "Origin: null"},
           {type, "Origin: " + origin_, "Sec-Fetch-Site: cross-site"},
       }) {
    HttpResult r = Http("POST", path, create, headers, token_);
    EXPECT_EQ(r.status, 403) << headers.back();
    EXPECT_EQ(ErrorInfoOf(r).reason(), "CROSS_SITE_REFUSED") << r.body;
  }
  EXPECT_EQ(Hoso({"school", "ls"}).out.find("EVIL"), std::string::npos);
  // Same origin by either sign goes through.
  EXPECT_EQ(Http("POST", "/api/hoso.v1.SchoolService/ListSchools", "{}",
                 {type, "Sec-Fetch-Site: same-origin"}, token_)
                .status,
            200);
  EXPECT_EQ(Api("hoso.v1.SchoolService/ListSchools", "{}", token_).status, 200);
  // Behind a proxy the public origin counts, not the Host.
  StopWeb();
  StartWeb({"--public-origin", "https://hoso.example.vn"});
  EXPECT_EQ(Api("hoso.v1.SchoolService/ListSchools", "{}", token_).status, 403);
  EXPECT_EQ(Http("POST", "/api/hoso.v1.SchoolService/ListSchools", "{}",
                 {type, "Origin: https://hoso.example.vn"}, token_)
                .status,
            200);
}

TEST_F(WebApiTest, LogoutClearsTheCookie) {
  HttpResult out = Api("hoso.v1.LoginService/Logout", "{}", token_);
  const std::string cookie = out.Header("set-cookie");
  EXPECT_EQ(cookie.rfind("__Host-hoso=;", 0), 0u) << cookie;
  for (const char* attribute : {"Path=/", "Secure", "HttpOnly", "SameSite=Lax", "Max-Age=0"}) {
    EXPECT_NE(cookie.find(attribute), std::string::npos) << cookie;
  }
}

}  // namespace
}  // namespace hoso
