#include "storage/frameworks/json_lines.h"

#include <cctype>

namespace hoso::storage {
namespace {

// "school_levels", "schoolLevels" -> "schoollevels".
std::string NormalKey(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c != '_') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string NormalPath(std::string_view path) {
  std::string out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (!out.empty()) out += '/';
    out += NormalKey(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

// A recursive walk over valid JSON recording the line of every value.
class Walker {
 public:
  Walker(std::string_view t, std::map<std::string, int, std::less<>>& lines)
      : t_(t), lines_(lines) {}

  void Value(const std::string& path) {
    Skip();
    if (i_ >= t_.size()) return;
    lines_.emplace(path, line_);
    const char c = t_[i_];
    if (c == '{') {
      ++i_;
      for (;;) {
        Skip();
        if (i_ >= t_.size() || t_[i_] == '}') break;
        if (t_[i_] == ',') {
          ++i_;
          continue;
        }
        const std::string key = NormalKey(String());
        Skip();
        if (i_ < t_.size() && t_[i_] == ':') ++i_;
        Value(path.empty() ? key : path + "/" + key);
      }
      ++i_;
    } else if (c == '[') {
      ++i_;
      int index = 0;
      for (;;) {
        Skip();
        if (i_ >= t_.size() || t_[i_] == ']') break;
        if (t_[i_] == ',') {
          ++i_;
          continue;
        }
        const std::string item = std::to_string(index++);
        Value(path.empty() ? item : path + "/" + item);
      }
      ++i_;
    } else if (c == '"') {
      String();
    } else {
      while (i_ < t_.size() && !std::isspace(static_cast<unsigned char>(t_[i_])) && t_[i_] != ',' &&
             t_[i_] != '}' && t_[i_] != ']') {
        ++i_;
      }
    }
  }

 private:
  void Skip() {
    while (i_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[i_]))) {
      if (t_[i_] == '\n') ++line_;
      ++i_;
    }
  }
  // A string's raw text (escapes kept: keys of interest have none).
  std::string_view String() {
    const size_t start = ++i_;
    while (i_ < t_.size() && t_[i_] != '"') i_ += t_[i_] == '\\' ? 2 : 1;
    const std::string_view s = t_.substr(start, std::min(i_, t_.size()) - start);
    ++i_;
    return s;
  }

  std::string_view t_;
  std::map<std::string, int, std::less<>>& lines_;
  size_t i_ = 0;
  int line_ = 1;
};

}  // namespace

JsonLines::JsonLines(std::string_view json) { Walker(json, lines_).Value(""); }

int JsonLines::Line(std::string_view path) const {
  auto it = lines_.find(NormalPath(path));
  return it == lines_.end() ? 0 : it->second;
}

int JsonLines::LineOr(const std::string& path, std::string_view field) const {
  const int line = Line(path + "/" + std::string(field));
  return line ? line : Line(path);
}

}  // namespace hoso::storage
