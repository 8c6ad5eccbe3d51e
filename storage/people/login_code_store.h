#ifndef HOSO_STORAGE_PEOPLE_LOGIN_CODE_STORE_H_
#define HOSO_STORAGE_PEOPLE_LOGIN_CODE_STORE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "storage/index/audit_log.h"
#include "storage/index/records.pb.h"
#include "storage/people/token_store.h"

namespace hoso::storage {

class Database;

struct IssuedLoginCode {
  std::string code;  // shown once, never stored
  LoginCodeRecord record;
};

// One-time login codes: the link or QR code a school admin prints for a
// teacher. 256 random bits, stored only as their SHA-256 (L/<hash>) with
// the user, school, expiry and issuer. Thread-safe.
class LoginCodeStore {
 public:
  explicit LoginCodeStore(Database* database) : database_(database) {}

  // A new code for `user` (who must exist), valid until expires_unix, filed
  // under `school` ("*": a server admin's). Codes expired by now are
  // cleared in the same write.
  absl::StatusOr<IssuedLoginCode> Issue(const Actor& actor, std::string_view user,
                                        std::string_view school, int64_t expires_unix);
  // Uses `code` up: deletes it and stores a session token of its user
  // (expiring at session_expires_unix) in one write under the write lock,
  // so of two racing uses exactly one gets a session. Unauthenticated with
  // reason LOGIN_CODE_INVALID for a code unknown, used or expired, or whose
  // user is gone.
  absl::StatusOr<IssuedToken> Consume(std::string_view code, int64_t session_expires_unix);

 private:
  Database* const database_;
};

// Deletes in `batch` every login code of `user` (a removed user's). Returns how many.
absl::StatusOr<int> DeleteLoginCodesOf(const Database& database, std::string_view user,
                                       WriteBatch& batch);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_PEOPLE_LOGIN_CODE_STORE_H_
