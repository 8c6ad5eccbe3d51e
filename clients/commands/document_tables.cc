#include "clients/commands/document_tables.h"

#include "clients/app/exit_codes.h"
#include "clients/office/office_reader.h"

namespace hoso::cli {

bool IsOfficeDocument(const std::string& path) {
  const office::DocumentKind kind = office::KindOf(path);
  return kind == office::DocumentKind::kDocx || kind == office::DocumentKind::kXlsx;
}

int ReadDocumentTables(const std::string& what, const std::string& path,
                       google::protobuf::RepeatedPtrField<v1::Table>* out) {
  auto tables = office::ReadOfficeFile(path);
  if (!tables.ok()) return ReportRpcError(what, tables.status());
  for (v1::Table& table : *tables) *out->Add() = std::move(table);
  return kOk;
}

std::string ProblemPlace(const std::string& path, const std::string& source, uint32_t line) {
  std::string place = path;
  if (!source.empty() && path.size() >= source.size() &&
      path.compare(path.size() - source.size(), source.size(), source) != 0) {
    place += " (" + source + ")";
  }
  return place + " dòng " + std::to_string(line);
}

}  // namespace hoso::cli
