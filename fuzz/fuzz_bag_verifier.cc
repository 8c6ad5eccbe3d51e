// Dossier archives come from outside: the verifier must refuse anything
// hostile with a reason, never crash, and stay bounded.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "storage/bagit/bag_verifier.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int fd = memfd_create("bag", MFD_CLOEXEC);
  if (fd < 0) return 0;
  if (::write(fd, data, size) == static_cast<ssize_t>(size)) {
    hoso::cli::VerifyLimits limits;
    limits.max_tag_file_bytes = 1 << 20;
    (void)hoso::cli::VerifyBag("/proc/self/fd/" + std::to_string(fd), {}, limits);
  }
  ::close(fd);
  return 0;
}
