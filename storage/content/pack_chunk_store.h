#ifndef HOSO_STORAGE_CONTENT_PACK_CHUNK_STORE_H_
#define HOSO_STORAGE_CONTENT_PACK_CHUNK_STORE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "storage/content/chunk_store.h"

namespace hoso::storage {

class Database;

struct PackOptions {
  // A pack file is closed (and synced) once it reaches this size.
  uint64_t max_pack_bytes = 1ull << 30;
};

// The built-in backend. Chunk bytes are appended to pack files in `dir`
// (pack-00000001.pack, ...): each record is a 32-byte header (magic,
// length, location, index, XXH3-64 of the data) followed by the data and
// zero padding to a 4 KiB boundary, so the bytes are written once,
// sequentially, with O_DIRECT where the file system allows it, and with no
// file per object. The
// database's "chunks" column family maps <location><index> to (pack,
// offset, length, checksum). Get() checks the header and the checksum.
// Dropped chunks leave dead space in their pack until it is repacked:
// Repack() copies the live records of a mostly-dead pack to the pack being
// written, syncs them, switches their pointers in one durable write and
// only then removes the old pack; a read that raced with the switch reads
// the pointer again.
// `database` must outlive the store. Thread-safe.
absl::StatusOr<std::unique_ptr<ChunkStore>> OpenPackChunkStore(Database* database,
                                                               const std::string& dir,
                                                               const PackOptions& options = {});

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_PACK_CHUNK_STORE_H_
