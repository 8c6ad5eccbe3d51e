// The index's own API over RocksDB: batches, point reads, prefix scans both
// ways, the chunk family, counters and the record scan's DataLoss.
#include "storage/index/database.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/index/records.pb.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    db_.reset();
    auto db = Database::Open(dir_.Sub("db"), {});
    ASSERT_OK(db);
    db_ = std::move(*db);
  }
  void Write(const std::vector<std::pair<std::string, std::string>>& entries) {
    WriteBatch batch;
    for (const auto& [key, value] : entries) batch.Put(key, value);
    ASSERT_OK(db_->Write(batch, Durability::kDurable, "test"));
  }
  std::string Read(const std::string& key) {
    auto value = db_->Get(key);
    EXPECT_OK(value);
    return value.ok() ? value->value_or("(none)") : "(error)";
  }
  // The keys a scan visits, in order, stopping after `limit` of them.
  std::vector<std::string> Keys(std::string_view prefix, bool backward = false, size_t limit = 99) {
    std::vector<std::string> keys;
    auto visit = [&](std::string_view key, std::string_view) {
      keys.emplace_back(key);
      return keys.size() < limit;
    };
    absl::Status s = backward ? db_->ScanBackward(prefix, visit) : db_->Scan(prefix, visit);
    EXPECT_OK(s) << s;
    return keys;
  }

  hoso::testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(DatabaseTest, ABatchLandsWholeAndSurvivesReopening) {
  WriteBatch batch;
  batch.Put("s/A", "one");
  batch.Put("s/B", "two");
  batch.Delete("s/B");
  batch.Put("s/C", "three");
  EXPECT_EQ(batch.Count(), 4u);
  ASSERT_OK(db_->Write(batch, Durability::kDurable, "test"));
  Reopen();
  EXPECT_EQ(Read("s/A"), "one");
  EXPECT_EQ(Read("s/B"), "(none)");
  EXPECT_EQ(Read("s/C"), "three");
}

TEST_F(DatabaseTest, SingleWritesAndSyncWritten) {
  ASSERT_OK(db_->Put("u/x", "progress", Durability::kBuffered, "test"));
  ASSERT_OK(db_->SyncWritten());
  ASSERT_OK(db_->SyncWritten());  // nothing new: covered by the last sync
  EXPECT_EQ(Read("u/x"), "progress");
  ASSERT_OK(db_->Delete("u/x", Durability::kDurable, "test"));
  EXPECT_EQ(Read("u/x"), "(none)");
}

TEST_F(DatabaseTest, ScansStayInsideTheirPrefix) {
  Write({{"a/1", ""}, {"a/2", ""}, {"a/3", ""}, {"a0", ""}, {"a.", ""}, {"b/1", ""}});
  EXPECT_EQ(Keys("a/"), (std::vector<std::string>{"a/1", "a/2", "a/3"}));
  EXPECT_EQ(Keys("a/", /*backward=*/true), (std::vector<std::string>{"a/3", "a/2", "a/1"}));
  EXPECT_EQ(Keys("a/", /*backward=*/true, /*limit=*/2), (std::vector<std::string>{"a/3", "a/2"}));
  EXPECT_EQ(Keys("a/", false, 1), (std::vector<std::string>{"a/1"}));
  EXPECT_TRUE(Keys("c/").empty());
  EXPECT_TRUE(Keys("c/", true).empty());
  std::vector<std::string> from;
  ASSERT_TRUE(db_->ScanFrom("a/", "a/2",
                            [&](std::string_view key, std::string_view) {
                              from.emplace_back(key);
                              return true;
                            })
                  .ok());
  EXPECT_EQ(from, (std::vector<std::string>{"a/2", "a/3"}));
}

TEST_F(DatabaseTest, ABackwardScanOfAPrefixEndingInFfStopsAtItsEnd) {
  const std::string prefix = "m/\xff";
  Write({{prefix + "1", ""}, {prefix + "\xff", ""}, {"n/", ""}});
  EXPECT_EQ(Keys(prefix, true), (std::vector<std::string>{prefix + "\xff", prefix + "1"}));
}

TEST_F(DatabaseTest, ChunkPointersLiveInTheirOwnFamily) {
  const std::string key = keys::Chunk(7, 0);
  ASSERT_OK(db_->PutChunk(keys::Chunk(7, 0), "pointer 0"));
  ASSERT_OK(db_->PutChunk(keys::Chunk(7, 1), "pointer 1"));
  ASSERT_OK(db_->PutChunk(keys::Chunk(8, 0), "pointer 8"));
  EXPECT_EQ(Read(key), "(none)");  // not in the index family
  auto got = db_->GetChunk(key);
  ASSERT_OK(got);
  EXPECT_EQ(got->value_or(""), "pointer 0");
  ASSERT_OK(db_->DeleteChunks(keys::ChunkLocationStart(7), keys::ChunkLocationEnd(7)));
  EXPECT_FALSE(db_->GetChunk(keys::Chunk(7, 1))->has_value());
  EXPECT_TRUE(db_->GetChunk(keys::Chunk(8, 0))->has_value());
  EXPECT_OK(db_->Flush());
}

TEST_F(DatabaseTest, CountersStartAtZero) {
  auto unset = ReadCounter(*db_, keys::EvidenceIdCounter());
  ASSERT_OK(unset);
  EXPECT_EQ(*unset, 0u);
  WriteBatch batch;
  PutCounter(batch, keys::EvidenceIdCounter(), 258);
  ASSERT_OK(db_->Write(batch, Durability::kDurable, "test"));
  EXPECT_EQ(Read(keys::EvidenceIdCounter()), std::string("\0\0\0\0\0\0\x01\x02", 8));
  EXPECT_EQ(*ReadCounter(*db_, keys::EvidenceIdCounter()), 258u);
}

TEST_F(DatabaseTest, ScanRecordsParsesInKeyOrderAndNamesAnUnreadableOne) {
  SchoolRecord a, b;
  a.set_code("A");
  b.set_code("B");
  Write({{keys::School("A"), a.SerializeAsString()}, {keys::School("B"), b.SerializeAsString()}});
  std::vector<std::string> codes;
  auto collect = [&](std::string_view, SchoolRecord record) { codes.push_back(record.code()); };
  ASSERT_OK(ScanRecords<SchoolRecord>(*db_, keys::kSchoolPrefix, collect));
  EXPECT_EQ(codes, (std::vector<std::string>{"A", "B"}));

  Write({{keys::School("B"), "\xff\xff not a record"}});
  codes.clear();
  absl::Status s = ScanRecords<SchoolRecord>(*db_, keys::kSchoolPrefix, collect);
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(s.message(), "index record SchoolRecord s/B is unreadable");
  EXPECT_EQ(codes, (std::vector<std::string>{"A"}));
}

TEST(KeysTest, PrintableEscapesWhatIsNotPrintable) {
  EXPECT_EQ(keys::Printable(keys::Evidence("LQD", 42)),
            "e/LQD/\\x00\\x00\\x00\\x00\\x00\\x00\\x00*");
  EXPECT_EQ(keys::Printable("a\\b"), "a\\x5cb");
}

}  // namespace
}  // namespace hoso::storage
