#ifndef HOSO_STORAGE_PEOPLE_PASSWORD_STORE_H_
#define HOSO_STORAGE_PEOPLE_PASSWORD_STORE_H_

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/index/audit_log.h"

namespace hoso::storage {

class Database;

// A password has at least this many characters (code points).
inline constexpr size_t kMinPasswordLength = 10;
// And at most this many bytes: hashing is costly enough without megabytes.
inline constexpr size_t kMaxPasswordBytes = 1024;

// Users' passwords, stored only as Argon2id hashes (password_hash.h) of
// their NFC form under P/<user>. Removing a user removes theirs (UserStore::Remove). Thread-safe.
class PasswordStore {
 public:
  explicit PasswordStore(Database* database) : database_(database) {}

  // InvalidArgument with reason PASSWORD_TOO_SHORT (metadata min_length)
  // below kMinPasswordLength characters; InvalidArgument above
  // kMaxPasswordBytes or for text that is not UTF-8 or holds control characters.
  static absl::Status CheckRules(std::string_view password);
  // Sets `user`'s password (an audited write, the secret kept out of it).
  // NotFound for an unknown user.
  absl::Status Set(const Actor& actor, std::string_view user, std::string_view password);
  // Whether `password` is `user`'s. False for a user without a password or
  // unknown, after the same work as a real check (a dummy hash), so the
  // answer's timing does not tell which names exist.
  absl::StatusOr<bool> Matches(std::string_view user, std::string_view password) const;
  // Whether `user` has a password.
  absl::StatusOr<bool> IsSet(std::string_view user) const;

 private:
  Database* const database_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_PEOPLE_PASSWORD_STORE_H_
