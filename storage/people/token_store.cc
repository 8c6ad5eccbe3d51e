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

absl::StatusOr<IssuedToken> MintToken(const Actor& actor, std::string_view user, int64_t now_unix,
                                      int64_t expires_unix, bool session) {
  Sha256Digest secret{};
  if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1) {
    return absl::InternalError("the system random generator failed");
  }
  IssuedToken issued;
  issued.token = "hoso_" + ToHex(secret);
  const Sha256Digest hash = Sha256Of(issued.token);
  TokenRecord& record = issued.record;
  record.set_user(std::string(user));
  record.set_created_unix(now_unix);
  record.set_expires_unix(expires_unix);
  record.set_id(ToHex(hash).substr(0, kIdDigits));
  record.set_issued_by(actor.user);
  record.set_session(session);
  issued.key = keys::Token(DigestBytes(hash));
  return issued;
}

absl::StatusOr<int> DeleteExpiredSessions(const Database& database, int64_t now_unix,
                                          WriteBatch& batch) {
  auto tokens = ScanTokens(database);
  if (!tokens.ok()) return tokens.status();
  int deleted = 0;
  for (const StoredToken& token : *tokens) {
    const TokenRecord& r = token.record;
    if (!r.session() || r.expires_unix() == 0 || r.expires_unix() > now_unix) continue;
    batch.Delete(token.key);
    ++deleted;
  }
  return deleted;
}

absl::StatusOr<IssuedToken> TokenStore::Issue(const Actor& actor, std::string_view user,
                                              int64_t expires_unix) {
  const int64_t now = database_->clock().NowUnix();
  if (expires_unix != 0 && expires_unix <= now) {
    return absl::InvalidArgumentError("the expiry has passed already");
  }
  auto issued = MintToken(actor, user, now, expires_unix, false);
  if (!issued.ok()) return issued.status();
  const TokenRecord& record = issued->record;

  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto owner = ReadRecord<UserRecord>(*database_, keys::User(user));
  if (!owner.ok()) return owner.status();
  if (!owner->has_value()) return absl::NotFoundError("no user " + std::string(user));
  WriteBatch batch;
  batch.Put(issued->key, record.SerializeAsString());
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

absl::StatusOr<IssuedToken> TokenStore::IssueSession(std::string_view user, int64_t expires_unix,
                                                     std::string_view how) {
  const int64_t now = database_->clock().NowUnix();
  if (expires_unix <= now) return absl::InvalidArgumentError("the session would have expired");
  const Actor actor{std::string(user), ""};
  auto issued = MintToken(actor, user, now, expires_unix, true);
  if (!issued.ok()) return issued.status();

  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto owner = ReadRecord<UserRecord>(*database_, keys::User(user));
  if (!owner.ok()) return owner.status();
  if (!owner->has_value() || (*owner)->grants().empty()) {
    return absl::NotFoundError("no user " + std::string(user));
  }
  WriteBatch batch;
  auto cleared = DeleteExpiredSessions(*database_, now, batch);
  if (!cleared.ok()) return cleared.status();
  batch.Put(issued->key, issued->record.SerializeAsString());
  const AuditFacts facts{.action = "session.start",
                         .target = "user " + std::string(user),
                         .detail = "by " + std::string(how) + ", token " + issued->record.id() +
                                   " expires " + std::to_string(expires_unix)};
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
  TokenRecord found = **record;
  FillId(found, keys::Token(DigestBytes(Sha256Of(token))));
  return found;
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
