#include "storage/bagit/bag_format.h"

#include <sstream>

#include "storage/base/sha256.h"

namespace hoso::storage {

std::string ManifestPath(std::string_view path) {
  std::string out;
  for (char c : path) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\n') {
      out += "%0A";
    } else if (c == '\r') {
      out += "%0D";
    } else {
      out += c;
    }
  }
  return out;
}

std::string UnescapeManifestPath(std::string_view path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size()) {
      const std::string_view code = path.substr(i + 1, 2);
      const char plain = code == "0A" ? '\n' : code == "0D" ? '\r' : code == "25" ? '%' : 0;
      if (plain != 0) {
        out += plain;
        i += 2;
        continue;
      }
    }
    out += path[i];
  }
  return out;
}

std::string ManifestLine(std::string_view sha256_hex, std::string_view path) {
  std::string line(sha256_hex);
  line += "  ";
  line += ManifestPath(path);
  line += '\n';
  return line;
}

ParsedManifest ParseManifest(std::string_view name, const std::string& text) {
  ParsedManifest out;
  std::stringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty()) continue;
    const size_t space = line.find(' ');
    if (space != 64 || line.size() < 67 || !DigestFromHex(line.substr(0, 64))) {
      out.problems.push_back(std::string(name) + " line " + std::to_string(number) +
                             " is malformed");
      continue;
    }
    const std::string path = line.substr(line.find_first_not_of(' ', space));
    out.files[UnescapeManifestPath(path)] = line.substr(0, 64);
  }
  return out;
}

std::string PayloadOxum(uint64_t bytes, uint64_t files) {
  return std::to_string(bytes) + "." + std::to_string(files);
}

std::string BagInfoField(const std::string& info, std::string_view label) {
  const size_t at = info.find(std::string(label) + ":");
  if (at == std::string::npos) return "";
  const size_t start = info.find_first_not_of(' ', at + label.size() + 1);
  if (start == std::string::npos) return "";
  return info.substr(start, info.find('\n', start) - start);
}

}  // namespace hoso::storage
