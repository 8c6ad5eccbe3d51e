#ifndef HOSO_STORAGE_CONTENT_CONTENT_HOLDINGS_H_
#define HOSO_STORAGE_CONTENT_CONTENT_HOLDINGS_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "storage/index/write_batch.h"

namespace hoso::storage {

class Database;

// Who asks about, uploads or links content: a person, and the school the call
// is for. Content is stored once for the whole server (dedup), but a hash is
// no secret (it is in manifests and the audit log), so knowing it proves
// nothing: a caller sees and links only content it holds.
struct ContentHolder {
  std::string user;    // empty: the server itself, which holds everything
  std::string school;  // normalised school code; empty: the user's own uploads only
};

// Whether `holder` holds the content `raw_sha` (32 bytes): its school
// references it or had its bytes uploaded, or the user uploaded them. Says
// nothing about whether the content is stored.
absl::StatusOr<bool> HoldsContent(const Database& database, const ContentHolder& holder,
                                  std::string_view raw_sha);

// Whether `holder` holds some content of exactly `size` bytes (the school's
// holdings with a school, else the user's uploads): a likely duplicate.
absl::StatusOr<bool> HoldsSize(const Database& database, const ContentHolder& holder,
                               uint64_t size);

// Adds to `batch` the claims of `holder` on `raw_sha` of `size` bytes: the
// user's (proof of possession: they sent the bytes) and, with a school, the
// school's.
void AddUploadClaims(WriteBatch& batch, const ContentHolder& holder, std::string_view raw_sha,
                     uint64_t size);

// Adds to `batch` that `school` references `raw_sha` (an evidence file).
void AddSchoolHolding(WriteBatch& batch, std::string_view school, std::string_view raw_sha,
                      uint64_t size);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_CONTENT_HOLDINGS_H_
