// Who may do what, end to end with the real binaries: teachers and their
// own items, review, assessors and sealed dossiers, token expiry and
// revocation, TLS handshakes, and an audit log that notices tampering.
#include <grpcpp/grpcpp.h>

#include "hoso/v1/hoso.grpc.pb.h"
#include "storage/base/sha256.h"
#include "storage/index/audit_log.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/status_matchers.h"

namespace hoso {
namespace {

class AccessTest : public HosodTest {
 protected:
  // Adds a user with a role in LQD and returns a fresh token of theirs.
  std::string AddUser(const std::string& name, const std::string& role,
                      std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"user", "add", name, "--school", "LQD", "--role", role};
    args.insert(args.end(), extra.begin(), extra.end());
    CommandResult added = Hoso(args);
    EXPECT_EQ(added.exit_code, 0) << added.err;
    return Issue(name);
  }
  std::string Issue(const std::string& name) {
    CommandResult issued = Hoso({"token", "issue", name});
    EXPECT_EQ(issued.exit_code, 0) << issued.err;
    std::string token = issued.out;
    while (!token.empty() && token.back() == '\n') token.pop_back();
    return token;
  }
  // Uploads a small file as `token`'s user under `criterion`.
  CommandResult UploadAs(const std::string& token, const std::string& criterion,
                         const std::string& title) {
    const std::string path = dir_.Sub(title + ".pdf");
    WriteFile(path, "nội dung " + title);
    return HosoWithToken(
        {"upload", "--school", "LQD", "--criterion", criterion, "--title", title, path}, token);
  }
  std::unique_ptr<v1::UserService::Stub> UserStub() {
    return v1::UserService::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  }
  std::unique_ptr<grpc::ClientContext> AdminContext() {
    auto c = std::make_unique<grpc::ClientContext>();
    c->AddMetadata("authorization", "Bearer " + token_);
    return c;
  }
};

TEST_F(AccessTest, TeachersChangeOnlyTheirOwnItemsAndOnlyUntilApproved) {
  const std::string lan = AddUser("lan", "teacher");
  const std::string minh = AddUser("minh", "teacher");
  const std::string thuky = AddUser("thu.ky", "secretary");
  ASSERT_EQ(UploadAs(lan, "1.1", "Kế hoạch năm học").exit_code, 0);
  ASSERT_EQ(UploadAs(lan, "1.2", "Biên bản họp").exit_code, 0);

  CommandResult rm = HosoWithToken({"rm", "H1-1.1-01", "--school", "LQD"}, minh);
  EXPECT_EQ(rm.exit_code, 4);
  EXPECT_NE(rm.err.find("a teacher cannot delete evidence uploaded by another user"),
            std::string::npos)
      << rm.err;
  CommandResult edit =
      HosoWithToken({"edit", "H1-1.1-01", "--school", "LQD", "--title", "x"}, minh);
  EXPECT_EQ(edit.exit_code, 4);
  EXPECT_NE(edit.err.find("a teacher cannot edit evidence uploaded by another user"),
            std::string::npos)
      << edit.err;
  EXPECT_EQ(HosoWithToken({"edit", "H1-1.1-01", "--school", "LQD", "--title", "Kế hoạch 2024"}, lan)
                .exit_code,
            0);

  CommandResult pending = HosoWithToken({"review", "ls", "--pending", "--school", "LQD"}, thuky);
  EXPECT_NE(pending.out.find("Kế hoạch 2024"), std::string::npos) << pending.out;
  EXPECT_EQ(HosoWithToken({"review", "approve", "H1-1.1-01", "--school", "LQD"}, thuky).exit_code,
            0);
  CommandResult locked =
      HosoWithToken({"edit", "H1-1.1-01", "--school", "LQD", "--title", "y"}, lan);
  EXPECT_EQ(locked.exit_code, 4);
  EXPECT_NE(locked.err.find("is approved and locked"), std::string::npos) << locked.err;
  EXPECT_EQ(HosoWithToken({"rm", "H1-1.1-01", "--school", "LQD"}, lan).exit_code, 4);
  EXPECT_EQ(HosoWithToken({"review", "approve", "H1-1.2-01", "--school", "LQD"}, lan).exit_code, 4)
      << "a teacher approved an item";

  // Returned with a reason; the teacher's fix submits it again.
  EXPECT_EQ(
      HosoWithToken(
          {"review", "return", "H1-1.2-01", "--school", "LQD", "--reason", "thiếu chữ ký"}, thuky)
          .exit_code,
      0);
  CommandResult shown = HosoWithToken({"show", "H1-1.2-01", "--school", "LQD"}, lan);
  EXPECT_NE(shown.out.find("returned by thu.ky: thiếu chữ ký"), std::string::npos) << shown.out;
  ASSERT_EQ(
      HosoWithToken({"edit", "H1-1.2-01", "--school", "LQD", "--title", "Biên bản có ký"}, lan)
          .exit_code,
      0);
  pending = HosoWithToken({"review", "ls", "--school", "LQD"}, thuky);
  EXPECT_NE(pending.out.find("Biên bản có ký"), std::string::npos) << pending.out;
  EXPECT_EQ(pending.out.find("Kế hoạch 2024"), std::string::npos) << "approved item still pending";
}

TEST_F(AccessTest, DossiersTakeApprovedItemsUnlessTheSchoolSaysAll) {
  ASSERT_EQ(UploadAs(token_, "1.1", "Kế hoạch").exit_code, 0);
  ASSERT_EQ(UploadAs(token_, "1.2", "Biên bản").exit_code, 0);
  ASSERT_EQ(Hoso({"review", "approve", "H1-1.2-01", "--school", "LQD"}).exit_code, 0);
  CommandResult approved = Hoso({"--json", "dossier", "build", "--school", "LQD"});
  EXPECT_NE(approved.out.find("\"items\":1"), std::string::npos) << approved.out;
  ASSERT_EQ(Hoso({"school", "set", "LQD", "--dossier-items", "all"}).exit_code, 0);
  CommandResult all = Hoso({"--json", "dossier", "build", "--school", "LQD"});
  EXPECT_NE(all.out.find("\"items\":2"), std::string::npos) << all.out;
}

TEST_F(AccessTest, SecretariesLimitedToStandardsWorkOnlyThere) {
  const std::string thuky = AddUser("thu.ky", "secretary", {"--standards", "2"});
  ASSERT_EQ(UploadAs(token_, "1.1", "Kế hoạch").exit_code, 0);
  ASSERT_EQ(UploadAs(token_, "2.1", "Danh sách giáo viên").exit_code, 0);
  CommandResult outside =
      HosoWithToken({"review", "approve", "H1-1.1-01", "--school", "LQD"}, thuky);
  EXPECT_EQ(outside.exit_code, 4);
  EXPECT_NE(outside.err.find("thu.ky reviews standards 2 only; [H1-1.1-01] belongs to standard 1"),
            std::string::npos)
      << outside.err;
  EXPECT_EQ(HosoWithToken({"review", "approve", "H2-2.1-01", "--school", "LQD"}, thuky).exit_code,
            0);
  EXPECT_EQ(HosoWithToken({"dossier", "build", "--school", "LQD"}, thuky).exit_code, 4);
  EXPECT_EQ(
      HosoWithToken({"dossier", "build", "--school", "LQD", "--standard", "2"}, thuky).exit_code,
      0);
}

TEST_F(AccessTest, AssessorsSeeSealedDossiersOfTheirSchoolsUntilTheirRoleExpires) {
  ASSERT_EQ(
      Hoso({"school", "add", "LV", "--name", "Trường THCS Lạc Viên", "--framework", "tt18-2018"})
          .exit_code,
      0);
  ASSERT_EQ(Hoso({"school", "set", "LQD", "--dossier-items", "all"}).exit_code, 0);
  ASSERT_EQ(UploadAs(token_, "1.1", "Kế hoạch").exit_code, 0);
  ASSERT_EQ(Hoso({"dossier", "build", "--school", "LQD"}).exit_code, 0);
  const std::string assessor = AddUser("danh.gia", "assessor");

  CommandResult draft = HosoWithToken(
      {"dossier", "download", "1", "--school", "LQD", "-o", dir_.Sub("d.zip")}, assessor);
  EXPECT_EQ(draft.exit_code, 4);
  EXPECT_NE(draft.err.find("an assessor sees sealed dossiers only"), std::string::npos)
      << draft.err;
  EXPECT_EQ(HosoWithToken({"dossier", "ls", "--school", "LQD"}, assessor).out.find("draft"),
            std::string::npos);
  EXPECT_EQ(HosoWithToken({"ls", "--school", "LQD"}, assessor).exit_code, 4);
  EXPECT_EQ(HosoWithToken({"upload", "--school", "LQD", "--criterion", "1.1", "--title", "x",
                           dir_.Sub("Kế hoạch.pdf")},
                          assessor)
                .exit_code,
            4);
  CommandResult other = HosoWithToken({"dossier", "ls", "--school", "LV"}, assessor);
  EXPECT_EQ(other.exit_code, 4);
  EXPECT_NE(other.err.find("danh.gia holds no role in school LV"), std::string::npos) << other.err;

  const std::string keys = dir_.Sub("principal");
  ASSERT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -keyout " + keys +
                         ".key -out " + keys +
                         ".pem -subj '/CN=Hiệu trưởng' -days 30 "
                         ">/dev/null 2>&1")
                            .c_str()),
            0);
  ASSERT_EQ(Hoso({"dossier", "seal", "1", "--school", "LQD", "--key", keys + ".key", "--cert",
                  keys + ".pem"})
                .exit_code,
            0);
  CommandResult sealed = HosoWithToken(
      {"dossier", "download", "1", "--school", "LQD", "-o", dir_.Sub("d.zip")}, assessor);
  EXPECT_EQ(sealed.exit_code, 0) << sealed.err;
}

// Expiry is tested against a fake clock in tests/services/service_test.cc.
TEST_F(AccessTest, RevokedTokensAndRemovedUsersStopWorkingAtOnce) {
  const std::string lan = AddUser("lan", "teacher");
  EXPECT_EQ(HosoWithToken({"whoami"}, lan).exit_code, 0);
  CommandResult tokens = Hoso({"--json", "token", "ls", "--user", "lan"});
  std::smatch id;
  ASSERT_TRUE(std::regex_search(tokens.out, id, std::regex("\"id\":\"([0-9a-f]{12})\"")))
      << tokens.out;
  EXPECT_EQ(tokens.out.find(lan), std::string::npos) << "a token secret was listed";
  ASSERT_EQ(Hoso({"token", "revoke", id[1].str()}).exit_code, 0);
  CommandResult revoked = HosoWithToken({"whoami"}, lan);
  EXPECT_EQ(revoked.exit_code, 4);
  EXPECT_NE(revoked.err.find("not valid"), std::string::npos) << revoked.err;

  const std::string again = Issue("lan");
  ASSERT_EQ(Hoso({"user", "rm", "lan", "--everywhere"}).exit_code, 0);
  EXPECT_EQ(HosoWithToken({"whoami"}, again).exit_code, 4) << "a removed user's token still works";
}

TEST_F(AccessTest, SchoolAdminsIssueTokensOnlyForTheirOwnPeople) {
  ASSERT_EQ(
      Hoso({"school", "add", "LV", "--name", "Trường THCS Lạc Viên", "--framework", "tt18-2018"})
          .exit_code,
      0);
  const std::string principal = AddUser("hieu.truong", "admin");
  AddUser("lan", "teacher");
  ASSERT_EQ(Hoso({"user", "add", "lan", "--school", "LV", "--role", "teacher"}).exit_code, 0);
  AddUser("minh", "teacher");
  CommandResult mixed = HosoWithToken({"token", "issue", "lan"}, principal);
  EXPECT_EQ(mixed.exit_code, 4);
  EXPECT_NE(mixed.err.find("lan holds roles outside the schools hieu.truong administers"),
            std::string::npos)
      << mixed.err;
  EXPECT_EQ(HosoWithToken({"token", "issue", "minh"}, principal).exit_code, 0);
  EXPECT_EQ(HosoWithToken({"user", "add", "x.y", "--school", "LV", "--role", "teacher"}, principal)
                .exit_code,
            4);
  EXPECT_EQ(HosoWithToken({"user", "add", "boss", "--school", "*", "--role", "admin"}, principal)
                .exit_code,
            4)
      << "a school admin made a server admin";
}

TEST_F(AccessTest, AuditLogRecordsChangesAndRefusalsAndDetectsTampering) {
  const std::string lan = AddUser("lan", "teacher");
  ASSERT_EQ(UploadAs(lan, "1.1", "Kế hoạch").exit_code, 0);
  ASSERT_EQ(Hoso({"review", "approve", "H1-1.1-01", "--school", "LQD"}).exit_code, 0);
  EXPECT_EQ(HosoWithToken({"rm", "H1-1.1-01", "--school", "LQD"}, lan).exit_code, 4);

  CommandResult item = Hoso({"audit", "ls", "--school", "LQD", "--target", "H1-1.1-01"});
  ASSERT_EQ(item.exit_code, 0) << item.err;
  EXPECT_NE(item.out.find("lan          evidence.create"), std::string::npos) << item.out;
  EXPECT_NE(item.out.find("sha256 " + ToHex(Sha256Of("nội dung Kế hoạch"))), std::string::npos)
      << item.out;
  EXPECT_NE(item.out.find("admin        review.approve"), std::string::npos) << item.out;
  CommandResult denied = Hoso({"audit", "ls", "--school", "LQD", "--actor", "lan"});
  EXPECT_NE(denied.out.find("denied"), std::string::npos) << denied.out;
  EXPECT_NE(denied.out.find("is approved and locked"), std::string::npos) << denied.out;
  CommandResult intact = Hoso({"audit", "verify"});
  ASSERT_EQ(intact.exit_code, 0) << intact.out << intact.err;
  EXPECT_NE(intact.out.find("audit log intact"), std::string::npos);

  // Behind the server's back: alter one entry, then remove another.
  auto tamper = [&](const std::function<void(storage::Database&)>& change) {
    StopServer();
    auto db = storage::Database::Open(data_ + "/db", {});
    ASSERT_OK(db);
    change(**db);
    db->reset();
    StartServer();
  };
  std::string original;
  constexpr auto kBuffered = storage::Durability::kBuffered;
  tamper([&](storage::Database& db) {
    auto value = db.Get(storage::keys::Audit(3));
    ASSERT_OK(value);
    ASSERT_TRUE(value->has_value());
    original = **value;
    storage::AuditRecord record;
    ASSERT_TRUE(record.ParseFromString(original));
    record.set_actor("someone-else");
    ASSERT_OK(db.Put(storage::keys::Audit(3), record.SerializeAsString(), kBuffered, "tampering"));
  });
  CommandResult altered = Hoso({"audit", "verify"});
  EXPECT_EQ(altered.exit_code, 7);
  EXPECT_NE(altered.out.find("BROKEN at entry 3: entry 3 was altered"), std::string::npos)
      << altered.out;

  tamper([&](storage::Database& db) {
    ASSERT_OK(db.Put(storage::keys::Audit(3), original, kBuffered, "tampering"));
    ASSERT_OK(db.Delete(storage::keys::Audit(2), kBuffered, "tampering"));
  });
  CommandResult removed = Hoso({"audit", "verify"});
  EXPECT_EQ(removed.exit_code, 7);
  EXPECT_NE(removed.out.find("entry 2 is missing"), std::string::npos) << removed.out;
}

// TLS with real handshakes on loopback, certificates from deploy/dev-ca.sh.
class TlsTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    certs_ = dir_.Sub("certs");
    ASSERT_EQ(std::system(("bash " HOSO_DEPLOY "/dev-ca.sh " + certs_ + " >/dev/null").c_str()), 0);
  }
  void TearDown() override {
    if (tls_pid_ > 0) {
      ::kill(tls_pid_, SIGTERM);
      hoso::testing::WaitFor(tls_pid_);
    }
    HosodTest::TearDown();
  }
  // Starts a second hosod with TLS on its own data dir; returns its address.
  std::string StartTls(bool require_client_cert) {
    const std::string data = dir_.Sub("tls-data");
    std::vector<std::string> args = {HOSOD_PATH,
                                     "--data",
                                     data,
                                     "--listen",
                                     "127.0.0.1:0",
                                     "--tls-cert",
                                     certs_ + "/server.pem",
                                     "--tls-key",
                                     certs_ + "/server.key"};
    if (require_client_cert) {
      args.push_back("--client-ca");
      args.push_back(certs_ + "/ca.pem");
    }
    tls_pid_ = hoso::testing::Spawn(args, {}, dir_.Sub("tls.out"), dir_.Sub("tls.err"));
    for (int i = 0; i < 200 && !std::filesystem::exists(data + "/hosod.addr"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::string address = ReadFile(data + "/hosod.addr");
    EXPECT_FALSE(address.empty()) << ReadFile(dir_.Sub("tls.err"));
    if (!address.empty()) address.pop_back();
    tls_token_ = ReadFile(data + "/admin.token");
    if (!tls_token_.empty()) tls_token_.pop_back();
    return address;
  }
  CommandResult WhoAmI(const std::string& address, std::vector<std::string> flags) {
    std::vector<std::string> args = {HOSO_PATH, "--server", address};
    args.insert(args.end(), flags.begin(), flags.end());
    args.push_back("whoami");
    auto env = ClientEnv(tls_token_);
    env.erase("HOSO_SERVER");
    return hoso::testing::Run(args, env);
  }

  std::string certs_, tls_token_;
  pid_t tls_pid_ = -1;
};

TEST_F(TlsTest, ServerCertificateIsCheckedAgainstTheCa) {
  const std::string address = StartTls(false);
  CommandResult ok = WhoAmI(address, {"--ca", certs_ + "/ca.pem"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("admin@*"), std::string::npos) << ok.out;
  EXPECT_EQ(WhoAmI(address, {}).exit_code, 6) << "plain text reached a TLS server";
  EXPECT_EQ(WhoAmI(address, {"--tls"}).exit_code, 6) << "an unknown CA was trusted";
}

TEST_F(TlsTest, ClientCertificatesAreRequiredWhenConfigured) {
  const std::string address = StartTls(true);
  EXPECT_EQ(WhoAmI(address, {"--ca", certs_ + "/ca.pem"}).exit_code, 6)
      << "no client certificate, yet the handshake passed";
  CommandResult ok = WhoAmI(address, {"--ca", certs_ + "/ca.pem", "--cert", certs_ + "/client.pem",
                                      "--key", certs_ + "/client.key"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST_F(TlsTest, PlainTextOffLoopbackIsRefusedUnlessSaidOutLoud) {
  CommandResult refused =
      hoso::testing::Run({HOSOD_PATH, "--data", dir_.Sub("open-data"), "--listen", "0.0.0.0:0"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("refusing to serve without TLS on 0.0.0.0:0"), std::string::npos)
      << refused.err;
}

}  // namespace
}  // namespace hoso
