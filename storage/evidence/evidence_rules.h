#ifndef HOSO_STORAGE_EVIDENCE_EVIDENCE_RULES_H_
#define HOSO_STORAGE_EVIDENCE_EVIDENCE_RULES_H_

#include "absl/status/status.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

// Limits on evidence metadata, in bytes of UTF-8.
inline constexpr size_t kMaxTitleBytes = 1000;
inline constexpr size_t kMaxFieldBytes = 500;
inline constexpr size_t kMaxNoteBytes = 10000;
inline constexpr size_t kMaxCodeBytes = 32;
inline constexpr int kMaxFilesPerItem = 1000;
inline constexpr int kMaxLinksPerItem = 200;
// Evidence boxes (hộp) on the shelf: H1, H2, ...; 0 on create: the root standard's.
inline constexpr int kMaxBox = 999;

// InvalidArgument unless 0 <= box <= kMaxBox.
absl::Status ValidateBox(int box);

// Normalises `record`'s text fields to NFC in place and checks them against
// `framework`: a title, at least one criterion, each in the framework,
// valid dates, year and kind. Duplicate criteria and tasks are dropped,
// keeping the first (the root criterion stays first).
absl::Status NormalizeEvidence(const Framework& framework, EvidenceRecord& record);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_EVIDENCE_EVIDENCE_RULES_H_
