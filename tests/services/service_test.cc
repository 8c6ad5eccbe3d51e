// Service tests: a real hosod server in-process on a loopback port, spoken to
// through the generated stubs.
#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <future>
#include <random>
#include <thread>

#include "services/runtime/server.h"
#include "storage/base/sha256.h"
#include "tests/support/fake_clock.h"
#include "tests/support/process.h"
#include "tests/support/rpc_client.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_content.h"

namespace hoso {
namespace {

using hoso::testing::RpcClient;

std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 gen(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(gen());
  return out;
}

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options{.data_dir = dir_.Sub("data"), .listen = "127.0.0.1:0"};
    options.clock = &clock_;
    ASSERT_NO_FATAL_FAILURE(hoso::testing::TestS3Options(&options.s3, dir_.Sub("cache")));
    auto server = HosodServer::Start(options);
    ASSERT_OK(server);
    server_ = std::move(*server);
    token_ = hoso::testing::ReadFile(server_->admin_token_path());
    token_.pop_back();  // newline
    client_ = std::make_unique<RpcClient>(server_->address(), token_);
    v1::CreateSchoolRequest school;
    school.mutable_school()->set_code("LQD");
    school.mutable_school()->set_name("Trường Tiểu học Lê Quý Đôn");
    school.mutable_school()->set_framework("tt17-2018");
    v1::School created;
    ASSERT_OK(client_->schools->CreateSchool(client_->Context().get(), school, &created));
  }

  // A raw call of `method` with an empty request, with the given token.
  grpc::Status CallRaw(const std::string& method, const std::string& token) {
    grpc::GenericStub stub(client_->channel());
    grpc::ClientContext context;
    if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    grpc::ByteBuffer request, response;
    grpc::Slice empty("");
    request = grpc::ByteBuffer(&empty, 1);
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                   [&](grpc::Status s) { done.set_value(s); });
    return done.get_future().get();
  }

  // Uploads `data` and creates an item linking it under criterion 1.1.
  v1::Evidence CreateItem(const std::string& data, const std::string& name) {
    v1::UploadContentResponse uploaded;
    EXPECT_OK(client_->Upload(data, ToHex(Sha256Of(data)), &uploaded));
    v1::CreateEvidenceRequest request;
    request.mutable_evidence()->set_school("LQD");
    request.mutable_evidence()->set_title("Kế hoạch chiến lược");
    request.mutable_evidence()->add_criteria("1.1");
    request.add_files()->set_name(name);
    request.mutable_files(0)->set_sha256(ToHex(Sha256Of(data)));
    v1::Evidence evidence;
    grpc::Status s =
        client_->evidence->CreateEvidence(client_->Context().get(), request, &evidence);
    EXPECT_OK(s);
    return evidence;
  }

  // A user `name` with `role` in LQD and a token of theirs; `expires` (unix
  // seconds, 0: never) ends the role.
  std::string AddUserWithToken(const std::string& name, const std::string& role,
                               int64_t role_expires) {
    auto users = v1::UserService::NewStub(client_->channel());
    v1::AddUserRequest add;
    add.set_name(name);
    add.set_school("LQD");
    add.set_role(role);
    if (role_expires != 0) add.mutable_expires()->set_seconds(role_expires);
    v1::User user;
    EXPECT_OK(users->AddUser(client_->Context().get(), add, &user));
    v1::IssueTokenRequest issue;
    issue.set_user(name);
    v1::IssueTokenResponse issued;
    EXPECT_OK(users->IssueToken(client_->Context().get(), issue, &issued));
    return issued.token();
  }

  hoso::testing::FakeClock clock_;  // before the server, which reads it
  hoso::testing::TempDir dir_;
  std::unique_ptr<HosodServer> server_;
  std::string token_;
  std::unique_ptr<RpcClient> client_;
};

TEST_F(ServiceTest, EveryRpcRefusesMissingAndWrongTokens) {
  const auto* file = v1::Evidence::descriptor()->file();
  int methods = 0;
  for (int s = 0; s < file->service_count(); ++s) {
    const auto* service = file->service(s);
    for (int m = 0; m < service->method_count(); ++m) {
      const std::string path = "/" + service->full_name() + "/" + service->method(m)->name();
      // Signing in needs no token, and ignores one: an empty request is incomplete.
      const bool signing_in =
          service->name() == "LoginService" && (service->method(m)->name() == "PasswordLogin" ||
                                                service->method(m)->name() == "CodeLogin");
      const grpc::StatusCode expected =
          signing_in ? grpc::StatusCode::INVALID_ARGUMENT : grpc::StatusCode::UNAUTHENTICATED;
      EXPECT_EQ(CallRaw(path, "").error_code(), expected) << path;
      EXPECT_EQ(CallRaw(path, "hoso_wrong").error_code(), expected) << path;
      ++methods;
    }
  }
  EXPECT_GE(methods, 10);
}

TEST_F(ServiceTest, TheBearerSchemeIsCaseInsensitive) {
  for (const char* scheme : {"bearer ", "BEARER ", "Bearer "}) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", scheme + token_);
    v1::ListSchoolsResponse schools;
    EXPECT_OK(client_->schools->ListSchools(&context, v1::ListSchoolsRequest(), &schools))
        << scheme;
  }
  grpc::ClientContext basic;
  basic.AddMetadata("authorization", "Basic " + token_);
  v1::ListSchoolsResponse schools;
  EXPECT_THAT(client_->schools->ListSchools(&basic, v1::ListSchoolsRequest(), &schools),
              hoso::testing::StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(ServiceTest, HealthCheckNeedsNoToken) {
  grpc::Status s = CallRaw("/grpc.health.v1.Health/Check", "");
  EXPECT_OK(s);
}

TEST_F(ServiceTest, WrongDeclaredHashIsRejectedAndNothingKept) {
  const std::string data = RandomBytes(3 << 20, 1);
  const std::string claimed = ToHex(Sha256Of("other"));
  v1::UploadContentResponse response;
  grpc::Status s = client_->Upload(data, claimed, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("not the declared"), std::string::npos);
  for (const std::string& hex : {claimed, ToHex(Sha256Of(data))}) {
    v1::ContentState state = client_->Stat(hex);
    EXPECT_FALSE(state.present());
    EXPECT_EQ(state.resume_offset(), 0u);
  }
}

TEST_F(ServiceTest, MalformedUploadsAreRejected) {
  v1::UploadContentResponse response;
  EXPECT_EQ(client_->Upload("abc", "not-hex", &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  auto context = client_->Context();
  auto writer = client_->content->UploadContent(context.get(), &response);
  v1::UploadChunk data_first;
  data_first.set_data("no header");
  writer->Write(data_first);
  writer->WritesDone();
  grpc::Status s = writer->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("header"), std::string::npos);
}

TEST_F(ServiceTest, UploadCreateAndDownloadRoundTrip) {
  const std::string data = RandomBytes((3 << 20) + 4321, 2);
  const v1::Evidence evidence = CreateItem(data, "Biên bản.pdf");
  ASSERT_EQ(evidence.files_size(), 1);
  EXPECT_EQ(evidence.files(0).size(), data.size());
  EXPECT_EQ(evidence.uploader(), "admin");

  v1::DownloadFileRequest request;
  request.set_school("LQD");
  request.set_id(evidence.id());
  auto context = client_->Context();
  auto reader = client_->evidence->DownloadFile(context.get(), request);
  v1::DownloadChunk chunk;
  std::string received;
  bool first = true;
  while (reader->Read(&chunk)) {
    if (first) EXPECT_EQ(chunk.file().sha256(), ToHex(Sha256Of(data)));
    first = false;
    received += chunk.data();
  }
  ASSERT_OK(reader->Finish());
  EXPECT_EQ(received, data);
}

TEST_F(ServiceTest, ErrorsNameTheProblem) {
  v1::GetEvidenceRequest get;
  get.set_school("LQD");
  get.set_id(42);
  v1::Evidence evidence;
  grpc::Status s = client_->evidence->GetEvidence(client_->Context().get(), get, &evidence);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "no evidence 42 in school LQD");

  v1::CreateEvidenceRequest create;
  create.mutable_evidence()->set_school("LQD");
  create.mutable_evidence()->set_title("x");
  create.mutable_evidence()->add_criteria("7.1");
  create.add_files()->set_name("a.pdf");
  create.mutable_files(0)->set_sha256(ToHex(Sha256Of("never sent")));
  s = client_->evidence->CreateEvidence(client_->Context().get(), create, &evidence);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "criterion 7.1 is not in framework tt17-2018 (1.1–5.5)");

  create.mutable_evidence()->set_criteria(0, "1.1");
  s = client_->evidence->CreateEvidence(client_->Context().get(), create, &evidence);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("upload it first"), std::string::npos);
}

TEST_F(ServiceTest, UpdateAndSoftDelete) {
  const v1::Evidence evidence = CreateItem("content", "a.txt");
  v1::UpdateEvidenceRequest update;
  update.set_school("LQD");
  update.set_id(evidence.id());
  update.set_title("Báo cáo tự đánh giá");
  update.set_replace_criteria(true);
  update.add_criteria("2.1");
  update.add_criteria("1.1");
  v1::Evidence updated;
  grpc::Status root_moved =
      client_->evidence->UpdateEvidence(client_->Context().get(), update, &updated);
  EXPECT_EQ(root_moved.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(root_moved.error_message().find("root of [H1-1.1-01]"), std::string::npos)
      << root_moved.error_message();
  update.set_criteria(0, "1.1");
  update.set_criteria(1, "2.1");
  ASSERT_OK(client_->evidence->UpdateEvidence(client_->Context().get(), update, &updated));
  EXPECT_EQ(updated.title(), "Báo cáo tự đánh giá");
  EXPECT_EQ(updated.code(), "[H1-1.1-01]");
  EXPECT_EQ(updated.criteria(1), "2.1");
  EXPECT_EQ(updated.files(0).sha256(), evidence.files(0).sha256());

  v1::DeleteEvidenceRequest del;
  del.set_school("LQD");
  del.set_id(evidence.id());
  v1::Evidence deleted;
  ASSERT_OK(client_->evidence->DeleteEvidence(client_->Context().get(), del, &deleted));
  EXPECT_TRUE(deleted.deleted());
  v1::ListEvidenceRequest list;
  list.set_school("LQD");
  v1::ListEvidenceResponse listed;
  ASSERT_OK(client_->evidence->ListEvidence(client_->Context().get(), list, &listed));
  EXPECT_EQ(listed.evidence_size(), 0);
  list.set_include_deleted(true);
  ASSERT_OK(client_->evidence->ListEvidence(client_->Context().get(), list, &listed));
  EXPECT_EQ(listed.evidence_size(), 1);
}

TEST_F(ServiceTest, RoleStopsWorkingWhenItExpires) {
  const std::string token = AddUserWithToken("tam.thoi", "assessor", clock_.NowUnix() + 2);
  RpcClient as_assessor(server_->address(), token);
  auto dossiers = v1::DossierService::NewStub(as_assessor.channel());
  v1::ListDossiersRequest request;
  request.set_school("LQD");
  v1::ListDossiersResponse listed;
  EXPECT_OK(dossiers->ListDossiers(as_assessor.Context().get(), request, &listed));

  clock_.Advance(3);
  EXPECT_THAT(dossiers->ListDossiers(as_assessor.Context().get(), request, &listed),
              hoso::testing::StatusIs(absl::StatusCode::kPermissionDenied,
                                      ::testing::HasSubstr("tam.thoi's role in LQD expired")));
}

TEST_F(ServiceTest, TokenStopsWorkingWhenItExpires) {
  AddUserWithToken("lan", "teacher", 0);
  auto users = v1::UserService::NewStub(client_->channel());
  v1::IssueTokenRequest issue;
  issue.set_user("lan");
  issue.mutable_expires()->set_seconds(clock_.NowUnix() + 2);
  v1::IssueTokenResponse issued;
  ASSERT_OK(users->IssueToken(client_->Context().get(), issue, &issued));
  RpcClient as_lan(server_->address(), issued.token());
  auto lan = v1::UserService::NewStub(as_lan.channel());
  v1::User me;
  EXPECT_OK(lan->WhoAmI(as_lan.Context().get(), v1::WhoAmIRequest(), &me));

  clock_.Advance(3);
  EXPECT_THAT(
      lan->WhoAmI(as_lan.Context().get(), v1::WhoAmIRequest(), &me),
      hoso::testing::StatusIs(absl::StatusCode::kUnauthenticated, ::testing::HasSubstr("expired")));
}

TEST(ServerThreadCapTest, CallsBeyondTheCapAreRefusedAsBusyAndServedAgainAfter) {
  hoso::testing::TempDir dir;
  ServerOptions options{.data_dir = dir.Sub("data"), .listen = "127.0.0.1:0"};
  options.max_threads = 8;
  auto server = HosodServer::Start(options);
  ASSERT_OK(server);
  std::string token = hoso::testing::ReadFile((*server)->admin_token_path());
  token.pop_back();
  RpcClient client((*server)->address(), token);
  // Each upload held open keeps one of the sync server's threads.
  struct Held {
    std::unique_ptr<grpc::ClientContext> context;
    v1::UploadContentResponse response;
    std::unique_ptr<grpc::ClientWriter<v1::UploadChunk>> writer;
  };
  std::vector<Held> held(12);
  for (size_t i = 0; i < held.size(); ++i) {
    held[i].context = client.Context();
    held[i].writer = client.content->UploadContent(held[i].context.get(), &held[i].response);
    v1::UploadChunk header;
    header.mutable_header()->set_sha256(ToHex(Sha256Of(std::to_string(i))));
    header.mutable_header()->set_size(1 << 20);
    held[i].writer->Write(header);
  }
  v1::ListSchoolsResponse schools;
  grpc::Status busy =
      client.schools->ListSchools(client.Context().get(), v1::ListSchoolsRequest(), &schools);
  EXPECT_THAT(busy, hoso::testing::StatusIs(absl::StatusCode::kResourceExhausted));
  for (Held& h : held) h.context->TryCancel();
  held.clear();
  grpc::Status again;
  for (int i = 0; i < 100; ++i) {
    again = client.schools->ListSchools(client.Context().get(), v1::ListSchoolsRequest(), &schools);
    if (again.ok()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_OK(again);
}

}  // namespace
}  // namespace hoso
