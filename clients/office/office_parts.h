#ifndef HOSO_CLIENTS_OFFICE_OFFICE_PARTS_H_
#define HOSO_CLIENTS_OFFICE_OFFICE_PARTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/office/office_reader.h"
#include "clients/office/zip_parts.h"

namespace hoso::office {

// The readers of each format (office_reader.cc chooses); `name` names the file.
absl::StatusOr<std::vector<v1::Table>> ReadDocx(ZipParts& zip, const std::string& name,
                                                const ReadLimits& limits);
absl::StatusOr<std::vector<v1::Table>> ReadXlsx(ZipParts& zip, const std::string& name,
                                                const ReadLimits& limits);
// CSV (delimiter ',' or ';', sniffed) or TSV; RFC 4180 quoting.
absl::StatusOr<std::vector<v1::Table>> ReadDelimited(const std::string& name, bool tabs,
                                                     std::string_view text,
                                                     const ReadLimits& limits);

}  // namespace hoso::office

#endif  // HOSO_CLIENTS_OFFICE_OFFICE_PARTS_H_
