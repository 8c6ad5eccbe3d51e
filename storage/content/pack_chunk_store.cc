#include "storage/content/pack_chunk_store.h"

#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "storage/base/error_reason.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"

namespace hoso::storage {
namespace {

constexpr uint32_t kRecordMagic = 0x4b484348;  // "HCHK"
constexpr size_t kHeaderBytes = 32;
// Records start on this boundary (padding after each) so that packs can be
// written with O_DIRECT: on the machines we measured, filling the page cache
// cost 3-5x more CPU than the DMA of the same bytes (bench/RESULTS.md).
constexpr size_t kAlign = 4096;

uint64_t AlignUp(uint64_t n) { return (n + kAlign - 1) / kAlign * kAlign; }

// A reusable, aligned staging buffer per writing thread: allocating a fresh
// megabyte per chunk would fault in new pages every time.
class AlignedBuffer {
 public:
  ~AlignedBuffer() { std::free(data_); }
  char* Get(size_t size) {
    if (size > capacity_) {
      std::free(data_);
      capacity_ = AlignUp(size);
      data_ = static_cast<char*>(std::aligned_alloc(kAlign, capacity_));
      if (data_ == nullptr) capacity_ = 0;
    }
    return data_;
  }

 private:
  char* data_ = nullptr;
  size_t capacity_ = 0;
};

// Little-endian fixed-width fields, the same on every machine we run on.
void Put32(char* p, uint32_t v) { std::memcpy(p, &v, 4); }
void Put64(char* p, uint64_t v) { std::memcpy(p, &v, 8); }
uint32_t Get32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
uint64_t Get64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Where a chunk lives: the value stored under its key in the chunks family.
struct ChunkPointer {
  uint32_t pack = 0;
  uint64_t offset = 0;  // of the record header
  uint32_t length = 0;  // of the data
  uint64_t checksum = 0;

  std::string Encode() const {
    std::string out(24, '\0');
    Put32(&out[0], pack);
    Put64(&out[4], offset);
    Put32(&out[12], length);
    Put64(&out[16], checksum);
    return out;
  }
  static bool Decode(std::string_view in, ChunkPointer* p) {
    if (in.size() != 24) return false;
    p->pack = Get32(in.data());
    p->offset = Get64(in.data() + 4);
    p->length = Get32(in.data() + 12);
    p->checksum = Get64(in.data() + 16);
    return true;
  }
};

absl::Status Errno(const std::string& what) {
  const int e = errno;
  std::string msg = what + ": " + std::strerror(e);
  if (e == ENOSPC || e == EDQUOT) {
    return WithReason(absl::ResourceExhaustedError(what + ": disk is full"), reason::kDiskFull);
  }
  return absl::InternalError(msg);
}

// A pack file opened for reading, closed when its last reader is done (a
// repack may remove the pack while a read still uses it).
struct PackFile {
  int fd = -1;
  ~PackFile() {
    if (fd >= 0) ::close(fd);
  }
};

bool ParsePackName(const std::string& name, uint32_t* id) {
  if (name.size() != 18 || name.rfind("pack-", 0) != 0 || !name.ends_with(".pack")) return false;
  for (size_t i = 5; i < 13; ++i) {
    if (name[i] < '0' || name[i] > '9') return false;
  }
  *id = static_cast<uint32_t>(std::stoul(name.substr(5, 8)));
  return true;
}

class PackChunkStore final : public ChunkStore {
 public:
  PackChunkStore(Database* database, std::string dir, const PackOptions& options)
      : database_(database), dir_(std::move(dir)), options_(options) {}

  ~PackChunkStore() override {
    for (int fd : retired_writers_) ::close(fd);
    if (writer_fd_ >= 0) ::close(writer_fd_);
  }

  std::string Describe() const override { return "packs in " + dir_; }

  // Finds the newest pack to append to, or starts the first.
  absl::Status Init() {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return absl::FailedPreconditionError("cannot create " + dir_ + ": " + ec.message());
    uint32_t newest = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
      uint32_t id;
      if (ParsePackName(entry.path().filename().string(), &id)) newest = std::max(newest, id);
    }
    std::lock_guard<std::mutex> lock(mu_);
    return OpenWriter(newest == 0 ? 1 : newest);
  }

  absl::Status Put(uint64_t location, uint32_t index, std::string_view data) override {
    ChunkPointer pointer;
    pointer.length = static_cast<uint32_t>(data.size());
    pointer.checksum = XXH3_64bits(data.data(), data.size());
    const size_t padded = AlignUp(kHeaderBytes + data.size());
    thread_local AlignedBuffer staging;
    char* record = staging.Get(padded);
    if (record == nullptr) return absl::ResourceExhaustedError("out of memory staging a chunk");
    Put32(record, kRecordMagic);
    Put32(record + 4, pointer.length);
    Put64(record + 8, location);
    Put32(record + 16, index);
    Put32(record + 20, 0);
    Put64(record + 24, pointer.checksum);
    std::memcpy(record + kHeaderBytes, data.data(), data.size());
    std::memset(record + kHeaderBytes + data.size(), 0, padded - kHeaderBytes - data.size());
    if (absl::Status s = Append(record, padded, &pointer); !s.ok()) return s;
    absl::Status indexed;
    {
      std::lock_guard<std::mutex> lock(switch_mu_);
      indexed = database_->PutChunk(keys::Chunk(location, index), pointer.Encode());
    }
    Indexed(pointer.pack);
    return indexed;
  }

  absl::StatusOr<std::string> Get(uint64_t location, uint32_t index) override {
    const std::string key = keys::Chunk(location, index);
    auto value = database_->GetChunk(key);
    // A repack may move the chunk between reading its pointer and its bytes
    // (and remove the old pack): then the pointer has changed, and the read
    // is tried again where it now points.
    for (int attempt = 0;; ++attempt) {
      if (!value.ok()) return value.status();
      if (!value->has_value()) {
        return absl::NotFoundError("chunk " + std::to_string(index) + " is not in the index");
      }
      ChunkPointer pointer;
      if (!ChunkPointer::Decode(**value, &pointer)) {
        return absl::DataLossError("the index entry of chunk " + std::to_string(index) +
                                   " is malformed");
      }
      auto data = ReadChunk(pointer, location, index);
      if (data.ok() || attempt == 3) return data;
      auto again = database_->GetChunk(key);
      if (again.ok() && *again == *value) return data;
      value = std::move(again);
    }
  }

  // Group commit: appends go on while one caller syncs, and a caller whose
  // bytes a sync already covered returns without one of its own.
  absl::Status Sync() override {
    uint64_t mine;
    {
      std::lock_guard<std::mutex> lock(mu_);
      mine = appended_;
    }
    std::lock_guard<std::mutex> sync_lock(sync_mu_);
    if (synced_ >= mine) return absl::OkStatus();
    int fd;
    uint32_t id;
    uint64_t upto;
    {
      std::lock_guard<std::mutex> lock(mu_);
      fd = writer_fd_;  // earlier packs were synced when they were rotated out
      id = writer_id_;
      upto = appended_;
    }
    if (::fdatasync(fd) != 0) return Errno("syncing pack " + std::to_string(id));
    synced_ = upto;
    return absl::OkStatus();
  }

  absl::Status Drop(uint64_t location) override {
    std::lock_guard<std::mutex> lock(switch_mu_);
    return database_->DeleteChunks(keys::ChunkLocationStart(location),
                                   keys::ChunkLocationEnd(location));
  }

  absl::StatusOr<std::vector<uint64_t>> Locations() override { return database_->ChunkLocations(); }

  absl::StatusOr<SpaceUsage> Usage(LiveLocation live) override {
    std::map<uint32_t, PackUsage> packs;
    absl::Status bad;
    // The index first, then the files: a chunk appended in between counts
    // as dead for a moment, never as live beyond its file's end.
    absl::Status s = database_->ScanChunks([&](std::string_view key, std::string_view value) {
      ChunkPointer p;
      if (!ChunkPointer::Decode(value, &p)) {
        bad = absl::DataLossError("a chunk index entry is malformed");
        return false;
      }
      if (live(keys::ChunkKeyLocation(key))) {
        PackUsage& u = packs[p.pack];
        u.live_bytes += AlignUp(kHeaderBytes + p.length);
        ++u.live_chunks;
      }
      return true;
    });
    if (!s.ok()) return s;
    if (!bad.ok()) return bad;
    return Tally(std::move(packs));
  }

  absl::StatusOr<RepackReport> Repack(const RepackOptions& options) override {
    std::lock_guard<std::mutex> one_at_a_time(repack_mu_);
    auto usage = Usage([](uint64_t) { return true; });
    if (!usage.ok()) return usage.status();
    std::set<uint32_t> chosen;
    for (const PackUsage& u : usage->packs) {
      if (u.file_bytes > 0 && WorthRepacking(u, options.min_dead_fraction)) chosen.insert(u.pack);
    }
    RepackReport report;
    if (chosen.empty()) return report;

    // No chunk may land in a chosen pack any more: move the writer on, then
    // wait for appends to it whose pointers are not indexed yet.
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (chosen.count(writer_id_)) {
        if (absl::Status s = Rotate(); !s.ok()) return s;
      }
      unindexed_cv_.wait(lock, [&] {
        for (uint32_t pack : chosen) {
          if (unindexed_.count(pack)) return false;
        }
        return true;
      });
    }
    // Now the chunks in the chosen packs are exactly those the index names.
    struct Move {
      std::string key;
      std::string old_pointer;
      ChunkPointer copy;
      bool copied = false;
    };
    std::vector<Move> moves;
    absl::Status s = database_->ScanChunks([&](std::string_view key, std::string_view value) {
      ChunkPointer p;
      if (ChunkPointer::Decode(value, &p) && chosen.count(p.pack)) {
        moves.push_back({std::string(key), std::string(value), p});
      }
      return true;
    });
    if (!s.ok()) return s;
    std::set<uint32_t> unreadable;
    uint64_t written = 0;
    thread_local AlignedBuffer staging;
    for (Move& m : moves) {
      const ChunkPointer from = m.copy;
      const size_t padded = AlignUp(kHeaderBytes + from.length);
      char* record = staging.Get(padded);
      if (record == nullptr) return absl::ResourceExhaustedError("out of memory repacking");
      const uint32_t index = static_cast<uint32_t>(keys::ReadBigEndian(m.key.substr(8, 4)));
      if (!ReadRecord(from, keys::ChunkKeyLocation(m.key), index, record, padded).ok()) {
        unreadable.insert(from.pack);  // fsck reports its content; the pack stays
        continue;
      }
      if (absl::Status s = Append(record, padded, &m.copy); !s.ok()) return s;
      Indexed(m.copy.pack);  // not indexed, and never will be if the switch skips it
      m.copied = true;
      written += padded;
    }
    if (options.stop_at) {
      if (absl::Status s = options.stop_at("copied"); !s.ok()) return s;
    }
    if (absl::Status s = Sync(); !s.ok()) return s;
    if (options.stop_at) {
      if (absl::Status s = options.stop_at("synced"); !s.ok()) return s;
    }
    {
      // A chunk put anew or dropped meanwhile keeps what happened to it.
      std::lock_guard<std::mutex> lock(switch_mu_);
      std::vector<std::pair<std::string, std::string>> switched;
      for (const Move& m : moves) {
        if (!m.copied) continue;
        auto now = database_->GetChunk(m.key);
        if (!now.ok()) return now.status();
        if (!now->has_value() || **now != m.old_pointer) continue;
        switched.push_back({m.key, m.copy.Encode()});
        ++report.chunks_copied;
        report.bytes_copied += AlignUp(kHeaderBytes + m.copy.length);
      }
      if (absl::Status s = database_->PutChunksDurably(switched); !s.ok()) return s;
    }
    if (options.stop_at) {
      if (absl::Status s = options.stop_at("switched"); !s.ok()) return s;
    }
    // Nothing names the old packs now (but unreadable chunks): remove them.
    uint64_t removed = 0;
    for (uint32_t pack : chosen) {
      if (unreadable.count(pack)) {
        ++report.packs_skipped;
        continue;
      }
      const std::string path = PackPath(pack);
      std::error_code ec;
      const uint64_t size = std::filesystem::file_size(path, ec);
      if (::unlink(path.c_str()) != 0 && errno != ENOENT) return Errno("removing " + path);
      {
        // After the unlink, so that no read opens and caches it again; a
        // read still using it keeps it open until it is done.
        std::lock_guard<std::mutex> lock(mu_);
        readers_.erase(pack);
      }
      if (!ec) removed += size;
      ++report.packs_repacked;
    }
    SyncDir();
    report.bytes_reclaimed = removed > written ? removed - written : 0;
    return report;
  }

 private:
  std::string PackPath(uint32_t id) const {
    char name[32];
    std::snprintf(name, sizeof name, "pack-%08u.pack", id);
    return dir_ + "/" + name;
  }

  void SyncDir() const {
    const int dir_fd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
      ::fsync(dir_fd);
      ::close(dir_fd);
    }
  }

  // Appends one padded record to the pack being written; sets `pointer`'s
  // pack and offset. The caller indexes it, then calls Indexed().
  absl::Status Append(const char* record, size_t padded, ChunkPointer* pointer) {
    std::lock_guard<std::mutex> lock(mu_);
    if (writer_size_ + padded > options_.max_pack_bytes && writer_size_ > kAlign) {
      if (absl::Status s = Rotate(); !s.ok()) return s;
    }
    pointer->pack = writer_id_;
    pointer->offset = writer_size_;
    if (absl::Status s = WriteAt(record, padded, pointer->offset); !s.ok()) return s;
    writer_size_ += padded;
    appended_ += padded;
    ++unindexed_[writer_id_];
    return absl::OkStatus();
  }

  // The pointer of a chunk Append() wrote into `pack` is in the index (or
  // will never be).
  void Indexed(uint32_t pack) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = unindexed_.find(pack);
    if (it != unindexed_.end() && --it->second == 0) unindexed_.erase(it);
    unindexed_cv_.notify_all();
  }

  // Reads and checks the whole padded record `pointer` names into `record`.
  absl::Status ReadRecord(const ChunkPointer& pointer, uint64_t location, uint64_t index,
                          char* record, size_t size) {
    auto file = ReaderFor(pointer.pack);
    if (!file.ok()) return file.status();
    const ssize_t n = ::pread((*file)->fd, record, size, static_cast<off_t>(pointer.offset));
    const std::string where =
        "pack " + std::to_string(pointer.pack) + " at offset " + std::to_string(pointer.offset);
    if (n < static_cast<ssize_t>(kHeaderBytes + pointer.length)) {
      return absl::DataLossError("chunk missing from " + where + " (file too short)");
    }
    const char* h = record;
    if (Get32(h) != kRecordMagic || Get32(h + 4) != pointer.length || Get64(h + 8) != location ||
        Get32(h + 16) != index || Get64(h + 24) != pointer.checksum) {
      return absl::DataLossError("chunk header damaged in " + where);
    }
    if (XXH3_64bits(h + kHeaderBytes, pointer.length) != pointer.checksum) {
      return absl::DataLossError("chunk checksum mismatch in " + where);
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> ReadChunk(const ChunkPointer& pointer, uint64_t location,
                                        uint32_t index) {
    std::string record(kHeaderBytes + pointer.length, '\0');
    if (absl::Status s = ReadRecord(pointer, location, index, record.data(), record.size());
        !s.ok()) {
      return s;
    }
    record.erase(0, kHeaderBytes);
    return record;
  }

  // Sizes of the pack files beside `packs` (live bytes per pack, from the index).
  absl::StatusOr<SpaceUsage> Tally(std::map<uint32_t, PackUsage> packs) {
    std::error_code ec;
    std::set<uint32_t> present;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
      uint32_t id;
      if (!ParsePackName(entry.path().filename().string(), &id)) continue;
      std::error_code size_ec;
      const uint64_t size = std::filesystem::file_size(entry.path(), size_ec);
      if (size_ec) continue;  // removed by a repack meanwhile
      packs[id].file_bytes = size;
      present.insert(id);
    }
    if (ec) return absl::InternalError("listing " + dir_ + ": " + ec.message());
    uint32_t writing;
    {
      std::lock_guard<std::mutex> lock(mu_);
      writing = writer_id_;
    }
    SpaceUsage usage;
    for (auto& [id, u] : packs) {
      u.pack = id;
      u.writing = id == writing;
      const uint64_t overhead = present.count(id) ? std::min<uint64_t>(kAlign, u.file_bytes) : 0;
      const uint64_t used = overhead + u.live_bytes;
      u.dead_bytes = u.file_bytes > used ? u.file_bytes - used : 0;
      usage.file_bytes += u.file_bytes;
      usage.live_bytes += u.live_bytes;
      usage.overhead_bytes += overhead;
      usage.dead_bytes += u.dead_bytes;
      usage.packs.push_back(u);
    }
    return usage;
  }

  absl::Status OpenWriter(uint32_t id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    const std::string path = PackPath(id);
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_DIRECT, 0600);
    if (fd < 0 && errno == EINVAL) {
      fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);  // no O_DIRECT here (tmpfs)
    }
    if (fd < 0) return Errno("opening " + path);
    const off_t end = ::lseek(fd, 0, SEEK_END);
    if (end > 0 && static_cast<uint64_t>(end) % kAlign != 0) {
      // A pack written before records were aligned, or cut short by a crash
      // mid-record: append to a new one.
      ::close(fd);
      return OpenWriter(id + 1);
    }
    if (end == 0) {
      // A new pack: its name must survive a crash along with its bytes.
      char* block = static_cast<char*>(std::aligned_alloc(kAlign, kAlign));
      if (block == nullptr) {
        ::close(fd);
        return absl::ResourceExhaustedError("out of memory opening " + path);
      }
      std::memset(block, 0, kAlign);
      std::memcpy(block, "HOSO pack v1", 12);
      const ssize_t n = ::pwrite(fd, block, kAlign, 0);
      std::free(block);
      if (n != static_cast<ssize_t>(kAlign) || ::fdatasync(fd) != 0) {
        ::close(fd);
        return Errno("writing " + path);
      }
      SyncDir();
    }
    // A Sync() may still be using the old descriptor: close it at the end.
    if (writer_fd_ >= 0) retired_writers_.push_back(writer_fd_);
    writer_fd_ = fd;
    writer_id_ = id;
    writer_size_ = end == 0 ? kAlign : static_cast<uint64_t>(end);
    return absl::OkStatus();
  }

  absl::Status Rotate() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (::fdatasync(writer_fd_) != 0) return Errno("syncing pack " + std::to_string(writer_id_));
    return OpenWriter(writer_id_ + 1);
  }

  absl::Status WriteAt(const char* data, size_t size, uint64_t offset)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    while (size > 0) {
      const ssize_t n = ::pwrite(writer_fd_, data, size, static_cast<off_t>(offset));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Errno("writing pack " + std::to_string(writer_id_));
      if (static_cast<size_t>(n) != size && static_cast<size_t>(n) % kAlign != 0) {
        return absl::InternalError("short write to pack " + std::to_string(writer_id_));
      }
      data += n;
      size -= static_cast<size_t>(n);
      offset += static_cast<uint64_t>(n);
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::shared_ptr<PackFile>> ReaderFor(uint32_t pack) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = readers_.find(pack);
    if (it != readers_.end()) return it->second;
    const std::string path = PackPath(pack);
    auto file = std::make_shared<PackFile>();
    file->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (file->fd < 0) {
      if (errno == ENOENT) return absl::DataLossError("pack file " + path + " is missing");
      return Errno("opening " + path);
    }
    readers_[pack] = file;
    return file;
  }

  Database* const database_;
  const std::string dir_;
  const PackOptions options_;
  std::mutex mu_;
  int writer_fd_ ABSL_GUARDED_BY(mu_) = -1;
  uint32_t writer_id_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t writer_size_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<uint32_t, std::shared_ptr<PackFile>> readers_ ABSL_GUARDED_BY(mu_);
  std::vector<int> retired_writers_ ABSL_GUARDED_BY(mu_);
  uint64_t appended_ ABSL_GUARDED_BY(mu_) = 0;  // bytes written by Put, all packs
  // Per pack, records appended whose pointers are not in the index yet.
  std::map<uint32_t, int> unindexed_ ABSL_GUARDED_BY(mu_);
  std::condition_variable unindexed_cv_;
  std::mutex sync_mu_;                             // one fdatasync at a time
  uint64_t synced_ ABSL_GUARDED_BY(sync_mu_) = 0;  // appended_ covered by a sync
  // Held while a pointer is written or dropped, and by a repack while it
  // checks and switches pointers: a chunk put anew meanwhile is never
  // switched back to its old copy.
  std::mutex switch_mu_;
  std::mutex repack_mu_;  // one repack at a time
};

}  // namespace

absl::StatusOr<std::unique_ptr<ChunkStore>> OpenPackChunkStore(Database* database,
                                                               const std::string& dir,
                                                               const PackOptions& options) {
  auto store = std::make_unique<PackChunkStore>(database, dir, options);
  if (absl::Status s = store->Init(); !s.ok()) return s;
  return std::unique_ptr<ChunkStore>(std::move(store));
}

}  // namespace hoso::storage
