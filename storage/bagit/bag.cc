#include "storage/bagit/bag.h"

#include <ctime>

#include "storage/base/clock.h"
#include "storage/base/sha256.h"

namespace hoso::storage {
namespace {

std::string Date(int64_t unix_seconds) { return IsoTimeUtc(unix_seconds).substr(0, 10); }

}  // namespace

std::string ManifestPath(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '%') out += "%25";
    else if (c == '\n') out += "%0A";
    else if (c == '\r') out += "%0D";
    else out += c;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> BagTagFiles(const DossierRecord& d) {
  std::string bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
  std::string info;
  info += "Source-Organization: " + d.school_name() + " (" + d.school() + ")\n";
  info += "Bagging-Date: " + Date(d.created_unix()) + "\n";
  info += "Payload-Oxum: " + std::to_string(d.payload_bytes()) + "." +
          std::to_string(d.entries_size()) + "\n";
  info += "External-Identifier: " + d.school() + "-dossier-" + std::to_string(d.id()) + "\n";
  info += "Bag-Count: 1 of 1\n";
  info += "Internal-Sender-Description: Hồ sơ minh chứng kiểm định chất lượng giáo dục; " +
          d.scope() + "; " + std::to_string(d.items()) + " minh chứng\n";
  std::string manifest;
  for (const DossierEntry& e : d.entries()) {
    auto digest = DigestFromBytes(e.sha256());
    manifest += (digest ? ToHex(*digest) : std::string(64, '0')) + "  " + ManifestPath(e.path()) + "\n";
  }
  std::vector<std::pair<std::string, std::string>> files = {
      {"bagit.txt", bagit}, {"bag-info.txt", info}, {"manifest-sha256.txt", manifest}};
  if (!d.custody().empty()) files.push_back({kCustodyFile, d.custody()});
  return files;
}

std::string BagTagManifest(const DossierRecord& d) {
  std::string out;
  for (const auto& [name, text] : BagTagFiles(d)) {
    out += ToHex(Sha256Of(text)) + "  " + name + "\n";
  }
  return out;
}

}  // namespace hoso::storage
