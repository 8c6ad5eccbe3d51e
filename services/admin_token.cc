#include "services/admin_token.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "services/log.h"
#include "storage/token_store.h"

namespace hoso {

absl::Status EnsureAdminToken(storage::TokenStore& tokens, const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) == 0) return absl::OkStatus();
  auto token = tokens.Issue("admin", "admin", 0);
  if (!token.ok()) return token.status();
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::FailedPreconditionError("cannot write " + tmp + ": " + std::strerror(errno));
  }
  const std::string line = *token + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  if (!written || ::rename(tmp.c_str(), path.c_str()) != 0) {
    return absl::FailedPreconditionError("cannot write " + path + ": " + std::strerror(errno));
  }
  LogInfo("issued a new admin token; it is in " + path);
  return absl::OkStatus();
}

}  // namespace hoso
