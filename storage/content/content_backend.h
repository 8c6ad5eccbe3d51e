#ifndef HOSO_STORAGE_CONTENT_CONTENT_BACKEND_H_
#define HOSO_STORAGE_CONTENT_CONTENT_BACKEND_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "storage/objects/s3_target.h"

namespace hoso::storage {

class Database;

// Which backend holds a data directory's content bytes, recorded in the
// index (m/content_backend) so that a data dir on packs is never opened on a
// bucket (or another bucket), which would show every content as missing.
// A backend is named "packs" or "s3://BUCKET[/PREFIX]" (the endpoint may
// change; the bucket and prefix are where the bytes are).
struct ContentBackendRecord {
  std::string current;
  // Set while `hoso admin migrate-content` copies the bytes to this backend:
  // both are opened, new chunks go here.
  std::string migrating_to;

  bool migrating() const { return !migrating_to.empty(); }
  // "packs", or "packs, moving to s3://b": for messages.
  std::string Describe() const;
};

inline constexpr char kPacksBackend[] = "packs";

// The name of an S3 target as the record spells it.
std::string S3BackendName(const S3Target& target);

// The record, nullopt when none was written (a data dir from before it).
absl::StatusOr<std::optional<ContentBackendRecord>> ReadContentBackend(const Database& database);
// The value stored for `record`.
std::string EncodeContentBackend(const ContentBackendRecord& record);

// Whether the chunks family holds any pointer: once it does, the backend
// that wrote it is the data dir's.
absl::StatusOr<bool> HoldsChunks(const Database& database);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_CONTENT_BACKEND_H_
