// Dead space and repack: the pack store measures what no live chunk holds,
// a repack copies the live chunks out and removes the old packs, reads go
// on meanwhile, and a repack stopped at any step (as a kill would) loses
// nothing. Then gc over a whole Store: unlinked content and orphan chunks.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "storage/content/chunk_store.h"
#include "storage/content/pack_chunk_store.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/store.h"
#include "tests/support/fake_clock.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

constexpr uint64_t kRecord = 12288;  // a 10,000-byte chunk: 32-byte header, padded to 4 KiB
constexpr uint64_t kHeader = 4096;   // each pack's own header

std::string Bytes(uint64_t location, uint32_t index) {
  std::mt19937 gen(static_cast<uint32_t>(location * 31 + index));
  std::string out(10000, '\0');
  for (char& c : out) c = static_cast<char>(gen());
  return out;
}

std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 gen(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(gen());
  return out;
}

int PackFiles(const std::string& dir) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    n += e.path().extension() == ".pack";
  }
  return n;
}

class RepackTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }
  void Open() {
    chunks_.reset();
    database_.reset();
    auto db = Database::Open(dir_.Sub("db"), {});
    ASSERT_OK(db);
    database_ = std::move(*db);
    // Five records a pack: the 40 chunks below fill eight packs.
    auto chunks = OpenPackChunkStore(database_.get(), dir_.Sub("packs"),
                                     {.max_pack_bytes = kHeader + 5 * kRecord});
    ASSERT_OK(chunks);
    chunks_ = std::move(*chunks);
  }
  // Locations 1..20 with two chunks each; the odd ones dropped.
  void Fill() {
    for (uint64_t l = 1; l <= 20; ++l) {
      for (uint32_t i = 0; i < 2; ++i) ASSERT_OK(chunks_->Put(l, i, Bytes(l, i)));
    }
    ASSERT_OK(chunks_->Sync());
    ASSERT_OK(database_->SyncWritten());
    for (uint64_t l = 1; l <= 20; l += 2) ASSERT_OK(chunks_->Drop(l));
  }
  void ExpectEvenOnesIntact() {
    for (uint64_t l = 1; l <= 20; ++l) {
      for (uint32_t i = 0; i < 2; ++i) {
        auto got = chunks_->Get(l, i);
        if (l % 2 == 1) {
          EXPECT_EQ(got.status().code(), absl::StatusCode::kNotFound) << l;
        } else {
          ASSERT_OK(got) << "location " << l << " chunk " << i;
          EXPECT_EQ(*got, Bytes(l, i)) << "location " << l << " chunk " << i;
        }
      }
    }
  }
  SpaceUsage Usage() {
    auto usage = chunks_->Usage([](uint64_t) { return true; });
    EXPECT_OK(usage);
    return usage.ok() ? *usage : SpaceUsage{};
  }

  hoso::testing::TempDir dir_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<ChunkStore> chunks_;
};

TEST_F(RepackTest, DeadSpaceIsCountedToTheByte) {
  Fill();
  const SpaceUsage usage = Usage();
  EXPECT_EQ(usage.packs.size(), 8u);
  EXPECT_EQ(usage.file_bytes, 8 * kHeader + 40 * kRecord);
  EXPECT_EQ(usage.live_bytes, 20 * kRecord);
  EXPECT_EQ(usage.dead_bytes, 20 * kRecord);
  EXPECT_EQ(usage.overhead_bytes, 8 * kHeader);
  // With a narrower idea of live (gc's: only wanted locations), more is dead.
  auto wanted = chunks_->Usage([](uint64_t l) { return l <= 4; });
  ASSERT_OK(wanted);
  EXPECT_EQ(wanted->live_bytes, 4 * kRecord);  // locations 2 and 4
  EXPECT_EQ(wanted->dead_bytes, 36 * kRecord);
}

TEST_F(RepackTest, RepackCopiesLiveChunksAndRemovesOldPacks) {
  Fill();
  auto report = chunks_->Repack({.min_dead_fraction = 0.4});
  ASSERT_OK(report);
  EXPECT_EQ(report->chunks_copied, 20u);
  EXPECT_EQ(report->bytes_copied, 20 * kRecord);
  EXPECT_EQ(report->packs_repacked, 8u);  // all half dead, the one being written too
  EXPECT_EQ(report->bytes_reclaimed, 8 * kHeader + 20 * kRecord);
  ExpectEvenOnesIntact();
  const SpaceUsage after = Usage();
  EXPECT_EQ(after.dead_bytes, 0u);
  EXPECT_EQ(after.live_bytes, 20 * kRecord);
  EXPECT_EQ(PackFiles(dir_.Sub("packs")), static_cast<int>(after.packs.size()));
  EXPECT_LE(after.packs.size(), 5u);  // 20 records, five a pack
  // The switch was durable: a restart reads the copies.
  Open();
  ExpectEvenOnesIntact();
  EXPECT_EQ(Usage().dead_bytes, 0u);
  // Nothing is left to do.
  auto again = chunks_->Repack({.min_dead_fraction = 0.4});
  ASSERT_OK(again);
  EXPECT_EQ(again->packs_repacked, 0u);
}

TEST_F(RepackTest, MostlyLivePacksStay) {
  Fill();
  // Each pack is two or three fifths dead.
  auto report = chunks_->Repack({.min_dead_fraction = 0.7});
  ASSERT_OK(report);
  EXPECT_EQ(report->packs_repacked, 0u);
  EXPECT_EQ(Usage().dead_bytes, 20 * kRecord);
}

// A kill at each step of a repack: after a restart everything live is
// readable, and the next repack finishes the job.
TEST_F(RepackTest, StoppedAtAnyStepLosesNothing) {
  for (const char* step : {"copied", "synced", "switched"}) {
    SCOPED_TRACE(step);
    chunks_.reset();
    database_.reset();
    std::filesystem::remove_all(dir_.path());
    std::filesystem::create_directories(dir_.path());
    Open();
    Fill();
    RepackOptions options{.min_dead_fraction = 0.4};
    options.stop_at = [&](std::string_view at) {
      return at == step ? absl::AbortedError("killed") : absl::OkStatus();
    };
    EXPECT_THAT(chunks_->Repack(options),
                hoso::testing::StatusIs(absl::StatusCode::kAborted, ::testing::_));
    Open();  // the process is gone; a new one opens the directory
    ExpectEvenOnesIntact();
    auto finish = chunks_->Repack({.min_dead_fraction = 0.4});
    ASSERT_OK(finish);
    EXPECT_GT(finish->packs_repacked, 0u);
    ExpectEvenOnesIntact();
    EXPECT_EQ(Usage().dead_bytes, 0u);
  }
}

// A chunk put anew and one dropped while the copies are made keep what
// happened to them: the switch does not bring the old copy back.
TEST_F(RepackTest, ChangesDuringARepackWin) {
  Fill();
  const std::string fresh = Bytes(99, 0);
  RepackOptions options{.min_dead_fraction = 0.4};
  options.stop_at = [&](std::string_view at) {
    if (at != "synced") return absl::OkStatus();
    if (absl::Status s = chunks_->Put(2, 0, fresh); !s.ok()) return s;
    return chunks_->Drop(4);
  };
  auto report = chunks_->Repack(options);
  ASSERT_OK(report);
  EXPECT_EQ(report->chunks_copied, 17u);  // 20, but 2/0 put anew and 4/0, 4/1 dropped
  auto two = chunks_->Get(2, 0);
  ASSERT_OK(two);
  EXPECT_EQ(*two, fresh);
  EXPECT_EQ(chunks_->Get(4, 1).status().code(), absl::StatusCode::kNotFound);
  auto six = chunks_->Get(6, 1);
  ASSERT_OK(six);
  EXPECT_EQ(*six, Bytes(6, 1));
}

// Readers run through every live chunk while packs are repacked under them,
// over and over; every read returns the right bytes.
TEST_F(RepackTest, ReadsDuringRepackKeepWorking) {
  Fill();
  std::atomic<bool> stop{false};
  std::atomic<int> reads{0}, wrong{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      while (!stop) {
        for (uint64_t l = 2; l <= 20; l += 2) {
          for (uint32_t i = 0; i < 2; ++i) {
            auto got = chunks_->Get(l, i);
            if (!got.ok() || *got != Bytes(l, i)) ++wrong;
            ++reads;
          }
        }
      }
    });
  }
  uint64_t next = 100;
  for (int round = 0; round < 20; ++round) {
    // Write and drop a few more so there is something to repack each time.
    for (int k = 0; k < 4; ++k, ++next) ASSERT_OK(chunks_->Put(next, 0, Bytes(next, 0)));
    ASSERT_OK(chunks_->Sync());
    for (uint64_t l = next - 4; l < next; ++l) ASSERT_OK(chunks_->Drop(l));
    auto report = chunks_->Repack({.min_dead_fraction = 0.3});
    ASSERT_OK(report);
    EXPECT_GT(report->packs_repacked, 0u) << round;
  }
  stop = true;
  for (auto& r : readers) r.join();
  EXPECT_EQ(wrong.load(), 0) << "of " << reads.load() << " reads";
  EXPECT_GT(reads.load(), 0);
  ExpectEvenOnesIntact();
}

// ---------------------------------------------------------------- gc over a Store

const Actor kTester{"tester", "admin"};

class StoreGcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Open();
    ASSERT_OK(store_->schools().Create(kTester, "LQD", "Trường Tiểu học Lê Quý Đôn", "tt17-2018"));
  }
  void Open() {
    store_.reset();
    StoreOptions options;
    options.database.clock = &clock_;
    options.packs.max_pack_bytes = 4 << 20;
    auto store = Store::Open(dir_.path(), options);
    ASSERT_OK(store);
    store_ = std::move(*store);
  }
  Sha256Digest StoreContent(const std::string& data) {
    UploadRequest request;
    request.declared = Sha256Of(data);
    request.declared_size = data.size();
    auto upload = store_->content().BeginUpload(request);
    EXPECT_OK(upload);
    EXPECT_OK((*upload)->Append(data));
    EXPECT_OK((*upload)->Finish());
    return *request.declared;
  }
  std::string Read(const Sha256Digest& sha) {
    auto reader = store_->content().Open(sha);
    if (!reader.ok()) return "unreadable: " + reader.status().ToString();
    std::string out;
    for (;;) {
      auto piece = (*reader)->Next();
      if (!piece.ok()) return "unreadable: " + piece.status().ToString();
      if (piece->empty()) return out;
      out += *piece;
    }
  }
  EvidenceRecord Draft() {
    EvidenceRecord draft;
    draft.set_school("LQD");
    draft.set_title("Biên bản họp");
    draft.add_criteria("1.1");
    return draft;
  }

  hoso::testing::FakeClock clock_;
  hoso::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreGcTest, CollectsUnlinkedContentAndOrphanChunksOnly) {
  const std::string kept = RandomBytes(3 << 20, 1), deleted_item = RandomBytes(2 << 20, 2);
  const std::string unlinked = RandomBytes(5 << 20, 3), young = RandomBytes(1 << 20, 4);
  const Sha256Digest a = StoreContent(kept), b = StoreContent(deleted_item);
  const Sha256Digest c = StoreContent(unlinked);
  ASSERT_OK(store_->evidence().Create(kTester, Draft(), {{"a.pdf", "", a}}));
  auto item = store_->evidence().Create(kTester, Draft(), {{"b.pdf", "", b}});
  ASSERT_OK(item);
  ASSERT_OK(store_->evidence().Delete(kTester, "LQD", item->id()));
  // An upload cut off before its session record: its chunk names nothing.
  {
    UploadRequest request;  // no declared hash: not resumable, dropped when destroyed...
    auto upload = store_->content().BeginUpload(request);
    ASSERT_OK(upload);
    ASSERT_OK((*upload)->Append(RandomBytes(3 << 20, 5)));
    // ...but it is still running: gc must keep it.
    auto during = store_->Gc({.unlinked_min_age_seconds = 3600, .min_dead_fraction = 0.01});
    ASSERT_OK(during);
    EXPECT_EQ(during->orphan_locations, 0u);
    EXPECT_EQ(during->unlinked_contents, 0u);  // c is not an hour old yet
  }
  clock_.Advance(7200);
  const Sha256Digest d = StoreContent(young);

  constexpr uint64_t kBig = kChunkBytes + 4096;  // a 1 MiB chunk's record
  auto fsck = store_->Fsck();
  ASSERT_OK(fsck);
  EXPECT_EQ(fsck->dead_bytes, 3 * kBig);  // the cut-off upload's chunks, dropped
  const uint64_t before = fsck->pack_bytes;

  // Every pack with any dead record in it is repacked.
  auto dry =
      store_->Gc({.dry_run = true, .unlinked_min_age_seconds = 3600, .min_dead_fraction = 0.01});
  ASSERT_OK(dry);
  EXPECT_EQ(dry->unlinked_contents, 1u);
  EXPECT_EQ(dry->unlinked_bytes, unlinked.size());
  EXPECT_EQ(dry->dead_bytes_before, 8 * kBig);  // and c's five chunk records
  EXPECT_GT(dry->repack.packs_repacked, 0u);
  EXPECT_EQ(Read(c), unlinked) << "a dry run changes nothing";

  auto done = store_->Gc({.unlinked_min_age_seconds = 3600, .min_dead_fraction = 0.01});
  ASSERT_OK(done);
  EXPECT_EQ(done->unlinked_contents, 1u);
  EXPECT_EQ(done->dead_bytes_after, 0u);
  EXPECT_EQ(done->repack.bytes_reclaimed, dry->repack.bytes_reclaimed);
  EXPECT_LT(done->pack_bytes_after, before);
  EXPECT_EQ(Read(a), kept);
  EXPECT_EQ(Read(b), deleted_item) << "a soft-deleted item keeps its files";
  EXPECT_EQ(Read(d), young);
  EXPECT_THAT(Read(c), ::testing::HasSubstr("not stored"));
  Open();
  auto clean = store_->Fsck();
  ASSERT_OK(clean);
  EXPECT_TRUE(clean->problems.empty());
  EXPECT_EQ(clean->dead_bytes, 0u);
  EXPECT_EQ(Read(a), kept);
}

// A crash mid-upload leaves chunks no record names (the process that
// would have dropped them is gone): fsck counts them dead, gc drops them.
TEST_F(StoreGcTest, OrphanChunksOfACrashedUploadAreReclaimed) {
  const std::string kept = RandomBytes(2 << 20, 7);
  const Sha256Digest a = StoreContent(kept);
  ASSERT_OK(store_->evidence().Create(kTester, Draft(), {{"a.pdf", "", a}}));
  store_.reset();
  {
    auto db = Database::Open(dir_.Sub("db"), {});
    ASSERT_OK(db);
    auto chunks = OpenPackChunkStore(db->get(), dir_.Sub("packs"));
    ASSERT_OK(chunks);
    for (uint32_t i = 0; i < 3; ++i) ASSERT_OK((*chunks)->Put(77, i, RandomBytes(kChunkBytes, i)));
    ASSERT_OK((*chunks)->Sync());
    ASSERT_OK((*db)->SyncWritten());
  }
  Open();
  auto fsck = store_->Fsck();
  ASSERT_OK(fsck);
  EXPECT_TRUE(fsck->problems.empty());
  EXPECT_EQ(fsck->dead_bytes, 3 * (kChunkBytes + 4096));
  auto gc = store_->Gc({});
  ASSERT_OK(gc);
  EXPECT_EQ(gc->orphan_locations, 1u);
  EXPECT_EQ(gc->orphan_bytes, 3 * (kChunkBytes + 4096));
  EXPECT_EQ(gc->dead_bytes_after, 0u);
  EXPECT_EQ(Read(a), kept);
  auto after = store_->Fsck();
  ASSERT_OK(after);
  EXPECT_EQ(after->dead_bytes, 0u);
}

}  // namespace
}  // namespace hoso::storage
