#include "storage/content/content_holdings.h"

#include "storage/index/database.h"
#include "storage/index/keys.h"

namespace hoso::storage {

absl::StatusOr<bool> HoldsContent(const Database& database, const ContentHolder& holder,
                                  std::string_view raw_sha) {
  if (holder.user.empty()) return true;
  if (!holder.school.empty()) {
    auto school = database.Get(keys::SchoolHolding(holder.school, raw_sha));
    if (!school.ok()) return school.status();
    if (school->has_value()) return true;
  }
  auto user = database.Get(keys::UserHolding(holder.user, raw_sha));
  if (!user.ok()) return user.status();
  return user->has_value();
}

absl::StatusOr<bool> HoldsSize(const Database& database, const ContentHolder& holder,
                               uint64_t size) {
  const std::string prefix =
      holder.school.empty() ? keys::HeldSizePrefix(keys::kUserSizePrefix, holder.user, size)
                            : keys::HeldSizePrefix(keys::kSchoolSizePrefix, holder.school, size);
  bool found = false;
  absl::Status scanned = database.Scan(prefix, [&](std::string_view, std::string_view) {
    found = true;
    return false;
  });
  if (!scanned.ok()) return scanned;
  return found;
}

void AddUploadClaims(WriteBatch& batch, const ContentHolder& holder, std::string_view raw_sha,
                     uint64_t size) {
  if (holder.user.empty()) return;
  batch.Put(keys::UserHolding(holder.user, raw_sha), "");
  batch.Put(keys::HeldSize(keys::kUserSizePrefix, holder.user, size, raw_sha), "");
  if (!holder.school.empty()) AddSchoolHolding(batch, holder.school, raw_sha, size);
}

void AddSchoolHolding(WriteBatch& batch, std::string_view school, std::string_view raw_sha,
                      uint64_t size) {
  batch.Put(keys::SchoolHolding(school, raw_sha), "");
  batch.Put(keys::HeldSize(keys::kSchoolSizePrefix, school, size, raw_sha), "");
}

}  // namespace hoso::storage
