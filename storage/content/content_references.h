#ifndef HOSO_STORAGE_CONTENT_CONTENT_REFERENCES_H_
#define HOSO_STORAGE_CONTENT_CONTENT_REFERENCES_H_

#include <map>
#include <string>

#include "absl/status/status.h"
#include "storage/index/write_batch.h"

namespace hoso::storage {

class Database;

// Raises the reference count of stored contents: `added` maps a raw sha256
// to how many new references the change makes (one per evidence file or
// dossier entry naming it). Reads each content record and adds its raised
// copy to `batch`, so that the counts land with the records that name them.
// DataLoss when a named content is not stored.
// REQUIRES: database.write_mutex() held until `batch` is written.
absl::Status AddContentReferences(const Database& database, const std::map<std::string, int>& added,
                                  WriteBatch& batch);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_CONTENT_REFERENCES_H_
