// Content uploads between people and schools (issue 14, findings 1, 5, 6): a
// school sees and links only content it holds, upload sessions belong to
// their uploader, expire, and count against a per-user quota. A real hosod
// in-process on a loopback port, with a fake clock.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "services/runtime/server.h"
#include "storage/base/sha256.h"
#include "storage/content/chunk_store.h"
#include "storage/content/content_store.h"
#include "storage/content/pack_chunk_store.h"
#include "storage/index/database.h"
#include "tests/support/fake_clock.h"
#include "tests/support/process.h"
#include "tests/support/rpc_client.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso {
namespace {

using hoso::testing::RpcClient;
constexpr size_t kMiB = 1 << 20;

std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 gen(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(gen());
  return out;
}

// Content to upload: random bytes and their SHA-256 in hex.
struct Blob {
  std::string data, hex;
};
Blob MakeBlob(size_t n, uint32_t seed) {
  Blob blob{RandomBytes(n, seed), ""};
  blob.hex = ToHex(Sha256Of(blob.data));
  return blob;
}

class ContentPossessionTest : public ::testing::Test {
 protected:
  void SetUp() override { Start({}); }

  void Start(storage::UploadSettings uploads) {
    server_.reset();
    ServerOptions options{.data_dir = dir_.Sub("data"), .listen = "127.0.0.1:0"};
    options.clock = &clock_;
    options.uploads = uploads;
    auto server = HosodServer::Start(options);
    ASSERT_OK(server);
    server_ = std::move(*server);
    std::string token = hoso::testing::ReadFile(server_->admin_token_path());
    token.pop_back();  // newline
    admin_ = std::make_unique<RpcClient>(server_->address(), token);
    for (const char* code : {"LQD", "LV"}) {
      v1::CreateSchoolRequest school;
      school.mutable_school()->set_code(code);
      school.mutable_school()->set_name(std::string("Trường ") + code);
      school.mutable_school()->set_framework("tt17-2018");
      v1::School created;
      admin_->schools->CreateSchool(admin_->Context().get(), school, &created);
    }
  }

  // A teacher of `school` and a client with their token.
  std::unique_ptr<RpcClient> Teacher(const std::string& name, const std::string& school) {
    auto users = v1::UserService::NewStub(admin_->channel());
    v1::AddUserRequest add;
    add.set_name(name);
    add.set_school(school);
    add.set_role("teacher");
    v1::User user;
    EXPECT_OK(users->AddUser(admin_->Context().get(), add, &user));
    v1::IssueTokenRequest issue;
    issue.set_user(name);
    v1::IssueTokenResponse issued;
    EXPECT_OK(users->IssueToken(admin_->Context().get(), issue, &issued));
    return std::make_unique<RpcClient>(server_->address(), issued.token());
  }

  static v1::ContentState Stat(const RpcClient& client, const std::string& hex,
                               const std::string& school) {
    v1::StatContentRequest request;
    request.add_sha256(hex);
    request.set_school(school);
    v1::StatContentResponse response;
    grpc::Status s = client.content->StatContent(client.Context().get(), request, &response);
    EXPECT_OK(s);
    return s.ok() && response.states_size() == 1 ? response.states(0) : v1::ContentState();
  }

  // Uploads `data` whole for `school`, declaring `declared_hex` and `size`.
  // Like hoso, tries again while the server says ABORTED: the stream of an
  // upload the same user just cut off may still be unwinding on the server.
  static grpc::Status Upload(const RpcClient& client, const std::string& data,
                             const std::string& declared_hex, uint64_t size,
                             const std::string& school, uint64_t offset = 0,
                             v1::UploadContentResponse* response = nullptr) {
    grpc::Status s;
    for (int i = 0; i < 100; ++i) {
      s = UploadOnce(client, data, declared_hex, size, school, offset, response);
      if (s.error_code() != grpc::StatusCode::ABORTED) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return s;
  }
  // `blob` uploaded whole for `school`, declared as what it is.
  static grpc::Status Upload(const RpcClient& client, const Blob& blob, const std::string& school,
                             uint64_t offset = 0, v1::UploadContentResponse* response = nullptr) {
    return Upload(client, blob.data, blob.hex, blob.data.size(), school, offset, response);
  }
  // `blob` uploaded for `school` and linked into a new item there.
  static void UploadAndLink(const RpcClient& client, const Blob& blob, const std::string& school) {
    ASSERT_OK(Upload(client, blob, school));
    v1::Evidence item;
    ASSERT_OK(CreateItem(client, school, blob.hex, &item));
  }
  static grpc::Status UploadOnce(const RpcClient& client, const std::string& data,
                                 const std::string& declared_hex, uint64_t size,
                                 const std::string& school, uint64_t offset,
                                 v1::UploadContentResponse* response) {
    v1::UploadContentResponse ignored;
    auto context = client.Context();
    auto writer = client.content->UploadContent(context.get(), response ? response : &ignored);
    v1::UploadChunk message;
    message.mutable_header()->set_sha256(declared_hex);
    message.mutable_header()->set_size(size);
    message.mutable_header()->set_offset(offset);
    message.mutable_header()->set_school(school);
    writer->Write(message);
    for (size_t at = offset; at < data.size(); at += kMiB) {
      message.set_data(data.substr(at, kMiB));
      if (!writer->Write(message)) break;
    }
    writer->WritesDone();
    return writer->Finish();
  }

  // Sends the first `whole_mib` MiB of an upload declaring `declared_hex` and
  // `size`, waits until the server holds them durably, then cuts the stream.
  static void UploadPart(const RpcClient& client, const std::string& data,
                         const std::string& declared_hex, uint64_t size, size_t whole_mib) {
    auto context = client.Context();
    v1::UploadContentResponse response;
    auto writer = client.content->UploadContent(context.get(), &response);
    v1::UploadChunk message;
    message.mutable_header()->set_sha256(declared_hex);
    message.mutable_header()->set_size(size);
    ASSERT_TRUE(writer->Write(message));
    for (size_t i = 0; i < whole_mib; ++i) {
      message.set_data(data.substr(i * kMiB, kMiB));
      ASSERT_TRUE(writer->Write(message));
    }
    for (int i = 0; i < 200 && Stat(client, declared_hex, "").resume_offset() < whole_mib * kMiB;
         ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    context->TryCancel();
    EXPECT_FALSE(writer->Finish().ok());
    ASSERT_EQ(Stat(client, declared_hex, "").resume_offset(), whole_mib * kMiB);
  }

  static grpc::Status CreateItem(const RpcClient& client, const std::string& school,
                                 const std::string& hex, v1::Evidence* created) {
    v1::CreateEvidenceRequest request;
    request.mutable_evidence()->set_school(school);
    request.mutable_evidence()->set_title("Biên bản họp");
    request.mutable_evidence()->add_criteria("1.1");
    request.add_files()->set_name("bien-ban.pdf");
    request.mutable_files(0)->set_sha256(hex);
    return client.evidence->CreateEvidence(client.Context().get(), request, created);
  }

  hoso::testing::FakeClock clock_;  // before the server, which reads it
  hoso::testing::TempDir dir_;
  std::unique_ptr<HosodServer> server_;
  std::unique_ptr<RpcClient> admin_;
};

TEST_F(ContentPossessionTest, CrossSchoolStatOfForeignHashLooksAbsent) {
  auto lan = Teacher("lan", "LQD");
  auto hoa = Teacher("hoa", "LV");
  const Blob blob = MakeBlob(3 * kMiB + 17, 1);
  const std::string& hex = blob.hex;
  UploadAndLink(*lan, blob, "LQD");

  // LQD sees it; LV's teacher gets the answer of a hash nobody stored.
  const v1::ContentState mine = Stat(*lan, hex, "LQD");
  EXPECT_TRUE(mine.present());
  EXPECT_EQ(mine.size(), blob.data.size());
  const std::string absent_hex = ToHex(Sha256Of("never stored"));
  for (const std::string& school : {std::string("LV"), std::string()}) {
    const v1::ContentState foreign = Stat(*hoa, hex, school);
    const v1::ContentState absent = Stat(*hoa, absent_hex, school);
    EXPECT_FALSE(foreign.present()) << "school \"" << school << "\"";
    EXPECT_EQ(foreign.size(), absent.size());
    EXPECT_EQ(foreign.resume_offset(), absent.resume_offset());
  }
  // Another teacher of LQD sees what the school holds.
  auto minh = Teacher("minh", "LQD");
  EXPECT_TRUE(Stat(*minh, hex, "LQD").present());
  // A school one holds no role in cannot be asked about.
  v1::StatContentRequest request;
  request.add_sha256(hex);
  request.set_school("LQD");
  v1::StatContentResponse response;
  EXPECT_EQ(hoa->content->StatContent(hoa->Context().get(), request, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ContentPossessionTest, CreateEvidenceWithForeignHashIsRefusedUntilBytesAreUploaded) {
  auto lan = Teacher("lan", "LQD");
  auto hoa = Teacher("hoa", "LV");
  const Blob blob = MakeBlob(2 * kMiB + 5, 2);
  const std::string& hex = blob.hex;
  UploadAndLink(*lan, blob, "LQD");

  // Knowing the hash is not enough, and the refusal reads as for absent content.
  v1::Evidence stolen;
  grpc::Status refused = CreateItem(*hoa, "LV", hex, &stolen);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error_message().find("is not stored; upload it first"), std::string::npos)
      << refused.error_message();
  // Neither can the server admin link it into LV on the strength of the hash.
  EXPECT_EQ(CreateItem(*admin_, "LV", hex, &stolen).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  // With the bytes in hand, LV's teacher uploads them: deduplicated, then linked.
  v1::UploadContentResponse uploaded;
  ASSERT_OK(Upload(*hoa, blob, "LV", 0, &uploaded));
  EXPECT_TRUE(uploaded.deduplicated());
  ASSERT_OK(CreateItem(*hoa, "LV", hex, &stolen));
  EXPECT_TRUE(Stat(*hoa, hex, "LV").present());
  // The same bytes uploaded under a wrong declaration prove nothing.
  auto vy = Teacher("vy", "LV");
  const std::string other = RandomBytes(2 * kMiB + 5, 3);
  EXPECT_EQ(Upload(*vy, other, hex, other.size(), "").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_FALSE(Stat(*vy, hex, "").present());
}

TEST_F(ContentPossessionTest, WrongSizeDeclarationDoesNotBlockAnotherUploader) {
  auto lan = Teacher("lan", "LQD");
  auto minh = Teacher("minh", "LQD");
  const Blob blob = MakeBlob(4 * kMiB, 4);
  // lan declares 9 MiB for 4 MiB of content and is cut off after 2 MiB.
  UploadPart(*lan, blob.data, blob.hex, 9 * kMiB, 2);

  EXPECT_OK(Upload(*minh, blob, "LQD"));
  EXPECT_TRUE(Stat(*minh, blob.hex, "LQD").present());
  // lan, starting over with the right size, is not stuck either.
  v1::UploadContentResponse again;
  EXPECT_OK(Upload(*lan, blob, "LQD", 0, &again));
  EXPECT_TRUE(again.deduplicated());
}

TEST_F(ContentPossessionTest, AnotherUserCannotResumeOrAbortMyUpload) {
  auto lan = Teacher("lan", "LQD");
  auto minh = Teacher("minh", "LQD");
  const std::string data = RandomBytes(5 * kMiB, 5);
  const std::string hex = ToHex(Sha256Of(data));
  UploadPart(*lan, data, hex, data.size(), 3);

  // minh sees nothing of lan's upload and cannot continue it.
  EXPECT_EQ(Stat(*minh, hex, "").resume_offset(), 0u);
  EXPECT_EQ(Upload(*minh, data, hex, data.size(), "", 3 * kMiB).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  // Bytes that do not match the declaration are dropped: minh's, not lan's.
  const std::string junk = RandomBytes(5 * kMiB, 6);
  EXPECT_EQ(Upload(*minh, junk, hex, junk.size(), "").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Stat(*lan, hex, "").resume_offset(), 3 * kMiB);

  // While lan's stream is open, minh's upload of the same content is not held up.
  auto context = lan->Context();
  v1::UploadContentResponse lan_done;
  auto writer = lan->content->UploadContent(context.get(), &lan_done);
  v1::UploadChunk message;
  message.mutable_header()->set_sha256(hex);
  message.mutable_header()->set_size(data.size());
  message.mutable_header()->set_offset(3 * kMiB);
  ASSERT_TRUE(writer->Write(message));
  message.set_data(data.substr(3 * kMiB, kMiB));
  ASSERT_TRUE(writer->Write(message));
  EXPECT_OK(Upload(*minh, data, hex, data.size(), "LQD"));
  message.set_data(data.substr(4 * kMiB));
  ASSERT_TRUE(writer->Write(message));
  writer->WritesDone();
  EXPECT_OK(writer->Finish());
  EXPECT_EQ(lan_done.size(), data.size());
}

TEST_F(ContentPossessionTest, UnfinishedUploadsExpire) {
  Start({.expiry_seconds = 2 * 86400, .max_unfinished_bytes = 6 * kMiB});
  auto lan = Teacher("lan", "LQD");
  const Blob blob = MakeBlob(5 * kMiB, 7);
  const std::string& hex = blob.hex;
  UploadPart(*lan, blob.data, hex, blob.data.size(), 4);
  clock_.Advance(86400);
  EXPECT_EQ(Stat(*lan, hex, "").resume_offset(), 4 * kMiB) << "kept within the expiry";

  clock_.Advance(86400 + 1);
  EXPECT_EQ(Stat(*lan, hex, "").resume_offset(), 0u);
  EXPECT_EQ(Upload(*lan, blob, "", 4 * kMiB).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  // Its bytes no longer count: another 5 MiB upload fits the 6 MiB quota.
  EXPECT_OK(Upload(*lan, MakeBlob(5 * kMiB, 8), "LQD"));
  // And after a restart the expired session is gone for good.
  Start({.expiry_seconds = 2 * 86400, .max_unfinished_bytes = 6 * kMiB});
  EXPECT_EQ(Stat(*admin_, hex, "").resume_offset(), 0u);
}

TEST_F(ContentPossessionTest, UnfinishedBytesQuotaRefusesBeyond) {
  Start({.expiry_seconds = 3 * 86400, .max_unfinished_bytes = 6 * kMiB});
  auto lan = Teacher("lan", "LQD");
  auto minh = Teacher("minh", "LQD");
  const Blob first = MakeBlob(4 * kMiB, 9);
  UploadPart(*lan, first.data, first.hex, first.data.size(), 3);

  const Blob second = MakeBlob(4 * kMiB, 10);
  grpc::Status refused = Upload(*lan, second, "LQD");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(refused.error_message().find("tải lên dở dang"), std::string::npos)
      << refused.error_message();
  // The quota is lan's: minh uploads the same file.
  EXPECT_OK(Upload(*minh, second, "LQD"));
  // Finishing the first frees lan's quota.
  ASSERT_OK(Upload(*lan, first, "LQD", 3 * kMiB));
  EXPECT_OK(Upload(*lan, second, "LQD"));
}

// A chunk store that remembers which locations were dropped.
class RecordingChunkStore final : public storage::ChunkStore {
 public:
  explicit RecordingChunkStore(std::unique_ptr<storage::ChunkStore> real)
      : real_(std::move(real)) {}
  absl::Status Put(uint64_t l, uint32_t i, std::string_view d) override {
    return real_->Put(l, i, d);
  }
  absl::StatusOr<std::string> Get(uint64_t l, uint32_t i) override { return real_->Get(l, i); }
  absl::Status Sync() override { return real_->Sync(); }
  absl::Status Drop(uint64_t l) override {
    dropped.push_back(l);
    return real_->Drop(l);
  }
  std::string Describe() const override { return real_->Describe(); }
  std::vector<uint64_t> dropped;

 private:
  std::unique_ptr<storage::ChunkStore> real_;
};

TEST(UploadExpiryTest, ExpiredUploadsDropTheirChunksAndSessions) {
  hoso::testing::TempDir dir;
  hoso::testing::FakeClock clock;
  storage::DatabaseOptions db_options;
  db_options.clock = &clock;
  auto database = storage::Database::Open(dir.Sub("db"), db_options);
  ASSERT_OK(database);
  auto packs = storage::OpenPackChunkStore(database->get(), dir.Sub("packs"));
  ASSERT_OK(packs);
  RecordingChunkStore chunks(std::move(*packs));
  storage::ContentStore content(database->get(), &chunks, {.expiry_seconds = 3600});

  const std::string data = RandomBytes(3 * kMiB, 11);
  storage::UploadRequest request;
  request.declared = Sha256Of(data);
  request.declared_size = data.size();
  request.holder = {"lan", "LQD"};
  {
    auto upload = content.BeginUpload(request);
    ASSERT_OK(upload);
    ASSERT_OK((*upload)->Append(data.substr(0, 2 * kMiB)));
  }  // cut off: two chunks kept for a resume
  auto state = content.Stat(*request.declared, request.holder);
  ASSERT_OK(state);
  ASSERT_EQ(state->resume_offset, 2 * kMiB);
  auto kept = storage::ListUploadSessions(**database, "u/");
  ASSERT_OK(kept);
  ASSERT_EQ(kept->size(), 1u);
  const uint64_t location = kept->front().record.location();
  ASSERT_OK(chunks.Get(location, 1));

  clock.Advance(1800);
  auto none = content.DropExpiredUploads();
  ASSERT_OK(none);
  EXPECT_EQ(*none, 0u) << "dropped before its expiry";
  clock.Advance(1801);
  auto dropped = content.DropExpiredUploads();
  ASSERT_OK(dropped);
  EXPECT_EQ(*dropped, 1u);
  EXPECT_EQ(chunks.dropped, std::vector<uint64_t>{location});
  EXPECT_EQ(chunks.Get(location, 0).status().code(), absl::StatusCode::kNotFound);
  auto left = storage::ListUploadSessions(**database, "u/");
  ASSERT_OK(left);
  EXPECT_TRUE(left->empty());
}

}  // namespace
// What a person uploaded is theirs: once their name is removed, whoever is
// later given the same name in another school must not link those bytes.
TEST_F(ContentPossessionTest, AReusedNameDoesNotInheritWhatItsOldHolderUploaded) {
  auto lan = Teacher("lan", "LQD");
  const Blob blob = MakeBlob(kMiB + 3, 7);
  const std::string& hex = blob.hex;
  ASSERT_OK(Upload(*lan, blob, ""));
  EXPECT_TRUE(Stat(*lan, hex, "").present());

  auto users = v1::UserService::NewStub(admin_->channel());
  v1::RemoveUserRequest remove;
  remove.set_name("lan");
  remove.set_school("LQD");
  v1::User removed;
  ASSERT_OK(users->RemoveUser(admin_->Context().get(), remove, &removed));

  auto new_lan = Teacher("lan", "LV");
  EXPECT_FALSE(Stat(*new_lan, hex, "").present());
  EXPECT_FALSE(Stat(*new_lan, hex, "LV").present());
  v1::Evidence item;
  EXPECT_EQ(CreateItem(*new_lan, "LV", hex, &item).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  // Uploading the bytes is still the way in.
  ASSERT_OK(Upload(*new_lan, blob, "LV"));
  EXPECT_OK(CreateItem(*new_lan, "LV", hex, &item));
}

}  // namespace hoso
