#ifndef HOSO_STORAGE_FRAMEWORKS_JSON_LINES_H_
#define HOSO_STORAGE_FRAMEWORKS_JSON_LINES_H_

// Where each value of a JSON text starts, so that an error found in the
// parsed message can name the line of the file that holds the culprit.

#include <map>
#include <string>
#include <string_view>

namespace hoso::storage {

class JsonLines {
 public:
  // `json` must be syntactically valid (FrameworkCatalog::Parse checks first).
  explicit JsonLines(std::string_view json);

  // The line (from 1) where the value at `path` starts, or 0 when the file
  // has none there. A path joins keys and array indices with '/':
  // "standards/0/criteria/2/indicators/1/code". Keys match as protobuf's JSON
  // parser matches them: "school_levels" and "schoolLevels" are one key.
  int Line(std::string_view path) const;

  // The line of `path`/`field`, or of `path` itself when the field is absent.
  int LineOr(const std::string& path, std::string_view field) const;

 private:
  std::map<std::string, int, std::less<>> lines_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_FRAMEWORKS_JSON_LINES_H_
