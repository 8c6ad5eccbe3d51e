// The throttling of password attempts per account (issue 15), on the fake
// clock: the window, the pause, a success, and the bound on accounts kept.
#include "services/access/login_throttle.h"

#include <gtest/gtest.h>

#include "storage/base/error_reason.h"
#include "tests/support/fake_clock.h"
#include "tests/support/status_matchers.h"

namespace hoso {
namespace {

class LoginThrottleTest : public ::testing::Test {
 protected:
  ::hoso::testing::FakeClock clock_{1'800'000'000};
};

TEST_F(LoginThrottleTest, FiveAttemptsInTheWindowPauseTheAccountUntilThePauseEnds) {
  LoginThrottle throttle(&clock_, {});
  for (int i = 0; i < 5; ++i) EXPECT_OK(throttle.Admit("lan")) << i;
  absl::Status paused = throttle.Admit("lan");
  EXPECT_TRUE(absl::IsResourceExhausted(paused)) << paused;
  EXPECT_EQ(ReasonOf(paused), reason::kLoginThrottled);
  EXPECT_EQ(MetadataOf(paused), (ReasonMetadata{{"retry_after_seconds", "900"}}));
  EXPECT_NE(paused.message().find("15 phút"), std::string_view::npos) << paused;
  // Another account is not affected.
  EXPECT_OK(throttle.Admit("binh"));
  clock_.Advance(899);
  EXPECT_EQ(MetadataOf(throttle.Admit("lan")), (ReasonMetadata{{"retry_after_seconds", "1"}}));
  clock_.Advance(1);
  EXPECT_OK(throttle.Admit("lan"));
}

TEST_F(LoginThrottleTest, FailuresOlderThanTheWindowNoLongerCount) {
  LoginThrottle throttle(&clock_, {});
  for (int i = 0; i < 4; ++i) ASSERT_OK(throttle.Admit("lan"));
  clock_.Advance(900);  // those four are out of the window now
  for (int i = 0; i < 4; ++i) EXPECT_OK(throttle.Admit("lan")) << i;
  EXPECT_OK(throttle.Admit("lan"));  // the fifth of the new window
  EXPECT_FALSE(throttle.Admit("lan").ok());
}

TEST_F(LoginThrottleTest, ASuccessStartsAfresh) {
  LoginThrottle throttle(&clock_, {});
  for (int i = 0; i < 4; ++i) ASSERT_OK(throttle.Admit("lan"));
  throttle.Succeeded("lan");
  for (int i = 0; i < 5; ++i) EXPECT_OK(throttle.Admit("lan")) << i;
  // The fifth was the right password: no pause either.
  throttle.Succeeded("lan");
  EXPECT_OK(throttle.Admit("lan"));
}

TEST_F(LoginThrottleTest, SettingsComeFromTheFlags) {
  LoginThrottle throttle(&clock_, {.max_failures = 2, .window_seconds = 10, .pause_seconds = 3});
  ASSERT_OK(throttle.Admit("lan"));
  ASSERT_OK(throttle.Admit("lan"));
  EXPECT_EQ(MetadataOf(throttle.Admit("lan")), (ReasonMetadata{{"retry_after_seconds", "3"}}));
  clock_.Advance(3);
  EXPECT_OK(throttle.Admit("lan"));
}

TEST_F(LoginThrottleTest, AFloodOfNamesStaysBoundedAndDoesNotFreeAPausedAccount) {
  LoginThrottle throttle(&clock_, {.max_accounts = 100});
  for (int i = 0; i < 5; ++i) ASSERT_OK(throttle.Admit("lan"));
  // Thousands of made-up names, each guessed once, at the same moment.
  for (int i = 0; i < 5000; ++i) ASSERT_OK(throttle.Admit("ten-" + std::to_string(i)));
  EXPECT_LE(throttle.TrackedAccounts(), 100u);
  EXPECT_EQ(ReasonOf(throttle.Admit("lan")), reason::kLoginThrottled);
  // Once their windows are over they are forgotten first.
  clock_.Advance(901);
  ASSERT_OK(throttle.Admit("binh"));
  EXPECT_LE(throttle.TrackedAccounts(), 2u);
}

}  // namespace
}  // namespace hoso
