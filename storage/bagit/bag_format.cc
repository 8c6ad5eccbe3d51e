#include "storage/bagit/bag_format.h"

#include <cctype>

#include "storage/base/sha256.h"
#include "storage/base/text.h"

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
      std::string code(path.substr(i + 1, 2));
      for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
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

std::vector<std::string_view> TagFileLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
  }
  return lines;
}

ParsedManifest ParseManifest(std::string_view name, std::string_view text) {
  ParsedManifest out;
  int number = 0;
  for (std::string_view line : TagFileLines(text)) {
    ++number;
    if (line.empty()) continue;
    const size_t path_at = line.find_first_not_of(" \t", 64);
    const bool separated = line.size() > 64 && (line[64] == ' ' || line[64] == '\t');
    std::string hex(line.substr(0, 64));
    for (char& c : hex) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!separated || path_at == std::string_view::npos || !DigestFromHex(hex)) {
      out.problems.push_back(std::string(name) + " line " + std::to_string(number) +
                             " is malformed");
      continue;
    }
    const std::string path = text::Nfc(UnescapeManifestPath(line.substr(path_at)));
    if (!out.files.emplace(path, hex).second) {
      out.problems.push_back(std::string(name) + " lists " + path + " more than once (line " +
                             std::to_string(number) + ")");
    }
  }
  return out;
}

std::string PayloadOxum(uint64_t bytes, uint64_t files) {
  return std::to_string(bytes) + "." + std::to_string(files);
}

std::string BagInfoField(const std::string& info, std::string_view label) {
  for (std::string_view line : TagFileLines(info)) {
    if (line.size() <= label.size() || line[label.size()] != ':') continue;
    bool same = true;
    for (size_t i = 0; i < label.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(line[i])) ==
             std::tolower(static_cast<unsigned char>(label[i]));
    }
    if (!same) continue;
    const size_t start = line.find_first_not_of(" \t", label.size() + 1);
    if (start == std::string_view::npos) return "";
    const size_t end = line.find_last_not_of(" \t");
    return std::string(line.substr(start, end + 1 - start));
  }
  return "";
}

}  // namespace hoso::storage
