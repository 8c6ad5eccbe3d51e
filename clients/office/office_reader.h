#ifndef HOSO_CLIENTS_OFFICE_OFFICE_READER_H_
#define HOSO_CLIENTS_OFFICE_OFFICE_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "hoso/v1/hoso.pb.h"

namespace hoso::office {

// What a school's document may cost us at most. A plan or a catalogue is a
// few hundred rows; anything near these is hostile or not a plan.
struct ReadLimits {
  uint64_t max_entries = 10000;             // zip entries
  uint64_t max_entry_bytes = 64ull << 20;   // one XML part, uncompressed
  uint64_t max_total_bytes = 256ull << 20;  // all parts read, uncompressed
  uint64_t max_text_bytes = 64ull << 20;    // a CSV or TSV file
  uint32_t max_tables = 1000;               // Word tables or sheets
  uint32_t max_rows = 100000;               // over all tables
  uint32_t max_columns = 512;               // per row
  uint64_t max_cells = 2000000;             // over all tables
  uint32_t max_cell_bytes = 256u << 10;     // text of one cell
  uint32_t max_xml_depth = 256;             // nesting of XML elements
  uint32_t max_shared_strings = 2000000;
};

enum class DocumentKind { kUnknown, kDocx, kXlsx, kCsv, kTsv };

// From the file name's extension (case-insensitive).
DocumentKind KindOf(std::string_view path);

// Every table of the document, in order, with merged cells resolved as
// hoso.v1.Table describes; nothing is interpreted. InvalidArgument with a
// Vietnamese message naming `name` (and the zip entry) for what cannot be
// read or is over the limits; NotFound/PermissionDenied for the file itself.
absl::StatusOr<std::vector<v1::Table>> ReadOfficeFile(const std::string& path,
                                                      const ReadLimits& limits = {});
// The same for bytes in memory (tests, fuzzing); `name` names them in messages.
absl::StatusOr<std::vector<v1::Table>> ReadOfficeData(std::string_view name, DocumentKind kind,
                                                      std::string_view data,
                                                      const ReadLimits& limits = {});

}  // namespace hoso::office

#endif  // HOSO_CLIENTS_OFFICE_OFFICE_READER_H_
