#ifndef HOSO_STORAGE_CONTENT_UPLOAD_SESSIONS_H_
#define HOSO_STORAGE_CONTENT_UPLOAD_SESSIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

class Database;

// How long unfinished uploads are kept and how much of them one person may
// hold; hosod's --upload-expiry and --max-unfinished set them.
struct UploadSettings {
  int64_t expiry_seconds = 3 * 86400;           // without progress this long: dropped
  uint64_t max_unfinished_bytes = 20ull << 30;  // per user; 0: no limit
};

// One unfinished upload as the index keeps it (under keys::kUploadPrefix).
struct UploadSession {
  std::string key;
  UploadSessionRecord record;
};

// Whether `record` is past its expiry at `now_unix`. A record written before
// sessions had owners (no upload id) always is: nobody can resume it.
bool UploadExpired(const UploadSessionRecord& record, const UploadSettings& settings,
                   int64_t now_unix);

// Every session whose key starts with `prefix` (keys::kUploadPrefix: all;
// keys::UploadsOf(user): one person's).
absl::StatusOr<std::vector<UploadSession>> ListUploadSessions(const Database& database,
                                                              std::string_view prefix);

// InvalidArgument unless `id` is 16 to 64 of a-z, 0-9, '-', '_' (what a
// client names an upload hashed while it is sent).
absl::Status ValidateUploadId(std::string_view id);

// ResourceExhausted, in Vietnamese: the user holds `unfinished` bytes of
// unfinished uploads and this one would add `adding`.
absl::Status UnfinishedQuotaExceeded(uint64_t unfinished, uint64_t adding,
                                     const UploadSettings& settings);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_UPLOAD_SESSIONS_H_
