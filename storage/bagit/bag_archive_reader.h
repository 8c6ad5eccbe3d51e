#ifndef HOSO_STORAGE_BAGIT_BAG_ARCHIVE_READER_H_
#define HOSO_STORAGE_BAGIT_BAG_ARCHIVE_READER_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"

namespace hoso::cli {

// How much of a hostile archive the reader accepts.
struct VerifyLimits {
  uint64_t max_tag_file_bytes = 64ull << 20;  // tag files are read into memory
  uint64_t max_entries = 2'000'000;
  // Unpacked bytes may exceed the archive's size by this factor (plus 16 MiB)
  // before it is refused as a compression bomb.
  uint64_t max_expansion = 100;
};

// A bag as found in an archive: payload files hashed as they streamed by,
// the other (tag) files whole.
struct BagContents {
  struct PayloadFile {
    std::string sha256;  // hex
    uint64_t size = 0;
  };
  std::map<std::string, PayloadFile> payload;  // "data/...", as found
  std::map<std::string, std::string> tags;     // every other file
};

// Reads a zip or tar archive once, streaming, treating it as hostile: an
// absolute path, "..", a backslash, a link or special file, a duplicate or
// non-UTF-8 name, an entry longer than it declared, too many entries, a tag
// file over the limit, or unpacking far beyond the archive's size (a bomb)
// stops it. Returns the contents, or the reason it refused (or could not
// read) the archive as the status message. Writes nothing to disk.
absl::StatusOr<BagContents> ReadBagArchive(const std::string& archive_path,
                                           const VerifyLimits& limits);

}  // namespace hoso::cli

#endif  // HOSO_STORAGE_BAGIT_BAG_ARCHIVE_READER_H_
