// Sealing a dossier version, and what a seal keeps fixed afterwards.
#include "storage/bagit/bag.h"
#include "storage/base/cms.h"
#include "storage/base/error_reason.h"
#include "storage/base/sha256.h"
#include "storage/dossier/dossier_archive.h"
#include "storage/dossier/dossier_store.h"
#include "storage/evidence/evidence_store.h"
#include "storage/index/database.h"

namespace hoso::storage {
namespace {

// SHA-256 of an archive of `d`, streamed and never stored.
absl::StatusOr<std::string> ArchiveDigest(const DossierRecord& d, ContentStore& content,
                                          ArchiveFormat format) {
  Sha256Hasher hasher;
  absl::Status s = WriteDossierArchive(d, content, format, [&](std::string_view bytes) {
    hasher.Update(bytes);
    return true;
  });
  if (!s.ok()) return s;
  return ToHex(hasher.Finish());
}

}  // namespace

absl::StatusOr<DossierRecord> DossierStore::Seal(const Actor& actor, const std::string& school,
                                                 uint64_t id, std::string_view signature_der) {
  auto d = Get(school, id);
  if (!d.ok()) return d.status();
  if (d->state() == DOSSIER_SEALED) {
    return WithReason(
        absl::FailedPreconditionError("dossier " + std::to_string(d->id()) + " is sealed already"),
        reason::kDossierSealed, {{"dossier", std::to_string(d->id())}});
  }
  auto check = VerifyDetached(signature_der, BagTagManifest(BagOf(*d)));
  if (!check.ok()) return check.status();
  DossierRecord sealed = *d;
  sealed.set_state(DOSSIER_SEALED);
  sealed.set_bag_in_folder(true);  // also a draft built before the layout: sealed in it
  sealed.set_signature(std::string(signature_der));
  sealed.set_signer_cert_pem(check->signer_cert_pem);
  sealed.set_signer(check->signer);
  sealed.set_sealed_unix(database_->clock().NowUnix());
  // What the sealed archives hash to, so any later copy can be checked.
  auto zip = ArchiveDigest(sealed, *content_, ArchiveFormat::kZip);
  if (!zip.ok()) return zip.status();
  auto tar = ArchiveDigest(sealed, *content_, ArchiveFormat::kTar);
  if (!tar.ok()) return tar.status();
  sealed.set_zip_sha256(*zip);
  sealed.set_tar_sha256(*tar);
  return CommitSeal(actor, school, id, std::move(sealed));
}

absl::Status DossierStore::KeepSealedCodes(const std::string& school,
                                           const std::vector<CodeChange>& changes) const {
  auto dossiers = List(school);
  if (!dossiers.ok()) return dossiers.status();
  for (const DossierRecord& d : *dossiers) {
    if (d.state() != DOSSIER_SEALED) continue;
    for (const CodeChange& change : changes) {
      // Payload paths are "data/…/[code] title/file": a code stands between "/" and " ".
      const std::string needle = "/" + change.old_code + " ";
      for (const DossierEntry& entry : d.entries()) {
        if (entry.path().find(needle) == std::string::npos) continue;
        return absl::FailedPreconditionError("code " + change.old_code + " is in sealed dossier " +
                                             std::to_string(d.id()) +
                                             "; codes in a sealed dossier cannot be renumbered");
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace hoso::storage
