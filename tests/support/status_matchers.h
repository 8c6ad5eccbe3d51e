#ifndef HOSO_TESTS_SUPPORT_STATUS_MATCHERS_H_
#define HOSO_TESTS_SUPPORT_STATUS_MATCHERS_H_

// gMock matchers for statuses, in the spirit of Abseil's status_matchers.h
// (which Debian's Abseil 20220623 lacks): they print the status on failure,
// so a test needs no `<< s.status()` of its own.
//   EXPECT_OK(store->Put(...));
//   ASSERT_THAT(Find(42), IsOkAndHolds(Field(&Item::id, 42)));
//   EXPECT_THAT(Create(bad), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("1.9")));
// They take absl::Status, absl::StatusOr<T>, grpc::Status and rocksdb::Status.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace hoso::testing {

inline absl::Status GetStatus(const absl::Status& status) { return status; }
template <typename T>
absl::Status GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}
// grpc::Status (its codes equal absl's).
template <typename S>
auto GetStatus(const S& s) -> decltype(s.error_code(), s.error_message(), absl::Status()) {
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()), s.error_message());
}
// rocksdb::Status: only ok or not matters to the tests that use it.
template <typename S>
auto GetStatus(const S& s) -> decltype(s.IsNotFound(), s.ToString(), absl::Status()) {
  return s.ok() ? absl::OkStatus() : absl::UnknownError(s.ToString());
}

MATCHER(IsOk, negation ? "is not OK" : "is OK") {
  const absl::Status status = GetStatus(arg);
  if (!status.ok()) *result_listener << "whose status is " << status;
  return status.ok();
}

MATCHER_P(StatusIs, code,
          std::string(negation ? "has no" : "has") + " status " + absl::StatusCodeToString(code)) {
  const absl::Status status = GetStatus(arg);
  *result_listener << "whose status is " << status;
  return status.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher,
           std::string(negation ? "has no" : "has") + " status " + absl::StatusCodeToString(code) +
               " with a message that " +
               ::testing::DescribeMatcher<std::string>(message_matcher, negation)) {
  const absl::Status status = GetStatus(arg);
  *result_listener << "whose status is " << status;
  return status.code() == code &&
         ::testing::Matches(message_matcher)(std::string(status.message()));
}

MATCHER_P(IsOkAndHolds, value_matcher,
          negation ? "is not OK, or holds a value that does not match"
                   : "is OK and holds a value that matches") {
  if (!arg.ok()) {
    *result_listener << "whose status is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(value_matcher, *arg, result_listener);
}

}  // namespace hoso::testing

#define EXPECT_OK(expr) EXPECT_THAT((expr), ::hoso::testing::IsOk())
#define ASSERT_OK(expr) ASSERT_THAT((expr), ::hoso::testing::IsOk())

// ASSERT_OK_AND_ASSIGN(auto store, Store::Open(dir)): asserts the StatusOr is
// OK and moves its value into the declaration.
#define HOSO_STATUS_CONCAT_INNER(a, b) a##b
#define HOSO_STATUS_CONCAT(a, b) HOSO_STATUS_CONCAT_INNER(a, b)
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL(HOSO_STATUS_CONCAT(status_or_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  ASSERT_OK(tmp);                                 \
  lhs = std::move(*tmp)

#endif  // HOSO_TESTS_SUPPORT_STATUS_MATCHERS_H_
