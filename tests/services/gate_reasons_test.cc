// The gate's ROLE_REQUIRED says what was refused in Vietnamese (issue 15):
// every row of the policy table has its phrase.
#include <gtest/gtest.h>

#include "services/access/policy.h"

namespace hoso {
namespace {

TEST(GateReasonsTest, EveryPolicysWhatHasAVietnamesePhrase) {
  for (const auto& [method, policy] : PolicyTable()) {
    EXPECT_FALSE(WhatInVietnamese(policy.what).empty())
        << method << ": \"" << policy.what
        << "\" has no Vietnamese in WhatInVietnamese (services/access/policy.cc)";
  }
  EXPECT_EQ(WhatInVietnamese("review evidence"), "duyệt minh chứng");
  EXPECT_EQ(WhatInVietnamese("no such thing"), "");
}

}  // namespace
}  // namespace hoso
