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
  bool chain_checked = false;   // verified up to `ca_pem`
};

// Checks a DER detached signature over `content`. With `ca_pem` the signer
// certificate must chain to it; without, only the signature is checked.
// InvalidArgument with a reason when it does not hold.
absl::StatusOr<SignatureCheck> VerifyDetached(std::string_view signature_der,
                                              std::string_view content,
                                              std::string_view ca_pem = {});

}  // namespace hoso

#endif  // HOSO_STORAGE_BASE_CMS_H_
