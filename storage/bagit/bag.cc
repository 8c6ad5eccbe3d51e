#include "storage/bagit/bag.h"

#include "storage/base/clock.h"

namespace hoso::storage {
namespace {

std::string Date(int64_t unix_seconds) { return IsoTimeUtc(unix_seconds).substr(0, 10); }

std::string BagInfo(const BagFacts& d) {
  std::string info;
  info += "Source-Organization: " + d.school_name + " (" + d.school + ")\n";
  info += "Bagging-Date: " + Date(d.created_unix) + "\n";
  info += std::string(kPayloadOxum) + ": " + PayloadOxum(d.payload_bytes, d.files.size()) + "\n";
  info += "External-Identifier: " + BagExternalIdentifier(d.school, d.dossier_id) + "\n";
  info += "Bag-Count: 1 of 1\n";
  info += "Internal-Sender-Description: Hồ sơ minh chứng kiểm định chất lượng giáo dục; " +
          d.scope + "; " + std::to_string(d.items) + " minh chứng\n";
  return info;
}

}  // namespace

std::string BagExternalIdentifier(const std::string& school, uint64_t dossier_id) {
  return school + "-dossier-" + std::to_string(dossier_id);
}

std::vector<std::pair<std::string, std::string>> BagTagFiles(const BagFacts& d) {
  std::string manifest;
  for (const BagPayloadFile& f : d.files) manifest += ManifestLine(ToHex(f.sha256), f.path);
  std::vector<std::pair<std::string, std::string>> files = {
      {kBagitFile, kBagitDeclaration}, {kBagInfoFile, BagInfo(d)}, {kManifestFile, manifest}};
  if (!d.custody.empty()) files.push_back({kCustodyFile, d.custody});
  return files;
}

std::string BagTagManifest(const BagFacts& d) {
  std::string out;
  for (const auto& [name, text] : BagTagFiles(d)) out += ManifestLine(ToHex(Sha256Of(text)), name);
  return out;
}

}  // namespace hoso::storage
