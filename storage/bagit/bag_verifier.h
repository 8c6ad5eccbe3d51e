#ifndef HOSO_STORAGE_BAGIT_BAG_VERIFIER_H_
#define HOSO_STORAGE_BAGIT_BAG_VERIFIER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "storage/bagit/bag_archive_reader.h"

namespace hoso::cli {

// Whom the verifier trusts to have signed. Anyone can make a CMS signature
// with a self-signed key, so without one of these a bag can be intact but
// never verified.
struct TrustAnchors {
  std::string ca_pem;         // the signer must chain to one of these certificates
  std::string signer_sha256;  // or its certificate has this fingerprint (NormalizeFingerprint)
};

struct VerifyReport {
  // Every file matches the signed manifests, nothing else is in the bag and
  // the signature over them holds.
  bool intact = false;
  // Intact, and the signer is trusted: every anchor given holds (at least one given).
  bool verified = false;
  bool refused = false;               // hostile or unreadable: stopped early
  std::vector<std::string> problems;  // at most kMaxListedProblems
  uint64_t unlisted_problems = 0;     // beyond those
  std::string signer;                 // who signed, when the signature holds
  std::string signer_sha256;          // the fingerprint of their certificate
  bool chain_checked = false;         // the signer chains to the CA given
  bool pin_checked = false;           // the signer has the fingerprint given
  uint64_t files = 0;                 // payload files
  uint64_t bytes = 0;                 // payload bytes
};
inline constexpr size_t kMaxListedProblems = 200;

// Verifies a dossier archive (zip or tar) offline: reads it once, streaming
// (ReadBagArchive), then checks the BagIt rules of RFC 8493: every payload
// file against manifest-sha256.txt, Payload-Oxum, every tag file against the
// tag manifest, the CMS signature over it, signer-cert.pem against the
// certificate that signed, and the signer against `trust`. A file that no
// signed manifest lists (an extra top-level page, fetch.txt, extra/…) is a
// problem. The archive is treated as hostile: absolute paths, "..", links,
// duplicate or non-UTF-8 names, entries longer than declared and compression
// bombs are refused with a reason. When the bag carries a self-assessment
// (data/tu-danh-gia/danh-gia.json, bag_assessment.h), every code it cites
// must have its files in the manifest and in the bag, or the problem names
// the code. Nothing is written to disk; memory stays bounded.
VerifyReport VerifyBag(const std::string& archive_path, const TrustAnchors& trust,
                       const VerifyLimits& limits = {});

}  // namespace hoso::cli

#endif  // HOSO_STORAGE_BAGIT_BAG_VERIFIER_H_
