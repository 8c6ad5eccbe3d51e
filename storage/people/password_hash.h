#ifndef HOSO_STORAGE_PEOPLE_PASSWORD_HASH_H_
#define HOSO_STORAGE_PEOPLE_PASSWORD_HASH_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace hoso::storage {

// Argon2id through libsodium (crypto_pwhash_str): opslimit INTERACTIVE (t=2)
// and memlimit INTERACTIVE (64 MiB), p=1: above OWASP's minimum for Argon2id
// (19 MiB, t=2, p=1). The string returned carries the salt and the cost, so
// a later change of cost still verifies old hashes.
//
// Each hash takes 64 MiB for a moment: at most kConcurrentHashes are computed
// at once in the whole process (the others wait), so a burst of logins
// cannot take gigabytes.
inline constexpr int kConcurrentHashes = 2;

// The Argon2id string of `password`. Internal if libsodium fails (out of memory).
absl::StatusOr<std::string> HashPassword(std::string_view password);
// Whether `password` matches `hash` (a crypto_pwhash_str string). Takes as
// long as hashing, also for a hash that does not parse.
bool VerifyPassword(const std::string& hash, std::string_view password);
// A hash of a random password nobody knows: verifying against it costs what
// a real check costs, for unknown users and users without a password.
const std::string& DummyPasswordHash();
// The most hashes ever computed at once in this process (never above
// kConcurrentHashes): what the limit held, for tests and diagnostics.
int PeakConcurrentHashes();

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_PEOPLE_PASSWORD_HASH_H_
