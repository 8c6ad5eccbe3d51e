#include "storage/people/login_code_store.h"

#include <openssl/rand.h>

#include "storage/base/error_reason.h"
#include "storage/base/sha256.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"

namespace hoso::storage {
namespace {

// Longer input is no code of ours: refused before hashing.
constexpr size_t kMaxCodeLength = 128;

// base64url without padding (RFC 4648 §5): 43 characters for 32 bytes, safe
// in a URL fragment and short enough for a QR code.
std::string Base64Url(const unsigned char* data, size_t size) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (size_t i = 0; i < size; ++i) {
    bits = bits << 8 | data[i];
    count += 8;
    while (count >= 6) {
      count -= 6;
      out.push_back(kAlphabet[(bits >> count) & 63]);
    }
  }
  if (count > 0) out.push_back(kAlphabet[(bits << (6 - count)) & 63]);
  return out;
}

absl::Status InvalidCode() {
  return WithReason(absl::UnauthenticatedError(
                        "mã đăng nhập không dùng được (sai, đã dùng hoặc hết hạn); xin quản trị "
                        "viên của trường một mã mới"),
                    reason::kLoginCodeInvalid);
}

// Deletes in `batch` the codes `drop` picks.
template <typename Drop>
absl::StatusOr<int> DeleteCodes(const Database& database, WriteBatch& batch, Drop drop) {
  int deleted = 0;
  absl::Status scanned = ScanRecords<LoginCodeRecord>(
      database, keys::kLoginCodePrefix, [&](std::string_view key, const LoginCodeRecord& code) {
        if (!drop(code)) return;
        batch.Delete(key);
        ++deleted;
      });
  if (!scanned.ok()) return scanned;
  return deleted;
}

}  // namespace

absl::StatusOr<int> DeleteLoginCodesOf(const Database& database, std::string_view user,
                                       WriteBatch& batch) {
  return DeleteCodes(database, batch,
                     [&](const LoginCodeRecord& code) { return code.user() == user; });
}

absl::StatusOr<IssuedLoginCode> LoginCodeStore::Issue(const Actor& actor, std::string_view user,
                                                      std::string_view school,
                                                      int64_t expires_unix) {
  const int64_t now = database_->clock().NowUnix();
  if (expires_unix <= now) return absl::InvalidArgumentError("the expiry has passed already");
  unsigned char secret[32];
  if (RAND_bytes(secret, sizeof secret) != 1) {
    return absl::InternalError("the system random generator failed");
  }
  IssuedLoginCode issued;
  issued.code = Base64Url(secret, sizeof secret);
  LoginCodeRecord& record = issued.record;
  record.set_user(std::string(user));
  record.set_school(std::string(school));
  record.set_created_unix(now);
  record.set_expires_unix(expires_unix);
  record.set_issued_by(actor.user);

  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto owner = ReadRecord<UserRecord>(*database_, keys::User(user));
  if (!owner.ok()) return owner.status();
  if (!owner->has_value()) return absl::NotFoundError("no user " + std::string(user));
  WriteBatch batch;
  auto cleared = DeleteCodes(
      *database_, batch, [&](const LoginCodeRecord& code) { return code.expires_unix() <= now; });
  if (!cleared.ok()) return cleared.status();
  batch.Put(keys::LoginCode(DigestBytes(Sha256Of(issued.code))), record.SerializeAsString());
  // The code itself stays out of the log; its hash's prefix names it.
  const AuditFacts facts{.action = "login_code.issue",
                         .school = school == "*" ? "" : std::string(school),
                         .target = "user " + std::string(user),
                         .detail = "code " + ToHex(Sha256Of(issued.code)).substr(0, 12) +
                                   " expires " + std::to_string(expires_unix)};
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return issued;
}

absl::StatusOr<IssuedToken> LoginCodeStore::Consume(std::string_view code,
                                                    int64_t session_expires_unix) {
  if (code.empty() || code.size() > kMaxCodeLength) return InvalidCode();
  const Sha256Digest hash = Sha256Of(code);
  const std::string key = keys::LoginCode(DigestBytes(hash));
  const int64_t now = database_->clock().NowUnix();

  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto record = ReadRecord<LoginCodeRecord>(*database_, key);
  if (!record.ok()) return record.status();
  if (!record->has_value() || (*record)->expires_unix() <= now) return InvalidCode();
  const LoginCodeRecord& found = **record;
  auto owner = ReadRecord<UserRecord>(*database_, keys::User(found.user()));
  if (!owner.ok()) return owner.status();
  if (!owner->has_value() || (*owner)->grants().empty()) return InvalidCode();
  const Actor actor{found.user(), ""};
  auto session = MintToken(actor, found.user(), now, session_expires_unix, true);
  if (!session.ok()) return session.status();
  WriteBatch batch;
  auto cleared = DeleteExpiredSessions(*database_, now, batch);
  if (!cleared.ok()) return cleared.status();
  batch.Delete(key);
  batch.Put(session->key, session->record.SerializeAsString());
  const AuditFacts facts{.action = "session.start",
                         .school = found.school() == "*" ? "" : found.school(),
                         .target = "user " + found.user(),
                         .detail = "by login code " + ToHex(hash).substr(0, 12) + " of " +
                                   found.issued_by() + ", token " + session->record.id() +
                                   " expires " + std::to_string(session_expires_unix)};
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return session;
}

}  // namespace hoso::storage
