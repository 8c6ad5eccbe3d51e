#ifndef HOSO_CLIENTS_WEB_TUS_ID_H_
#define HOSO_CLIENTS_WEB_TUS_ID_H_

// The id of a tus upload names what it is, so that nothing is stored: the
// content's SHA-256, its size and the school it is for, base64url-encoded;
// or, for an upload hashed while it is sent (the SHA-256 comes with its last
// PATCH), "u." and the page's upload id, the size and the school. hosod keeps
// the upload's state (its durable resume offset); the id is validated on
// every use and grants nothing (hosod checks the caller).
#include <cstdint>
#include <optional>
#include <string>

namespace hoso::web {

struct TusId {
  std::string sha256;     // 64 lower-case hex digits; empty with an upload_id
  std::string upload_id;  // hosod's UploadHeader.upload_id; empty with a sha256
  uint64_t size = 0;
  std::string school;
};

std::string EncodeTusId(const TusId& id);
// nullopt when `text` is not an id this server made.
std::optional<TusId> DecodeTusId(const std::string& text);
// A lower-case SHA-256 in hex, or nullopt.
std::optional<std::string> NormalizedSha256(const std::string& hex);
bool IsSchoolCode(const std::string& school);
// 16-64 of a-z, 0-9, '-' and '_', as hosod takes an upload id.
bool IsUploadId(const std::string& upload_id);

}  // namespace hoso::web

#endif  // HOSO_CLIENTS_WEB_TUS_ID_H_
