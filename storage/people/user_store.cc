#include "storage/people/user_store.h"

#include <algorithm>
#include <set>

#include "storage/frameworks/framework_catalog.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/people/login_code_store.h"
#include "storage/people/token_store.h"
#include "storage/schools/school_store.h"

namespace hoso::storage {
namespace {

std::string Describe(const GrantRecord& g) {
  std::string out = g.role() + " in " + g.school();
  if (g.standards_size() > 0) {
    out += " (standards";
    for (int s : g.standards()) out.append(" ").append(std::to_string(s));
    out += ")";
  }
  if (g.expires_unix() != 0) out.append(" until ").append(std::to_string(g.expires_unix()));
  return out;
}

}  // namespace

const GrantRecord* GrantIn(const UserRecord& user, std::string_view school, int64_t now_unix) {
  const GrantRecord* found = nullptr;
  for (const GrantRecord& g : user.grants()) {
    if (g.expires_unix() != 0 && g.expires_unix() <= now_unix) continue;
    if (g.school() == school) return &g;
    if (g.school() == kEverySchool) found = &g;
  }
  return found;
}

UserStore::UserStore(Database* database, const SchoolStore* schools,
                     const FrameworkCatalog* frameworks)
    : database_(database), schools_(schools), frameworks_(frameworks) {}

absl::Status UserStore::ValidateName(std::string_view name) {
  const bool ok_length = name.size() >= 2 && name.size() <= 64;
  bool ok_chars = !name.empty() && name[0] >= 'a' && name[0] <= 'z';
  for (char c : name) {
    ok_chars = ok_chars && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                            c == '_' || c == '-');
  }
  if (ok_length && ok_chars) return absl::OkStatus();
  return absl::InvalidArgumentError("user name \"" + std::string(name.substr(0, 64)) +
                                    "\" must be 2 to 64 of a-z, 0-9, '.', '_', '-', starting with "
                                    "a letter (e.g. \"lan.nguyen\"); "
                                    "put the full name in --full-name");
}

namespace {

bool IsServerAdmin(const UserRecord& user, int64_t now_unix) {
  const GrantRecord* g = GrantIn(user, kEverySchool, now_unix);
  return g != nullptr && g->school() == kEverySchool && g->role() == kRoleAdmin;
}

// Deletes every token of `name` in `batch`, with their password and login
// codes: nobody signs in as a removed user. Returns how many tokens.
absl::StatusOr<int> DeleteTokensOf(const Database& database, std::string_view name,
                                   WriteBatch& batch) {
  batch.Delete(keys::Password(name));
  auto codes = DeleteLoginCodesOf(database, name, batch);
  if (!codes.ok()) return codes.status();
  auto tokens = ScanTokens(database);
  if (!tokens.ok()) return tokens.status();
  int revoked = 0;
  for (const StoredToken& token : *tokens) {
    if (token.record.user() != name) continue;
    batch.Delete(token.key);
    ++revoked;
  }
  return revoked;
}

// Deletes in `batch` the content `name` holds as a person (what they
// uploaded): a later holder of the name must not inherit it.
absl::Status DeleteHoldingsOf(const Database& database, std::string_view name, WriteBatch& batch) {
  for (std::string_view prefix : {keys::kUserHoldingPrefix, keys::kUserSizePrefix}) {
    absl::Status s = database.Scan(keys::SchoolScoped(prefix, name),
                                   [&](std::string_view key, std::string_view) {
                                     batch.Delete(key);
                                     return true;
                                   });
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<UserRecord> UserStore::Grant(const Actor& actor, std::string_view name,
                                            std::string_view full_name, GrantRecord grant,
                                            const GrantCheck& check) {
  if (absl::Status s = ValidateName(name); !s.ok()) return s;
  const std::string& role = grant.role();
  if (role != kRoleAdmin && role != kRoleSecretary && role != kRoleTeacher &&
      role != kRoleAssessor) {
    return absl::InvalidArgumentError("unknown role \"" + role +
                                      "\"; roles: admin, secretary, teacher, assessor");
  }
  if (grant.school() == kEverySchool) {
    if (role != kRoleAdmin) {
      return absl::InvalidArgumentError("only admin can be held in every school (--school '*')");
    }
  } else {
    auto school = schools_->Get(grant.school());
    if (!school.ok()) return school.status();
    grant.set_school(school->code());
    if (grant.standards_size() > 0) {
      if (role != kRoleSecretary) {
        return absl::InvalidArgumentError("--standards limits secretaries only");
      }
      const Framework* framework = frameworks_->Find(school->framework());
      std::set<int> known;
      if (framework != nullptr) {
        for (const auto& standard : framework->standards()) known.insert(standard.number());
      }
      for (int s : grant.standards()) {
        if (!known.count(s)) {
          return absl::InvalidArgumentError("standard " + std::to_string(s) + " is not in " +
                                            school->framework());
        }
      }
    }
  }
  if (grant.expires_unix() != 0 && grant.expires_unix() <= database_->clock().NowUnix()) {
    return absl::InvalidArgumentError("the expiry date has passed already");
  }
  auto clean_full_name = text::CleanText("full name", full_name, 200);
  if (!clean_full_name.ok()) return clean_full_name.status();
  grant.set_granted_by(actor.user);
  grant.set_granted_unix(database_->clock().NowUnix());

  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto existing = ReadRecord<UserRecord>(*database_, keys::User(name));
  if (!existing.ok()) return existing.status();
  if (check) {
    if (absl::Status s = check(existing->has_value() ? &**existing : nullptr, *clean_full_name);
        !s.ok()) {
      return s;
    }
  }
  WriteBatch batch;
  UserRecord user;
  std::string renewed;
  if (existing->has_value() && !(*existing)->grants().empty()) {
    user = **existing;
  } else {
    if (existing->has_value()) {
      // A name without roles is free: whatever its last holder left goes.
      auto revoked = DeleteTokensOf(*database_, name, batch);
      if (!revoked.ok()) return revoked.status();
      if (absl::Status s = DeleteHoldingsOf(*database_, name, batch); !s.ok()) return s;
      renewed = std::string("; a new person (the name's old record and ") +
                std::to_string(*revoked) + " token(s) removed)";
    }
    user.set_name(std::string(name));
    user.set_created_unix(database_->clock().NowUnix());
  }
  if (!clean_full_name->empty()) user.set_full_name(*clean_full_name);
  auto* grants = user.mutable_grants();
  grants->erase(std::remove_if(grants->begin(), grants->end(),
                               [&](const GrantRecord& g) { return g.school() == grant.school(); }),
                grants->end());
  *user.add_grants() = grant;

  batch.Put(keys::User(name), user.SerializeAsString());
  const AuditFacts facts{.action = "user.grant",
                         .school = grant.school() == kEverySchool ? "" : grant.school(),
                         .target = "user " + std::string(name),
                         .detail = Describe(grant) + renewed};
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return user;
}

absl::StatusOr<UserRecord> UserStore::Remove(const Actor& actor, std::string_view name,
                                             std::string_view school) {
  std::lock_guard<std::mutex> lock(database_->write_mutex());
  auto existing = ReadRecord<UserRecord>(*database_, keys::User(name));
  if (!existing.ok()) return existing.status();
  if (!existing->has_value()) return absl::NotFoundError("no user " + std::string(name));
  UserRecord user = **existing;
  WriteBatch batch;
  AuditFacts facts{.target = "user " + std::string(name)};
  const int64_t now = database_->clock().NowUnix();
  if (IsServerAdmin(user, now) && (school.empty() || school == kEverySchool)) {
    // Somebody must be left to manage the server.
    bool another = false;
    absl::Status scanned =
        ScanRecords<UserRecord>(*database_, keys::kUserPrefix, [&](std::string_view, UserRecord u) {
          another = another || (u.name() != user.name() && IsServerAdmin(u, now));
        });
    if (!scanned.ok()) return scanned;
    if (!another) {
      return absl::FailedPreconditionError(
          user.name() +
          " is the last server admin; make another one first (hoso user add NAME --school '*' "
          "--role admin)");
    }
  }
  std::string why_removed;
  if (!school.empty()) {
    auto* grants = user.mutable_grants();
    const auto before = grants->size();
    grants->erase(std::remove_if(grants->begin(), grants->end(),
                                 [&](const GrantRecord& g) { return g.school() == school; }),
                  grants->end());
    if (grants->size() == before) {
      return absl::NotFoundError("user " + std::string(name) + " holds no role in " +
                                 std::string(school));
    }
    facts.action = "user.revoke_role";
    facts.school = school == kEverySchool ? "" : std::string(school);
    facts.detail = "role in " + std::string(school) + " removed";
    if (!grants->empty()) batch.Put(keys::User(name), user.SerializeAsString());
    why_removed = "; it was their last: the user is removed, ";
  }
  if (school.empty() || user.grants().empty()) {
    // Their tokens go in the same write: nobody keeps access to a removed user.
    batch.Delete(keys::User(name));
    auto revoked = DeleteTokensOf(*database_, name, batch);
    if (!revoked.ok()) return revoked.status();
    if (absl::Status s = DeleteHoldingsOf(*database_, name, batch); !s.ok()) return s;
    if (school.empty()) facts.action = "user.remove";
    facts.detail +=
        (school.empty() ? "" : why_removed) + std::to_string(*revoked) + " token(s) revoked";
  }
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return user;
}

absl::StatusOr<UserRecord> UserStore::Get(std::string_view name) const {
  auto record = ReadRecord<UserRecord>(*database_, keys::User(name));
  if (!record.ok()) return record.status();
  if (!record->has_value()) return absl::NotFoundError("no user " + std::string(name));
  return **record;
}

absl::StatusOr<std::vector<UserRecord>> UserStore::List(std::string_view school) const {
  std::vector<UserRecord> users;
  absl::Status scanned = ScanRecords<UserRecord>(
      *database_, keys::kUserPrefix, [&](std::string_view, UserRecord user) {
        const bool member = school.empty() ||
                            std::any_of(user.grants().begin(), user.grants().end(),
                                        [&](const GrantRecord& g) { return g.school() == school; });
        if (member) users.push_back(std::move(user));
      });
  if (!scanned.ok()) return scanned;
  std::stable_sort(users.begin(), users.end(), [this](const UserRecord& a, const UserRecord& b) {
    const std::string& x = a.full_name().empty() ? a.name() : a.full_name();
    const std::string& y = b.full_name().empty() ? b.name() : b.full_name();
    return collator_.Less(x, y);
  });
  return users;
}

}  // namespace hoso::storage
