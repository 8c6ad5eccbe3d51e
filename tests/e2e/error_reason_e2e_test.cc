// The reasons of real refusals, end to end: the real hosod refuses what a
// person of the web app does wrong (another teacher's item, an approved
// item, an unknown criterion, a stale revision …) and the status details
// carry a google.rpc.ErrorInfo (domain hoso.vn) with the reason and the
// metadata web/src/reasons.js fills its sentence with.
#include <grpcpp/grpcpp.h>

#include <map>
#include <regex>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "hoso/v1/hoso.grpc.pb.h"
#include "storage/base/sha256.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/rpc_client.h"
#include "tests/support/status_matchers.h"

namespace hoso {
namespace {

struct Refusal {
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::string reason, domain;
  std::map<std::string, std::string> metadata;
  std::string Meta(const std::string& key) const {
    auto it = metadata.find(key);
    return it == metadata.end() ? "<missing>" : it->second;
  }
};

// The one ErrorInfo of a refusal, as a client reads it off the wire.
Refusal RefusalOf(const grpc::Status& status) {
  Refusal r;
  r.code = status.error_code();
  google::rpc::Status details;
  EXPECT_TRUE(details.ParseFromString(status.error_details())) << status.error_message();
  EXPECT_EQ(details.code(), static_cast<int>(status.error_code()));
  EXPECT_EQ(details.details_size(), 1) << status.error_message();
  google::rpc::ErrorInfo info;
  if (details.details_size() == 1) EXPECT_TRUE(details.details(0).UnpackTo(&info));
  r.reason = info.reason();
  r.domain = info.domain();
  r.metadata = {info.metadata().begin(), info.metadata().end()};
  return r;
}

class ErrorReasonTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    admin_ = std::make_unique<testing::RpcClient>(address_, token_);
  }
  void TearDown() override {
    admin_.reset();  // no open channel for hosod to wait on when it stops
    HosodTest::TearDown();
  }
  // Adds a user with a role in LQD; a client with a fresh token of theirs.
  std::unique_ptr<testing::RpcClient> AddUser(const std::string& name, const std::string& role) {
    CommandResult added = Hoso({"user", "add", name, "--school", "LQD", "--role", role});
    EXPECT_EQ(added.exit_code, 0) << added.err;
    CommandResult issued = Hoso({"token", "issue", name});
    EXPECT_EQ(issued.exit_code, 0) << issued.err;
    std::string token = issued.out;
    while (!token.empty() && token.back() == '\n') token.pop_back();
    return std::make_unique<testing::RpcClient>(address_, token);
  }
  // Uploads a small file under 1.1 as the client's user; the new item's id.
  uint64_t UploadAs(const testing::RpcClient& client, const std::string& title) {
    const std::string data = "nội dung " + title;
    const std::string hex = ToHex(Sha256Of(data));
    v1::UploadContentResponse uploaded;
    EXPECT_OK(UploadToSchool(client, data, hex, &uploaded));
    v1::CreateEvidenceRequest create;
    create.mutable_evidence()->set_school("LQD");
    create.mutable_evidence()->set_title(title);
    create.mutable_evidence()->add_criteria("1.1");
    v1::NewFile* file = create.add_files();
    file->set_name(title + ".pdf");
    file->set_sha256(hex);
    v1::Evidence created;
    EXPECT_OK(client.evidence->CreateEvidence(client.Context().get(), create, &created));
    return created.id();
  }
  grpc::Status UploadToSchool(const testing::RpcClient& client, const std::string& data,
                              const std::string& declared_hex, v1::UploadContentResponse* out) {
    auto context = client.Context();
    auto writer = client.content->UploadContent(context.get(), out);
    v1::UploadChunk message;
    message.mutable_header()->set_school("LQD");
    message.mutable_header()->set_sha256(declared_hex);
    message.mutable_header()->set_size(data.size());
    writer->Write(message);
    message.clear_header();
    message.set_data(data);
    writer->Write(message);
    writer->WritesDone();
    return writer->Finish();
  }
  grpc::Status Retitle(const testing::RpcClient& client, uint64_t id, const std::string& title) {
    v1::UpdateEvidenceRequest update;
    update.set_school("LQD");
    update.set_id(id);
    update.set_title(title);
    v1::Evidence updated;
    return client.evidence->UpdateEvidence(client.Context().get(), update, &updated);
  }
  grpc::Status Review(const testing::RpcClient& client, uint64_t id, bool approve,
                      const std::string& why) {
    v1::ReviewRequest review;
    review.set_school("LQD");
    review.set_id(id);
    review.set_approve(approve);
    review.set_reason(why);
    v1::Evidence reviewed;
    return client.evidence->ReviewEvidence(client.Context().get(), review, &reviewed);
  }

  std::unique_ptr<testing::RpcClient> admin_;
};

TEST_F(ErrorReasonTest, ATeacherEditingAnotherTeachersItemIsNotOwnItem) {
  auto lan = AddUser("lan", "teacher");
  auto minh = AddUser("minh", "teacher");
  const uint64_t id = UploadAs(*lan, "Kế hoạch năm học");
  const Refusal r = RefusalOf(Retitle(*minh, id, "Tên khác"));
  EXPECT_EQ(r.code, grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(r.reason, "NOT_OWN_ITEM");
  EXPECT_EQ(r.domain, "hoso.vn");
  EXPECT_EQ(r.Meta("code"), "[H1-1.1-01]");
  EXPECT_EQ(r.Meta("uploader"), "lan");
  // Nothing changed: lan still edits it.
  EXPECT_OK(Retitle(*lan, id, "Kế hoạch năm học 2024-2025"));
}

TEST_F(ErrorReasonTest, AnApprovedItemIsLockedForItsTeacher) {
  auto lan = AddUser("lan", "teacher");
  const uint64_t id = UploadAs(*lan, "Biên bản họp");
  ASSERT_OK(Review(*admin_, id, true, ""));
  const Refusal r = RefusalOf(Retitle(*lan, id, "Tên khác"));
  EXPECT_EQ(r.code, grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(r.reason, "ITEM_APPROVED");
  EXPECT_EQ(r.Meta("code"), "[H1-1.1-01]");
}

TEST_F(ErrorReasonTest, ASecretaryDoesNotApproveTheirOwnUploadAndReturnsNeedAReason) {
  auto thu = AddUser("thu", "secretary");
  const uint64_t id = UploadAs(*thu, "Quyết định thành lập");
  const Refusal own = RefusalOf(Review(*thu, id, true, ""));
  EXPECT_EQ(own.reason, "OWN_UPLOAD_REVIEW");
  EXPECT_EQ(own.Meta("code"), "[H1-1.1-01]");
  const Refusal bare = RefusalOf(Review(*admin_, id, false, ""));
  EXPECT_EQ(bare.code, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bare.reason, "RETURN_NEEDS_REASON");
}

TEST_F(ErrorReasonTest, AnUnknownCriterionIsNamed) {
  v1::CreateEvidenceRequest create;
  create.mutable_evidence()->set_school("LQD");
  create.mutable_evidence()->set_title("Ảnh hoạt động");
  create.mutable_evidence()->add_criteria("9.9");
  v1::NewFile* file = create.add_files();
  file->set_name("anh.jpg");
  file->set_sha256(ToHex(Sha256Of("ảnh")));
  create.set_validate_only(true);
  v1::Evidence created;
  const Refusal r =
      RefusalOf(admin_->evidence->CreateEvidence(admin_->Context().get(), create, &created));
  EXPECT_EQ(r.code, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(r.reason, "UNKNOWN_CRITERION");
  EXPECT_EQ(r.Meta("criterion"), "9.9");
  EXPECT_EQ(r.Meta("framework"), "tt17-2018");
}

TEST_F(ErrorReasonTest, MissingContentAndAHashMismatchAreUploadReasons) {
  v1::CreateEvidenceRequest create;
  create.mutable_evidence()->set_school("LQD");
  create.mutable_evidence()->set_title("Sổ điểm");
  create.mutable_evidence()->add_criteria("1.1");
  v1::NewFile* file = create.add_files();
  file->set_name("so-diem.pdf");
  const std::string never_sent = ToHex(Sha256Of("never sent"));
  file->set_sha256(never_sent);
  v1::Evidence created;
  const Refusal missing =
      RefusalOf(admin_->evidence->CreateEvidence(admin_->Context().get(), create, &created));
  EXPECT_EQ(missing.code, grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(missing.reason, "CONTENT_MISSING");
  EXPECT_EQ(missing.Meta("file"), "so-diem.pdf");
  EXPECT_EQ(missing.Meta("sha256"), never_sent);

  v1::UploadContentResponse uploaded;
  const Refusal mismatch = RefusalOf(
      UploadToSchool(*admin_, "what arrived", ToHex(Sha256Of("what was picked")), &uploaded));
  EXPECT_EQ(mismatch.code, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(mismatch.reason, "HASH_MISMATCH");
  EXPECT_EQ(mismatch.Meta("sha256"), ToHex(Sha256Of("what was picked")));
}

TEST_F(ErrorReasonTest, TheServersLimitsAreNamed) {
  StopServer();
  server_args_ = {"--max-file-size", "1M", "--max-files-per-item", "1"};
  StartServer();
  admin_ = std::make_unique<testing::RpcClient>(address_, token_);
  const std::string data(2 << 20, 'x');
  v1::UploadContentResponse uploaded;
  const Refusal r = RefusalOf(UploadToSchool(*admin_, data, ToHex(Sha256Of(data)), &uploaded));
  EXPECT_EQ(r.code, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(r.reason, "TOO_LARGE");
  EXPECT_EQ(r.Meta("limit_bytes"), std::to_string(1 << 20));
  EXPECT_EQ(r.Meta("size_bytes"), std::to_string(2 << 20));

  v1::CreateEvidenceRequest create;
  create.mutable_evidence()->set_school("LQD");
  create.mutable_evidence()->set_title("Ảnh lễ khai giảng");
  create.mutable_evidence()->add_criteria("1.1");
  for (const char* name : {"anh-1.jpg", "anh-2.jpg"}) {
    v1::NewFile* file = create.add_files();
    file->set_name(name);
    file->set_sha256(ToHex(Sha256Of(name)));
  }
  v1::Evidence created;
  const Refusal files =
      RefusalOf(admin_->evidence->CreateEvidence(admin_->Context().get(), create, &created));
  EXPECT_EQ(files.code, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(files.reason, "TOO_MANY_FILES");
  EXPECT_EQ(files.Meta("limit"), "1");
}

TEST_F(ErrorReasonTest, UnfinishedUploadsOverTheirAllowanceAreNamed) {
  StopServer();
  server_args_ = {"--max-unfinished", "1M"};
  StartServer();
  admin_ = std::make_unique<testing::RpcClient>(address_, token_);
  const std::string data(2 << 20, 'y');
  v1::UploadContentResponse uploaded;
  const Refusal r = RefusalOf(UploadToSchool(*admin_, data, ToHex(Sha256Of(data)), &uploaded));
  EXPECT_EQ(r.code, grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(r.reason, "UNFINISHED_UPLOADS_FULL");
  EXPECT_EQ(r.Meta("limit_bytes"), std::to_string(1 << 20));
}

TEST_F(ErrorReasonTest, MissingRecordsNameWhatWasAskedFor) {
  v1::GetEvidenceRequest get;
  get.set_school("LQD");
  get.set_id(77);
  v1::Evidence item;
  const Refusal missing =
      RefusalOf(admin_->evidence->GetEvidence(admin_->Context().get(), get, &item));
  EXPECT_EQ(missing.code, grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.reason, "ITEM_NOT_FOUND");
  EXPECT_EQ(missing.Meta("item"), "77");
  EXPECT_EQ(missing.Meta("school"), "LQD");

  get.set_id(0);
  get.set_ref("H1-1.1-05");
  EXPECT_EQ(RefusalOf(admin_->evidence->GetEvidence(admin_->Context().get(), get, &item)).reason,
            "ITEM_NOT_FOUND");

  get.set_school("KHONGCO");
  const Refusal school =
      RefusalOf(admin_->evidence->GetEvidence(admin_->Context().get(), get, &item));
  EXPECT_EQ(school.code, grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(school.reason, "UNKNOWN_SCHOOL");
  EXPECT_EQ(school.Meta("school"), "KHONGCO");

  // A request field that is wrong is named.
  get.set_school("LQD");
  get.set_ref("");
  const Refusal unnamed =
      RefusalOf(admin_->evidence->GetEvidence(admin_->Context().get(), get, &item));
  EXPECT_EQ(unnamed.code, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(unnamed.reason, "INVALID_ARGUMENT");
  EXPECT_EQ(unnamed.Meta("field"), "ref");
  v1::CreateEvidenceRequest untitled;
  untitled.mutable_evidence()->set_school("LQD");
  untitled.mutable_evidence()->add_criteria("1.1");
  untitled.add_files()->set_name("a.pdf");
  untitled.mutable_files(0)->set_sha256(ToHex(Sha256Of("a")));
  untitled.set_validate_only(true);
  v1::Evidence created;
  const Refusal title =
      RefusalOf(admin_->evidence->CreateEvidence(admin_->Context().get(), untitled, &created));
  EXPECT_EQ(title.reason, "INVALID_ARGUMENT");
  EXPECT_EQ(title.Meta("field"), "title");

  // Without a reason of its own, a refusal carries its code's name.
  auto frameworks = v1::FrameworkService::NewStub(admin_->channel());
  v1::GetFrameworkRequest framework;
  framework.set_id("tt99-2099");
  v1::Framework found;
  const Refusal bare =
      RefusalOf(frameworks->GetFramework(admin_->Context().get(), framework, &found));
  EXPECT_EQ(bare.code, grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(bare.reason, "NOT_FOUND");
  EXPECT_EQ(bare.domain, "hoso.vn");
}

TEST_F(ErrorReasonTest, PlanTasksDossiersAssessmentsAndCodesNameTheirRecord) {
  auto plan = v1::PlanService::NewStub(admin_->channel());
  v1::GetTaskRequest task;
  task.set_school("LQD");
  task.set_code("1.1-09");
  v1::PlanTask found_task;
  const Refusal no_task = RefusalOf(plan->GetTask(admin_->Context().get(), task, &found_task));
  EXPECT_EQ(no_task.code, grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(no_task.reason, "TASK_NOT_FOUND");
  EXPECT_EQ(no_task.Meta("school"), "LQD");

  auto dossiers = v1::DossierService::NewStub(admin_->channel());
  v1::DossierRef dossier;
  dossier.set_school("LQD");
  dossier.set_id(4);
  v1::TagManifest manifest;
  const Refusal no_dossier =
      RefusalOf(dossiers->GetTagManifest(admin_->Context().get(), dossier, &manifest));
  EXPECT_EQ(no_dossier.reason, "DOSSIER_NOT_FOUND");
  EXPECT_EQ(no_dossier.Meta("dossier"), "4");

  auto assessments = v1::AssessmentService::NewStub(admin_->channel());
  v1::GetAssessmentRequest assessment;
  assessment.set_school("LQD");
  v1::Assessment found_assessment;
  const Refusal none =
      RefusalOf(assessments->GetAssessment(admin_->Context().get(), assessment, &found_assessment));
  EXPECT_EQ(none.code, grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(none.reason, "ASSESSMENT_NOT_FOUND");
  EXPECT_EQ(none.Meta("school"), "LQD");
  dossiers.reset();
  assessments.reset();
  plan.reset();

  // A code the school already gave another item.
  UploadAs(*admin_, "Kế hoạch");  // H1-1.1-01
  const std::string data = "bản khác";
  v1::UploadContentResponse uploaded;
  ASSERT_OK(UploadToSchool(*admin_, data, ToHex(Sha256Of(data)), &uploaded));
  v1::CreateEvidenceRequest create;
  create.mutable_evidence()->set_school("LQD");
  create.mutable_evidence()->set_title("Bản khác");
  create.mutable_evidence()->set_code("H1-1.1-01");
  create.mutable_evidence()->add_criteria("1.1");
  create.add_files()->set_name("ban-khac.pdf");
  create.mutable_files(0)->set_sha256(ToHex(Sha256Of(data)));
  v1::Evidence created;
  const Refusal taken =
      RefusalOf(admin_->evidence->CreateEvidence(admin_->Context().get(), create, &created));
  EXPECT_EQ(taken.code, grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(taken.reason, "DUPLICATE_CODE");
  EXPECT_EQ(taken.Meta("code"), "[H1-1.1-01]");
}

class AssessmentReasonTest : public ErrorReasonTest {
 protected:
  void SetUp() override {
    ErrorReasonTest::SetUp();
    assessments_ = v1::AssessmentService::NewStub(admin_->channel());
    v1::CreateAssessmentRequest create;
    create.set_school("LQD");
    create.set_first_year("2020-2021");
    create.set_last_year("2024-2025");
    v1::Assessment created;
    ASSERT_OK(assessments_->CreateAssessment(admin_->Context().get(), create, &created));
  }
  void TearDown() override {
    assessments_.reset();
    ErrorReasonTest::TearDown();
  }
  grpc::Status Save(const std::string& criterion, const std::string& description,
                    uint32_t expected_revision, v1::CriterionAssessment* saved) {
    v1::SaveCriterionRequest save;
    save.set_school("LQD");
    save.mutable_criterion()->set_criterion(criterion);
    save.mutable_criterion()->set_description(description);
    save.set_expected_revision(expected_revision);
    return assessments_->SaveCriterion(admin_->Context().get(), save, saved);
  }
  std::unique_ptr<v1::AssessmentService::Stub> assessments_;
};

TEST_F(AssessmentReasonTest, ASaveOverANewerRevisionIsStale) {
  v1::CriterionAssessment saved;
  ASSERT_OK(Save("1.1", "Bản đầu", 0, &saved));
  ASSERT_EQ(saved.revision(), 1u);
  ASSERT_OK(Save("1.1", "Bản của người khác", 1, &saved));
  ASSERT_EQ(saved.revision(), 2u);
  const Refusal r = RefusalOf(Save("1.1", "Bản của tôi, mở từ bản 1", 1, &saved));
  EXPECT_EQ(r.code, grpc::StatusCode::ABORTED);
  EXPECT_EQ(r.reason, "STALE_REVISION");
  EXPECT_EQ(r.Meta("criterion"), "1.1");
  EXPECT_EQ(r.Meta("latest"), "2");
  EXPECT_EQ(r.Meta("expected"), "1");
}

TEST_F(AssessmentReasonTest, TheCliExitsWithItsOwnStatusForAStaleRevision) {
  v1::CriterionAssessment saved;
  ASSERT_OK(Save("1.1", "Bản đầu", 0, &saved));
  ASSERT_OK(Save("1.1", "Bản của người khác", 1, &saved));
  CommandResult stale = Hoso({"assess", "write", "1.1", "--school", "LQD", "--description",
                              "Bản của tôi", "--revision", "1"});
  EXPECT_EQ(stale.exit_code, 12) << stale.err;
  EXPECT_NE(stale.err.find("(conflict)"), std::string::npos) << stale.err;
  CommandResult json = Hoso({"--json", "assess", "write", "1.1", "--school", "LQD", "--description",
                             "Bản của tôi", "--revision", "1"});
  EXPECT_EQ(json.exit_code, 12);
  EXPECT_NE(json.out.find("\"code\":\"ABORTED\",\"exit_code\":12"), std::string::npos) << json.out;
  CommandResult help = Hoso({"--help"});
  EXPECT_NE(help.out.find("12 conflict"), std::string::npos) << help.out;
}

TEST_F(AssessmentReasonTest, CitingWhatCannotBeCitedNamesTheCodes) {
  auto lan = AddUser("lan", "teacher");
  UploadAs(*lan, "Kế hoạch chiến lược");  // H1-1.1-01, not approved
  v1::CriterionAssessment saved;
  const Refusal r = RefusalOf(
      Save("1.1", "Nhà trường có kế hoạch [H1-1.1-01] và nghị quyết [H1-1.1-07].", 0, &saved));
  EXPECT_EQ(r.code, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(r.reason, "CITATION_REFUSED");
  EXPECT_EQ(r.Meta("criterion"), "1.1");
  EXPECT_EQ(r.Meta("codes"), "H1-1.1-01, H1-1.1-07");
}

TEST_F(AssessmentReasonTest, ALevelNeedsACitedDescription) {
  v1::SaveCriterionRequest save;
  save.set_school("LQD");
  save.mutable_criterion()->set_criterion("1.1");
  save.mutable_criterion()->set_description("Nhà trường có kế hoạch chiến lược.");
  v1::IndicatorResult* met = save.mutable_criterion()->add_indicators();
  met->set_level(1);
  met->set_code("a");
  met->set_judgement(v1::JUDGEMENT_MET);
  v1::CriterionAssessment saved;
  const Refusal r = RefusalOf(assessments_->SaveCriterion(admin_->Context().get(), save, &saved));
  EXPECT_EQ(r.code, grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(r.reason, "NO_CITATION");
  EXPECT_EQ(r.Meta("criterion"), "1.1");
}

TEST_F(AssessmentReasonTest, OnlyTheChairApprovesACriterion) {
  v1::CriterionAssessment saved;
  ASSERT_OK(Save("1.2", "Mô tả", 0, &saved));
  auto thu = AddUser("thu", "secretary");
  auto stub = v1::AssessmentService::NewStub(thu->channel());
  v1::ReviewCriterionRequest review;
  review.set_school("LQD");
  review.set_criterion("1.2");
  review.set_action(v1::REVIEW_APPROVE);
  v1::CriterionAssessment reviewed;
  const Refusal r = RefusalOf(stub->ReviewCriterion(thu->Context().get(), review, &reviewed));
  EXPECT_EQ(r.code, grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(r.reason, "CHAIR_ONLY");
  EXPECT_EQ(r.Meta("criterion"), "1.2");
}

}  // namespace
}  // namespace hoso
