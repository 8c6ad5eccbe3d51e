// The S3 chunk store under the content store, against the test cluster's
// radosgw (label ceph): uploads, resume, dedup, verification, the cache
// while the store is down, the sweep.
#include "storage/content/s3_chunk_store.h"

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "gtest/gtest.h"
#include "storage/base/error_reason.h"
#include "storage/content/content_store.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/objects/s3_client.h"
#include "tests/storage/s3_cluster.h"
#include "tests/support/s3_test_env.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

// The cluster with this test's own bucket.
struct S3Cluster {
  S3Target target;
  S3Credentials credentials;
};

void LoadCluster(S3Cluster* cluster) {
  ::hoso::testing::S3TestEnv env;
  ASSERT_NO_FATAL_FAILURE(::hoso::testing::LoadS3TestEnv(&env));
  cluster->target = env.FreshTarget();
  cluster->credentials = env.credentials;
}

std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 gen(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(gen());
  return out;
}

size_t FilesUnder(const std::string& dir) {
  size_t n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file()) ++n;
  }
  return n;
}

class S3ChunkStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(LoadCluster(&cluster_));
    auto db = Database::Open(dir_.Sub("db"), {});
    ASSERT_TRUE(db.ok()) << db.status();
    database_ = std::move(*db);
    raw_ = std::make_unique<S3Client>(cluster_.target, cluster_.credentials);
    OpenStore(Options());
  }
  void TearDown() override {
    content_.reset();
    chunks_.reset();
  }

  S3ChunkStoreOptions Options() {
    S3ChunkStoreOptions options;
    options.target = cluster_.target;
    options.credentials = cluster_.credentials;
    options.parallel_requests = 4;
    options.read_ahead_chunks = 4;
    options.cache_dir = dir_.Sub("cache");
    options.cache_bytes = 64 << 20;
    options.request_timeout_seconds = 5;
    return options;
  }
  void OpenStore(const S3ChunkStoreOptions& options) {
    content_.reset();
    chunks_.reset();
    auto chunks = OpenS3ChunkStore(database_.get(), options);
    ASSERT_TRUE(chunks.ok()) << chunks.status();
    chunks_ = std::move(*chunks);
    content_ = std::make_unique<ContentStore>(database_.get(), chunks_.get());
  }

  absl::StatusOr<UploadResult> Upload(const std::string& data) {
    UploadRequest request;
    request.declared = Sha256Of(data);
    request.declared_size = data.size();
    auto upload = content_->BeginUpload(request);
    if (!upload.ok()) return upload.status();
    if (absl::Status s = (*upload)->Append(data); !s.ok()) return s;
    return (*upload)->Finish();
  }
  absl::StatusOr<std::string> Read(const Sha256Digest& sha) {
    auto reader = content_->Open(sha);
    if (!reader.ok()) return reader.status();
    std::string out;
    for (;;) {
      auto piece = (*reader)->Next();
      if (!piece.ok()) return piece.status();
      if (piece->empty()) return out;
      out += *piece;
    }
  }
  // The chunk objects in the bucket.
  std::vector<std::string> Objects() {
    std::vector<std::string> names;
    std::string token;
    do {
      auto page = raw_->ListObjectsV2("chunks/", token);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      for (const auto& object : page->objects) names.push_back(object.key);
      token = page->next_continuation_token;
    } while (!token.empty());
    return names;
  }
  // The object names of a location's chunks, from their pointers.
  std::vector<std::string> ObjectsOf(uint64_t location) {
    std::vector<std::string> names;
    for (uint32_t i = 0;; ++i) {
      auto pointer = database_->GetChunk(keys::Chunk(location, i));
      if (!pointer.ok() || !pointer->has_value()) return names;
      EXPECT_TRUE(IsS3ChunkPointer(**pointer));
      names.push_back(*S3ChunkObjectName(cluster_.target, **pointer));
    }
  }
  S3Cluster cluster_;
  hoso::testing::TempDir dir_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<S3Client> raw_;
  std::unique_ptr<ChunkStore> chunks_;
  std::unique_ptr<ContentStore> content_;
};

TEST_F(S3ChunkStoreTest, OpensTheBucketItCreatedAndSaysWhereWithoutSecrets) {
  EXPECT_TRUE(raw_->HeadBucket().ok());
  EXPECT_TRUE(chunks_->Reachable().ok());
  const std::string where = chunks_->Describe();
  EXPECT_NE(where.find("s3://" + cluster_.target.bucket), std::string::npos) << where;
  EXPECT_NE(where.find(cluster_.target.endpoint), std::string::npos) << where;
  EXPECT_EQ(where.find(cluster_.credentials.secret_key), std::string::npos) << where;
  EXPECT_EQ(where.find(cluster_.credentials.access_key), std::string::npos) << where;
}

TEST_F(S3ChunkStoreTest, TheBucketItCreatesKeepsDeletedChunksForTheRetentionWindow) {
  ASSERT_OK_AND_ASSIGN(int days, raw_->NoncurrentVersionExpirationDays("chunks/"));
  EXPECT_EQ(days, 90);
  // A chunk object deleted (as the sweep deletes) keeps its bytes as an old
  // version, and comes back whole.
  ASSERT_OK_AND_ASSIGN(UploadResult uploaded, Upload(RandomBytes(300 << 10, 31)));
  const std::vector<std::string> names = Objects();
  ASSERT_EQ(names.size(), 1u);
  ASSERT_OK(raw_->DeleteObject(names[0]));
  EXPECT_TRUE(absl::IsNotFound(raw_->HeadObject(names[0]).status()));
  ASSERT_OK_AND_ASSIGN(bool back, raw_->RestoreDeletedObject(names[0]));
  EXPECT_TRUE(back);
  chunks_.reset();  // no cached copy answers for it
  content_.reset();
  auto options = Options();
  options.cache_bytes = 0;
  OpenStore(options);
  ASSERT_OK_AND_ASSIGN(std::string read, Read(uploaded.sha256));
  EXPECT_EQ(read, RandomBytes(300 << 10, 31));
}

TEST_F(S3ChunkStoreTest, ABucketCreatedWithoutARetentionWindowHasNoLifecycleRule) {
  auto options = Options();
  options.target.bucket += "-keep";
  options.keep_deleted_days = 0;
  OpenStore(options);
  S3Client other(options.target, options.credentials);
  ASSERT_OK(other.HeadBucket());
  ASSERT_OK_AND_ASSIGN(int days, other.NoncurrentVersionExpirationDays("chunks/"));
  EXPECT_EQ(days, 0);
}

TEST_F(S3ChunkStoreTest, UploadsEachChunkAsAnObjectNamedByItsHashAndReadsItBack) {
  const std::string data = RandomBytes(3 * kChunkBytes + 4321, 1);
  auto result = Upload(data);
  ASSERT_TRUE(result.ok()) << result.status();
  auto back = Read(result->sha256);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(*back == data);
  const std::vector<std::string> objects = Objects();
  ASSERT_EQ(objects.size(), 4u);
  auto locations = chunks_->Locations();
  ASSERT_TRUE(locations.ok());
  ASSERT_EQ(locations->size(), 1u);
  std::vector<std::string> named = ObjectsOf(locations->front());
  ASSERT_EQ(named.size(), 4u);
  const std::string hex = ToHex(Sha256Of(std::string_view(data).substr(0, kChunkBytes)));
  EXPECT_EQ(named[0], "chunks/" + hex.substr(0, 2) + "/" + hex);
  std::sort(named.begin(), named.end());
  EXPECT_EQ(named, objects);
  // The object's bytes are the chunk's.
  auto object = raw_->GetObject(named[0]);
  ASSERT_TRUE(object.ok());
  EXPECT_EQ(Sha256Of(*object), *DigestFromHex(named[0].substr(named[0].rfind('/') + 1)));
}

TEST_F(S3ChunkStoreTest, EqualChunksAreOneObjectAndEqualContentIsDeduplicated) {
  const std::string shared = RandomBytes(kChunkBytes, 2);
  const std::string a = shared + RandomBytes(1000, 3);
  const std::string b = shared + RandomBytes(2000, 4);
  ASSERT_TRUE(Upload(a).ok());
  ASSERT_TRUE(Upload(b).ok());  // its first PUT meets the object already there (412)
  EXPECT_EQ(Objects().size(), 3u);
  auto again = Upload(a);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->deduplicated);
  EXPECT_EQ(Objects().size(), 3u);
  auto back = Read(Sha256Of(b));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(*back == b);
}

TEST_F(S3ChunkStoreTest, InterruptedUploadResumesWithAnotherStore) {
  const std::string data = RandomBytes(4 * kChunkBytes + 99, 5);
  UploadRequest request;
  request.declared = Sha256Of(data);
  request.declared_size = data.size();
  S3ChunkStoreOptions one_at_a_time = Options();
  one_at_a_time.parallel_requests = 1;  // the last chunks are still on their way
  OpenStore(one_at_a_time);
  {
    auto upload = content_->BeginUpload(request);
    ASSERT_TRUE(upload.ok());
    ASSERT_TRUE((*upload)->Append(data.substr(0, 2 * kChunkBytes + 100)).ok());
  }
  OpenStore(Options());  // the server restarts: the old store confirms what it had
  auto state = content_->Stat(*request.declared);
  ASSERT_TRUE(state.ok());
  ASSERT_EQ(state->resume_offset, 2 * kChunkBytes);
  request.offset = state->resume_offset;
  auto upload = content_->BeginUpload(request);
  ASSERT_TRUE(upload.ok()) << upload.status();
  ASSERT_TRUE((*upload)->Append(data.substr(request.offset)).ok());
  auto result = (*upload)->Finish();
  ASSERT_TRUE(result.ok()) << result.status();
  auto back = Read(*request.declared);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(*back == data);
  EXPECT_EQ(Objects().size(), 5u);
}

TEST_F(S3ChunkStoreTest, ObjectWithOtherBytesUnderAChunksNameIsDataLoss) {
  S3ChunkStoreOptions options = Options();
  options.cache_bytes = 0;  // every read from the store
  OpenStore(options);
  const std::string data = RandomBytes(2 * kChunkBytes, 6);
  auto result = Upload(data);
  ASSERT_TRUE(result.ok()) << result.status();
  auto locations = chunks_->Locations();
  ASSERT_TRUE(locations.ok());
  const std::string victim = ObjectsOf(locations->front())[1];
  // Someone with the keys replaces the object (a consistent PUT: the store
  // itself has no reason to refuse it).
  const std::string other = RandomBytes(kChunkBytes, 7);
  ASSERT_TRUE(raw_->PutObject(victim, other, Sha256Of(other), Md5Of(other), false).ok());
  OpenStore(options);
  auto chunk = chunks_->Get(locations->front(), 1);
  EXPECT_TRUE(absl::IsDataLoss(chunk.status())) << chunk.status();
  EXPECT_NE(chunk.status().message().find(victim), std::string::npos) << chunk.status();
  auto back = Read(result->sha256);
  EXPECT_TRUE(absl::IsDataLoss(back.status())) << back.status();
}

TEST_F(S3ChunkStoreTest, CachedContentReadsWhileTheStoreIsDown) {
  const std::string cached = RandomBytes(2 * kChunkBytes + 5, 8);
  auto result = Upload(cached);
  ASSERT_TRUE(result.ok()) << result.status();
  S3ChunkStoreOptions dead = Options();
  dead.target.endpoint = "http://127.0.0.1:" + std::to_string(::hoso::testing::ClosedPort());
  dead.request_timeout_seconds = 2;
  OpenStore(dead);  // opens although the store does not answer
  absl::Status reachable = chunks_->Reachable();
  EXPECT_TRUE(absl::IsUnavailable(reachable)) << reachable;
  auto back = Read(result->sha256);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(*back == cached);
  // A chunk the cache lost is read from the store, which is down.
  std::filesystem::remove_all(dir_.Sub("cache"));
  OpenStore(dead);
  auto gone = Read(result->sha256);
  EXPECT_FALSE(gone.ok());
}

TEST_F(S3ChunkStoreTest, UploadToAStoreThatIsDownIsUnavailableAndNotAcknowledged) {
  S3ChunkStoreOptions dead = Options();
  dead.target.endpoint = "http://127.0.0.1:" + std::to_string(::hoso::testing::ClosedPort());
  dead.request_timeout_seconds = 2;
  OpenStore(dead);
  const std::string data = RandomBytes(kChunkBytes + 10, 9);
  auto result = Upload(data);
  EXPECT_TRUE(absl::IsUnavailable(result.status())) << result.status();
  EXPECT_EQ(ReasonOf(result.status()), reason::kObjectStoreUnavailable);
  auto record = database_->Get(keys::Content(DigestBytes(Sha256Of(data))));
  ASSERT_TRUE(record.ok());
  EXPECT_FALSE(record->has_value());
  // Nor can the resume offset be vouched for while the chunk is not stored.
  EXPECT_TRUE(absl::IsUnavailable(content_->Stat(Sha256Of(data)).status()));
  // Against the live store the same upload goes through.
  OpenStore(Options());
  auto again = Upload(data);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(Read(again->sha256).ok());
}

TEST_F(S3ChunkStoreTest, ReadsAheadTheNextChunksOfALocation) {
  const std::string data = RandomBytes(5 * kChunkBytes, 10);
  auto result = Upload(data);
  ASSERT_TRUE(result.ok());
  std::filesystem::remove_all(dir_.Sub("cache"));
  OpenStore(Options());  // an empty cache: it fills only with what is fetched
  auto locations = chunks_->Locations();
  ASSERT_TRUE(locations.ok());
  ASSERT_TRUE(chunks_->Get(locations->front(), 0).ok());
  // Chunks 1..4 come without being asked for.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (FilesUnder(dir_.Sub("cache")) < 5 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(FilesUnder(dir_.Sub("cache")), 5u);
}

TEST_F(S3ChunkStoreTest, PrefetchOfTheNextContentsFetchesTheirFirstChunks) {
  std::vector<Sha256Digest> small;
  for (uint32_t i = 0; i < 4; ++i) {
    auto result = Upload(RandomBytes(1000 + i, 20 + i));
    ASSERT_TRUE(result.ok());
    small.push_back(result->sha256);
  }
  std::filesystem::remove_all(dir_.Sub("cache"));
  OpenStore(Options());
  for (const Sha256Digest& sha : small) content_->Prefetch(sha, 2);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (FilesUnder(dir_.Sub("cache")) < 4 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(FilesUnder(dir_.Sub("cache")), 4u);
  for (const Sha256Digest& sha : small) EXPECT_TRUE(Read(sha).ok());
}

TEST_F(S3ChunkStoreTest, DropForgetsPointersAndTheSweepDeletesUnnamedObjects) {
  S3ChunkStoreOptions options = Options();
  options.sweep_grace_seconds = 0;
  OpenStore(options);
  ASSERT_TRUE(chunks_->Put(11, 0, "kept bytes").ok());
  ASSERT_TRUE(chunks_->Put(12, 0, "dropped bytes").ok());
  ASSERT_TRUE(chunks_->Put(12, 1, "kept bytes").ok());  // the same object as 11/0
  ASSERT_TRUE(chunks_->Sync().ok());
  ASSERT_EQ(Objects().size(), 2u);
  auto locations = chunks_->Locations();
  ASSERT_TRUE(locations.ok());
  EXPECT_EQ(*locations, (std::vector<uint64_t>{11, 12}));
  ASSERT_TRUE(chunks_->Drop(12).ok());
  EXPECT_TRUE(absl::IsNotFound(chunks_->Get(12, 0).status()));
  EXPECT_EQ(Objects().size(), 2u);  // Drop keeps objects: others may share them
  auto swept = chunks_->Repack({});
  ASSERT_TRUE(swept.ok()) << swept.status();
  EXPECT_EQ(swept->packs_repacked, 1u);
  EXPECT_EQ(Objects(), ObjectsOf(11));
  EXPECT_EQ(*chunks_->Get(11, 0), "kept bytes");
  // Within the grace period nothing goes.
  ASSERT_TRUE(chunks_->Drop(11).ok());
  options.sweep_grace_seconds = 3600;
  OpenStore(options);
  swept = chunks_->Repack({});
  ASSERT_TRUE(swept.ok());
  EXPECT_EQ(swept->packs_repacked, 0u);
  EXPECT_EQ(Objects().size(), 1u);
}

}  // namespace
}  // namespace hoso::storage
