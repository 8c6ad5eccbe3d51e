#include "storage/maintenance/backup.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "storage/base/bytes.h"
#include "storage/base/sha256.h"
#include "storage/index/database.h"
#include "storage/index/index_backup.h"
#include "storage/maintenance/backup_manifest.h"

namespace hoso::storage {
namespace {

namespace fs = std::filesystem;

constexpr int kBackupsKept = 5;
constexpr size_t kCopyBuffer = 1 << 20;

absl::Status Errno(const std::string& what) {
  const int e = errno;
  if (e == ENOSPC || e == EDQUOT) return absl::ResourceExhaustedError(what + ": disk is full");
  return absl::InternalError(what + ": " + std::strerror(e));
}

// A file descriptor closed at scope end.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

absl::Status SyncDir(const std::string& dir) {
  Fd d{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (d.fd < 0 || ::fsync(d.fd) != 0) return Errno("syncing " + dir);
  return absl::OkStatus();
}

// Reads exactly `n` bytes at `offset`.
absl::Status ReadAt(int fd, char* buf, size_t n, uint64_t offset, const std::string& path) {
  while (n > 0) {
    const ssize_t got = ::pread(fd, buf, n, static_cast<off_t>(offset));
    if (got <= 0)
      return got == 0 ? absl::DataLossError(path + " ended early") : Errno("reading " + path);
    buf += got;
    n -= static_cast<size_t>(got);
    offset += static_cast<uint64_t>(got);
  }
  return absl::OkStatus();
}

// Brings `to` up to the first `size` bytes of `from`. Pack files only grow,
// so a copy made earlier is a prefix: the bytes where they overlap are
// compared (the last MiB of it), then the rest is appended and synced.
absl::StatusOr<uint64_t> CopyAppended(const std::string& from, const std::string& to,
                                      uint64_t size) {
  Fd src{::open(from.c_str(), O_RDONLY | O_CLOEXEC)};
  if (src.fd < 0) return Errno("opening " + from);
  Fd dst{::open(to.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)};
  if (dst.fd < 0) return Errno("opening " + to);
  struct stat st {};
  if (::fstat(dst.fd, &st) != 0) return Errno("reading " + to);
  const uint64_t have = static_cast<uint64_t>(st.st_size);
  if (have > size) {
    return absl::FailedPreconditionError(to + " is longer than " + from +
                                         ": this backup is not of this data directory");
  }
  std::vector<char> a(kCopyBuffer), b(kCopyBuffer);
  if (have > 0) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(have, kCopyBuffer));
    if (absl::Status s = ReadAt(src.fd, a.data(), n, have - n, from); !s.ok()) return s;
    if (absl::Status s = ReadAt(dst.fd, b.data(), n, have - n, to); !s.ok()) return s;
    if (std::memcmp(a.data(), b.data(), n) != 0) {
      return absl::DataLossError(from + " differs from its backup copy " + to +
                                 " where both should hold the same bytes; run hoso admin fsck");
    }
  }
  for (uint64_t at = have; at < size;) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(size - at, kCopyBuffer));
    if (absl::Status s = ReadAt(src.fd, a.data(), n, at, from); !s.ok()) return s;
    const ssize_t put = ::pwrite(dst.fd, a.data(), n, static_cast<off_t>(at));
    if (put != static_cast<ssize_t>(n)) return Errno("writing " + to);
    at += n;
  }
  if (::fdatasync(dst.fd) != 0) return Errno("syncing " + to);
  return size - have;
}

std::string ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

absl::Status WriteSmallFile(const std::string& path, const std::string& data) {
  const std::string tmp = path + ".tmp";
  Fd f{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)};
  if (f.fd < 0 || ::write(f.fd, data.data(), data.size()) != static_cast<ssize_t>(data.size()) ||
      ::fsync(f.fd) != 0) {
    return Errno("writing " + tmp);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) return Errno("renaming " + tmp);
  return absl::OkStatus();
}

// The pack files of `dir` and their sizes, by name.
absl::StatusOr<std::vector<std::pair<std::string, uint64_t>>> Packs(const std::string& dir) {
  std::vector<std::pair<std::string, uint64_t>> packs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("pack-", 0) != 0 || entry.path().extension() != ".pack") continue;
    packs.push_back({name, entry.file_size()});
  }
  if (ec) return absl::InternalError("listing " + dir + ": " + ec.message());
  std::sort(packs.begin(), packs.end());
  return packs;
}

// The SHA-256 (hex) of `length` bytes of `fd` from `offset`.
absl::StatusOr<std::string> HashRange(int fd, uint64_t offset, uint64_t length,
                                      const std::string& path) {
  Sha256Hasher hasher;
  std::vector<char> buf(kCopyBuffer);
  for (uint64_t done = 0; done < length;) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(length - done, kCopyBuffer));
    if (absl::Status s = ReadAt(fd, buf.data(), n, offset + done, path); !s.ok()) return s;
    hasher.Update(std::string_view(buf.data(), n));
    done += n;
  }
  return ToHex(hasher.Finish());
}

absl::StatusOr<std::string> HashFile(const std::string& path) {
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) return Errno("opening " + path);
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return Errno("reading " + path);
  return HashRange(f.fd, 0, static_cast<uint64_t>(st.st_size), path);
}

// The manifest entry of pack `path` at `size`: blocks the last manifest
// hashed whole are taken from it (packs only grow), the rest hashed now.
absl::StatusOr<BackupManifest::Pack> HashPack(const std::string& path, const std::string& name,
                                              uint64_t size, const BackupManifest::Pack* before) {
  BackupManifest::Pack pack{name, size, {}};
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) return Errno("opening " + path);
  for (uint64_t offset = 0; offset < size; offset += BackupManifest::kBlockBytes) {
    const uint64_t length = std::min(BackupManifest::kBlockBytes, size - offset);
    const size_t index = pack.blocks.size();
    if (before != nullptr && index < before->blocks.size() &&
        before->blocks[index].offset == offset && before->blocks[index].length == length &&
        length == BackupManifest::kBlockBytes) {
      pack.blocks.push_back(before->blocks[index]);
      continue;
    }
    auto hash = HashRange(f.fd, offset, length, path);
    if (!hash.ok()) return hash.status();
    pack.blocks.push_back({offset, length, *hash});
  }
  return pack;
}

// The manifest of `backup_dir`; nullopt when there is none.
absl::StatusOr<std::optional<BackupManifest>> ReadManifest(const std::string& backup_dir) {
  const std::string path = BackupManifestPath(backup_dir);
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::optional<BackupManifest>();
  auto manifest = BackupManifest::Parse(ReadSmallFile(path), path);
  if (!manifest.ok()) return manifest.status();
  return std::optional<BackupManifest>(std::move(*manifest));
}

// Copies the first `pack.size` bytes of `from` into the new file `to`,
// checking each block against the manifest on the way.
absl::Status CopyVerified(const std::string& from, const std::string& to,
                          const BackupManifest::Pack& pack) {
  Fd src{::open(from.c_str(), O_RDONLY | O_CLOEXEC)};
  if (src.fd < 0) return Errno("opening " + from);
  Fd dst{::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)};
  if (dst.fd < 0) return Errno("opening " + to);
  std::vector<char> buf(kCopyBuffer);
  for (const BackupManifest::Block& block : pack.blocks) {
    Sha256Hasher hasher;
    for (uint64_t done = 0; done < block.length;) {
      const size_t n = static_cast<size_t>(std::min<uint64_t>(block.length - done, kCopyBuffer));
      const uint64_t at = block.offset + done;
      if (absl::Status s = ReadAt(src.fd, buf.data(), n, at, from); !s.ok()) return s;
      hasher.Update(std::string_view(buf.data(), n));
      if (::pwrite(dst.fd, buf.data(), n, static_cast<off_t>(at)) != static_cast<ssize_t>(n)) {
        return Errno("writing " + to);
      }
      done += n;
    }
    if (ToHex(hasher.Finish()) != block.sha256) {
      return absl::DataLossError(
          "the backup is damaged: " + from + " bytes " + std::to_string(block.offset) + ".." +
          std::to_string(block.offset + block.length) + " differ from what its MANIFEST recorded");
    }
  }
  if (::fdatasync(dst.fd) != 0) return Errno("syncing " + to);
  return absl::OkStatus();
}

// Everything the manifest names that `backup_dir` lacks, for a person.
std::vector<std::string> MissingFromBackup(const std::string& backup_dir,
                                           const BackupManifest& manifest) {
  std::vector<std::string> missing;
  std::error_code ec;
  const std::string meta = IndexBackupMetaPath(backup_dir, manifest.index_backup_id);
  auto meta_hash = HashFile(meta);
  if (!meta_hash.ok()) {
    missing.push_back("index backup " + std::to_string(manifest.index_backup_id) + " (" + meta +
                      " is missing)");
  } else if (*meta_hash != manifest.index_meta_sha256) {
    missing.push_back(meta + " differs from what the MANIFEST recorded");
  } else if (absl::Status v = VerifyIndexBackup(backup_dir, manifest.index_backup_id); !v.ok()) {
    missing.push_back(std::string(v.message()));
  }
  for (const BackupManifest::Pack& pack : manifest.packs) {
    const std::string path = backup_dir + "/packs/" + pack.name;
    const uint64_t have = fs::exists(path, ec) ? fs::file_size(path, ec) : 0;
    if (!fs::exists(path, ec)) {
      missing.push_back("packs/" + pack.name + " (" + HumanBytes(pack.size) + ")");
    } else if (have < pack.size) {
      missing.push_back("packs/" + pack.name + " holds " + HumanBytes(have) + " of " +
                        HumanBytes(pack.size));
    }
  }
  return missing;
}

}  // namespace

std::mutex& PackRemovalMutex() {
  static std::mutex mu;  // also: one backup at a time per process
  return mu;
}

absl::StatusOr<BackupReport> Backup(Database& database, const std::string& packs_dir,
                                    const std::string& backup_dir) {
  std::lock_guard<std::mutex> lock(PackRemovalMutex());
  if (backup_dir.empty() || backup_dir.front() != '/') {
    return absl::InvalidArgumentError(
        "give the backup directory as an absolute path on the server");
  }
  std::error_code ec;
  fs::create_directories(backup_dir + "/packs", ec);
  if (ec) return absl::FailedPreconditionError("cannot make " + backup_dir + ": " + ec.message());

  // Never mix the backups of two servers in one directory.
  auto identity = database.Identity();
  if (!identity.ok()) return identity.status();
  const std::string identity_path = backup_dir + "/IDENTITY";
  const std::string recorded = ReadSmallFile(identity_path);
  if (!recorded.empty() && recorded != *identity) {
    return absl::FailedPreconditionError(backup_dir +
                                         " holds the backup of another hosod data "
                                         "directory; choose an empty directory");
  }
  if (recorded.empty()) {
    if (absl::Status s = WriteSmallFile(identity_path, *identity); !s.ok()) return s;
  }
  // The last finished backup stays the one restored until this one finishes.
  auto before = ReadManifest(backup_dir);
  std::optional<BackupManifest> previous = before.ok() ? *before : std::nullopt;

  BackupReport report;
  auto index = BackupIndex(database, backup_dir, 0);
  if (!index.ok()) return index.status();
  report.backup_id = index->id;
  report.index_bytes = index->bytes;
  report.index_files = index->files;
  BackupManifest manifest;
  manifest.identity = *identity;
  manifest.index_backup_id = index->id;
  auto meta_hash = HashFile(IndexBackupMetaPath(backup_dir, index->id));
  if (!meta_hash.ok()) return meta_hash.status();
  manifest.index_meta_sha256 = *meta_hash;

  // Only now the packs: they already hold every chunk that index names.
  auto packs = Packs(packs_dir);
  if (!packs.ok()) return packs.status();
  for (const auto& [name, size] : *packs) {
    auto copied = CopyAppended(packs_dir + "/" + name, backup_dir + "/packs/" + name, size);
    if (!copied.ok()) return copied.status();
    report.pack_bytes_copied += *copied;
    report.pack_bytes += size;
    ++report.packs;
    auto hashed =
        HashPack(packs_dir + "/" + name, name, size, previous ? previous->FindPack(name) : nullptr);
    if (!hashed.ok()) return hashed.status();
    manifest.packs.push_back(std::move(*hashed));
  }
  if (absl::Status s = SyncDir(backup_dir + "/packs"); !s.ok()) return s;
  // Last: the manifest says the backup is complete.
  if (absl::Status s = WriteSmallFile(BackupManifestPath(backup_dir), manifest.Serialize());
      !s.ok()) {
    return s;
  }
  if (absl::Status s = SyncDir(backup_dir); !s.ok()) return s;
  if (absl::Status s = PurgeIndexBackups(backup_dir, kBackupsKept); !s.ok()) return s;
  return report;
}

absl::Status Restore(const std::string& backup_dir, const std::string& data_dir) {
  std::error_code ec;
  if (fs::exists(data_dir + "/db", ec)) {
    return absl::FailedPreconditionError(data_dir +
                                         " holds a database already; restore into a "
                                         "new data directory");
  }
  if (!fs::exists(IndexBackupDir(backup_dir), ec)) {
    return absl::NotFoundError("no hoso backup in " + backup_dir);
  }
  auto read = ReadManifest(backup_dir);
  if (!read.ok()) return read.status();
  if (!read->has_value()) {
    return absl::FailedPreconditionError(
        "the backup in " + backup_dir +
        " is incomplete: it has no MANIFEST, which a backup "
        "writes last, once everything is copied (this one was cut short, or made by an older "
        "hosod). Run hoso admin backup into it again, then restore");
  }
  const BackupManifest& manifest = **read;
  if (const std::string id = ReadSmallFile(backup_dir + "/IDENTITY"); id != manifest.identity) {
    return absl::FailedPreconditionError(backup_dir + "/IDENTITY does not match its MANIFEST");
  }
  if (std::vector<std::string> missing = MissingFromBackup(backup_dir, manifest);
      !missing.empty()) {
    std::string list;
    for (const std::string& m : missing) list += (list.empty() ? "" : "; ") + m;
    return absl::FailedPreconditionError("the backup in " + backup_dir +
                                         " is incomplete; missing: " + list);
  }

  const bool packs_existed = fs::exists(data_dir + "/packs", ec);
  fs::create_directories(data_dir + "/packs", ec);
  if (ec) return absl::FailedPreconditionError("cannot make " + data_dir + ": " + ec.message());
  absl::Status restored = RestoreIndex(backup_dir, manifest.index_backup_id, data_dir + "/db");
  for (const BackupManifest::Pack& pack : manifest.packs) {
    if (!restored.ok()) break;
    restored =
        CopyVerified(backup_dir + "/packs/" + pack.name, data_dir + "/packs/" + pack.name, pack);
  }
  if (restored.ok()) restored = SyncDir(data_dir + "/packs");
  // The restore is the operator's chosen rollback: the restored index's
  // head becomes the audit anchor when it opens.
  if (restored.ok()) fs::remove(data_dir + "/audit.anchor", ec);
  if (!restored.ok()) {
    // Nothing half-restored is left to be served.
    fs::remove_all(data_dir + "/db", ec);
    if (!packs_existed) fs::remove_all(data_dir + "/packs", ec);
  }
  return restored;
}

}  // namespace hoso::storage
