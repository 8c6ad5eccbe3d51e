// The role matrix: every RPC of the proto, called by every role against a
// real hosod, is allowed or denied exactly as tests/e2e/role_matrix.md (made
// from services/access/policy.cc) says. An RPC without a policy fails here.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <cstdlib>
#include <future>

#include "hoso/v1/hoso.grpc.pb.h"
#include "services/access/policy.h"
#include "tests/support/hosod_fixture.h"

namespace hoso {
namespace {

namespace pb = google::protobuf;

// Sets every string field named "school" (also one message level down, as
// in CreateEvidenceRequest.evidence.school) to `school`.
void NameSchool(pb::Message* message, const std::string& school, int depth = 0) {
  const pb::Descriptor* d = message->GetDescriptor();
  const pb::Reflection* r = message->GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    if (f->is_repeated()) continue;
    if (f->name() == "school" && f->type() == pb::FieldDescriptor::TYPE_STRING) {
      r->SetString(message, f, school);
    } else if (f->type() == pb::FieldDescriptor::TYPE_MESSAGE && depth == 0 &&
               f->message_type()->FindFieldByName("school") != nullptr) {
      NameSchool(r->MutableMessage(message, f), school, depth + 1);
    }
  }
}

struct Column {
  std::string title;
  std::string token;
  std::string user;
};

class PolicyMatrixTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    ASSERT_EQ(
        Hoso({"school", "add", "LV", "--name", "Trường THCS Lạc Viên", "--framework", "tt18-2018"})
            .exit_code,
        0);
    columns_.push_back({"server admin", token_, "admin"});
    for (const auto& [user, school, role] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"hieu.truong", "LQD", "admin"},
             {"thu.ky", "LQD", "secretary"},
             {"giao.vien", "LQD", "teacher"},
             {"danh.gia", "LQD", "assessor"},
             {"khac.truong", "LV", "admin"}}) {
      CommandResult added = Hoso({"user", "add", user, "--school", school, "--role", role});
      ASSERT_EQ(added.exit_code, 0) << added.err;
      CommandResult issued = Hoso({"token", "issue", user});
      ASSERT_EQ(issued.exit_code, 0) << issued.err;
      columns_.push_back(
          {school == "LQD" ? role : "admin of another school", TokenOf(issued), user});
    }
  }

  static std::string TokenOf(const CommandResult& issued) {
    std::string token = issued.out;
    while (!token.empty() && token.back() == '\n') token.pop_back();
    return token;
  }

  grpc::Status Call(const std::string& method, const pb::Descriptor* input,
                    const std::string& token) {
    std::unique_ptr<pb::Message> request(
        pb::MessageFactory::generated_factory()->GetPrototype(input)->New());
    NameSchool(request.get(), "LQD");
    const std::string bytes = request->SerializeAsString();
    grpc::Slice slice(bytes);
    grpc::ByteBuffer in(&slice, 1), out;
    auto channel = grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
    grpc::GenericStub stub(channel);
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, method, grpc::StubOptions(), &in, &out,
                   [&](grpc::Status s) { done.set_value(s); });
    return done.get_future().get();
  }

  std::vector<Column> columns_;
};

TEST_F(PolicyMatrixTest, EveryRpcIsAllowedOrDeniedAsTheTableSays) {
  const pb::FileDescriptor* file = v1::School::descriptor()->file();
  std::string table =
      "# Role matrix\n\nWhat each role may call, as a real hosod answers (written by "
      "tests/e2e/policy_matrix_test.cc from calls with each role's token against school LQD; "
      "✓ allowed, — PERMISSION_DENIED). The rule in the last column is checked on the record "
      "itself. Source of truth: services/access/policy.cc.\n\n| RPC |";
  for (const Column& c : columns_) table += " " + c.title + " |";
  table += " record-level rule |\n|---|";
  for (size_t i = 0; i < columns_.size(); ++i) table += "---|";
  table += "---|\n";
  int methods = 0;
  for (int s = 0; s < file->service_count(); ++s) {
    const pb::ServiceDescriptor* service = file->service(s);
    for (int m = 0; m < service->method_count(); ++m) {
      const pb::MethodDescriptor* method = service->method(m);
      const std::string name = service->name() + "/" + method->name();
      const RpcPolicy* policy = FindPolicy(name);
      EXPECT_NE(policy, nullptr) << name
                                 << " has no row in the policy table (services/access/policy.cc)";
      table += "| " + name + " |";
      for (const Column& c : columns_) {
        // Logout revokes the token it comes with: a spare one of the same user.
        const std::string token =
            name == "LoginService/Logout" ? TokenOf(Hoso({"token", "issue", c.user})) : c.token;
        grpc::Status st =
            Call("/" + service->full_name() + "/" + method->name(), method->input_type(), token);
        EXPECT_EQ(st.error_message().find("no access policy"), std::string::npos) << name;
        EXPECT_NE(st.error_code(), grpc::StatusCode::UNAUTHENTICATED) << name << " " << c.title;
        table += st.error_code() == grpc::StatusCode::PERMISSION_DENIED ? " — |" : " ✓ |";
      }
      table += " " + std::string(policy ? policy->limits : "") + " |\n";
      ++methods;
    }
  }
  EXPECT_GE(methods, 40);
  if (std::getenv("HOSO_UPDATE_ROLE_MATRIX") != nullptr) {
    WriteFile(HOSO_ROLE_MATRIX, table);
    GTEST_SKIP() << "wrote " << HOSO_ROLE_MATRIX;
  }
  EXPECT_EQ(ReadFile(HOSO_ROLE_MATRIX), table)
      << "the server no longer enforces tests/e2e/role_matrix.md; if the change is intended, run "
         "HOSO_UPDATE_ROLE_MATRIX=1 build/tests/policy_matrix_tests and review the diff";
}

TEST_F(PolicyMatrixTest, RefusalsSayWhatIsMissingAndAreAudited) {
  CommandResult denied = HosoWithToken(
      {"dossier", "seal", "1", "--school", "LQD", "--key", "/dev/null", "--cert", "/dev/null"},
      columns_[2].token);  // the secretary
  CommandResult listed = HosoWithToken({"ls", "--school", "LQD"}, columns_[4].token);  // assessor
  EXPECT_EQ(listed.exit_code, 4);
  EXPECT_NE(listed.err.find("an assessor cannot list evidence (school LQD)"), std::string::npos)
      << listed.err;
  CommandResult elsewhere = HosoWithToken({"ls", "--school", "LQD"}, columns_[5].token);
  EXPECT_EQ(elsewhere.exit_code, 4);
  EXPECT_NE(elsewhere.err.find("khac.truong holds no role in school LQD"), std::string::npos)
      << elsewhere.err;
  CommandResult audit = Hoso({"audit", "ls", "--school", "LQD", "--actor", "danh.gia"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_NE(audit.out.find("denied"), std::string::npos) << audit.out;
  EXPECT_NE(audit.out.find("EvidenceService/ListEvidence"), std::string::npos) << audit.out;
}

}  // namespace
}  // namespace hoso
