#ifndef HOSO_SERVICES_CONVERT_H_
#define HOSO_SERVICES_CONVERT_H_

#include "hoso/v1/hoso.pb.h"
#include "storage/records.pb.h"

namespace hoso {

// Storage records <-> the public contract. Hashes are raw bytes inside,
// lower-case hex outside; times are unix seconds inside, Timestamps outside.
v1::School ToProto(const storage::SchoolRecord& record);
v1::Evidence ToProto(const storage::EvidenceRecord& record);
// The client-settable fields of a new evidence item.
storage::EvidenceRecord DraftFromProto(const v1::Evidence& evidence);

}  // namespace hoso

#endif  // HOSO_SERVICES_CONVERT_H_
