#ifndef HOSO_STORAGE_BAGIT_BAG_H_
#define HOSO_STORAGE_BAGIT_BAG_H_

#include <string>
#include <utility>
#include <vector>

#include "storage/index/records.pb.h"

namespace hoso::storage {

// The tag files of a dossier's BagIt 1.0 bag (RFC 8493), derived from the
// snapshot alone so every download is byte-identical.
inline constexpr char kTagManifest[] = "tagmanifest-sha256.txt";
inline constexpr char kSignatureFile[] = "tagmanifest-sha256.txt.p7s";
inline constexpr char kSignerCertFile[] = "signer-cert.pem";
// The chain of custody: the audit entries of every item in the payload.
inline constexpr char kCustodyFile[] = "custody.tsv";

// bagit.txt, bag-info.txt, manifest-sha256.txt and custody.tsv (dossiers
// built before the audit log have none), in that order: the files the tag
// manifest, and so the signature, covers.
std::vector<std::pair<std::string, std::string>> BagTagFiles(const DossierRecord& dossier);
// The tag manifest's bytes: what the principal signs.
std::string BagTagManifest(const DossierRecord& dossier);
// Paths in a manifest escape CR, LF and % (RFC 8493 §2.1.3).
std::string ManifestPath(const std::string& path);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_BAGIT_BAG_H_
