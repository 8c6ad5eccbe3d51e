#ifndef HOSO_STORAGE_PEOPLE_USER_STORE_H_
#define HOSO_STORAGE_PEOPLE_USER_STORE_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/base/text.h"
#include "storage/index/audit_log.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

class Database;
class FrameworkCatalog;
class SchoolStore;

// The roles a user can hold in a school.
inline constexpr std::string_view kRoleAdmin = "admin";
inline constexpr std::string_view kRoleSecretary = "secretary";
inline constexpr std::string_view kRoleTeacher = "teacher";
inline constexpr std::string_view kRoleAssessor = "assessor";
// The school of a server-wide grant (district office, server operator).
inline constexpr std::string_view kEverySchool = "*";

// People and the roles they hold per school. Thread-safe; every change is
// one audited write.
class UserStore {
 public:
  UserStore(Database* database, const SchoolStore* schools, const FrameworkCatalog* frameworks);

  // Login names: 2..64 of a-z, 0-9, '.', '_', '-', starting with a letter.
  static absl::Status ValidateName(std::string_view name);

  // Who may give a role: called under the write lock with the stored user
  // (null for a new person) and the normalised full name (empty: unchanged).
  using GrantCheck =
      std::function<absl::Status(const UserRecord* existing, const std::string& full_name)>;
  // Gives `name` the role of `grant` in grant.school (replacing a role they
  // held there), creating the user when new. `full_name` (NFC) is kept when
  // empty. A user left without roles (by an older hosod) is a new person:
  // their old record and tokens go. `check` (may be null) runs first.
  absl::StatusOr<UserRecord> Grant(const Actor& actor, std::string_view name,
                                   std::string_view full_name, GrantRecord grant,
                                   const GrantCheck& check = nullptr);
  // Takes the user's role in `school` away; with an empty school, or when it
  // was their last role, removes the user and all their tokens (a name used
  // again is a new person). FailedPrecondition for the last server admin.
  absl::StatusOr<UserRecord> Remove(const Actor& actor, std::string_view name,
                                    std::string_view school);
  // NotFound: "no user lan".
  absl::StatusOr<UserRecord> Get(std::string_view name) const;
  // Users holding a role in `school` (empty: everyone), by full name in
  // Vietnamese order.
  absl::StatusOr<std::vector<UserRecord>> List(std::string_view school) const;

 private:
  Database* const database_;
  const SchoolStore* const schools_;
  const FrameworkCatalog* const frameworks_;
  text::VietnameseCollator collator_;
};

// The grant a user holds in `school`, or the server-wide one; nullptr if none
// or expired at `now_unix`.
const GrantRecord* GrantIn(const UserRecord& user, std::string_view school, int64_t now_unix);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_PEOPLE_USER_STORE_H_
