#include "storage/content/content_backend.h"

#include "storage/index/database.h"
#include "storage/index/keys.h"

namespace hoso::storage {
namespace {

constexpr std::string_view kMigratingTo = "\nmigrating-to ";

}  // namespace

std::string ContentBackendRecord::Describe() const {
  return migrating() ? current + ", moving to " + migrating_to : current;
}

std::string S3BackendName(const S3Target& target) {
  std::string prefix = target.prefix;
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return "s3://" + target.bucket + (prefix.empty() ? "" : "/" + prefix);
}

absl::StatusOr<std::optional<ContentBackendRecord>> ReadContentBackend(const Database& database) {
  auto value = database.Get(keys::ContentBackend());
  if (!value.ok()) return value.status();
  if (!value->has_value()) return std::optional<ContentBackendRecord>();
  const std::string& text = **value;
  ContentBackendRecord record;
  const size_t at = text.find(kMigratingTo);
  record.current = text.substr(0, at);
  if (at != std::string::npos) record.migrating_to = text.substr(at + kMigratingTo.size());
  if (record.current.empty()) {
    return absl::DataLossError("the index's record of where the content is (" +
                               keys::Printable(keys::ContentBackend()) + ") is malformed");
  }
  return std::optional<ContentBackendRecord>(std::move(record));
}

std::string EncodeContentBackend(const ContentBackendRecord& record) {
  std::string out = record.current;
  if (record.migrating()) out.append(kMigratingTo).append(record.migrating_to);
  return out;
}

absl::StatusOr<bool> HoldsChunks(const Database& database) {
  bool any = false;
  absl::Status s = database.ScanChunks([&](std::string_view, std::string_view) {
    any = true;
    return false;
  });
  if (!s.ok()) return s;
  return any;
}

}  // namespace hoso::storage
