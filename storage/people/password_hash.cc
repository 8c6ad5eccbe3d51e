#include "storage/people/password_hash.h"

#include <sodium.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>

namespace hoso::storage {
namespace {

// sodium_init() once, before the first use; it is thread-safe but not free.
bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

// Holds one of the kConcurrentHashes slots for as long as it lives.
class HashSlot {
 public:
  HashSlot() {
    std::unique_lock<std::mutex> lock(mu());
    freed().wait(lock, [] { return busy() < kConcurrentHashes; });
    ++busy();
    peak() = std::max(peak(), busy());
  }
  static int Peak() {
    std::lock_guard<std::mutex> lock(mu());
    return peak();
  }
  ~HashSlot() {
    {
      std::lock_guard<std::mutex> lock(mu());
      --busy();
    }
    freed().notify_one();
  }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;

 private:
  static std::mutex& mu() {
    static std::mutex m;
    return m;
  }
  static std::condition_variable& freed() {
    static std::condition_variable c;
    return c;
  }
  static int& busy() {
    static int n = 0;
    return n;
  }
  static int& peak() {
    static int n = 0;
    return n;
  }
};

}  // namespace

absl::StatusOr<std::string> HashPassword(std::string_view password) {
  if (!SodiumReady()) return absl::InternalError("libsodium could not be initialised");
  char out[crypto_pwhash_STRBYTES];
  HashSlot slot;
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return absl::InternalError("hashing the password failed (out of memory?)");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (!SodiumReady()) return false;
  // A string crypto_pwhash_str did not write: spend the time of a check anyway.
  const bool parses = hash.size() < crypto_pwhash_STRBYTES;
  const std::string& checked = parses ? hash : DummyPasswordHash();
  HashSlot slot;
  const bool match =
      crypto_pwhash_str_verify(checked.c_str(), password.data(), password.size()) == 0;
  return parses && match;
}

const std::string& DummyPasswordHash() {
  static const std::string* const dummy = [] {
    unsigned char secret[32];
    if (SodiumReady()) randombytes_buf(secret, sizeof secret);
    auto hash =
        HashPassword(std::string_view(reinterpret_cast<const char*>(secret), sizeof secret));
    // A hash that fails to parse verifies nothing, which is all it must do.
    return new std::string(hash.ok() ? *hash : std::string("$argon2id$unusable"));
  }();
  return *dummy;
}

int PeakConcurrentHashes() { return HashSlot::Peak(); }

}  // namespace hoso::storage
