#include "storage/base/cms.h"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/opensslv.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cctype>
#include <memory>

#include "storage/base/sha256.h"

namespace hoso {
namespace {

template <typename T, void (*F)(T*)>
struct Free {
  void operator()(T* p) const { F(p); }
};
using Bio = std::unique_ptr<BIO, Free<BIO, BIO_free_all>>;
using Cms = std::unique_ptr<CMS_ContentInfo, Free<CMS_ContentInfo, CMS_ContentInfo_free>>;
using X509Ptr = std::unique_ptr<X509, Free<X509, X509_free>>;
using Key = std::unique_ptr<EVP_PKEY, Free<EVP_PKEY, EVP_PKEY_free>>;
using Store = std::unique_ptr<X509_STORE, Free<X509_STORE, X509_STORE_free>>;

std::string OpenSslError() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown error";
  char buffer[256];
  ERR_error_string_n(code, buffer, sizeof buffer);
  return buffer;
}

Bio MemoryBio(std::string_view data) {
  return Bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

std::string Subject(X509* cert) {
  Bio out(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(out.get(), X509_get_subject_name(cert), 0,
                     XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long n = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

std::string Fingerprint(X509* cert) {
  unsigned char* der = nullptr;
  const int n = i2d_X509(cert, &der);
  if (n <= 0) return "";
  const std::string hex = ToHex(Sha256Of(std::string_view(reinterpret_cast<char*>(der), n)));
  OPENSSL_free(der);
  return hex;
}

std::string Pem(X509* cert) {
  Bio out(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(out.get(), cert);
  char* data = nullptr;
  const long n = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

}  // namespace

absl::StatusOr<std::string> SignDetached(const std::string& key_path, const std::string& cert_path,
                                         std::string_view content) {
  Bio key_bio(BIO_new_file(key_path.c_str(), "r"));
  if (!key_bio) return absl::NotFoundError("cannot read the key " + key_path);
  Key key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (!key)
    return absl::InvalidArgumentError(key_path + " holds no PEM private key: " + OpenSslError());
  Bio cert_bio(BIO_new_file(cert_path.c_str(), "r"));
  if (!cert_bio) return absl::NotFoundError("cannot read the certificate " + cert_path);
  X509Ptr cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  if (!cert) return absl::InvalidArgumentError(cert_path + " holds no PEM certificate");
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    return absl::InvalidArgumentError("the key does not belong to the certificate " + cert_path);
  }
  Bio data = MemoryBio(content);
  const unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL;
  Cms cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  if (EVP_PKEY_id(key.get()) == EVP_PKEY_ED25519 && OPENSSL_VERSION_NUMBER < 0x30200000L) {
    // CMS with EdDSA (RFC 8419) arrived in OpenSSL 3.2; Debian 12 ships 3.0.
    return absl::FailedPreconditionError(
        "Ed25519 keys cannot make CMS signatures with this OpenSSL (" +
        std::string(OPENSSL_VERSION_TEXT) + "; it needs 3.2): use an ECDSA P-256 or RSA key");
  }
  const EVP_MD* md = EVP_PKEY_id(key.get()) == EVP_PKEY_ED25519 ? EVP_sha512() : EVP_sha256();
  if (!cms || CMS_add1_signer(cms.get(), cert.get(), key.get(), md, flags) == nullptr ||
      CMS_final(cms.get(), data.get(), nullptr, flags) != 1) {
    return absl::InternalError("signing failed: " + OpenSslError());
  }
  Bio out(BIO_new(BIO_s_mem()));
  if (i2d_CMS_bio(out.get(), cms.get()) != 1) return absl::InternalError("encoding failed");
  char* der = nullptr;
  const long n = BIO_get_mem_data(out.get(), &der);
  return std::string(der, static_cast<size_t>(n));
}

absl::StatusOr<SignatureCheck> VerifyDetached(std::string_view signature_der,
                                              std::string_view content, std::string_view ca_pem) {
  Bio sig = MemoryBio(signature_der);
  Cms cms(d2i_CMS_bio(sig.get(), nullptr));
  if (!cms) return absl::InvalidArgumentError("the signature is not a DER CMS structure");
  Store store(X509_STORE_new());
  unsigned int flags = CMS_BINARY | CMS_DETACHED;
  if (!ca_pem.empty()) {
    Bio ca = MemoryBio(ca_pem);
    int added = 0;
    while (X509* c = PEM_read_bio_X509(ca.get(), nullptr, nullptr, nullptr)) {
      X509_STORE_add_cert(store.get(), c);
      X509_free(c);
      ++added;
    }
    ERR_clear_error();
    if (added == 0) return absl::InvalidArgumentError("the CA file holds no PEM certificate");
  } else {
    flags |= CMS_NO_SIGNER_CERT_VERIFY;
  }
  if (const int n = sk_CMS_SignerInfo_num(CMS_get0_SignerInfos(cms.get())); n != 1) {
    return absl::InvalidArgumentError("the signature has " + std::to_string(n) +
                                      " signers; a dossier has exactly one");
  }
  Bio data = MemoryBio(content);
  if (CMS_verify(cms.get(), nullptr, store.get(), data.get(), nullptr, flags) != 1) {
    return absl::InvalidArgumentError("the signature does not verify: " + OpenSslError());
  }
  STACK_OF(X509)* signers = CMS_get0_signers(cms.get());
  if (signers == nullptr || sk_X509_num(signers) == 0) {
    return absl::InvalidArgumentError("the signature names no signer certificate");
  }
  X509* signer = sk_X509_value(signers, 0);
  SignatureCheck check{Subject(signer), Pem(signer), Fingerprint(signer), !ca_pem.empty()};
  sk_X509_free(signers);
  return check;
}

absl::StatusOr<std::string> CertificateSha256(std::string_view pem) {
  Bio in = MemoryBio(pem);
  X509Ptr cert(PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  if (!cert) return absl::InvalidArgumentError("no PEM certificate");
  return Fingerprint(cert.get());
}

std::string NormalizeFingerprint(std::string_view fingerprint) {
  std::string hex;
  for (char c : fingerprint) {
    if (c == ':' || c == ' ') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return "";
    hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return hex.size() == 64 ? hex : "";
}

}  // namespace hoso
