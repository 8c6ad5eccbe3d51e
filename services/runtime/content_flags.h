#ifndef HOSO_SERVICES_RUNTIME_CONTENT_FLAGS_H_
#define HOSO_SERVICES_RUNTIME_CONTENT_FLAGS_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "storage/content/s3_chunk_store.h"

namespace hoso {

// Where hosod keeps the content bytes: its flags as given.
struct ContentFlags {
  std::string content = "packs";  // or s3://BUCKET[/PREFIX]
  std::string endpoint;
  std::string region;  // empty: S3Target's default
  bool virtual_hosted = false;
  std::string credentials_file;  // empty: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
  std::string ca_file;
  int parallel = 16;
  std::string cache_dir;  // empty: DATA/cache
  uint64_t cache_bytes = 2ull << 30;
  int keep_deleted_days = 90;
  // The key-like option given, if any (its value is never kept).
  std::string key_flag;
};

// Adds --content and the --s3-* options to `app`, filling `flags`; also
// options that look like an access key, which ResolveContent refuses.
void AddContentFlags(CLI::App& app, ContentFlags& flags);

// nullopt for the pack files; the object store's options otherwise, or
// InvalidArgument / FailedPrecondition saying what to fix (a bad URL, no
// endpoint, no credentials, a key on the command line). Never quotes a key.
absl::StatusOr<std::optional<storage::S3ChunkStoreOptions>> ResolveContent(
    const ContentFlags& flags, const std::string& data_dir);

}  // namespace hoso

#endif  // HOSO_SERVICES_RUNTIME_CONTENT_FLAGS_H_
