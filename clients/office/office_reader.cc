#include "clients/office/office_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "clients/office/office_parts.h"

namespace hoso::office {
namespace {

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

absl::Status Unsupported(const std::string& name) {
  return absl::InvalidArgumentError("tệp " + name +
                                    ": hoso đọc .docx, .xlsx, .csv và .tsv (tệp .doc, .xls cũ: "
                                    "hãy mở trong Word/Excel và lưu lại dạng .docx/.xlsx)");
}

absl::StatusOr<std::vector<v1::Table>> ReadZip(const std::string& name, DocumentKind kind,
                                               ZipParts& zip, const ReadLimits& limits) {
  return kind == DocumentKind::kDocx ? ReadDocx(zip, name, limits) : ReadXlsx(zip, name, limits);
}

}  // namespace

DocumentKind KindOf(std::string_view path) {
  const size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return DocumentKind::kUnknown;
  std::string ext(path.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "docx") return DocumentKind::kDocx;
  if (ext == "xlsx" || ext == "xlsm") return DocumentKind::kXlsx;
  if (ext == "csv") return DocumentKind::kCsv;
  if (ext == "tsv" || ext == "tab") return DocumentKind::kTsv;
  return DocumentKind::kUnknown;
}

absl::StatusOr<std::vector<v1::Table>> ReadOfficeData(std::string_view name, DocumentKind kind,
                                                      std::string_view data,
                                                      const ReadLimits& limits) {
  const std::string file(name);
  switch (kind) {
    case DocumentKind::kDocx:
    case DocumentKind::kXlsx: {
      ZipParts zip(file, limits);
      if (absl::Status s = zip.OpenMemory(data); !s.ok()) return s;
      return ReadZip(file, kind, zip, limits);
    }
    case DocumentKind::kCsv:
    case DocumentKind::kTsv:
      return ReadDelimited(file, kind == DocumentKind::kTsv, data, limits);
    case DocumentKind::kUnknown:
      break;
  }
  return Unsupported(file);
}

absl::StatusOr<std::vector<v1::Table>> ReadOfficeFile(const std::string& path,
                                                      const ReadLimits& limits) {
  const std::string name = BaseName(path);
  const DocumentKind kind = KindOf(path);
  if (kind == DocumentKind::kUnknown) return Unsupported(name);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int error = errno;
    std::string why = std::string("không mở được ") + path + ": " + std::strerror(error);
    if (error == ENOENT) return absl::NotFoundError(why);
    if (error == EACCES) return absl::PermissionDeniedError(why);
    return absl::FailedPreconditionError(why);
  }
  if (!S_ISREG(st.st_mode)) {
    return absl::InvalidArgumentError(path + " không phải một tệp thường");
  }
  if (kind == DocumentKind::kDocx || kind == DocumentKind::kXlsx) {
    ZipParts zip(name, limits);
    if (absl::Status s = zip.OpenFile(path); !s.ok()) return s;
    return ReadZip(name, kind, zip, limits);
  }
  if (static_cast<uint64_t>(st.st_size) > limits.max_text_bytes) {
    return absl::InvalidArgumentError("tệp " + name + " dài hơn " +
                                      std::to_string(limits.max_text_bytes >> 20) +
                                      " MiB: quá giới hạn đọc được");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::PermissionDeniedError("không mở được " + path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return ReadDelimited(name, kind == DocumentKind::kTsv, text, limits);
}

}  // namespace hoso::office
