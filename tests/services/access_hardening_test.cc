// Who may do what, and what the audit log keeps of it (issue 14, findings 2,
// 4, 10, 11, 16, 18): a real hosod in-process on a loopback port with a fake
// clock, spoken to through the generated stubs as each person would.
#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <future>

#include "hoso/v1/hoso.grpc.pb.h"
#include "services/access/refusal_log.h"
#include "services/runtime/server.h"
#include "storage/base/sha256.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "tests/support/fake_clock.h"
#include "tests/support/process.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso {
namespace {

using ::hoso::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

// One person's stubs, speaking with their token.
struct As {
  As(const std::string& address, std::string t)
      : token(std::move(t)),
        channel(grpc::CreateChannel(address, grpc::InsecureChannelCredentials())),
        schools(v1::SchoolService::NewStub(channel)),
        content(v1::ContentService::NewStub(channel)),
        evidence(v1::EvidenceService::NewStub(channel)),
        users(v1::UserService::NewStub(channel)),
        audit(v1::AuditService::NewStub(channel)) {}

  std::unique_ptr<grpc::ClientContext> Context() const {
    auto c = std::make_unique<grpc::ClientContext>();
    if (!token.empty()) c->AddMetadata("authorization", "Bearer " + token);
    c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return c;
  }

  std::string token;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::SchoolService::Stub> schools;
  std::unique_ptr<v1::ContentService::Stub> content;
  std::unique_ptr<v1::EvidenceService::Stub> evidence;
  std::unique_ptr<v1::UserService::Stub> users;
  std::unique_ptr<v1::AuditService::Stub> audit;
};

class AccessHardeningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StartServer();
    for (const auto& [code, name, framework] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"LQD", "Trường Tiểu học Lê Quý Đôn", "tt17-2018"},
             {"LV", "Trường THCS Lạc Viên", "tt18-2018"}}) {
      v1::CreateSchoolRequest school;
      school.mutable_school()->set_code(code);
      school.mutable_school()->set_name(name);
      school.mutable_school()->set_framework(framework);
      v1::School created;
      ASSERT_OK(admin_->schools->CreateSchool(admin_->Context().get(), school, &created));
    }
  }

  void StartServer() {
    ServerOptions options{.data_dir = dir_.Sub("data"), .listen = "127.0.0.1:0"};
    options.clock = &clock_;
    auto server = HosodServer::Start(options);
    ASSERT_OK(server);
    server_ = std::move(*server);
    std::string token = hoso::testing::ReadFile(server_->admin_token_path());
    token.pop_back();  // newline
    admin_ = std::make_unique<As>(server_->address(), token);
  }

  std::unique_ptr<As> Person(const std::string& token) const {
    return std::make_unique<As>(server_->address(), token);
  }

  // Gives `name` `role` in `school`, as `by` (the server admin if null).
  grpc::Status Grant(const std::string& name, const std::string& school, const std::string& role,
                     const std::string& full_name = "", const As* by = nullptr) {
    v1::AddUserRequest add;
    add.set_name(name);
    add.set_school(school);
    add.set_role(role);
    add.set_full_name(full_name);
    v1::User user;
    const As& caller = by ? *by : *admin_;
    return caller.users->AddUser(caller.Context().get(), add, &user);
  }

  // A fresh token of `name`, issued by the server admin; `expires` 0: never.
  std::string Issue(const std::string& name, int64_t expires = 0) {
    v1::IssueTokenRequest issue;
    issue.set_user(name);
    if (expires != 0) issue.mutable_expires()->set_seconds(expires);
    v1::IssueTokenResponse issued;
    EXPECT_OK(admin_->users->IssueToken(admin_->Context().get(), issue, &issued));
    return issued.token();
  }

  // `name` with `role` in `school` and a token of theirs.
  std::unique_ptr<As> NewPerson(const std::string& name, const std::string& school,
                                const std::string& role, const std::string& full_name = "") {
    EXPECT_OK(Grant(name, school, role, full_name));
    return Person(Issue(name));
  }

  grpc::Status WhoAmI(const As& as, v1::User* me) {
    return as.users->WhoAmI(as.Context().get(), v1::WhoAmIRequest(), me);
  }

  grpc::Status ListEvidence(const As& as, const std::string& school) {
    v1::ListEvidenceRequest list;
    list.set_school(school);
    v1::ListEvidenceResponse listed;
    return as.evidence->ListEvidence(as.Context().get(), list, &listed);
  }

  // Uploads `data` as `as` and creates an item of it under `criterion` in LQD.
  v1::Evidence CreateItem(const As& as, const std::string& data, const std::string& criterion) {
    auto context = as.Context();
    v1::UploadContentResponse uploaded;
    auto writer = as.content->UploadContent(context.get(), &uploaded);
    v1::UploadChunk chunk;
    chunk.mutable_header()->set_sha256(ToHex(Sha256Of(data)));
    chunk.mutable_header()->set_size(data.size());
    writer->Write(chunk);
    chunk.set_data(data);
    writer->Write(chunk);
    writer->WritesDone();
    EXPECT_OK(writer->Finish());
    v1::CreateEvidenceRequest create;
    create.mutable_evidence()->set_school("LQD");
    create.mutable_evidence()->set_title("Kế hoạch năm học");
    create.mutable_evidence()->set_number("12/KH-LQĐ");
    create.mutable_evidence()->set_date("2024-09-05");
    create.mutable_evidence()->add_criteria(criterion);
    create.add_files()->set_name("ke-hoach.pdf");
    create.mutable_files(0)->set_sha256(ToHex(Sha256Of(data)));
    v1::Evidence evidence;
    EXPECT_OK(as.evidence->CreateEvidence(as.Context().get(), create, &evidence));
    return evidence;
  }

  grpc::Status Review(const As& as, uint64_t id, bool approve, v1::Evidence* out) {
    v1::ReviewRequest review;
    review.set_school("LQD");
    review.set_id(id);
    review.set_approve(approve);
    if (!approve) review.set_reason("thiếu chữ ký");
    return as.evidence->ReviewEvidence(as.Context().get(), review, out);
  }

  // The audit entries the server admin sees for `school` ("" all), oldest first.
  std::vector<v1::AuditEntry> Audit(const std::string& school, const std::string& actor = "") {
    v1::ListAuditRequest list;
    list.set_school(school);
    list.set_actor(actor);
    v1::ListAuditResponse listed;
    EXPECT_OK(admin_->audit->ListAudit(admin_->Context().get(), list, &listed));
    return {listed.entries().begin(), listed.entries().end()};
  }

  static int CountWith(const std::vector<v1::AuditEntry>& entries, const std::string& action,
                       const std::string& detail_part = "") {
    int n = 0;
    for (const auto& e : entries) {
      n += e.action() == action && e.detail().find(detail_part) != std::string::npos;
    }
    return n;
  }

  // A token id of `name` (as the server admin sees them).
  std::string TokenIdOf(const std::string& name) {
    v1::ListTokensRequest list;
    list.set_user(name);
    v1::ListTokensResponse tokens;
    EXPECT_OK(admin_->users->ListTokens(admin_->Context().get(), list, &tokens));
    return tokens.tokens_size() > 0 ? tokens.tokens(0).id() : "";
  }

  // A raw unary call of `method` with `bytes` as the request.
  grpc::Status CallRaw(const std::string& method, const std::string& bytes, const As& as) {
    grpc::GenericStub stub(as.channel);
    auto context = as.Context();
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1), response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(context.get(), method, grpc::StubOptions(), &request, &response,
                   [&](grpc::Status s) { done.set_value(s); });
    return done.get_future().get();
  }

  hoso::testing::FakeClock clock_;  // before the server, which reads it
  hoso::testing::TempDir dir_;
  std::unique_ptr<HosodServer> server_;
  std::unique_ptr<As> admin_;
};

// Finding 2: a school admin adds a principal of another school to their own
// school; that gives them no hold on the person's tokens or name.
TEST_F(AccessHardeningTest, SchoolAdminCannotManageOutsider) {
  auto lqd = NewPerson("lqd.hieu", "LQD", "admin", "Nguyễn Văn Hiệu");
  auto lv = NewPerson("lv.hieu", "LV", "admin", "Trần Văn Hiệu");
  const std::string lv_token_id = TokenIdOf("lv.hieu");

  // Teaching in two schools is normal: the role in LQD is LQD's to give.
  ASSERT_OK(Grant("lv.hieu", "LQD", "teacher", "", lqd.get()));
  EXPECT_THAT(Grant("lv.hieu", "LQD", "teacher", "Kẻ Giả Mạo", lqd.get()),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("lv.hieu")));

  v1::RevokeTokenRequest revoke;
  revoke.set_id(lv_token_id);
  v1::TokenInfo revoked;
  EXPECT_THAT(lqd->users->RevokeToken(lqd->Context().get(), revoke, &revoked),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("lv.hieu")));
  v1::ListTokensRequest list;
  list.set_user("lv.hieu");
  v1::ListTokensResponse tokens;
  EXPECT_THAT(lqd->users->ListTokens(lqd->Context().get(), list, &tokens),
              StatusIs(absl::StatusCode::kPermissionDenied));

  v1::User me;
  ASSERT_OK(WhoAmI(*lv, &me));
  EXPECT_EQ(me.full_name(), "Trần Văn Hiệu");
  EXPECT_OK(ListEvidence(*lv, "LV"));

  // Their role in LQD is still LQD's to take back, and that leaves the rest.
  v1::RemoveUserRequest remove;
  remove.set_name("lv.hieu");
  remove.set_school("LQD");
  v1::User after;
  EXPECT_OK(lqd->users->RemoveUser(lqd->Context().get(), remove, &after));
  EXPECT_OK(ListEvidence(*lv, "LV"));
}

TEST_F(AccessHardeningTest, SchoolAdminCannotRevokeServerAdmin) {
  auto lqd = NewPerson("lqd.hieu", "LQD", "admin");
  const std::string admin_token_id = TokenIdOf("admin");
  ASSERT_FALSE(admin_token_id.empty());

  // A role in LQD would shadow the server admin's "*" there: a demotion.
  EXPECT_THAT(Grant("admin", "LQD", "teacher", "", lqd.get()),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("server admin")));
  v1::RevokeTokenRequest revoke;
  revoke.set_id(admin_token_id);
  v1::TokenInfo revoked;
  EXPECT_THAT(lqd->users->RevokeToken(lqd->Context().get(), revoke, &revoked),
              StatusIs(absl::StatusCode::kPermissionDenied));
  v1::User me;
  ASSERT_OK(WhoAmI(*admin_, &me));
  ASSERT_EQ(me.grants_size(), 1);
  EXPECT_EQ(me.grants(0).school(), "*");
  EXPECT_OK(ListEvidence(*admin_, "LQD"));

  // Nor can the last server admin give up the role: nobody would be left.
  v1::RemoveUserRequest remove;
  remove.set_name("admin");
  remove.set_school("*");
  v1::User after;
  EXPECT_THAT(admin_->users->RemoveUser(admin_->Context().get(), remove, &after),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("last server admin")));
  EXPECT_OK(ListEvidence(*admin_, "LQD"));
}

// Finding 4.
TEST_F(AccessHardeningTest, RemovingLastRoleRevokesTokens) {
  auto lan = NewPerson("lan", "LQD", "teacher");
  auto lqd = NewPerson("lqd.hieu", "LQD", "admin");
  v1::User me;
  ASSERT_OK(WhoAmI(*lan, &me));

  v1::RemoveUserRequest remove;
  remove.set_name("lan");
  remove.set_school("lqd");  // any case names the school
  v1::User after;
  ASSERT_OK(lqd->users->RemoveUser(lqd->Context().get(), remove, &after));
  EXPECT_THAT(WhoAmI(*lan, &me), StatusIs(absl::StatusCode::kUnauthenticated));
  const auto entries = Audit("LQD");
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back().action(), "user.revoke_role");
  EXPECT_THAT(entries.back().detail(), HasSubstr("1 token(s) revoked"));
}

TEST_F(AccessHardeningTest, ReusedNameDoesNotReviveOldToken) {
  auto lan = NewPerson("lan", "LQD", "teacher", "Nguyễn Thị Lan");
  v1::RemoveUserRequest remove;
  remove.set_name("lan");
  remove.set_school("LQD");
  v1::User after;
  ASSERT_OK(admin_->users->RemoveUser(admin_->Context().get(), remove, &after));

  // Another school takes the name for another person.
  auto lv = NewPerson("lv.hieu", "LV", "admin");
  ASSERT_OK(Grant("lan", "LV", "teacher", "Phạm Ngọc Lan", lv.get()));
  EXPECT_THAT(ListEvidence(*lan, "LV"), StatusIs(absl::StatusCode::kUnauthenticated));
  v1::User me;
  EXPECT_THAT(WhoAmI(*lan, &me), StatusIs(absl::StatusCode::kUnauthenticated));

  // A name left without roles by an older hosod (user kept, tokens kept)
  // does not hand its old token to the next person of that name either.
  auto minh = NewPerson("minh", "LQD", "teacher");
  server_.reset();
  {
    auto db = storage::Database::Open(dir_.Sub("data") + "/db", {});
    ASSERT_OK(db);
    auto user = storage::ReadRecord<storage::UserRecord>(**db, storage::keys::User("minh"));
    ASSERT_OK(user);
    ASSERT_TRUE(user->has_value());
    storage::UserRecord roleless = **user;
    roleless.clear_grants();
    ASSERT_OK((*db)->Put(storage::keys::User("minh"), roleless.SerializeAsString(),
                         storage::Durability::kDurable, "an old hosod's user rm --school"));
  }
  StartServer();
  minh = Person(minh->token);
  lv = Person(lv->token);
  EXPECT_THAT(WhoAmI(*minh, &me), StatusIs(absl::StatusCode::kUnauthenticated));
  ASSERT_OK(Grant("minh", "LV", "teacher", "Lê Văn Minh", lv.get()));
  EXPECT_THAT(ListEvidence(*minh, "LV"), StatusIs(absl::StatusCode::kUnauthenticated));
}

// Finding 10.
TEST_F(AccessHardeningTest, BadTokenRefusalIsAudited) {
  As stranger(server_->address(), "hoso_" + std::string(64, '0'));
  EXPECT_THAT(ListEvidence(stranger, "LQD"), StatusIs(absl::StatusCode::kUnauthenticated));
  ASSERT_OK(Grant("lan", "LQD", "teacher"));
  auto lan = Person(Issue("lan", clock_.NowUnix() + 10));
  clock_.Advance(11);
  EXPECT_THAT(ListEvidence(*lan, "LQD"),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("expired")));

  const auto entries = Audit("");
  int unknown = 0, expired = 0;
  for (const auto& e : entries) {
    if (e.action() != "refused") continue;
    EXPECT_EQ(e.detail().find(stranger.token), std::string::npos) << "a token secret was logged";
    if (e.detail().find("not valid") != std::string::npos) {
      ++unknown;
      EXPECT_EQ(e.target(), "EvidenceService/ListEvidence");
      EXPECT_THAT(e.detail(), HasSubstr("UNAUTHENTICATED"));
      EXPECT_THAT(e.detail(), HasSubstr("127.0.0.1"));  // where it came from
    }
    if (e.detail().find("expired") != std::string::npos) {
      ++expired;
      EXPECT_EQ(e.actor(), "lan");  // the token names its user, though it no longer works
    }
  }
  EXPECT_EQ(unknown, 1);
  EXPECT_EQ(expired, 1);
}

TEST_F(AccessHardeningTest, InvalidArgumentRefusalIsAudited) {
  auto lan = NewPerson("lan", "LQD", "teacher");
  v1::CreateEvidenceRequest create;
  create.mutable_evidence()->set_school("LQD");
  create.mutable_evidence()->set_title("x");
  create.mutable_evidence()->add_criteria("7.1");
  create.add_files()->set_name("a.pdf");
  create.mutable_files(0)->set_sha256(ToHex(Sha256Of("never sent")));
  v1::Evidence evidence;
  EXPECT_THAT(lan->evidence->CreateEvidence(lan->Context().get(), create, &evidence),
              StatusIs(absl::StatusCode::kInvalidArgument));
  const auto entries = Audit("LQD", "lan");
  ASSERT_EQ(CountWith(entries, "refused", "criterion 7.1 is not in framework tt17-2018"), 1);
  EXPECT_EQ(entries.back().target(), "EvidenceService/CreateEvidence");
  EXPECT_EQ(entries.back().role(), "teacher");
  EXPECT_THAT(entries.back().detail(), HasSubstr("INVALID_ARGUMENT"));

  // A file name is bytes: one that is not UTF-8 still leaves a readable entry.
  create.mutable_evidence()->set_criteria(0, "1.1");
  create.mutable_files(0)->set_name("bi\xean b\xe1n.pdf");
  create.mutable_files(0)->set_sha256("not a hash");
  EXPECT_THAT(lan->evidence->CreateEvidence(lan->Context().get(), create, &evidence),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no valid sha256")));
  EXPECT_EQ(CountWith(Audit("LQD", "lan"), "refused", "no valid sha256"), 1);
  v1::VerifyAuditResponse verified;
  ASSERT_OK(
      admin_->audit->VerifyAudit(admin_->Context().get(), v1::VerifyAuditRequest(), &verified));
  EXPECT_TRUE(verified.intact()) << verified.problem();
}

TEST_F(AccessHardeningTest, RefusalSchoolCodeIsNormalised) {
  auto lan = NewPerson("lan", "LQD", "teacher");
  EXPECT_THAT(ListEvidence(*lan, "lv"), StatusIs(absl::StatusCode::kPermissionDenied));
  const auto lv = Audit("LV", "lan");
  ASSERT_EQ(CountWith(lv, "denied", "lan holds no role in school LV"), 1);
  EXPECT_EQ(lv.back().school(), "LV");
  for (const auto& e : Audit("", "lan")) EXPECT_NE(e.school(), "lv");
}

TEST_F(AccessHardeningTest, RefusalFloodBecomesCountedSummary) {
  auto lan = NewPerson("lan", "LQD", "teacher");
  const v1::Evidence item = CreateItem(*admin_, "nội dung", "1.1");
  constexpr int kCalls = 300;
  for (int i = 0; i < kCalls; ++i) {
    v1::LinkRequest link;
    link.set_school("LQD");
    link.set_id(item.id());
    link.set_criterion("1.2");
    v1::Evidence out;
    ASSERT_THAT(lan->evidence->LinkCriterion(lan->Context().get(), link, &out),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
  // The school's view is not buried: the item's own history is still there.
  auto entries = Audit("LQD");
  EXPECT_EQ(CountWith(entries, "evidence.create"), 1);
  const int in_full = CountWith(entries, "denied");
  EXPECT_GE(in_full, 1);
  EXPECT_LE(in_full, 30);
  // Nothing is dropped: the rest is counted in a summary entry, in the school's view.
  int summarised = 0;
  for (const auto& e : entries) {
    if (e.action() != "refused.summary") continue;
    EXPECT_EQ(e.actor(), "lan");
    EXPECT_EQ(e.school(), "LQD");
    EXPECT_THAT(e.detail(), HasSubstr("PERMISSION_DENIED"));
    EXPECT_THAT(e.detail(), HasSubstr("EvidenceService/LinkCriterion"));
    summarised += std::stoi(e.detail());
  }
  EXPECT_EQ(in_full + summarised, kCalls);

  // A minute later the next refusal is recorded in full again.
  clock_.Advance(61);
  v1::LinkRequest link;
  link.set_school("LQD");
  link.set_id(item.id());
  link.set_criterion("1.3");
  v1::Evidence out;
  EXPECT_THAT(lan->evidence->LinkCriterion(lan->Context().get(), link, &out),
              StatusIs(absl::StatusCode::kPermissionDenied));
  entries = Audit("LQD");
  EXPECT_EQ(CountWith(entries, "denied"), in_full + 1);

  // Counted refusals are written at shutdown too, not lost with the process.
  for (int i = 0; i < RefusalLog::kInFull + 5; ++i) {
    EXPECT_THAT(lan->evidence->LinkCriterion(lan->Context().get(), link, &out),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
  server_.reset();
  StartServer();
  entries = Audit("LQD");
  EXPECT_EQ(CountWith(entries, "denied"), in_full + RefusalLog::kInFull);
  ASSERT_EQ(entries.back().action(), "refused.summary");
  EXPECT_EQ(std::stoi(entries.back().detail()), 6);
  v1::VerifyAuditResponse verified;
  ASSERT_OK(
      admin_->audit->VerifyAudit(admin_->Context().get(), v1::VerifyAuditRequest(), &verified));
  EXPECT_TRUE(verified.intact()) << verified.problem();
}

// Finding 11.
TEST_F(AccessHardeningTest, ChangingApprovedItemReturnsToReview) {
  auto lan = NewPerson("lan", "LQD", "teacher");
  auto thu_ky = NewPerson("thu.ky", "LQD", "secretary");
  auto thu_ky2 = NewPerson("thu.ky2", "LQD", "secretary");
  const v1::Evidence item = CreateItem(*lan, "biên bản", "1.1");
  v1::Evidence approved;
  ASSERT_OK(Review(*thu_ky, item.id(), true, &approved));
  ASSERT_EQ(approved.review_state(), v1::REVIEW_STATE_APPROVED);

  // Filing it under one more criterion is the secretaries' work: approval stays.
  v1::LinkRequest link;
  link.set_school("LQD");
  link.set_id(item.id());
  link.set_criterion("2.1");
  v1::Evidence linked;
  ASSERT_OK(thu_ky2->evidence->LinkCriterion(thu_ky2->Context().get(), link, &linked));
  EXPECT_EQ(linked.review_state(), v1::REVIEW_STATE_APPROVED);

  v1::UpdateEvidenceRequest update;
  update.set_school("LQD");
  update.set_id(item.id());
  update.set_title("Kế hoạch đã sửa");
  v1::Evidence updated;
  ASSERT_OK(thu_ky2->evidence->UpdateEvidence(thu_ky2->Context().get(), update, &updated));
  EXPECT_EQ(updated.review_state(), v1::REVIEW_STATE_SUBMITTED);
  EXPECT_EQ(updated.reviewer(), "");
  v1::Evidence again;
  EXPECT_OK(Review(*thu_ky, item.id(), true, &again));
  EXPECT_EQ(again.review_state(), v1::REVIEW_STATE_APPROVED);
  EXPECT_EQ(again.title(), "Kế hoạch đã sửa");
}

TEST_F(AccessHardeningTest, AuditKeepsOldAndNewValues) {
  const v1::Evidence item = CreateItem(*admin_, "quyết định", "1.1");
  v1::Evidence approved;
  ASSERT_OK(Review(*admin_, item.id(), true, &approved));
  v1::UpdateEvidenceRequest update;
  update.set_school("LQD");
  update.set_id(item.id());
  update.set_title("Quyết định thành lập Hội đồng");
  update.set_note("Dòng 1\nDòng 2");
  update.set_number("15/QĐ-LQĐ");
  update.set_date("2024-09-20");
  v1::Evidence updated;
  ASSERT_OK(admin_->evidence->UpdateEvidence(admin_->Context().get(), update, &updated));
  const auto entries = Audit("LQD");
  ASSERT_EQ(entries.back().action(), "evidence.update");
  const std::string& detail = entries.back().detail();
  EXPECT_THAT(detail, HasSubstr("title \"Kế hoạch năm học\" → \"Quyết định thành lập Hội đồng\""));
  EXPECT_THAT(detail, HasSubstr("note \"\" → \"Dòng 1\\nDòng 2\""));
  EXPECT_THAT(detail, HasSubstr("number \"12/KH-LQĐ\" → \"15/QĐ-LQĐ\""));
  EXPECT_THAT(detail, HasSubstr("date \"2024-09-05\" → \"2024-09-20\""));
  EXPECT_THAT(detail, HasSubstr("approval by admin withdrawn"));
}

// Finding 16.
TEST_F(AccessHardeningTest, SecretaryCannotApproveOwnUpload) {
  auto thu_ky = NewPerson("thu.ky", "LQD", "secretary");
  auto thu_ky2 = NewPerson("thu.ky2", "LQD", "secretary");
  const v1::Evidence item = CreateItem(*thu_ky, "tờ trình", "1.1");
  v1::Evidence out;
  EXPECT_THAT(Review(*thu_ky, item.id(), true, &out),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("thu.ky uploaded")));
  EXPECT_OK(Review(*thu_ky2, item.id(), true, &out));
  EXPECT_EQ(out.review_state(), v1::REVIEW_STATE_APPROVED);
  EXPECT_EQ(out.reviewer(), "thu.ky2");
}

TEST_F(AccessHardeningTest, TeacherCannotAddCriteriaThroughEdit) {
  auto lan = NewPerson("lan", "LQD", "teacher");
  const v1::Evidence item = CreateItem(*lan, "kế hoạch", "1.1");
  v1::UpdateEvidenceRequest update;
  update.set_school("LQD");
  update.set_id(item.id());
  update.set_replace_criteria(true);
  update.add_criteria("1.1");
  update.add_criteria("2.1");
  v1::Evidence updated;
  EXPECT_THAT(lan->evidence->UpdateEvidence(lan->Context().get(), update, &updated),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       HasSubstr("a teacher cannot link evidence to criteria")));
  // The same list as stored is no change; the rest of an edit is theirs.
  update.set_criteria(1, "1.1");
  update.set_title("Kế hoạch năm học 2024-2025");
  ASSERT_OK(lan->evidence->UpdateEvidence(lan->Context().get(), update, &updated));
  EXPECT_EQ(updated.criteria_size(), 1);
  EXPECT_EQ(updated.title(), "Kế hoạch năm học 2024-2025");
}

TEST_F(AccessHardeningTest, SchoolAdminCannotVerifyWholeServerAudit) {
  auto lqd = NewPerson("lqd.hieu", "LQD", "admin");
  v1::VerifyAuditResponse verified;
  EXPECT_THAT(lqd->audit->VerifyAudit(lqd->Context().get(), v1::VerifyAuditRequest(), &verified),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("server admin")));
  EXPECT_OK(
      admin_->audit->VerifyAudit(admin_->Context().get(), v1::VerifyAuditRequest(), &verified));
}

// Finding 18.
TEST_F(AccessHardeningTest, MalformedMessageGetsClearError) {
  auto lan = NewPerson("lan", "LQD", "teacher");
  // Field 1 (school) as a length-delimited string that claims 100 bytes and has 3.
  const std::string truncated("\x0a\x64LQD", 5);
  grpc::Status s = CallRaw("/hoso.v1.EvidenceService/GetEvidence", truncated, *lan);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("hoso.v1.GetEvidenceRequest"));
  // A server-streaming call too.
  s = CallRaw("/hoso.v1.EvidenceService/DownloadFile", "\xff\xff\xff", *lan);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("hoso.v1.DownloadFileRequest"));
  // Refused calls are in the log, with who sent them.
  EXPECT_EQ(CountWith(Audit("", "lan"), "refused", "hoso.v1.GetEvidenceRequest"), 1);
  // A well-formed message still works.
  v1::GetEvidenceRequest get;
  get.set_school("LQD");
  get.set_id(1);
  v1::Evidence evidence;
  EXPECT_THAT(lan->evidence->GetEvidence(lan->Context().get(), get, &evidence),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(AccessHardeningTest, HugeBoxNumberIsRefused) {
  const std::string data = "hộp";
  CreateItem(*admin_, data, "1.1");  // stores the content
  for (int box : {2147483647, 1000, -1}) {
    for (bool validate_only : {true, false}) {
      v1::CreateEvidenceRequest create;
      create.set_validate_only(validate_only);
      create.mutable_evidence()->set_school("LQD");
      create.mutable_evidence()->set_title("Biên bản");
      create.mutable_evidence()->add_criteria("1.2");
      create.mutable_evidence()->set_box(box);
      create.add_files()->set_name("b.pdf");
      create.mutable_files(0)->set_sha256(ToHex(Sha256Of(data)));
      v1::Evidence evidence;
      EXPECT_THAT(
          admin_->evidence->CreateEvidence(admin_->Context().get(), create, &evidence),
          StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("số hộp " + std::to_string(box))))
          << box;
    }
  }
  v1::CreateEvidenceRequest create;
  create.mutable_evidence()->set_school("LQD");
  create.mutable_evidence()->set_title("Biên bản");
  create.mutable_evidence()->add_criteria("1.2");
  create.mutable_evidence()->set_box(999);
  create.add_files()->set_name("b.pdf");
  create.mutable_files(0)->set_sha256(ToHex(Sha256Of(data)));
  v1::Evidence evidence;
  ASSERT_OK(admin_->evidence->CreateEvidence(admin_->Context().get(), create, &evidence));
  EXPECT_EQ(evidence.code(), "[H999-1.2-01]");
}

}  // namespace
}  // namespace hoso
