// Signing in (issue 15) against the real hosod: passwords, sessions, one-time
// login codes, throttling per account, and the reasons every refusal carries
// as a google.rpc.ErrorInfo in the status details.
#include <grpcpp/grpcpp.h>

#include <future>
#include <thread>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "hoso/v1/hoso.grpc.pb.h"
#include "tests/support/hosod_fixture.h"

namespace hoso {
namespace {

constexpr char kPassword[] = "hoa-phuong-do-2025";

// The ErrorInfo of a failed call: reason and metadata, as a client reads them.
struct Reason {
  std::string reason, domain;
  std::map<std::string, std::string> metadata;
};
Reason ReasonOf(const grpc::Status& status) {
  Reason out;
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return out;
  for (const auto& any : details.details()) {
    google::rpc::ErrorInfo info;
    if (!any.UnpackTo(&info)) continue;
    out.reason = info.reason();
    out.domain = info.domain();
    out.metadata.insert(info.metadata().begin(), info.metadata().end());
  }
  return out;
}

class LoginTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    ASSERT_EQ(
        Hoso({"school", "add", "LV", "--name", "Trường THCS Lạc Viên", "--framework", "tt18-2018"})
            .exit_code,
        0);
    channel_ = grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
    login_ = v1::LoginService::NewStub(channel_);
    users_ = v1::UserService::NewStub(channel_);
    AddUser("lan", "LQD", "teacher");
    AddUser("hieu.truong", "LQD", "admin");
    AddUser("khac.truong", "LV", "admin");
    principal_ = IssueToken("hieu.truong");
    other_principal_ = IssueToken("khac.truong");
  }
  void TearDown() override {
    // An open channel would hold hosod's shutdown for its grace period.
    login_.reset();
    users_.reset();
    channel_.reset();
    HosodTest::TearDown();
  }
  void AddUser(const std::string& name, const std::string& school, const std::string& role) {
    CommandResult r = Hoso({"user", "add", name, "--school", school, "--role", role});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string IssueToken(const std::string& user) {
    CommandResult r = Hoso({"token", "issue", user});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string token = r.out;
    while (!token.empty() && token.back() == '\n') token.pop_back();
    return token;
  }
  std::unique_ptr<grpc::ClientContext> Context(const std::string& token = "") const {
    auto c = std::make_unique<grpc::ClientContext>();
    if (!token.empty()) c->AddMetadata("authorization", "Bearer " + token);
    c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return c;
  }
  grpc::Status SetPassword(const std::string& token, const std::string& user,
                           const std::string& new_password, const std::string& old = "") {
    v1::SetPasswordRequest r;
    r.set_user(user);
    r.set_new_password(new_password);
    r.set_old_password(old);
    v1::User out;
    return login_->SetPassword(Context(token).get(), r, &out);
  }
  grpc::Status PasswordLogin(const std::string& user, const std::string& password,
                             v1::LoginResponse* out, const std::string& token = "") {
    v1::PasswordLoginRequest r;
    r.set_user(user);
    r.set_password(password);
    return login_->PasswordLogin(Context(token).get(), r, out);
  }
  grpc::Status CodeLogin(const std::string& code, v1::LoginResponse* out) {
    v1::CodeLoginRequest r;
    r.set_code(code);
    return login_->CodeLogin(Context().get(), r, out);
  }
  grpc::Status IssueCode(const std::string& token, const std::string& user,
                         const std::string& school, v1::IssueLoginCodeResponse* out,
                         uint32_t minutes = 0) {
    v1::IssueLoginCodeRequest r;
    r.set_user(user);
    r.set_school(school);
    r.set_valid_minutes(minutes);
    return login_->IssueLoginCode(Context(token).get(), r, out);
  }
  grpc::Status WhoAmI(const std::string& token, v1::User* out = nullptr) {
    v1::User user;
    return users_->WhoAmI(Context(token).get(), {}, out ? out : &user);
  }

  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::LoginService::Stub> login_;
  std::unique_ptr<v1::UserService::Stub> users_;
  std::string principal_, other_principal_;
};

TEST_F(LoginTest, APasswordGivesASessionThatLogoutEnds) {
  ASSERT_TRUE(SetPassword(principal_, "lan", kPassword).ok());
  v1::LoginResponse session;
  // A token sent along is ignored, and the name is forgiven its capitals.
  grpc::Status s = PasswordLogin(" Lan ", kPassword, &session, "hoso_not-a-token");
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(session.user().name(), "lan");
  EXPECT_TRUE(session.password_set());
  EXPECT_TRUE(session.info().session());
  // Twelve hours by default.
  EXPECT_NEAR(session.info().expires().seconds() - session.info().created().seconds(), 12 * 3600,
              2);
  v1::User me;
  ASSERT_TRUE(WhoAmI(session.token(), &me).ok());
  EXPECT_EQ(me.name(), "lan");
  // hoso token ls shows it as a session.
  CommandResult listed = HosoWithToken({"token", "ls"}, session.token());
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("session"), std::string::npos) << listed.out;

  v1::TokenInfo ended;
  ASSERT_TRUE(login_->Logout(Context(session.token()).get(), {}, &ended).ok());
  EXPECT_EQ(ended.id(), session.info().id());
  grpc::Status after = WhoAmI(session.token());
  EXPECT_EQ(after.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // The principal's token is untouched.
  EXPECT_TRUE(WhoAmI(principal_).ok());
  CommandResult audit = Hoso({"audit", "ls"});
  EXPECT_NE(audit.out.find("session.start"), std::string::npos) << audit.out;
  EXPECT_NE(audit.out.find("password.set"), std::string::npos) << audit.out;
  EXPECT_EQ(audit.out.find(kPassword), std::string::npos) << audit.out;
}

TEST_F(LoginTest, AWrongPasswordIsBadPasswordWithErrorInfo) {
  ASSERT_TRUE(SetPassword(principal_, "lan", kPassword).ok());
  v1::LoginResponse session;
  grpc::Status s = PasswordLogin("lan", "hoa-phuong-do-2024", &session);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ReasonOf(s).reason, "BAD_PASSWORD");
  EXPECT_EQ(ReasonOf(s).domain, "hoso.vn");
  EXPECT_TRUE(session.token().empty());
  // An unknown name, and a user without a password, get the same answer.
  grpc::Status unknown = PasswordLogin("khong.co.ai", kPassword, &session);
  EXPECT_EQ(unknown.error_code(), s.error_code());
  EXPECT_EQ(unknown.error_message(), s.error_message());
  EXPECT_EQ(ReasonOf(unknown).reason, "BAD_PASSWORD");
  grpc::Status unset = PasswordLogin("hieu.truong", kPassword, &session);
  EXPECT_EQ(unset.error_message(), s.error_message());
  EXPECT_EQ(ReasonOf(unset).reason, "BAD_PASSWORD");
  // Empty fields are a question to fill them in, not an attempt.
  grpc::Status empty = PasswordLogin("lan", "", &session);
  EXPECT_EQ(empty.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(empty).metadata["field"], "password");
}

class ThrottledLoginTest : public LoginTest {
 protected:
  void SetUp() override {
    server_args_ = {"--login-pause", "2s"};
    LoginTest::SetUp();
  }
};

TEST_F(ThrottledLoginTest, FiveWrongPasswordsPauseTheAccountEvenForTheRightOne) {
  ASSERT_TRUE(SetPassword(principal_, "lan", kPassword).ok());
  v1::LoginResponse session;
  for (int i = 0; i < 5; ++i) {
    grpc::Status s = PasswordLogin("lan", "sai-mat-khau-" + std::to_string(i), &session);
    EXPECT_EQ(ReasonOf(s).reason, "BAD_PASSWORD") << i;
  }
  grpc::Status paused = PasswordLogin("lan", kPassword, &session);
  EXPECT_EQ(paused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  Reason why = ReasonOf(paused);
  EXPECT_EQ(why.reason, "LOGIN_THROTTLED");
  const int retry = std::stoi(why.metadata["retry_after_seconds"]);
  EXPECT_GE(retry, 1);
  EXPECT_LE(retry, 2);
  // Per account: another teacher at the same address signs in.
  AddUser("binh", "LQD", "teacher");
  ASSERT_TRUE(SetPassword(principal_, "binh", kPassword).ok());
  EXPECT_TRUE(PasswordLogin("binh", kPassword, &session).ok());
  // The refusals are in the audit log under the account's name.
  CommandResult audit = Hoso({"audit", "ls", "--actor", "lan"});
  EXPECT_NE(audit.out.find("LoginService/PasswordLogin"), std::string::npos) << audit.out;
  EXPECT_EQ(audit.out.find("sai-mat-khau"), std::string::npos) << audit.out;

  // After the pause (--login-pause 2s) the right password works, and a
  // success starts the count afresh.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100 + 1000));
  grpc::Status again = PasswordLogin("lan", kPassword, &session);
  ASSERT_TRUE(again.ok()) << again.error_message();
  for (int i = 0; i < 4; ++i) PasswordLogin("lan", "sai", &session);
  EXPECT_TRUE(PasswordLogin("lan", kPassword, &session).ok());
}

TEST_F(ThrottledLoginTest, UnknownNamesArePausedAlike) {
  v1::LoginResponse session;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(ReasonOf(PasswordLogin("khong.co.ai", "sai-mat-khau", &session)).reason,
              "BAD_PASSWORD");
  }
  EXPECT_EQ(ReasonOf(PasswordLogin("khong.co.ai", "sai-mat-khau", &session)).reason,
            "LOGIN_THROTTLED");
}

TEST_F(LoginTest, ALoginCodeWorksOnceEvenForTwoRacingRequests) {
  v1::IssueLoginCodeResponse code;
  grpc::Status issued = IssueCode(principal_, "lan", "lqd", &code, 30);
  ASSERT_TRUE(issued.ok()) << issued.error_message();
  EXPECT_EQ(code.code().size(), 43u);
  auto race = [&] {
    v1::LoginResponse session;
    grpc::Status s = CodeLogin(code.code(), &session);
    return std::make_pair(s, session);
  };
  auto first = std::async(std::launch::async, race);
  auto second = std::async(std::launch::async, race);
  auto a = first.get(), b = second.get();
  ASSERT_NE(a.first.ok(), b.first.ok())
      << a.first.error_message() << " / " << b.first.error_message();
  const auto& won = a.first.ok() ? a : b;
  const auto& lost = a.first.ok() ? b : a;
  EXPECT_EQ(won.second.user().name(), "lan");
  EXPECT_FALSE(won.second.password_set());  // the page offers to set one
  EXPECT_TRUE(won.second.info().session());
  EXPECT_TRUE(WhoAmI(won.second.token()).ok());
  EXPECT_EQ(lost.first.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ReasonOf(lost.first).reason, "LOGIN_CODE_INVALID");
  v1::LoginResponse again;
  EXPECT_EQ(ReasonOf(CodeLogin(code.code(), &again)).reason, "LOGIN_CODE_INVALID");
  EXPECT_EQ(ReasonOf(CodeLogin("bogus", &again)).reason, "LOGIN_CODE_INVALID");
  // With the session, the teacher sets a password of their own, no old one asked.
  EXPECT_TRUE(SetPassword(won.second.token(), "", kPassword).ok());
  CommandResult audit = Hoso({"audit", "ls"});
  EXPECT_NE(audit.out.find("login_code.issue"), std::string::npos) << audit.out;
  EXPECT_NE(audit.out.find("by login code"), std::string::npos) << audit.out;
  EXPECT_EQ(audit.out.find(code.code()), std::string::npos) << audit.out;
}

TEST_F(LoginTest, LoginCodesAreTheSchoolAdminsToIssue) {
  v1::IssueLoginCodeResponse code;
  // A teacher may not; the gate says which role is missing where.
  const std::string teacher = IssueToken("lan");
  grpc::Status denied = IssueCode(teacher, "lan", "LQD", &code);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  Reason why = ReasonOf(denied);
  EXPECT_EQ(why.reason, "ROLE_REQUIRED");
  EXPECT_EQ(why.metadata["what"], "cấp mã đăng nhập");
  EXPECT_EQ(why.metadata["what_en"], "issue login codes");
  EXPECT_EQ(why.metadata["school"], "LQD");
  // Another school's admin may not for LQD's teacher.
  EXPECT_EQ(IssueCode(other_principal_, "lan", "LQD", &code).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(IssueCode(other_principal_, "lan", "LV", &code).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(IssueCode(principal_, "lan", "LQD", &code, 10081).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // The server admin's own code names no school.
  grpc::Status own = IssueCode(token_, "admin", "", &code);
  ASSERT_TRUE(own.ok()) << own.error_message();
  EXPECT_NEAR(code.expires().seconds() - std::time(nullptr), 1440 * 60, 5);
  v1::LoginResponse session;
  ASSERT_TRUE(CodeLogin(code.code(), &session).ok());
  EXPECT_EQ(session.user().name(), "admin");
  // A school admin cannot issue one without a school (that is every school).
  EXPECT_EQ(IssueCode(principal_, "lan", "", &code).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(LoginTest, PasswordsAreSetByTheirOwnerOrTheirAdmin) {
  const std::string teacher = IssueToken("lan");
  // Own, while none is set: no old password needed.
  ASSERT_TRUE(SetPassword(teacher, "", kPassword).ok());
  // Once set, the old one is asked for, and must be right.
  grpc::Status no_old = SetPassword(teacher, "", "mat-khau-moi-2026");
  EXPECT_EQ(no_old.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(no_old).metadata["field"], "old_password");
  grpc::Status wrong_old = SetPassword(teacher, "", "mat-khau-moi-2026", "doan-sai-mat-khau");
  EXPECT_EQ(wrong_old.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(wrong_old).reason, "BAD_PASSWORD");
  EXPECT_TRUE(SetPassword(teacher, "", "mat-khau-moi-2026", kPassword).ok());
  v1::LoginResponse session;
  EXPECT_TRUE(PasswordLogin("lan", "mat-khau-moi-2026", &session).ok());
  // Too short.
  grpc::Status short_one = SetPassword(teacher, "", "ngan", "mat-khau-moi-2026");
  EXPECT_EQ(short_one.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(short_one).reason, "PASSWORD_TOO_SHORT");
  EXPECT_EQ(ReasonOf(short_one).metadata["min_length"], "10");
  // The school's admin resets it; a teacher cannot set another's; an admin
  // of another school cannot either, nor a school admin the server admin's.
  EXPECT_TRUE(SetPassword(principal_, "lan", kPassword).ok());
  EXPECT_EQ(SetPassword(teacher, "hieu.truong", kPassword).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(SetPassword(other_principal_, "lan", kPassword).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(SetPassword(principal_, "admin", kPassword).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(SetPassword(token_, "hieu.truong", kPassword).ok());
  EXPECT_TRUE(PasswordLogin("hieu.truong", kPassword, &session).ok());
}

TEST_F(LoginTest, TheGatesOwnRefusalsCarryReasons) {
  grpc::Status none = WhoAmI("");
  EXPECT_EQ(none.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ReasonOf(none).reason, "NO_TOKEN");
  grpc::Status revoked = WhoAmI("hoso_0000");
  EXPECT_EQ(ReasonOf(revoked).reason, "UNAUTHENTICATED");
  // Removing a user ends their sessions and their password with them.
  ASSERT_TRUE(SetPassword(principal_, "lan", kPassword).ok());
  v1::LoginResponse session;
  ASSERT_TRUE(PasswordLogin("lan", kPassword, &session).ok());
  CommandResult removed = Hoso({"user", "rm", "lan", "--school", "LQD"});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_EQ(WhoAmI(session.token()).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  AddUser("lan", "LQD", "teacher");
  EXPECT_EQ(ReasonOf(PasswordLogin("lan", kPassword, &session)).reason, "BAD_PASSWORD");
}

class ShortSessionTest : public LoginTest {
 protected:
  void SetUp() override {
    server_args_ = {"--session-hours", "0.0006"};  // 2 seconds
    LoginTest::SetUp();
  }
};

TEST_F(ShortSessionTest, AnExpiredSessionSaysSo) {
  ASSERT_TRUE(SetPassword(principal_, "lan", kPassword).ok());
  v1::LoginResponse session;
  ASSERT_TRUE(PasswordLogin("lan", kPassword, &session).ok());
  EXPECT_EQ(session.info().expires().seconds() - session.info().created().seconds(), 2);
  ASSERT_TRUE(WhoAmI(session.token()).ok());
  std::this_thread::sleep_for(std::chrono::seconds(3));
  grpc::Status expired = WhoAmI(session.token());
  EXPECT_EQ(expired.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ReasonOf(expired).reason, "SESSION_EXPIRED");
}

class NoCallsTest : public LoginTest {
 protected:
  void SetUp() override {
    server_args_ = {"--max-calls-per-user", "0"};  // every call is one too many
    data_ = dir_.Sub("data");
    StartServer();
  }
};

TEST_F(NoCallsTest, TooManyCallsIsSaid) {
  channel_ = grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
  users_ = v1::UserService::NewStub(channel_);
  grpc::Status busy = WhoAmI(token_);
  EXPECT_EQ(busy.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(ReasonOf(busy).reason, "TOO_MANY_CALLS");
}

}  // namespace
}  // namespace hoso
