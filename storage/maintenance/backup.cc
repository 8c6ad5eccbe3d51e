#include "storage/maintenance/backup.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "storage/base/bytes.h"
#include "storage/base/sha256.h"
#include "storage/content/content_backend.h"
#include "storage/index/database.h"
#include "storage/index/index_backup.h"
#include "storage/maintenance/backup_manifest.h"
#include "storage/objects/s3_client.h"

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
  if (!fs::exists(dir, ec)) return packs;  // the content is in a bucket
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

// The names of the objects the chunks family points to, added to `names`.
absl::Status AddObjectNames(const Database& database, const S3Target& target,
                            std::set<std::string>* names) {
  return database.ScanChunks([&](std::string_view, std::string_view pointer) {
    if (auto name = S3ChunkObjectName(target, pointer)) names->insert(std::move(*name));
    return true;
  });
}

// The objects of OBJECTS that the bucket does not have, looked up in
// parallel; those deleted from the versioned bucket while their last version
// is kept are brought back (counted in `brought_back`).
absl::StatusOr<std::vector<std::string>> MissingObjects(const std::vector<std::string>& names,
                                                        const S3ChunkStoreOptions& s3,
                                                        uint64_t* brought_back) {
  S3Client client(s3.target, s3.credentials);
  std::mutex mu;
  std::vector<std::string> missing;
  absl::Status failed;
  std::atomic<size_t> next{0};
  std::atomic<uint64_t> restored{0};
  auto work = [&] {
    for (size_t i = next++; i < names.size(); i = next++) {
      auto head = client.HeadObject(names[i]);
      if (head.ok()) continue;
      absl::Status problem = head.status();
      if (absl::IsNotFound(problem)) {
        auto back = client.RestoreDeletedObject(names[i]);
        if (back.ok() && *back) {
          ++restored;
          continue;
        }
        if (!back.ok() && !absl::IsNotFound(back.status())) problem = back.status();
      }
      std::lock_guard<std::mutex> lock(mu);
      if (absl::IsNotFound(problem)) {
        missing.push_back(names[i]);
      } else if (failed.ok()) {
        failed = problem;
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < std::max(1, s3.parallel_requests); ++t) threads.emplace_back(work);
  for (std::thread& t : threads) t.join();
  *brought_back = restored;
  if (!failed.ok()) return failed;
  std::sort(missing.begin(), missing.end());
  return missing;
}

// FailedPrecondition unless every object the backup's index needs is in
// the bucket (brought back from the bucket's versions where deleted).
absl::Status CheckObjects(const std::string& backup_dir, const BackupManifest& manifest,
                          const std::optional<S3ChunkStoreOptions>& s3, RestoreReport* report) {
  if (manifest.objects_sha256.empty()) return absl::OkStatus();
  if (!s3 || S3BackendName(s3->target) != manifest.objects_store) {
    return absl::FailedPreconditionError(
        "the content of this backup is in " + manifest.objects_store +
        ": restore with hosod --restore-from " + backup_dir + " --content " +
        manifest.objects_store + " --s3-endpoint URL (and that store's keys)");
  }
  const std::string path = BackupObjectsPath(backup_dir);
  const std::string text = ReadSmallFile(path);
  if (ToHex(Sha256Of(text)) != manifest.objects_sha256) {
    return absl::DataLossError(path +
                               " differs from what the MANIFEST recorded; make a new backup");
  }
  std::vector<std::string> names;
  for (size_t at = 0; at < text.size();) {
    const size_t end = text.find('\n', at);
    if (end == std::string::npos) break;
    names.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  report->objects_checked = names.size();
  auto missing = MissingObjects(names, *s3, &report->objects_brought_back);
  if (!missing.ok()) return missing.status();
  if (missing->empty()) return absl::OkStatus();
  std::string list;
  for (size_t i = 0; i < missing->size() && i < 20; ++i)
    list += (i == 0 ? "" : ", ") + (*missing)[i];
  if (missing->size() > 20) list += ", ...";
  return absl::FailedPreconditionError(
      std::to_string(missing->size()) + " of the " + std::to_string(names.size()) +
      " objects this backup's index needs are missing from " + manifest.objects_store +
      ", and the bucket keeps no version of them: " + list +
      ". Nothing was restored; restore a newer backup, or bring those objects back from a copy "
      "of the bucket, then restore again");
}

}  // namespace

std::mutex& PackRemovalMutex() {
  static std::mutex mu;  // also: one backup at a time per process
  return mu;
}

absl::StatusOr<BackupReport> Backup(Database& database, const std::string& packs_dir,
                                    const std::string& backup_dir, const S3Target* objects) {
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
  // The objects named before and after the index backup: together they
  // hold every object the backed-up index names (a chunk dropped meanwhile
  // is listed, and checked, for nothing).
  std::set<std::string> object_names;
  if (objects != nullptr) {
    if (absl::Status s = AddObjectNames(database, *objects, &object_names); !s.ok()) return s;
  }
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
  if (objects != nullptr) {
    if (absl::Status s = AddObjectNames(database, *objects, &object_names); !s.ok()) return s;
    std::string listed;
    for (const std::string& name : object_names) listed.append(name).push_back('\n');
    if (absl::Status s = WriteSmallFile(BackupObjectsPath(backup_dir), listed); !s.ok()) return s;
    manifest.objects = object_names.size();
    manifest.objects_sha256 = ToHex(Sha256Of(listed));
    manifest.objects_store = S3BackendName(*objects);
    report.objects = manifest.objects;
  }
  // Last: the manifest says the backup is complete.
  if (absl::Status s = WriteSmallFile(BackupManifestPath(backup_dir), manifest.Serialize());
      !s.ok()) {
    return s;
  }
  if (absl::Status s = SyncDir(backup_dir); !s.ok()) return s;
  if (absl::Status s = PurgeIndexBackups(backup_dir, kBackupsKept); !s.ok()) return s;
  return report;
}

absl::StatusOr<RestoreReport> Restore(const std::string& backup_dir, const std::string& data_dir,
                                      const std::optional<S3ChunkStoreOptions>& s3) {
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
  RestoreReport report;
  if (absl::Status s = CheckObjects(backup_dir, manifest, s3, &report); !s.ok()) return s;

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
    return restored;
  }
  return report;
}

}  // namespace hoso::storage
