#ifndef HOSO_STORAGE_BAGIT_BAG_ARCHIVE_READER_H_
#define HOSO_STORAGE_BAGIT_BAG_ARCHIVE_READER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "storage/base/sha256.h"

namespace hoso::cli {

// How much of a hostile archive the reader accepts.
struct VerifyLimits {
  // The few tag files read whole (bagit.txt, bag-info.txt, the manifests,
  // the signature and its certificate) may each be this large.
  uint64_t max_tag_file_bytes = 64ull << 20;
  uint64_t max_entries = 2'000'000;
  // The names and hashes of the other files, held until the manifests are
  // checked, may take this much memory: what manifests at their limit can
  // list. Beyond it the archive is refused.
  uint64_t max_listing_bytes = 160ull << 20;
  // Unpacked bytes may exceed the archive's size by this factor (plus 16 MiB)
  // before it is refused as a compression bomb.
  uint64_t max_expansion = 100;
};

// A bag as found in an archive: the tag files a verifier reads whole, and
// every other file (payload and any other tag file) hashed as it streamed by
// and then dropped.
struct BagContents {
  struct File {
    Sha256Digest sha256{};
    uint64_t size = 0;
    bool covered = false;  // for the verifier: a signed manifest lists it
  };
  // Path in the bag (without the top folder, in NFC) -> what it held.
  std::map<std::string, File> files;
  std::map<std::string, std::string> tags;  // read whole: see IsTagReadWhole
  std::string top_folder;                   // "ho-so-LQD/" when the bag came inside one folder
  // data/tu-danh-gia/danh-gia.json (bag_assessment.h), when the bag holds it:
  // a payload file (in `files` too) that is also kept whole, to check what
  // the report cites.
  std::optional<std::string> assessment_json;
};

// Whether the verifier reads the bag's file `path` whole (bagit.txt,
// bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt, the signature
// and signer-cert.pem) rather than hashing it as it streams by.
bool IsTagReadWhole(const std::string& path);

// Reads a zip or tar archive once, streaming, treating it as hostile: an
// absolute path (also "C:/..."), "..", a backslash, a link or special file, a
// duplicate (also once in NFC) or non-UTF-8 name, an entry longer than it
// declared, too many entries, a tag file over the limit, a listing over its
// limit, an assessment file over kMaxAssessmentBytes, or unpacking far beyond the archive's size (a
// bomb) stops it. A bag inside one top folder (what re-zipping a folder on Windows makes) is read
// as if that folder were the archive's top; a file beside that folder stops
// it. Returns the contents, or the reason it refused (or could not read) the
// archive as the status message. Writes nothing to disk; memory is bounded
// by the limits, never by the payload's size.
absl::StatusOr<BagContents> ReadBagArchive(const std::string& archive_path,
                                           const VerifyLimits& limits);

}  // namespace hoso::cli

#endif  // HOSO_STORAGE_BAGIT_BAG_ARCHIVE_READER_H_
