#ifndef HOSO_STORAGE_DOSSIER_DOSSIER_ARCHIVE_H_
#define HOSO_STORAGE_DOSSIER_DOSSIER_ARCHIVE_H_

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "storage/bagit/bag.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

class ContentStore;

enum class ArchiveFormat { kZip, kTar };

// Receives the archive in order; returns false to stop (the client went away).
using ArchiveSink = std::function<bool(std::string_view bytes)>;

// The facts of `dossier` its bag is made from (BagTagFiles, BagTagManifest).
BagFacts BagOf(const DossierRecord& dossier);

// The folder the archive of `dossier` holds its bag in, the bag's base
// directory named like its External-Identifier ("LQD-dossier-3/"), so
// unpacking it gives one entry (RFC 8493 §4); "" for a version sealed before
// that layout, whose files stay at the archive's top.
std::string BagTopFolder(const DossierRecord& dossier);

// Streams `dossier` as a BagIt bag in a zip (stored, UTF-8 names flagged)
// or a pax tar, with libarchive. Deterministic: entries sorted by path,
// times fixed to the seal time (or the build time of a draft), owner 0,
// mode 0644. Payload bytes come from `content` one chunk at a time, each
// content verified; memory stays bounded whatever the dossier's size.
absl::Status WriteDossierArchive(const DossierRecord& dossier, ContentStore& content,
                                 ArchiveFormat format, const ArchiveSink& sink);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_DOSSIER_DOSSIER_ARCHIVE_H_
