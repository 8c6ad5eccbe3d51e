#include "storage/content/content_references.h"

#include "storage/base/sha256.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

absl::Status AddContentReferences(const Database& database, const std::map<std::string, int>& added,
                                  WriteBatch& batch) {
  for (const auto& [sha, count] : added) {
    const std::string key = keys::Content(sha);
    auto content = ReadRecord<ContentRecord>(database, key);
    if (!content.ok()) return content.status();
    if (!content->has_value()) {
      const auto digest = DigestFromBytes(sha);
      return absl::DataLossError("content " + (digest ? ToHex(*digest) : keys::Printable(sha)) +
                                 ", named by a new record, is not stored");
    }
    (*content)->set_refcount((*content)->refcount() + count);
    batch.Put(key, (*content)->SerializeAsString());
  }
  return absl::OkStatus();
}

}  // namespace hoso::storage
