// The audit log's hash chain: entries written with their changes, and every
// kind of tampering (altered, removed, cut short, reordered) found by Verify.
#include <gtest/gtest.h>

#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Open(dir_.Sub("db"), {});
    ASSERT_OK(db);
    db_ = std::move(*db);
    for (int i = 1; i <= 5; ++i) {
      WriteBatch batch;
      batch.Put(keys::School("T" + std::to_string(i)), "change " + std::to_string(i));
      const AuditFacts facts{.action = "test.change",
                             .school = "LQD",
                             .target = "item " + std::to_string(i),
                             .sha256 = {std::string(64, 'a')},
                             .evidence_id = static_cast<uint64_t>(i % 2 + 1)};
      ASSERT_OK(db_->audit().Commit({"lan", "teacher"}, facts, std::move(batch)));
    }
  }
  std::string Raw(uint64_t seq) {
    auto value = db_->Get(keys::Audit(seq));
    EXPECT_OK(value);
    EXPECT_TRUE(value.ok() && value->has_value());
    return value.ok() ? value->value_or("") : "";
  }
  void Put(uint64_t seq, const AuditRecord& record) {
    ASSERT_OK(
        db_->Put(keys::Audit(seq), record.SerializeAsString(), Durability::kBuffered, "tampering"));
  }
  void Remove(uint64_t seq) {
    ASSERT_OK(db_->Delete(keys::Audit(seq), Durability::kBuffered, "tampering"));
  }
  AuditVerification Verify() {
    auto v = db_->audit().Verify();
    EXPECT_OK(v);
    return v.ok() ? *v : AuditVerification{};
  }

  hoso::testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(AuditLogTest, ChangesAndEntriesLandTogetherAndTheChainHolds) {
  auto change = db_->Get(keys::School("T3"));
  ASSERT_OK(change);
  EXPECT_EQ(change->value_or(""), "change 3");
  AuditVerification v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.entries, 5u);
  EXPECT_EQ(v.head_hash.size(), 64u);
  AuditFilter by_item;
  by_item.school = "LQD";
  by_item.evidence_id = 2;
  auto entries = db_->audit().List(by_item);
  ASSERT_OK(entries);
  ASSERT_EQ(entries->size(), 3u);  // changes 1, 3 and 5
  EXPECT_EQ((*entries)[1].target(), "item 3");
  AuditFilter newest;
  newest.limit = 2;
  auto last = db_->audit().List(newest);
  ASSERT_OK(last);
  ASSERT_EQ(last->size(), 2u);
  EXPECT_EQ((*last)[0].seq(), 4u);
  EXPECT_EQ((*last)[1].seq(), 5u);
}

TEST_F(AuditLogTest, ReopeningContinuesTheChain) {
  db_.reset();
  auto db = Database::Open(dir_.Sub("db"), {});
  ASSERT_OK(db);
  db_ = std::move(*db);
  ASSERT_OK(db_->audit().Record({"admin", "admin"}, {.action = "denied"}));
  AuditVerification v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.entries, 6u);
}

TEST_F(AuditLogTest, AnAlteredEntryIsFound) {
  AuditRecord record;
  ASSERT_TRUE(record.ParseFromString(Raw(2)));
  record.set_sha256(0, std::string(64, 'b'));
  Put(2, record);
  AuditVerification v = Verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_broken_seq, 2u);
  EXPECT_EQ(v.problem, "entry 2 was altered (its hash does not match)");
}

TEST_F(AuditLogTest, AnAlteredEntryWithItsHashRecomputedBreaksTheNextLink) {
  AuditRecord record;
  ASSERT_TRUE(record.ParseFromString(Raw(2)));
  record.set_actor("someone-else");
  record.set_hash(AuditLog::HashOf(record));
  Put(2, record);
  AuditVerification v = Verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_broken_seq, 3u);
  EXPECT_NE(v.problem.find("does not follow"), std::string::npos) << v.problem;
}

TEST_F(AuditLogTest, ARemovedEntryIsFound) {
  Remove(3);
  AuditVerification v = Verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_broken_seq, 3u);
  EXPECT_EQ(v.problem, "entry 3 is missing (next is 4)");
}

TEST_F(AuditLogTest, ALogCutShortIsFound) {
  Remove(5);
  AuditVerification v = Verify();
  EXPECT_FALSE(v.intact);
  EXPECT_NE(v.problem.find("the log ends at entry 4 but its head says 5"), std::string::npos)
      << v.problem;
}

}  // namespace
}  // namespace hoso::storage
