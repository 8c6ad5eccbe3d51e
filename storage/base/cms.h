#ifndef HOSO_STORAGE_BASE_CMS_H_
#define HOSO_STORAGE_BASE_CMS_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace hoso {

// Detached CMS (PKCS #7, RFC 5652) signatures over a dossier's tag manifest,
// with OpenSSL 3: RSA, ECDSA P-256 and Ed25519 keys. Shared by the CLI (which
// signs on the principal's machine and verifies offline) and the server.

// Signs `content` with the PEM private key and certificate at the given paths;
// returns the DER signature, which embeds the signer certificate.
absl::StatusOr<std::string> SignDetached(const std::string& key_path, const std::string& cert_path,
                                         std::string_view content);

struct SignatureCheck {
  std::string signer;           // subject of the signer certificate, one line
  std::string signer_cert_pem;  // the certificate that signed
  std::string signer_sha256;    // its fingerprint: SHA-256 of its DER, lower-case hex
  bool chain_checked = false;   // verified up to `ca_pem`
};

// Checks a DER detached signature over `content`, made by exactly one
// signer. With `ca_pem` the signer certificate must chain to it; without,
// only the signature is checked (anyone can make one: the caller must trust
// the signer some other way, e.g. by its fingerprint). InvalidArgument with
// a reason when it does not hold.
absl::StatusOr<SignatureCheck> VerifyDetached(std::string_view signature_der,
                                              std::string_view content,
                                              std::string_view ca_pem = {});

// The fingerprint of the first certificate in `pem`: SHA-256 of its DER in
// lower-case hex, as `openssl x509 -fingerprint -sha256` shows it (without
// the colons). InvalidArgument when `pem` holds no certificate.
absl::StatusOr<std::string> CertificateSha256(std::string_view pem);

// A fingerprint as people write it ("AB:CD:…", spaces, upper case) in the
// form CertificateSha256 returns; "" when it is not 32 bytes of hex.
std::string NormalizeFingerprint(std::string_view fingerprint);

}  // namespace hoso

#endif  // HOSO_STORAGE_BASE_CMS_H_
