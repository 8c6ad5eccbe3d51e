#ifndef HOSO_STORAGE_BASE_SCHOOL_CODE_H_
#define HOSO_STORAGE_BASE_SCHOOL_CODE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hoso {

// An evidence code as a school wrote it at the start of a file or folder
// name, in any of the forms schools use: "H5-5.2-24", "[H1-1.1-01]",
// "H1.1.1.01", "1.1-01", "h1 1.1 01", with or without brackets, with '-',
// '.' or spaces between the parts. Shared by the CLI (planning an archive
// import) and the server (accepting a code the school wrote).
struct SchoolCode {
  int box = 0;            // the N of "HN"; 0 when the code has no box
  std::string criterion;  // "5.2"
  uint32_t seq = 0;       // 24; never 0
};

// A name split into the code at its start and the rest.
struct CodedName {
  std::optional<SchoolCode> code;
  std::string title;  // the rest without the separators after the code
};

// The code at the start of `name` (a file name without its extension, or a
// folder name), if there is one, and the rest. A code is: an optional '[',
// an optional "H<box>" then a separator, the criterion "<standard>.<n>"
// (1-2 digits each), a separator, the sequence (1-3 digits, not 0), the ']'
// if one opened, then the end of the name or a separator (space, '-', '_',
// '.', ')'). "2021-2022 Kế hoạch", "1.1 Phương hướng" and "IMG_2021" are
// titles, not codes.
CodedName SplitLeadingCode(std::string_view name);

// `text` as a whole is a code (surrounding spaces allowed): what a person
// types for Evidence.code.
std::optional<SchoolCode> ParseSchoolCode(std::string_view text);

}  // namespace hoso

#endif  // HOSO_STORAGE_BASE_SCHOOL_CODE_H_
