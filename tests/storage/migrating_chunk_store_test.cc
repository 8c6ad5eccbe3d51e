// Which store holds a data dir's content (the index's record) and moving the
// content between pack files and an S3 bucket (hoso admin migrate-content).
// The MigrateContent cases run against the real radosgw (label ceph).
#include "storage/content/migrating_chunk_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "storage/content/content_backend.h"
#include "storage/store.h"
#include "tests/support/s3_test_env.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

constexpr size_t kChunk = 1 << 20;

std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 gen(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(gen());
  return out;
}

absl::StatusOr<UploadResult> Put(Store& store, const std::string& data) {
  UploadRequest request;
  request.declared = Sha256Of(data);
  request.declared_size = data.size();
  auto upload = store.content().BeginUpload(request);
  if (!upload.ok()) return upload.status();
  if (absl::Status s = (*upload)->Append(data); !s.ok()) return s;
  return (*upload)->Finish();
}

absl::StatusOr<std::string> Read(Store& store, const Sha256Digest& sha) {
  auto reader = store.content().Open(sha);
  if (!reader.ok()) return reader.status();
  std::string out;
  while (true) {
    auto piece = (*reader)->Next();
    if (!piece.ok()) return piece.status();
    if (piece->empty()) return out;
    out += *piece;
  }
}

std::string RecordOf(const Store& store) {
  auto record = ReadContentBackend(store.database());
  if (!record.ok() || !record->has_value()) return "(none)";
  return EncodeContentBackend(**record);
}

// ---- The record (no object store needed: the refusal comes first).

TEST(ContentBackendRecordTest, PacksDataDirRefusesABucket) {
  testing::TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(auto store, Store::Open(dir.path()));
    ASSERT_OK(Put(*store, RandomBytes(3 * kChunk, 1)));
    EXPECT_EQ(RecordOf(*store), "packs");
  }
  StoreOptions on_s3;
  on_s3.s3.emplace();
  on_s3.s3->target.endpoint = "http://127.0.0.1:1";  // never reached
  on_s3.s3->target.bucket = "truong-lqd";
  auto refused = Store::Open(dir.path(), on_s3);
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition) << refused.status();
  const std::string message(refused.status().message());
  EXPECT_NE(message.find("is in packs"), std::string::npos) << message;
  EXPECT_NE(message.find("--content s3://truong-lqd"), std::string::npos) << message;
  EXPECT_NE(message.find("hoso admin migrate-content"), std::string::npos) << message;
  // Refused, nothing changed: it opens on packs as before.
  ASSERT_OK_AND_ASSIGN(auto again, Store::Open(dir.path()));
  EXPECT_EQ(RecordOf(*again), "packs");
}

TEST(ContentBackendRecordTest, EmptyDataDirTakesTheNewChoice) {
  testing::TempDir dir;
  { ASSERT_OK_AND_ASSIGN(auto store, Store::Open(dir.path())); }
  // Nothing stored yet: a data dir opened once on packs may still start on
  // a bucket (here: the refusal would come before the store is reached, so
  // reaching it shows the choice was accepted).
  StoreOptions on_s3;
  on_s3.s3.emplace();
  on_s3.s3->target.endpoint = "http://127.0.0.1:1";
  on_s3.s3->target.bucket = "truong-lqd";
  on_s3.s3->request_timeout_seconds = 2;
  auto opened = Store::Open(dir.path(), on_s3);
  EXPECT_NE(opened.status().code(), absl::StatusCode::kFailedPrecondition) << opened.status();
}

// ---- Migration against radosgw.

class MigrateContentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(testing::LoadS3TestEnv(&env_));
    target_ = env_.FreshTarget();
  }
  StoreOptions OnS3() const {
    StoreOptions options;
    options.s3.emplace();
    options.s3->target = target_;
    options.s3->credentials = env_.credentials;
    return options;
  }
  StoreOptions OnPacks() const {
    StoreOptions options;
    options.s3_credentials = env_.credentials;
    return options;
  }
  // Stores `n` contents of a few chunks each; remembers them.
  void Fill(Store& store, int n, uint32_t seed) {
    for (int i = 0; i < n; ++i) {
      std::string data = RandomBytes(kChunk * (1 + i % 3) + 1000 * i, seed + i);
      ASSERT_OK_AND_ASSIGN(auto result, Put(store, data));
      std::lock_guard<std::mutex> lock(mu_);
      stored_[result.sha256] = std::move(data);
    }
  }
  void ExpectAllReadable(Store& store) {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [sha, data] : stored_) {
      auto read = Read(store, sha);
      ASSERT_OK(read);
      EXPECT_TRUE(*read == data) << ToHex(sha);
    }
  }
  uint64_t PointersOfKind(const Store& store, bool s3) {
    uint64_t n = 0;
    EXPECT_OK(store.database().ScanChunks([&](std::string_view, std::string_view pointer) {
      n += IsS3ChunkPointer(pointer) == s3;
      return true;
    }));
    return n;
  }

  testing::S3TestEnv env_;
  S3Target target_;
  testing::TempDir dir_;
  std::mutex mu_;
  std::map<Sha256Digest, std::string> stored_;
};

TEST_F(MigrateContentTest, PacksToS3WhileUploadsAndDownloadsRun) {
  ASSERT_OK_AND_ASSIGN(auto store, Store::Open(dir_.path(), OnPacks()));
  Fill(*store, 12, 100);
  std::atomic<bool> stop{false};
  std::atomic<int> reads{0}, read_failures{0};
  std::string first_failure;
  std::thread uploader([&] {
    for (int i = 0; !stop && i < 40; ++i) Fill(*store, 1, 1000 + i);
  });
  std::thread downloader([&] {
    while (!stop) {
      std::vector<std::pair<Sha256Digest, std::string>> some;
      {
        std::lock_guard<std::mutex> lock(mu_);
        for (const auto& entry : stored_) some.push_back(entry);
      }
      for (const auto& [sha, data] : some) {
        auto read = Read(*store, sha);
        ++reads;
        if (!read.ok() || *read != data) {
          if (read_failures++ == 0)
            first_failure = read.ok() ? "other bytes" : read.status().ToString();
        }
      }
    }
  });
  std::vector<ContentMigrationProgress> seen;
  MigrateContentOptions options;
  options.s3 = target_;
  options.copy.batch_chunks = 4;
  options.progress = [&](const ContentMigrationProgress& p) { seen.push_back(p); };
  auto done = store->MigrateContent(Actor::System(), options);
  stop = true;
  uploader.join();
  downloader.join();
  ASSERT_OK(done);
  EXPECT_EQ(done->phase, "done");
  EXPECT_GT(done->copy.chunks_copied, 12u);
  EXPECT_GT(done->contents_verified, 11u);
  EXPECT_NE(done->left_behind.find("/packs"), std::string::npos) << done->left_behind;
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(read_failures.load(), 0) << first_failure;
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.front().phase, "copying");
  EXPECT_EQ(RecordOf(*store), S3BackendName(target_));
  EXPECT_EQ(PointersOfKind(*store, false), 0u);
  // Uploads after the switch go to the bucket.
  Fill(*store, 2, 5000);
  ExpectAllReadable(*store);
  store.reset();

  // Reopened on the bucket: all there. On packs: refused.
  ASSERT_OK_AND_ASSIGN(store, Store::Open(dir_.path(), OnS3()));
  ExpectAllReadable(*store);
  store.reset();
  auto refused = Store::Open(dir_.path(), OnPacks());
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(refused.status().message()).find("is in " + S3BackendName(target_)),
            std::string::npos)
      << refused.status();
}

TEST_F(MigrateContentTest, InterruptedMigrationResumesAfterRestart) {
  {
    ASSERT_OK_AND_ASSIGN(auto store, Store::Open(dir_.path(), OnPacks()));
    Fill(*store, 8, 200);
    MigrateContentOptions options;
    options.s3 = target_;
    options.copy.batch_chunks = 3;
    int batches = 0;
    options.copy.stop_at = [&](std::string_view) {
      return ++batches == 2 ? absl::AbortedError("killed") : absl::OkStatus();
    };
    EXPECT_EQ(store->MigrateContent(Actor::System(), options).status().code(),
              absl::StatusCode::kAborted);
    EXPECT_EQ(RecordOf(*store), "packs\nmigrating-to " + S3BackendName(target_));
  }
  // Mid-way the data dir opens only with the bucket configured ...
  auto refused = Store::Open(dir_.path(), OnPacks());
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(refused.status().message()).find("is moving from packs"), std::string::npos)
      << refused.status();
  // ... and then serves everything from both stores, and resumes.
  ASSERT_OK_AND_ASSIGN(auto store, Store::Open(dir_.path(), OnS3()));
  EXPECT_TRUE(store->content_migrating());
  const uint64_t left = PointersOfKind(*store, false);
  EXPECT_GT(left, 0u);
  EXPECT_GT(PointersOfKind(*store, true), 0u);
  ExpectAllReadable(*store);
  Fill(*store, 1, 300);  // goes to the bucket
  MigrateContentOptions again;
  again.s3 = target_;
  auto done = store->MigrateContent(Actor::System(), again);
  ASSERT_OK(done);
  EXPECT_EQ(done->copy.chunks_copied, left);  // only what was left
  EXPECT_EQ(PointersOfKind(*store, false), 0u);
  EXPECT_FALSE(store->content_migrating());
  ExpectAllReadable(*store);
}

TEST_F(MigrateContentTest, S3BackToPacks) {
  ASSERT_OK_AND_ASSIGN(auto store, Store::Open(dir_.path(), OnS3()));
  Fill(*store, 6, 400);
  EXPECT_EQ(RecordOf(*store), S3BackendName(target_));
  MigrateContentOptions options;  // to packs
  auto done = store->MigrateContent(Actor::System(), options);
  ASSERT_OK(done);
  EXPECT_EQ(done->target, "packs");
  EXPECT_NE(done->left_behind.find(S3BackendName(target_)), std::string::npos);
  EXPECT_EQ(PointersOfKind(*store, true), 0u);
  ExpectAllReadable(*store);
  store.reset();
  ASSERT_OK_AND_ASSIGN(store, Store::Open(dir_.path(), OnPacks()));
  EXPECT_EQ(RecordOf(*store), "packs");
  ExpectAllReadable(*store);
  // The audit log says who moved it where.
  bool audited = false;
  EXPECT_OK(store->database().Scan("a/", [&](std::string_view, std::string_view value) {
    audited |= std::string(value).find("content.migrate") != std::string::npos;
    return true;
  }));
  EXPECT_TRUE(audited);
}

TEST_F(MigrateContentTest, RefusesAMigrationToWhereTheContentIs) {
  ASSERT_OK_AND_ASSIGN(auto store, Store::Open(dir_.path(), OnPacks()));
  Fill(*store, 1, 500);
  MigrateContentOptions to_packs;
  EXPECT_EQ(store->MigrateContent(Actor::System(), to_packs).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace hoso::storage
