#ifndef HOSO_CLIENTS_COMMANDS_DOCUMENT_TABLES_H_
#define HOSO_CLIENTS_COMMANDS_DOCUMENT_TABLES_H_

#include <string>

#include "google/protobuf/repeated_ptr_field.h"
#include "hoso/v1/hoso.pb.h"

namespace hoso::cli {

// Whether `path` is a Word or Excel file (.docx, .xlsx), read into tables.
bool IsOfficeDocument(const std::string& path);

// Reads the tables of a .docx, .xlsx, .csv or .tsv into `out` (clients/office).
// Returns kOk, or the exit code after printing why, as `what` failed.
int ReadDocumentTables(const std::string& what, const std::string& path,
                       google::protobuf::RepeatedPtrField<v1::Table>* out);

// Where an import problem is, for a person: "kehoach.docx (bảng 2) dòng 4".
std::string ProblemPlace(const std::string& path, const std::string& source, uint32_t line);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_COMMANDS_DOCUMENT_TABLES_H_
