#include "storage/content/content_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "storage/content/chunk_store.h"
#include "storage/content/content_prefetch.h"
#include "storage/content/pack_chunk_store.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_content.h"

namespace hoso::storage {
namespace {

std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 gen(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(gen());
  return out;
}

class ContentStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    store_.reset();
    if (!s3_options_chosen_) {  // one bucket for the test, across reopens
      ASSERT_NO_FATAL_FAILURE(hoso::testing::TestS3Options(&options_.s3, dir_.Sub("cache")));
      s3_options_chosen_ = true;
    }
    auto store = Store::Open(dir_.path(), options_);
    ASSERT_OK(store);
    store_ = std::move(*store);
  }
  ContentStore& content() { return store_->content(); }

  // Uploads `data` in one go; declares its hash unless told otherwise.
  absl::StatusOr<UploadResult> Put(const std::string& data, bool declare = true) {
    UploadRequest request;
    if (declare) request.declared = Sha256Of(data);
    request.declared_size = data.size();
    auto upload = content().BeginUpload(request);
    if (!upload.ok()) return upload.status();
    if (absl::Status s = (*upload)->Append(data); !s.ok()) return s;
    return (*upload)->Finish();
  }

  absl::StatusOr<std::string> Read(const Sha256Digest& sha) {
    auto reader = content().Open(sha);
    if (!reader.ok()) return reader.status();
    std::string out;
    while (true) {
      auto piece = (*reader)->Next();
      if (!piece.ok()) return piece.status();
      if (piece->empty()) return out;
      out += *piece;
    }
  }

  uint64_t DbBytes() {
    uint64_t total = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir_.path())) {
      if (e.is_regular_file()) total += e.file_size();
    }
    return total;
  }

  hoso::testing::TempDir dir_;
  StoreOptions options_;
  bool s3_options_chosen_ = false;
  std::unique_ptr<Store> store_;
};

TEST_F(ContentStoreTest, RoundTripsMultiChunkContent) {
  const std::string data = RandomBytes(3 * kChunkBytes + 12345, 1);
  auto result = Put(data);
  ASSERT_OK(result);
  EXPECT_EQ(result->sha256, Sha256Of(data));
  EXPECT_EQ(result->size, data.size());
  EXPECT_FALSE(result->deduplicated);
  auto back = Read(Sha256Of(data));
  ASSERT_OK(back);
  EXPECT_EQ(*back, data);
}

TEST_F(ContentStoreTest, EmptyContentRoundTrips) {
  ASSERT_OK(Put(""));
  auto back = Read(Sha256Of(""));
  ASSERT_OK(back);
  EXPECT_EQ(*back, "");
}

TEST_F(ContentStoreTest, SameContentIsStoredOnce) {
  const std::string data = RandomBytes(4 * kChunkBytes, 2);
  ASSERT_OK(Put(data));
  ASSERT_OK(store_->Flush());
  const uint64_t after_first = DbBytes();
  auto second = Put(data);
  ASSERT_OK(second);
  EXPECT_TRUE(second->deduplicated);
  ASSERT_OK(store_->Flush());
  EXPECT_LT(DbBytes(), after_first + kChunkBytes) << "duplicate bytes were kept";
  // An undeclared upload of the same bytes is found to be a duplicate when
  // it ends (its bytes become dead space until the pack is repacked).
  auto third = Put(data, /*declare=*/false);
  ASSERT_OK(third);
  EXPECT_TRUE(third->deduplicated);
  auto state = content().Stat(Sha256Of(data));
  ASSERT_OK(state);
  EXPECT_TRUE(state->present);
  EXPECT_EQ(state->size, data.size());
}

TEST_F(ContentStoreTest, WrongDeclaredHashKeepsNothing) {
  const std::string data = RandomBytes(2 * kChunkBytes + 7, 3);
  const Sha256Digest claimed = Sha256Of("something else");
  UploadRequest request;
  request.declared = claimed;
  request.declared_size = data.size();
  auto upload = content().BeginUpload(request);
  ASSERT_OK(upload);
  ASSERT_OK((*upload)->Append(data));
  auto result = (*upload)->Finish();
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(result.status().message().find("not the declared"), std::string::npos);
  upload->reset();
  for (const Sha256Digest& sha : {claimed, Sha256Of(data)}) {
    auto state = content().Stat(sha);
    ASSERT_OK(state);
    EXPECT_FALSE(state->present);
    EXPECT_EQ(state->resume_offset, 0u);
  }
}

TEST_F(ContentStoreTest, MoreBytesThanDeclaredAreRejected) {
  UploadRequest request;
  request.declared = Sha256Of("abc");
  request.declared_size = 3;
  auto upload = content().BeginUpload(request);
  ASSERT_OK(upload);
  EXPECT_EQ((*upload)->Append("abcd").code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(ContentStoreTest, InterruptedUploadResumesAfterRestart) {
  const std::string data = RandomBytes(5 * kChunkBytes + 99, 4);
  UploadRequest request;
  request.declared = Sha256Of(data);
  request.declared_size = data.size();
  {
    auto upload = content().BeginUpload(request);
    ASSERT_OK(upload);
    // 2.5 chunks arrive, then the client vanishes.
    ASSERT_OK((*upload)->Append(data.substr(0, 2 * kChunkBytes + kChunkBytes / 2)));
  }
  auto state = content().Stat(*request.declared);
  ASSERT_OK(state);
  EXPECT_EQ(state->resume_offset, 2 * kChunkBytes);
  Reopen();  // the server restarts in between
  state = content().Stat(*request.declared);
  ASSERT_OK(state);
  ASSERT_EQ(state->resume_offset, 2 * kChunkBytes);

  request.offset = 3 * kChunkBytes;  // not where it stopped
  EXPECT_EQ(content().BeginUpload(request).status().code(), absl::StatusCode::kFailedPrecondition);
  request.offset = state->resume_offset;
  auto upload = content().BeginUpload(request);
  ASSERT_OK(upload);
  ASSERT_OK((*upload)->Append(data.substr(request.offset)));
  auto result = (*upload)->Finish();
  ASSERT_OK(result);
  auto back = Read(*request.declared);
  ASSERT_OK(back);
  EXPECT_EQ(*back, data);
}

// An upload named by an id instead of a hash ends by declaring its hash, or
// by saying it has none (a browser's): then the hash of what arrived names
// it. Ending without either keeps the durable part for a proper end.
TEST_F(ContentStoreTest, AnUploadIdEndsWithItsHashOrWithNone) {
  const std::string data = RandomBytes(3 * kChunkBytes + 7, 15);
  UploadRequest request;
  request.upload_id = "trang-khong-bam-0123456789";
  request.declared_size = data.size();
  request.holder.user = "gv.lan";
  {
    auto upload = content().BeginUpload(request);
    ASSERT_OK(upload);
    ASSERT_OK((*upload)->Append(data));
    EXPECT_EQ((*upload)->Finish().status().code(), absl::StatusCode::kInvalidArgument)
        << "an end that says nothing";
  }
  auto offset = content().ResumeOffset(request.holder, request.upload_id);
  ASSERT_OK(offset);
  EXPECT_EQ(*offset, data.size());
  EXPECT_FALSE(Read(Sha256Of(data)).ok());

  request.offset = *offset;
  auto upload = content().BeginUpload(request);
  ASSERT_OK(upload);
  ASSERT_OK((*upload)->EndUnhashed());
  auto result = (*upload)->Finish();
  ASSERT_OK(result);
  EXPECT_EQ(result->sha256, Sha256Of(data));
  EXPECT_EQ(result->size, data.size());
  auto back = Read(Sha256Of(data));
  ASSERT_OK(back);
  EXPECT_EQ(*back, data);

  UploadRequest declared;
  declared.declared = Sha256Of("x");
  declared.declared_size = 1;
  auto checked = content().BeginUpload(declared);
  ASSERT_OK(checked);
  EXPECT_EQ((*checked)->EndUnhashed().code(), absl::StatusCode::kInvalidArgument)
      << "an upload that declared its hash is checked against it";
}

// An object store confirms chunks after the session record counted them: a
// crash can leave a session counting a chunk whose pointer never arrived.
// The upload then resumes after the chunks that are there, not from zero.
TEST_F(ContentStoreTest, ResumeStartsAfterTheChunksPresentWhenTheLastWereLost) {
  const std::string data = RandomBytes(4 * kChunkBytes + 7, 6);
  UploadRequest request;
  request.declared = Sha256Of(data);
  request.declared_size = data.size();
  {
    auto upload = content().BeginUpload(request);
    ASSERT_OK(upload);
    ASSERT_OK((*upload)->Append(data.substr(0, 3 * kChunkBytes)));
  }
  auto state = content().Stat(*request.declared);
  ASSERT_OK(state);
  ASSERT_EQ(state->resume_offset, 3 * kChunkBytes);
  store_.reset();
  {
    // The crash's outcome: chunk 1's pointer is missing, chunks 0 and 2 are there.
    auto database = Database::Open(dir_.Sub("db"), {});
    ASSERT_OK(database);
    std::vector<std::string> second;
    ASSERT_OK((*database)->ScanChunks([&](std::string_view key, std::string_view) {
      if (keys::ReadBigEndian(key.substr(8, 4)) == 1) second.emplace_back(key);
      return true;
    }));
    ASSERT_EQ(second.size(), 1u);
    ASSERT_OK((*database)->DeleteChunks(second[0], second[0] + '\0'));
    ASSERT_OK((*database)->Flush());
  }
  Reopen();
  state = content().Stat(*request.declared);
  ASSERT_OK(state);
  ASSERT_EQ(state->resume_offset, kChunkBytes);
  request.offset = 3 * kChunkBytes;  // what the session record counted
  EXPECT_EQ(content().BeginUpload(request).status().code(), absl::StatusCode::kFailedPrecondition);
  request.offset = kChunkBytes;
  auto upload = content().BeginUpload(request);
  ASSERT_OK(upload);
  ASSERT_OK((*upload)->Append(data.substr(request.offset)));
  ASSERT_OK((*upload)->Finish());
  auto back = Read(*request.declared);
  ASSERT_OK(back);
  EXPECT_EQ(*back, data);
}

TEST_F(ContentStoreTest, ConcurrentUploadOfSameContentIsRefused) {
  UploadRequest request;
  request.declared = Sha256Of("x");
  request.declared_size = 1;
  auto first = content().BeginUpload(request);
  ASSERT_OK(first);
  EXPECT_EQ(content().BeginUpload(request).status().code(), absl::StatusCode::kAborted);
  first->reset();
  EXPECT_OK(content().BeginUpload(request));
}

TEST_F(ContentStoreTest, FlippedByteOnDiskIsDetectedOnRead) {
  const std::string data = RandomBytes(2 * kChunkBytes, 5);
  ASSERT_OK(Put(data));
  ASSERT_OK(store_->Flush());
  store_.reset();
  // Find the bytes in a pack file and flip one behind the store's back.
  const std::string needle = data.substr(kChunkBytes + 1000, 64);
  bool flipped = false;
  for (const auto& e : std::filesystem::directory_iterator(dir_.Sub("packs"))) {
    if (e.path().extension() != ".pack") continue;
    std::fstream f(e.path(), std::ios::in | std::ios::out | std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const size_t at = bytes.find(needle);
    if (at == std::string::npos) continue;
    f.seekp(static_cast<std::streamoff>(at + 10));
    f.put(static_cast<char>(bytes[at + 10] ^ 0x01));
    flipped = true;
  }
  ASSERT_TRUE(flipped) << "content not found in any pack file";
  Reopen();
  auto back = Read(Sha256Of(data));
  EXPECT_EQ(back.status().code(), absl::StatusCode::kDataLoss) << back.status();
}

// A chunk store that serves altered bytes with a valid backend checksum:
// only the SHA-256 check can notice.
class LyingChunkStore final : public ChunkStore {
 public:
  explicit LyingChunkStore(std::unique_ptr<ChunkStore> real) : real_(std::move(real)) {}
  absl::Status Put(uint64_t l, uint32_t i, std::string_view d) override {
    return real_->Put(l, i, d);
  }
  absl::StatusOr<std::string> Get(uint64_t l, uint32_t i) override {
    auto data = real_->Get(l, i);
    if (data.ok() && i == 0 && !data->empty()) (*data)[0] ^= 0x40;
    return data;
  }
  absl::Status Sync() override { return real_->Sync(); }
  absl::Status Drop(uint64_t l) override { return real_->Drop(l); }
  std::string Describe() const override { return "lying " + real_->Describe(); }

 private:
  std::unique_ptr<ChunkStore> real_;
};

// A content store over a LyingChunkStore, in a temp dir.
struct LyingStore {
  LyingStore() {
    database = std::move(*Database::Open(dir.Sub("db"), {}));
    chunks = std::make_unique<LyingChunkStore>(
        std::move(*OpenPackChunkStore(database.get(), dir.Sub("packs"))));
    store = std::make_unique<ContentStore>(database.get(), chunks.get());
  }
  void Store(const std::string& data) {
    UploadRequest request;
    request.declared = Sha256Of(data);
    request.declared_size = data.size();
    auto upload = store->BeginUpload(request);
    ASSERT_OK(upload);
    ASSERT_OK((*upload)->Append(data));
    ASSERT_OK((*upload)->Finish());
  }
  hoso::testing::TempDir dir;
  std::unique_ptr<Database> database;
  std::unique_ptr<LyingChunkStore> chunks;
  std::unique_ptr<ContentStore> store;
};

TEST(ContentReaderTest, WrongBytesNeverCompleteARead) {
  LyingStore lying;
  const std::string data = RandomBytes(kChunkBytes / 2, 6);  // one chunk: the last
  lying.Store(data);
  auto reader = lying.store->Open(Sha256Of(data));
  ASSERT_OK(reader);
  auto piece = (*reader)->Next();
  EXPECT_EQ(piece.status().code(), absl::StatusCode::kDataLoss);
}

// The prefetcher gives each content's pieces in order, "" between contents,
// and stops at the first content that fails its hash: its bytes never come.
TEST_F(ContentStoreTest, PrefetcherStreamsContentsInOrderAndStopsAtDamage) {
  const std::string a = RandomBytes(2 * kChunkBytes + 17, 30), empty, b = RandomBytes(5000, 31);
  for (const std::string* data : {&a, &empty, &b}) ASSERT_OK(Put(*data));
  {
    ContentPrefetcher prefetch(content(), {Sha256Of(a), Sha256Of(empty), Sha256Of(b)}, 1 << 20);
    for (const std::string* data : {&a, &empty, &b}) {
      std::string got;
      while (true) {
        auto piece = prefetch.Next();
        ASSERT_OK(piece);
        if (piece->empty()) break;
        got += *piece;
      }
      EXPECT_EQ(got, *data);
    }
  }
  {
    ContentPrefetcher prefetch(content(), {Sha256Of(b), Sha256Of("never stored")}, 1 << 20);
    std::string got;
    for (auto piece = prefetch.Next(); piece.ok() && !piece->empty(); piece = prefetch.Next()) {
      got += *piece;
    }
    EXPECT_EQ(got, b);
    EXPECT_EQ(prefetch.Next().status().code(), absl::StatusCode::kNotFound);
  }
  // Leaving early (a client that stopped reading) stops the reading thread.
  { ContentPrefetcher prefetch(content(), {Sha256Of(a), Sha256Of(a), Sha256Of(a)}, 1); }
}

TEST(ContentPrefetcherTest, CorruptContentNeverGivesItsLastPiece) {
  LyingStore lying;
  const std::string data = RandomBytes(kChunkBytes / 2, 32);
  lying.Store(data);
  ContentPrefetcher prefetch(*lying.store, {Sha256Of(data)}, 1 << 20);
  EXPECT_EQ(prefetch.Next().status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace hoso::storage
