#ifndef HOSO_STORAGE_EVIDENCE_EVIDENCE_CHANGES_H_
#define HOSO_STORAGE_EVIDENCE_EVIDENCE_CHANGES_H_

#include <string>

#include "storage/index/records.pb.h"

namespace hoso::storage {

// Whether what the item says changed (its reviewed content), as opposed to
// where it is filed (criteria, tasks) or its review.
bool DescriptionChanged(const EvidenceRecord& before, const EvidenceRecord& after);

// What a change did, for the audit log, with old and new values:
// `title "Kế hoạch" → "Kế hoạch 2024", criteria "1.1" → "1.1 1.3"`.
std::string DescribeChange(const EvidenceRecord& before, const EvidenceRecord& after);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_EVIDENCE_EVIDENCE_CHANGES_H_
