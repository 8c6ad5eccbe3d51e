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
#include <vector>

#include "storage/index/database.h"
#include "storage/index/index_backup.h"

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

  BackupReport report;
  auto index = BackupIndex(database, backup_dir, kBackupsKept);
  if (!index.ok()) return index.status();
  report.backup_id = index->id;
  report.index_bytes = index->bytes;
  report.index_files = index->files;

  // Only now the packs: they already hold every chunk that index names.
  auto packs = Packs(packs_dir);
  if (!packs.ok()) return packs.status();
  for (const auto& [name, size] : *packs) {
    auto copied = CopyAppended(packs_dir + "/" + name, backup_dir + "/packs/" + name, size);
    if (!copied.ok()) return copied.status();
    report.pack_bytes_copied += *copied;
    report.pack_bytes += size;
    ++report.packs;
  }
  if (absl::Status s = SyncDir(backup_dir + "/packs"); !s.ok()) return s;
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
  auto newest = VerifyNewestIndexBackup(backup_dir);
  if (!newest.ok()) return newest.status();
  fs::create_directories(data_dir + "/packs", ec);
  if (ec) return absl::FailedPreconditionError("cannot make " + data_dir + ": " + ec.message());
  if (absl::Status s = RestoreIndex(backup_dir, *newest, data_dir + "/db"); !s.ok()) return s;

  auto packs = Packs(backup_dir + "/packs");
  if (!packs.ok()) return packs.status();
  for (const auto& [name, size] : *packs) {
    auto copied = CopyAppended(backup_dir + "/packs/" + name, data_dir + "/packs/" + name, size);
    if (!copied.ok()) return copied.status();
  }
  return SyncDir(data_dir + "/packs");
}

}  // namespace hoso::storage
