#include "services/runtime/admin_token.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "services/runtime/log.h"
#include "storage/index/record_io.h"
#include "storage/store.h"

namespace hoso {

absl::Status EnsureAdminToken(storage::Store& store, const std::string& path) {
  const storage::Actor system = storage::Actor::System();
  auto admin = store.users().Get("admin");
  const bool server_admin = admin.ok() && [&] {
    const auto* g = storage::GrantIn(*admin, storage::kEverySchool, store.clock().NowUnix());
    return g != nullptr && g->role() == storage::kRoleAdmin;
  }();
  if (!server_admin) {
    storage::GrantRecord grant;
    grant.set_school(std::string(storage::kEverySchool));
    grant.set_role(std::string(storage::kRoleAdmin));
    auto granted = store.users().Grant(system, "admin", "", grant);
    if (!granted.ok()) return granted.status();
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) return absl::OkStatus();
  auto issued = store.tokens().Issue(system, "admin", 0);
  if (!issued.ok()) return issued.status();
  const std::string* token = &issued->token;
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
