#ifndef HOSO_STORAGE_BAGIT_BAG_VERIFIER_H_
#define HOSO_STORAGE_BAGIT_BAG_VERIFIER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "storage/bagit/bag_archive_reader.h"

namespace hoso::cli {

struct VerifyReport {
  bool verified = false;  // everything holds
  bool refused = false;   // hostile or unreadable: stopped early
  std::vector<std::string> problems;
  std::string signer;  // who signed, when the signature holds
  bool chain_checked = false;
  uint64_t files = 0;  // payload files
  uint64_t bytes = 0;  // payload bytes
};

// Verifies a dossier archive (zip or tar) offline: reads it once, streaming
// (ReadBagArchive), then checks the BagIt rules: every payload
// file against manifest-sha256.txt, Payload-Oxum, the tag manifest, and the
// CMS signature over it (against `ca_pem` when given). The archive is
// treated as hostile: absolute paths, "..", links, duplicate or non-UTF-8
// names, entries longer than declared and compression bombs are refused with
// a reason. Nothing is written to disk; memory stays bounded.
VerifyReport VerifyBag(const std::string& archive_path, const std::string& ca_pem,
                       const VerifyLimits& limits = {});

}  // namespace hoso::cli

#endif  // HOSO_STORAGE_BAGIT_BAG_VERIFIER_H_
