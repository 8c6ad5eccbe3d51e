#ifndef HOSO_STORAGE_TOKEN_STORE_H_
#define HOSO_STORAGE_TOKEN_STORE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "storage/records.pb.h"

namespace hoso::storage {

class Database;

// Bearer tokens. Only the SHA-256 of a token is stored, so a copy of the
// database does not give access. Thread-safe.
class TokenStore {
 public:
  explicit TokenStore(Database* database);

  // Creates a random token (256 bits) for `user` and returns it; it cannot be
  // recovered later. expires_unix 0 means never.
  absl::StatusOr<std::string> Issue(std::string_view user, std::string_view role,
                                    int64_t expires_unix);
  // The token's record, or Unauthenticated (unknown or expired).
  absl::StatusOr<TokenRecord> Verify(std::string_view token) const;

 private:
  Database* const database_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_TOKEN_STORE_H_
