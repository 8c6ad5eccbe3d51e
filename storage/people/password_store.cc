#include "storage/people/password_store.h"

#include <string>

#include "storage/base/error_reason.h"
#include "storage/base/text.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/people/password_hash.h"

namespace hoso::storage {

absl::Status PasswordStore::CheckRules(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    return absl::InvalidArgumentError(std::string("mật khẩu dài quá ") +
                                      std::to_string(kMaxPasswordBytes) + " byte");
  }
  auto clean = text::CleanText("password", password, kMaxPasswordBytes);
  if (!clean.ok()) return clean.status();
  size_t characters = 0;
  for (unsigned char c : *clean) characters += (c & 0xC0) != 0x80;
  if (characters < kMinPasswordLength) {
    return WithReason(absl::InvalidArgumentError(std::string("mật khẩu cần ít nhất ") +
                                                 std::to_string(kMinPasswordLength) + " ký tự"),
                      reason::kPasswordTooShort,
                      {{"min_length", std::to_string(kMinPasswordLength)}});
  }
  return absl::OkStatus();
}

absl::Status PasswordStore::Set(const Actor& actor, std::string_view user,
                                std::string_view password) {
  if (absl::Status s = CheckRules(password); !s.ok()) return s;
  // Hashing takes a while and 64 MiB: outside the write lock.
  auto hash = HashPassword(text::Nfc(password));
  if (!hash.ok()) return hash.status();
  PasswordRecord record;
  record.set_hash(*hash);
  record.set_set_unix(database_->clock().NowUnix());
  record.set_set_by(actor.user);

  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto owner = ReadRecord<UserRecord>(*database_, keys::User(user));
  if (!owner.ok()) return owner.status();
  if (!owner->has_value()) return absl::NotFoundError("no user " + std::string(user));
  auto before = ReadRecord<PasswordRecord>(*database_, keys::Password(user));
  if (!before.ok()) return before.status();
  WriteBatch batch;
  batch.Put(keys::Password(user), record.SerializeAsString());
  const AuditFacts facts{.action = "password.set",
                         .target = "user " + std::string(user),
                         .detail = std::string(before->has_value() ? "changed" : "first set") +
                                   (actor.user == user ? " by the user" : " by " + actor.user)};
  return database_->audit().Commit(actor, facts, std::move(batch));
}

absl::StatusOr<bool> PasswordStore::Matches(std::string_view user,
                                            std::string_view password) const {
  auto record = ReadRecord<PasswordRecord>(*database_, keys::Password(user));
  if (!record.ok()) return record.status();
  if (!record->has_value()) {
    VerifyPassword(DummyPasswordHash(), password);
    return false;
  }
  // NFC, as when it was set: "ệ" typed on a Mac matches "ệ" typed elsewhere.
  return VerifyPassword((*record)->hash(), text::Nfc(password));
}

absl::StatusOr<bool> PasswordStore::IsSet(std::string_view user) const {
  auto record = ReadRecord<PasswordRecord>(*database_, keys::Password(user));
  if (!record.ok()) return record.status();
  return record->has_value();
}

}  // namespace hoso::storage
