#include "clients/transfer/hash_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace hoso::cli {
namespace {

constexpr char kHeader[] = "hoso hash cache v1";

}  // namespace

std::string HashCache::DefaultPath() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
    return std::string(xdg) + "/hoso/hashes";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.cache/hoso/hashes";
  }
  return "";
}

// One line per file: sha256 device inode size mtime_ns ctime_ns path
// (space-separated; the path runs to the end of the line).
HashCache HashCache::Load(const std::string& path) {
  HashCache cache;
  cache.path_ = path;
  if (path.empty()) return cache;
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line) || line != kHeader) return cache;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string hex;
    Entry entry;
    FileIdentity& id = entry.identity;
    if (!(fields >> hex >> id.device >> id.inode >> id.size >> id.mtime_ns >> id.ctime_ns))
      continue;
    auto digest = DigestFromHex(hex);
    std::string file;
    if (!digest || fields.get() != ' ' || !std::getline(fields, file) || file.empty()) continue;
    entry.sha256 = *digest;
    cache.entries_[file] = entry;
  }
  return cache;
}

std::optional<Sha256Digest> HashCache::Find(const std::string& absolute_path,
                                            const FileIdentity& identity) const {
  auto it = entries_.find(absolute_path);
  if (it == entries_.end() || !(it->second.identity == identity)) return std::nullopt;
  return it->second.sha256;
}

void HashCache::Remember(const std::string& absolute_path, const FileIdentity& identity,
                         const Sha256Digest& sha256) {
  if (absolute_path.find('\n') != std::string::npos) return;  // cannot be a line
  entries_[absolute_path] = Entry{identity, sha256};
  changed_ = true;
}

absl::Status HashCache::Save() const {
  if (path_.empty() || !changed_) return absl::OkStatus();
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ec);
  const std::string temporary = path_ + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << kHeader << '\n';
    for (const auto& [file, e] : entries_) {
      const FileIdentity& id = e.identity;
      out << ToHex(e.sha256) << ' ' << id.device << ' ' << id.inode << ' ' << id.size << ' '
          << id.mtime_ns << ' ' << id.ctime_ns << ' ' << file << '\n';
    }
    out.flush();
    if (!out) {
      std::filesystem::remove(temporary, ec);
      return absl::InternalError("cannot write the hash cache " + temporary);
    }
  }
  if (std::rename(temporary.c_str(), path_.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::filesystem::remove(temporary, ec);
    return absl::InternalError("cannot replace the hash cache " + path_ + ": " + why);
  }
  return absl::OkStatus();
}

std::string AbsolutePath(const std::string& path) {
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(path, ec);
  return ec ? path : absolute.lexically_normal().string();
}

std::optional<LocalFile> CachedLocalFile(const HashCache& cache, const std::string& path,
                                         const std::string& absolute) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  const std::optional<Sha256Digest> sha = cache.Find(absolute, IdentityOf(st));
  if (!sha) return std::nullopt;
  LocalFile f = LocalFileOf(path, st);
  f.sha256 = *sha;
  return f;
}

}  // namespace hoso::cli
