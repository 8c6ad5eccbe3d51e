#ifndef HOSO_STORAGE_PEOPLE_TOKEN_STORE_H_
#define HOSO_STORAGE_PEOPLE_TOKEN_STORE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/index/audit_log.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

class Database;
class WriteBatch;

struct IssuedToken {
  std::string token;  // shown once, never stored
  TokenRecord record;
  std::string key;  // where the record goes: t/<sha256(token)>
};

// A new random token (256 bits) of `user`, not yet stored: the caller puts
// record under key in its own write. expires_unix 0 means never.
absl::StatusOr<IssuedToken> MintToken(const Actor& actor, std::string_view user, int64_t now_unix,
                                      int64_t expires_unix, bool session);
// Deletes in `batch` the sessions expired at `now_unix`: every sign-in makes
// one, so they would pile up. Returns how many.
absl::StatusOr<int> DeleteExpiredSessions(const Database& database, int64_t now_unix,
                                          WriteBatch& batch);

// A stored token: its index key and record (with its id filled in).
struct StoredToken {
  std::string key;
  TokenRecord record;
};
// Every stored token, in key order. DataLoss for an unreadable record.
absl::StatusOr<std::vector<StoredToken>> ScanTokens(const Database& database);

// Bearer tokens. Only the SHA-256 of a token is stored, so a copy of the
// database does not give access. Thread-safe.
class TokenStore {
 public:
  explicit TokenStore(Database* database);

  // Creates a random token (256 bits) for `user`; it cannot be recovered
  // later. expires_unix 0 means never. The user must exist.
  absl::StatusOr<IssuedToken> Issue(const Actor& actor, std::string_view user,
                                    int64_t expires_unix);
  // A sign-in session of `user` (TokenRecord.session), expiring at
  // expires_unix; `how` ("password") goes into the audit entry. The user must
  // exist and hold a role. Expired sessions are cleared in the same write.
  absl::StatusOr<IssuedToken> IssueSession(std::string_view user, int64_t expires_unix,
                                           std::string_view how);
  // The token's record, or Unauthenticated (unknown, revoked or expired);
  // for an expired one `expired_user` (if given) names its user.
  absl::StatusOr<TokenRecord> Verify(std::string_view token,
                                     std::string* expired_user = nullptr) const;
  // Revokes at once the token with this id (TokenRecord.id). NotFound.
  absl::StatusOr<TokenRecord> Revoke(const Actor& actor, std::string_view id);
  // The tokens of `user` (empty: all), oldest first.
  absl::StatusOr<std::vector<TokenRecord>> List(std::string_view user) const;

 private:
  Database* const database_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_PEOPLE_TOKEN_STORE_H_
