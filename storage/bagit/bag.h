#ifndef HOSO_STORAGE_BAGIT_BAG_H_
#define HOSO_STORAGE_BAGIT_BAG_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "storage/bagit/bag_format.h"
#include "storage/base/sha256.h"

namespace hoso::storage {

// One payload file of a bag.
struct BagPayloadFile {
  std::string path;  // "data/...", as stored (the manifest escapes it)
  Sha256Digest sha256{};
};

// The facts a dossier's bag is made from; the dossier store converts its
// record into this, so the format knows nothing of the index.
struct BagFacts {
  std::string school;       // code, e.g. "LQD"
  std::string school_name;  // "Trường Tiểu học Lê Quý Đôn"
  uint64_t dossier_id = 0;
  int64_t created_unix = 0;  // the Bagging-Date
  std::string scope;         // what the dossier covers, in words
  uint64_t items = 0;        // evidence items in the payload
  uint64_t payload_bytes = 0;
  std::vector<BagPayloadFile> files;  // the payload, in bag order
  std::string custody;                // custody.tsv; empty: the bag has none
};

// "LQD-dossier-3": the bag's External-Identifier, and the name of the folder
// its archives hold it in.
std::string BagExternalIdentifier(const std::string& school, uint64_t dossier_id);

// The tag files of a dossier's BagIt 1.0 bag (RFC 8493), derived from the
// facts alone so every download is byte-identical: bagit.txt, bag-info.txt,
// manifest-sha256.txt and custody.tsv (dossiers built before the audit log
// have none), in that order: the files the tag manifest, and so the
// signature, covers.
std::vector<std::pair<std::string, std::string>> BagTagFiles(const BagFacts& bag);
// The tag manifest's bytes: what the principal signs.
std::string BagTagManifest(const BagFacts& bag);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_BAGIT_BAG_H_
