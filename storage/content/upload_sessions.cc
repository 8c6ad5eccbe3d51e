#include "storage/content/upload_sessions.h"

#include "storage/base/bytes.h"
#include "storage/base/error_reason.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"

namespace hoso::storage {

bool UploadExpired(const UploadSessionRecord& record, const UploadSettings& settings,
                   int64_t now_unix) {
  if (record.upload_id().empty()) return true;
  const int64_t last = std::max(record.updated_unix(), record.started_unix());
  return now_unix - last >= settings.expiry_seconds;
}

absl::StatusOr<std::vector<UploadSession>> ListUploadSessions(const Database& database,
                                                              std::string_view prefix) {
  std::vector<UploadSession> out;
  absl::Status parsed;
  absl::Status scanned = database.Scan(prefix, [&](std::string_view key, std::string_view value) {
    UploadSession session;
    session.key = std::string(key);
    if (!session.record.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
      // An unreadable session is dropped like an expired one: its chunks are
      // only ever read back by a resume, which would start again anyway.
      session.record.Clear();
    }
    out.push_back(std::move(session));
    return true;
  });
  if (!scanned.ok()) return scanned;
  return out;
}

absl::Status ValidateUploadId(std::string_view id) {
  bool ok = id.size() >= 16 && id.size() <= 64;
  for (char c : id) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
  }
  if (ok) return absl::OkStatus();
  return absl::InvalidArgumentError("upload id \"" + std::string(id.substr(0, 64)) +
                                    "\" must be 16 to 64 of a-z, 0-9, '-', '_'");
}

absl::Status UnfinishedQuotaExceeded(uint64_t unfinished, uint64_t adding,
                                     const UploadSettings& settings) {
  const int64_t days = std::max<int64_t>(1, settings.expiry_seconds / 86400);
  return WithReason(
      absl::ResourceExhaustedError(
          "Bạn đang có " + HumanBytes(unfinished) + " tải lên dở dang; thêm " + HumanBytes(adding) +
          " sẽ vượt mức " + HumanBytes(settings.max_unfinished_bytes) +
          " cho mỗi người. Hãy chạy lại lệnh tải lên để hoàn tất các tệp đang dở, hoặc chờ chúng "
          "hết hạn (sau " +
          std::to_string(days) + " ngày không tiếp tục)."),
      reason::kUnfinishedUploadsFull,
      {{"limit_bytes", std::to_string(settings.max_unfinished_bytes)},
       {"unfinished_bytes", std::to_string(unfinished)},
       {"expiry_days", std::to_string(days)}});
}

}  // namespace hoso::storage
