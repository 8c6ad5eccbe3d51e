#ifndef HOSO_CLIENTS_APP_OUTPUT_H_
#define HOSO_CLIENTS_APP_OUTPUT_H_

#include <google/protobuf/message.h>

#include <cstdint>
#include <string>

#include "hoso/v1/hoso.pb.h"
#include "storage/base/bytes.h"

namespace hoso::cli {

// Proto3 JSON of `message` with the proto's field names and every field
// present, one document per line, to stdout.
void PrintJson(const google::protobuf::Message& message);

std::string KindName(v1::EvidenceKind kind);
// Parses "minutes", "biên bản", "photo", ...; UNSPECIFIED when unknown.
v1::EvidenceKind ParseKind(const std::string& name);

// "approved", "returned", "waiting for review".
std::string ReviewName(v1::ReviewState state);
void PrintEvidence(const v1::Evidence& evidence);
void PrintEvidenceTable(const v1::ListEvidenceResponse& list);
void PrintSchools(const v1::ListSchoolsResponse& list);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_APP_OUTPUT_H_
