#include "storage/token_store.h"

#include <openssl/rand.h>

#include "storage/database.h"
#include "storage/index_io.h"
#include "storage/keys.h"
#include "storage/sha256.h"

namespace hoso::storage {

TokenStore::TokenStore(Database* database) : database_(database) {}

absl::StatusOr<std::string> TokenStore::Issue(std::string_view user, std::string_view role,
                                              int64_t expires_unix) {
  Sha256Digest secret{};
  if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1) {
    return absl::InternalError("the system random generator failed");
  }
  const std::string token = "hoso_" + ToHex(secret);
  TokenRecord record;
  record.set_user(std::string(user));
  record.set_role(std::string(role));
  record.set_created_unix(NowUnix());
  record.set_expires_unix(expires_unix);
  absl::Status s = FromRocks(
      database_->db()->Put(Database::Durable(), database_->index(),
                           keys::Token(DigestBytes(Sha256Of(token))), record.SerializeAsString()),
      "storing a token");
  if (!s.ok()) return s;
  return token;
}

absl::StatusOr<TokenRecord> TokenStore::Verify(std::string_view token) const {
  auto record = ReadRecord<TokenRecord>(*database_, keys::Token(DigestBytes(Sha256Of(token))));
  if (!record.ok()) return record.status();
  if (!record->has_value()) return absl::UnauthenticatedError("the token is not valid");
  if ((*record)->expires_unix() != 0 && (*record)->expires_unix() <= NowUnix()) {
    return absl::UnauthenticatedError("the token has expired");
  }
  return **record;
}

}  // namespace hoso::storage
