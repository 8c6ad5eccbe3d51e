#include "storage/maintenance/backup_manifest.h"

#include <sstream>

#include "storage/base/sha256.h"

namespace hoso::storage {
namespace {

constexpr std::string_view kMagic = "hoso-backup-manifest 1";

}  // namespace

const BackupManifest::Pack* BackupManifest::FindPack(const std::string& name) const {
  for (const Pack& pack : packs) {
    if (pack.name == name) return &pack;
  }
  return nullptr;
}

std::string BackupManifest::Serialize() const {
  std::ostringstream out;
  out << kMagic << "\n"
      << "identity " << identity << "\n"
      << "index " << index_backup_id << " " << index_meta_sha256 << "\n";
  for (const Pack& pack : packs) {
    out << "pack " << pack.name << " " << pack.size << "\n";
    for (const Block& block : pack.blocks) {
      out << "block " << pack.name << " " << block.offset << " " << block.length << " "
          << block.sha256 << "\n";
    }
  }
  if (!objects_sha256.empty()) {
    out << "objects " << objects << " " << objects_sha256 << " " << objects_store << "\n";
  }
  const std::string body = out.str();
  return body + "end " + ToHex(Sha256Of(body)) + "\n";
}

absl::StatusOr<BackupManifest> BackupManifest::Parse(const std::string& text,
                                                     const std::string& path) {
  const auto damaged = [&](const std::string& why) {
    return absl::DataLossError(path + " is damaged (" + why + "); make a new backup");
  };
  const size_t end = text.rfind("end ");
  if (end == std::string::npos || text.compare(0, kMagic.size(), kMagic) != 0) {
    return damaged("not a whole manifest");
  }
  const std::string body = text.substr(0, end);
  if (text.substr(end) != "end " + ToHex(Sha256Of(body)) + "\n") {
    return damaged("its checksum does not match");
  }
  BackupManifest manifest;
  std::istringstream lines(body);
  std::string line;
  std::getline(lines, line);  // the magic
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string kind;
    fields >> kind;
    if (kind == "identity") {
      fields >> manifest.identity;
    } else if (kind == "index") {
      fields >> manifest.index_backup_id >> manifest.index_meta_sha256;
    } else if (kind == "pack") {
      Pack pack;
      fields >> pack.name >> pack.size;
      manifest.packs.push_back(std::move(pack));
    } else if (kind == "block") {
      std::string name;
      Block block;
      fields >> name >> block.offset >> block.length >> block.sha256;
      if (manifest.packs.empty() || manifest.packs.back().name != name) {
        return damaged("a block outside its pack");
      }
      manifest.packs.back().blocks.push_back(std::move(block));
    } else if (kind == "objects") {
      fields >> manifest.objects >> manifest.objects_sha256 >> manifest.objects_store;
    } else {
      return damaged("unknown line \"" + line + "\"");
    }
    if (fields.fail()) return damaged("unreadable line \"" + line + "\"");
  }
  return manifest;
}

}  // namespace hoso::storage
