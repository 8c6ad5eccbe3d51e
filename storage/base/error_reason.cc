#include "storage/base/error_reason.h"

#include "absl/strings/cord.h"

namespace hoso {
namespace {

// Payload type URLs: private to hoso, read back only by MetadataOf/ReasonOf.
constexpr char kReasonUrl[] = "type.hoso.vn/reason";
constexpr char kMetadataUrl[] = "type.hoso.vn/reason-metadata";

}  // namespace

absl::Status WithReason(absl::Status status, std::string_view reason,
                        std::initializer_list<std::pair<std::string_view, std::string>> metadata) {
  if (status.ok()) return status;
  status.SetPayload(kReasonUrl, absl::Cord(absl::string_view(reason.data(), reason.size())));
  // Keys and values as NUL-separated pairs: no escaping, any UTF-8 survives.
  std::string packed;
  for (const auto& [key, value] : metadata) {
    packed.append(key);
    packed.push_back('\0');
    packed.append(value);
    packed.push_back('\0');
  }
  if (packed.empty()) {
    status.ErasePayload(kMetadataUrl);
  } else {
    status.SetPayload(kMetadataUrl, absl::Cord(packed));
  }
  return status;
}

std::string ReasonOf(const absl::Status& status) {
  auto payload = status.GetPayload(kReasonUrl);
  return payload ? std::string(*payload) : std::string();
}

ReasonMetadata MetadataOf(const absl::Status& status) {
  ReasonMetadata metadata;
  auto payload = status.GetPayload(kMetadataUrl);
  if (!payload) return metadata;
  const std::string packed(*payload);
  size_t at = 0;
  while (at < packed.size()) {
    const size_t key_end = packed.find('\0', at);
    if (key_end == std::string::npos) break;
    const size_t value_end = packed.find('\0', key_end + 1);
    if (value_end == std::string::npos) break;
    metadata.emplace_back(packed.substr(at, key_end - at),
                          packed.substr(key_end + 1, value_end - key_end - 1));
    at = value_end + 1;
  }
  return metadata;
}

}  // namespace hoso
