#ifndef HOSO_STORAGE_BASE_SHA256_H_
#define HOSO_STORAGE_BASE_SHA256_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace hoso {

// A SHA-256 digest: 32 raw bytes.
using Sha256Digest = std::array<uint8_t, 32>;

std::string ToHex(const Sha256Digest& digest);
// Accepts 64 hex digits in either case; nullopt otherwise.
std::optional<Sha256Digest> DigestFromHex(std::string_view hex);
// The 32 bytes as a string (for keys and bytes fields).
std::string DigestBytes(const Sha256Digest& digest);
std::optional<Sha256Digest> DigestFromBytes(std::string_view bytes);

// Incremental SHA-256 (OpenSSL EVP, which uses SHA-NI where the CPU has it).
// Not thread-safe; movable, not copyable.
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(Sha256Hasher&&) noexcept;
  Sha256Hasher& operator=(Sha256Hasher&&) noexcept;
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;

  void Update(std::string_view data);
  // Returns the digest; the hasher is reset and can be used again.
  Sha256Digest Finish();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

Sha256Digest Sha256Of(std::string_view data);

}  // namespace hoso

#endif  // HOSO_STORAGE_BASE_SHA256_H_
