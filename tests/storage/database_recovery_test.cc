// Opening an index that lost acknowledged changes: a byte flipped in the
// middle of RocksDB's log stops the open (no silent point-in-time replay),
// and an index older than the audit anchor kept beside it is refused, found
// by audit verification, and served only on the operator's explicit word.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "storage/index/audit_anchor.h"
#include "storage/index/database.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class DatabaseRecoveryTest : public ::testing::Test {
 protected:
  DatabaseOptions Options(bool accept_rollback = false) const {
    DatabaseOptions options;
    options.audit_anchor_path = anchor_;
    options.accept_rollback = accept_rollback;
    return options;
  }
  // Opens the index, appends `n` audited changes, closes it (no flush: they
  // stay in the log, as after a crash).
  void Append(int n) {
    auto db = Database::Open(db_dir_, Options());
    ASSERT_OK(db);
    for (int i = 0; i < n; ++i) {
      const AuditFacts facts{.action = "test.change",
                             .school = "LQD",
                             .target = "item " + std::to_string(i),
                             .detail = std::string(200, 'x')};
      ASSERT_OK((*db)->audit().Record({"lan", "teacher"}, facts));
    }
  }
  uint64_t Entries(Database& db) {
    auto verified = db.audit().Verify();
    EXPECT_OK(verified);
    return verified.ok() ? verified->entries : 0;
  }
  // The newest RocksDB log file of the index.
  std::string NewestLog() const {
    std::string newest;
    for (const auto& e : fs::directory_iterator(db_dir_)) {
      const std::string name = e.path().filename().string();
      if (e.path().extension() == ".log" && name > fs::path(newest).filename().string()) {
        newest = e.path().string();
      }
    }
    return newest;
  }

  hoso::testing::TempDir dir_;
  const std::string db_dir_ = dir_.Sub("db");
  const std::string anchor_ = dir_.Sub("audit.anchor");
};

TEST_F(DatabaseRecoveryTest, AFlippedByteInTheMiddleOfTheLogStopsTheOpen) {
  Append(60);
  const std::string log = NewestLog();
  ASSERT_FALSE(log.empty());
  const uint64_t size = fs::file_size(log);
  ASSERT_GT(size, 60u * 200);  // the 60 changes are in this log, not in table files
  {
    std::fstream f(log, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(size / 2));
    const char c = static_cast<char>(f.get());
    f.seekp(static_cast<std::streamoff>(size / 2));
    f.put(static_cast<char>(c ^ 0x40));
  }
  auto refused = Database::Open(db_dir_, Options());
  ASSERT_FALSE(refused.ok()) << "opened a damaged log, rolled back to " << Entries(**refused)
                             << " of 60 entries";
  EXPECT_THAT(refused.status(),
              hoso::testing::StatusIs(absl::StatusCode::kDataLoss, HasSubstr("is damaged")));
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr("--restore-from"));

  // The operator's explicit word: serve what is left, the loss on record.
  auto accepted = Database::Open(db_dir_, Options(true));
  ASSERT_OK(accepted);
  auto entries = (*accepted)->audit().List({});
  ASSERT_OK(entries);
  ASSERT_FALSE(entries->empty());
  EXPECT_LT(entries->size(), 60u);
  EXPECT_EQ(entries->back().action(), "index.rollback");
  EXPECT_THAT(entries->back().detail(), HasSubstr("records entry 60"));
  auto verified = (*accepted)->audit().Verify();
  ASSERT_OK(verified);
  EXPECT_TRUE(verified->intact) << verified->problem;
}

TEST_F(DatabaseRecoveryTest, AnIndexOlderThanItsAnchorIsRefusedAndVerifyTellsTheRollback) {
  Append(5);
  fs::copy(db_dir_, dir_.Sub("db-old"), fs::copy_options::recursive);
  Append(5);
  fs::remove_all(db_dir_);
  fs::rename(dir_.Sub("db-old"), db_dir_);

  auto refused = Database::Open(db_dir_, Options());
  ASSERT_FALSE(refused.ok()) << "served an index rolled back to entry " << Entries(**refused);
  EXPECT_THAT(refused.status(),
              hoso::testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                      HasSubstr("entries 6..10 and the changes they record are "
                                                "missing")));

  // Opened without its anchor, the old index passes; verification against
  // the anchor beside it does not.
  auto unanchored = Database::Open(db_dir_, {});
  ASSERT_OK(unanchored);
  auto anchor = AuditAnchor::Open(anchor_);
  ASSERT_OK(anchor);
  (*unanchored)->audit().UseAnchor(anchor->get());
  auto verified = (*unanchored)->audit().Verify();
  ASSERT_OK(verified);
  EXPECT_FALSE(verified->intact);
  EXPECT_EQ(verified->first_broken_seq, 6u);
  EXPECT_THAT(verified->problem, HasSubstr("the index was rolled back"));
}

TEST_F(DatabaseRecoveryTest, AnotherIndexWithAsManyEntriesIsRefused) {
  Append(3);
  const std::string kept = dir_.Sub("anchor-kept");
  fs::copy_file(anchor_, kept);
  fs::remove_all(db_dir_);
  fs::remove(anchor_);
  Append(3);  // a different chain of the same length
  fs::copy_file(kept, anchor_, fs::copy_options::overwrite_existing);
  auto refused = Database::Open(db_dir_, Options());
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.status().message()),
              HasSubstr("audit entry 3 differs from the one the audit anchor"));
}

TEST_F(DatabaseRecoveryTest, TheAnchorFollowsEveryEntryAndADamagedAnchorIsNamed) {
  Append(4);
  auto anchored = ReadAuditAnchor(anchor_);
  ASSERT_OK(anchored);
  ASSERT_TRUE(anchored->has_value());
  EXPECT_EQ((*anchored)->seq, 4u);
  {
    auto db = Database::Open(db_dir_, Options());
    ASSERT_OK(db);
    EXPECT_EQ((*db)->audit().Head().hash, (*anchored)->hash);
  }
  std::fstream f(anchor_, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(30);
  f.put('9');
  f.close();
  auto refused = Database::Open(db_dir_, Options());
  EXPECT_THAT(refused.status(),
              hoso::testing::StatusIs(absl::StatusCode::kDataLoss, HasSubstr("audit anchor")));
}

}  // namespace
}  // namespace hoso::storage
