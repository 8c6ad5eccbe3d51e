#ifndef HOSO_SERVICES_RUNTIME_ADMIN_TOKEN_H_
#define HOSO_SERVICES_RUNTIME_ADMIN_TOKEN_H_

#include <string>

#include "absl/status/status.h"

namespace hoso {

namespace storage {
class Store;
}

// Makes sure the user "admin" exists as a server admin (admin of every
// school) and that `path` holds a working token of theirs: when the file is
// missing a new token is issued and written there with mode 0600 (written to a
// temporary file, synced, then renamed, so the file is whole or absent).
absl::Status EnsureAdminToken(storage::Store& store, const std::string& path);

}  // namespace hoso

#endif  // HOSO_SERVICES_RUNTIME_ADMIN_TOKEN_H_
