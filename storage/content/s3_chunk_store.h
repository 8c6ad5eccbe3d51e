#ifndef HOSO_STORAGE_CONTENT_S3_CHUNK_STORE_H_
#define HOSO_STORAGE_CONTENT_S3_CHUNK_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "storage/content/chunk_store.h"
#include "storage/objects/s3_target.h"

namespace hoso::storage {

class Database;

struct S3ChunkStoreOptions {
  S3Target target;
  S3Credentials credentials;
  // Requests in flight at once: PUTs of an upload's chunks (Put queues,
  // Sync waits) and read-ahead GETs.
  int parallel_requests = 16;
  // Chunks read ahead of the one asked for, per location being read.
  int read_ahead_chunks = 8;
  // Chunks fetched or written lately, kept on local disk (verified on
  // every read like the rest) so downloads go on while the store is down;
  // empty dir or 0 bytes: no cache.
  std::string cache_dir;
  uint64_t cache_bytes = 0;
  // One request's limit; a store that does not answer within it is down.
  int request_timeout_seconds = 30;
  // The sweep (Repack) deletes chunk objects no pointer names only once
  // they are this old: an upload writes its objects before its pointers.
  int64_t sweep_grace_seconds = 24 * 3600;
  // On a bucket the store creates: old versions of its chunk objects (kept
  // by versioning once the sweep deleted them, so a restored backup finds
  // them) are expired after this many days by a lifecycle rule; 0: kept
  // until an operator removes them. Backups older than this may need
  // objects that are gone.
  int keep_deleted_days = 90;
};

// The object-store backend (hosod --content s3://...). Each chunk is one
// object named by the SHA-256 of its bytes (PREFIX "chunks/" hex[0..2] "/"
// hex), written with If-None-Match: * (an object is never overwritten; 412
// means the same bytes are there) and the signed payload hash
// x-amz-content-sha256, which radosgw checks against the bytes (no
// Content-MD5: the SHA-256 is the name anyway, and MD5 cost hosod a third of
// its CPU on a large upload). The
// database's chunks family maps <location><index> to an S3 pointer (see
// IsS3ChunkPointer); Get verifies the bytes against the name. Drop removes
// pointers only (objects are shared by equal chunks); unreferenced objects
// are deleted by the store's sweep. Creates the bucket when missing. The
// credentials are never logged. `database` must outlive the store.
// Thread-safe.
absl::StatusOr<std::unique_ptr<ChunkStore>> OpenS3ChunkStore(Database* database,
                                                             const S3ChunkStoreOptions& options);

// S3 pointers are 37 bytes: 'S', the chunk's SHA-256 (32 bytes), its length
// (4 bytes little-endian); pack pointers are 24 bytes. Lets a store that
// reads both (a migration) tell them apart.
bool IsS3ChunkPointer(std::string_view pointer);
// The object name an S3 pointer stands for (for backups and restore checks);
// nullopt for a value that is not an S3 pointer.
std::optional<std::string> S3ChunkObjectName(const S3Target& target, std::string_view pointer);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_S3_CHUNK_STORE_H_
