#ifndef HOSO_SERVICES_RUNTIME_LIMITS_H_
#define HOSO_SERVICES_RUNTIME_LIMITS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "hoso/v1/limits.h"

namespace hoso {

// What one server accepts; hosod's flags set them.
struct Limits {
  uint64_t max_file_bytes = 10ull << 30;  // one file
  uint32_t max_files_per_item = v1::kDefaultMaxFilesPerItem;
  uint32_t max_calls_per_user = 32;        // a user's RPCs in progress at once
  uint64_t min_free_bytes = 512ull << 20;  // disk kept free on the data directory's filesystem
  int idle_timeout_seconds = 120;          // a transfer with no progress this long is cancelled
  // A stream that moved no message this long is idle; idle streams beyond
  // these caps are ended at once (RESOURCE_EXHAUSTED), the longest idle first.
  int idle_stream_seconds = 30;
  uint32_t max_idle_streams = 64;          // on the whole server
  uint32_t max_idle_streams_per_user = 8;  // of one user
};

// Free bytes for unprivileged writers on the filesystem holding `path`.
absl::StatusOr<uint64_t> FreeBytes(const std::string& path);

// ResourceExhausted, saying so in a person's words, unless `needed` more bytes
// fit on the data directory's disk above the reserve.
absl::Status CheckDiskRoom(const std::string& data_dir, uint64_t needed, const Limits& limits);

}  // namespace hoso

#endif  // HOSO_SERVICES_RUNTIME_LIMITS_H_
