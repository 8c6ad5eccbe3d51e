#ifndef HOSO_PROTO_HOSO_V1_LIMITS_H_
#define HOSO_PROTO_HOSO_V1_LIMITS_H_

// Limits of the hoso.v1 protocol that the server enforces and the clients plan
// by. They are part of the contract: a client that keeps to them is never
// refused for size. Per-server settings (file size, files per item) have
// their defaults here and hosod's flags.

#include <cstddef>
#include <cstdint>

namespace hoso::v1 {

// ContentService.UploadBatch: files and declared bytes of one stream, and the
// largest file it takes (bigger ones go through UploadContent).
inline constexpr size_t kMaxBatchFiles = 256;
inline constexpr uint64_t kMaxBatchBytes = 16ull << 20;
inline constexpr uint64_t kMaxBatchFileBytes = 1ull << 20;
// ContentService.StatContent: hashes asked about in one call.
inline constexpr int kMaxStatHashes = 10000;
// Bytes in one data message of an upload or download stream: well under
// gRPC's 4 MiB message default, and one HTTP/2 frame (both sides set that).
inline constexpr size_t kDataMessageBytes = 1 << 20;
// EvidenceService.CreateEvidenceBatch: items and their files in one call
// (gRPC's 4 MiB message default bounds them too: clients stay well under).
inline constexpr int kMaxBatchItems = 1000;
inline constexpr int kMaxBatchItemFiles = 5000;
// Default of hosod --max-files-per-item: files of one evidence item.
inline constexpr uint32_t kDefaultMaxFilesPerItem = 500;

}  // namespace hoso::v1

#endif  // HOSO_PROTO_HOSO_V1_LIMITS_H_
