// Passwords (Argon2id), login codes and sessions in storage (issue 15).
#include "storage/people/password_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "storage/base/error_reason.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/people/password_hash.h"
#include "storage/store.h"
#include "tests/support/fake_clock.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

using ::hoso::testing::IsOk;
using ::hoso::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

const Actor kTester{"tester", "admin"};

class PasswordStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StoreOptions options;
    options.database.clock = &clock_;
    auto store = Store::Open(dir_.path(), options);
    ASSERT_OK(store);
    store_ = std::move(*store);
    ASSERT_OK(store_->schools().Create(kTester, "LQD", "Trường Tiểu học Lê Quý Đôn", "tt17-2018"));
    AddTeacher("lan");
  }
  void AddTeacher(const std::string& name) {
    GrantRecord grant;
    grant.set_school("LQD");
    grant.set_role("teacher");
    ASSERT_OK(store_->users().Grant(kTester, name, "Nguyễn Thị Lan", grant));
  }

  ::hoso::testing::FakeClock clock_;
  ::hoso::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(PasswordStoreTest, KeepsOnlyAnArgon2idHashThatMatchesThePassword) {
  ASSERT_OK(store_->passwords().Set(kTester, "lan", "hoa-phuong-do-2025"));
  auto stored = ReadRecord<PasswordRecord>(store_->database(), keys::Password("lan"));
  ASSERT_OK(stored);
  ASSERT_TRUE(stored->has_value());
  // libsodium's string: Argon2id, 64 MiB, t=2, p=1; the password not in it.
  EXPECT_EQ((*stored)->hash().rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << (*stored)->hash();
  EXPECT_EQ((*stored)->hash().find("hoa-phuong"), std::string::npos);
  EXPECT_EQ((*stored)->set_by(), "tester");
  EXPECT_THAT(store_->passwords().Matches("lan", "hoa-phuong-do-2025"),
              ::hoso::testing::IsOkAndHolds(true));
  EXPECT_THAT(store_->passwords().Matches("lan", "hoa-phuong-do-2024"),
              ::hoso::testing::IsOkAndHolds(false));
  // Unknown users and users without a password match nothing.
  EXPECT_THAT(store_->passwords().Matches("nobody", "hoa-phuong-do-2025"),
              ::hoso::testing::IsOkAndHolds(false));
  AddTeacher("binh");
  EXPECT_THAT(store_->passwords().IsSet("binh"), ::hoso::testing::IsOkAndHolds(false));
  EXPECT_THAT(store_->passwords().Set(kTester, "nobody", "hoa-phuong-do-2025"),
              StatusIs(absl::StatusCode::kNotFound));
  // The audit entry says who set it, never the secret.
  auto audit = store_->audit().List({});
  ASSERT_OK(audit);
  bool found = false;
  for (const AuditRecord& e : *audit) {
    found = found || e.action() == "password.set";
    EXPECT_EQ(e.detail().find("hoa-phuong"), std::string::npos) << e.detail();
  }
  EXPECT_TRUE(found);
}

TEST_F(PasswordStoreTest, TenCharactersAtLeastCountedAsCharactersNotBytes) {
  absl::Status short_one = store_->passwords().Set(kTester, "lan", "123456789");
  EXPECT_THAT(short_one, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("10")));
  EXPECT_EQ(ReasonOf(short_one), reason::kPasswordTooShort);
  EXPECT_EQ(MetadataOf(short_one), (ReasonMetadata{{"min_length", "10"}}));
  // Nine characters in 14 bytes are still nine.
  EXPECT_EQ(ReasonOf(store_->passwords().Set(kTester, "lan", "mậtkhẩu12")),
            reason::kPasswordTooShort);
  EXPECT_OK(store_->passwords().Set(kTester, "lan", "mậtkhẩu123"));
  EXPECT_THAT(store_->passwords().Set(kTester, "lan", std::string(2000, 'a')),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(store_->passwords().Set(kTester, "lan", "mật\nkhẩu-mới-đây"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(PasswordStoreTest, AVietnamesePasswordTypedDecomposedStillMatches) {
  ASSERT_OK(store_->passwords().Set(kTester, "lan", "Tiếng Việt"));  // NFC
  EXPECT_THAT(store_->passwords().Matches("lan", "Tie\xCC\x82\xCC\x81ng Vie\xCC\xA3\xCC\x82t"),
              ::hoso::testing::IsOkAndHolds(true));
}

TEST_F(PasswordStoreTest, AtMostTwoHashesAreComputedAtOnce) {
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([] { EXPECT_OK(HashPassword("mot-mat-khau-dai")); });
  }
  for (auto& t : threads) t.join();
  EXPECT_GE(PeakConcurrentHashes(), 1);
  EXPECT_LE(PeakConcurrentHashes(), kConcurrentHashes);
}

TEST_F(PasswordStoreTest, ALoginCodeIsUsedOnceEvenByRacingRequests) {
  auto code = store_->login_codes().Issue(kTester, "lan", "LQD", clock_.NowUnix() + 600);
  ASSERT_OK(code);
  EXPECT_EQ(code->code.size(), 43u);  // 256 bits, base64url
  EXPECT_EQ(code->code.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  std::atomic<int> won{0}, lost{0};
  std::vector<std::thread> racers;
  for (int i = 0; i < 8; ++i) {
    racers.emplace_back([&] {
      auto session = store_->login_codes().Consume(code->code, clock_.NowUnix() + 3600);
      if (session.ok()) {
        ++won;
        EXPECT_TRUE(session->record.session());
        EXPECT_EQ(session->record.user(), "lan");
      } else {
        EXPECT_EQ(ReasonOf(session.status()), reason::kLoginCodeInvalid);
        EXPECT_TRUE(absl::IsUnauthenticated(session.status()));
        ++lost;
      }
    });
  }
  for (auto& t : racers) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(lost.load(), 7);
  // The code is gone from the index; only its hash was ever there.
  int codes = 0;
  ASSERT_OK(
      store_->database().Scan(keys::kLoginCodePrefix, [&](std::string_view, std::string_view v) {
        ++codes;
        EXPECT_EQ(std::string(v).find(code->code), std::string::npos);
        return true;
      }));
  EXPECT_EQ(codes, 0);
}

TEST_F(PasswordStoreTest, AnExpiredCodeIsRefusedAndClearedLater) {
  auto code = store_->login_codes().Issue(kTester, "lan", "LQD", clock_.NowUnix() + 60);
  ASSERT_OK(code);
  clock_.Advance(61);
  auto session = store_->login_codes().Consume(code->code, clock_.NowUnix() + 3600);
  EXPECT_EQ(ReasonOf(session.status()), reason::kLoginCodeInvalid);
  EXPECT_EQ(ReasonOf(store_->login_codes().Consume("not-a-code", clock_.NowUnix() + 3600).status()),
            reason::kLoginCodeInvalid);
  ASSERT_OK(store_->login_codes().Issue(kTester, "lan", "LQD", clock_.NowUnix() + 60));
  int codes = 0;
  ASSERT_OK(
      store_->database().Scan(keys::kLoginCodePrefix, [&](std::string_view, std::string_view) {
        ++codes;
        return true;
      }));
  EXPECT_EQ(codes, 1);  // the expired one went with the new one's write
}

TEST_F(PasswordStoreTest, SessionsAreMarkedAndExpiredOnesCleared) {
  auto first = store_->tokens().IssueSession("lan", clock_.NowUnix() + 60, "password");
  ASSERT_OK(first);
  EXPECT_TRUE(first->record.session());
  EXPECT_OK(store_->tokens().Verify(first->token));
  clock_.Advance(61);
  EXPECT_THAT(store_->tokens().Verify(first->token), StatusIs(absl::StatusCode::kUnauthenticated));
  auto second = store_->tokens().IssueSession("lan", clock_.NowUnix() + 60, "password");
  ASSERT_OK(second);
  auto tokens = store_->tokens().List("lan");
  ASSERT_OK(tokens);
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_EQ((*tokens)[0].id(), second->record.id());
  EXPECT_THAT(store_->tokens().IssueSession("nobody", clock_.NowUnix() + 60, "password"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PasswordStoreTest, RemovingAUserRemovesTheirPasswordAndCodes) {
  ASSERT_OK(store_->passwords().Set(kTester, "lan", "hoa-phuong-do-2025"));
  auto code = store_->login_codes().Issue(kTester, "lan", "LQD", clock_.NowUnix() + 600);
  ASSERT_OK(code);
  ASSERT_OK(store_->users().Remove(kTester, "lan", "LQD"));  // their last role
  EXPECT_THAT(store_->passwords().IsSet("lan"), ::hoso::testing::IsOkAndHolds(false));
  AddTeacher("lan");  // a new person of the same name
  EXPECT_THAT(store_->passwords().Matches("lan", "hoa-phuong-do-2025"),
              ::hoso::testing::IsOkAndHolds(false));
  EXPECT_EQ(ReasonOf(store_->login_codes().Consume(code->code, clock_.NowUnix() + 3600).status()),
            reason::kLoginCodeInvalid);
}

}  // namespace
}  // namespace hoso::storage
