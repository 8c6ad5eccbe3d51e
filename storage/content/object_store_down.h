#ifndef HOSO_STORAGE_CONTENT_OBJECT_STORE_DOWN_H_
#define HOSO_STORAGE_CONTENT_OBJECT_STORE_DOWN_H_

#include "absl/status/status.h"

namespace hoso::storage {

// What was being done when the chunk store did not answer.
enum class StoreDownDuring {
  kResumableUpload,  // its durable part stays for a resume
  kUpload,           // not resumable (a batch): send it again
  kRead,             // a download, a dossier, a resume reading its prefix
};

// A chunk store's Unavailable (an object store down or slow) as the person
// reads it: UNAVAILABLE with reason OBJECT_STORE_UNAVAILABLE and a
// Vietnamese sentence saying what is kept and to try again later, the
// store's own words after it for the operator. Any other status (and an
// Unavailable with another reason) is returned unchanged.
absl::Status ObjectStoreDown(absl::Status status, StoreDownDuring during);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_CONTENT_OBJECT_STORE_DOWN_H_
