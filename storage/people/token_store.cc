#include "storage/people/token_store.h"

#include <openssl/rand.h>

#include <algorithm>

#include "storage/base/sha256.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"

namespace hoso::storage {
namespace {

constexpr size_t kIdDigits = 12;

// Records from before token ids carry none: derive it from the key.
void FillId(TokenRecord& record, std::string_view key) {
  if (!record.id().empty()) return;
  auto hash = DigestFromBytes(key.substr(keys::kTokenPrefix.size()));
  if (hash) record.set_id(ToHex(*hash).substr(0, kIdDigits));
}

}  // namespace

TokenStore::TokenStore(Database* database) : database_(database) {}

absl::StatusOr<IssuedToken> TokenStore::Issue(const Actor& actor, std::string_view user,
                                              int64_t expires_unix) {
  if (expires_unix != 0 && expires_unix <= database_->clock().NowUnix()) {
    return absl::InvalidArgumentError("the expiry has passed already");
  }
  Sha256Digest secret{};
  if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1) {
    return absl::InternalError("the system random generator failed");
  }
  IssuedToken issued;
  issued.token = "hoso_" + ToHex(secret);
  const Sha256Digest hash = Sha256Of(issued.token);
  TokenRecord& record = issued.record;
  record.set_user(std::string(user));
  record.set_created_unix(database_->clock().NowUnix());
  record.set_expires_unix(expires_unix);
  record.set_id(ToHex(hash).substr(0, kIdDigits));
  record.set_issued_by(actor.user);

  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto owner = ReadRecord<UserRecord>(*database_, keys::User(user));
  if (!owner.ok()) return owner.status();
  if (!owner->has_value()) return absl::NotFoundError("no user " + std::string(user));
  WriteBatch batch;
  batch.Put(keys::Token(DigestBytes(hash)), record.SerializeAsString());
  const AuditFacts facts{
      .action = "token.issue",
      .target = "user " + std::string(user),
      .detail = "token " + record.id() +
                (expires_unix ? " expires " + std::to_string(expires_unix) : " never expires")};
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return issued;
}

absl::StatusOr<TokenRecord> TokenStore::Verify(std::string_view token,
                                               std::string* expired_user) const {
  auto record = ReadRecord<TokenRecord>(*database_, keys::Token(DigestBytes(Sha256Of(token))));
  if (!record.ok()) return record.status();
  if (!record->has_value())
    return absl::UnauthenticatedError("the token is not valid (unknown or revoked)");
  if ((*record)->expires_unix() != 0 && (*record)->expires_unix() <= database_->clock().NowUnix()) {
    if (expired_user != nullptr) *expired_user = (*record)->user();
    return absl::UnauthenticatedError("the token has expired; ask an admin for a new one");
  }
  return **record;
}

absl::StatusOr<std::vector<StoredToken>> ScanTokens(const Database& database) {
  std::vector<StoredToken> out;
  absl::Status scanned = ScanRecords<TokenRecord>(
      database, keys::kTokenPrefix, [&](std::string_view key, TokenRecord record) {
        FillId(record, key);
        out.push_back(StoredToken{std::string(key), std::move(record)});
      });
  if (!scanned.ok()) return scanned;
  return out;
}

absl::StatusOr<TokenRecord> TokenStore::Revoke(const Actor& actor, std::string_view id) {
  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto tokens = ScanTokens(*database_);
  if (!tokens.ok()) return tokens.status();
  for (const auto& [key, record] : *tokens) {
    if (record.id() != id) continue;
    WriteBatch batch;
    batch.Delete(key);
    const AuditFacts facts{.action = "token.revoke",
                           .target = "user " + record.user(),
                           .detail = "token " + record.id()};
    if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
      return s;
    }
    return record;
  }
  return absl::NotFoundError("no token " + std::string(id) + " (see hoso token ls)");
}

absl::StatusOr<std::vector<TokenRecord>> TokenStore::List(std::string_view user) const {
  std::vector<TokenRecord> out;
  auto tokens = ScanTokens(*database_);
  if (!tokens.ok()) return tokens.status();
  for (auto& token : *tokens) {
    if (user.empty() || token.record.user() == user) out.push_back(std::move(token.record));
  }
  std::stable_sort(out.begin(), out.end(), [](const TokenRecord& a, const TokenRecord& b) {
    return a.created_unix() < b.created_unix();
  });
  return out;
}

}  // namespace hoso::storage
