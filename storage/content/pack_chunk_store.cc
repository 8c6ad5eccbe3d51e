#include "storage/content/pack_chunk_store.h"

#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <vector>

#include "absl/base/thread_annotations.h"
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
  if (e == ENOSPC || e == EDQUOT) return absl::ResourceExhaustedError(what + ": disk is full");
  return absl::InternalError(msg);
}

class PackChunkStore final : public ChunkStore {
 public:
  PackChunkStore(Database* database, std::string dir, const PackOptions& options)
      : database_(database), dir_(std::move(dir)), options_(options) {}

  ~PackChunkStore() override {
    for (auto& [id, fd] : readers_) ::close(fd);
    for (int fd : retired_writers_) ::close(fd);
    if (writer_fd_ >= 0) ::close(writer_fd_);
  }

  // Finds the newest pack to append to, or starts the first.
  absl::Status Init() {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return absl::FailedPreconditionError("cannot create " + dir_ + ": " + ec.message());
    uint32_t newest = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
      const std::string name = entry.path().filename().string();
      if (name.size() == 18 && name.rfind("pack-", 0) == 0 && name.ends_with(".pack")) {
        newest = std::max(newest, static_cast<uint32_t>(std::stoul(name.substr(5, 8))));
      }
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
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (writer_size_ + padded > options_.max_pack_bytes && writer_size_ > kAlign) {
        if (absl::Status s = Rotate(); !s.ok()) return s;
      }
      pointer.pack = writer_id_;
      pointer.offset = writer_size_;
      if (absl::Status s = WriteAt(record, padded, pointer.offset); !s.ok()) return s;
      writer_size_ += padded;
      appended_ += padded;
    }
    return database_->PutChunk(keys::Chunk(location, index), pointer.Encode());
  }

  absl::StatusOr<std::string> Get(uint64_t location, uint32_t index) override {
    auto value = database_->GetChunk(keys::Chunk(location, index));
    if (!value.ok()) return value.status();
    if (!value->has_value()) {
      return absl::NotFoundError("chunk " + std::to_string(index) + " is not in the index");
    }
    ChunkPointer pointer;
    if (!ChunkPointer::Decode(**value, &pointer)) {
      return absl::DataLossError("the index entry of chunk " + std::to_string(index) +
                                 " is malformed");
    }
    auto fd = ReaderFor(pointer.pack);
    if (!fd.ok()) return fd.status();
    std::string record(kHeaderBytes + pointer.length, '\0');
    const ssize_t n =
        ::pread(*fd, record.data(), record.size(), static_cast<off_t>(pointer.offset));
    const std::string where =
        "pack " + std::to_string(pointer.pack) + " at offset " + std::to_string(pointer.offset);
    if (n != static_cast<ssize_t>(record.size())) {
      return absl::DataLossError("chunk missing from " + where + " (file too short)");
    }
    const char* h = record.data();
    if (Get32(h) != kRecordMagic || Get32(h + 4) != pointer.length || Get64(h + 8) != location ||
        Get32(h + 16) != index || Get64(h + 24) != pointer.checksum) {
      return absl::DataLossError("chunk header damaged in " + where);
    }
    if (XXH3_64bits(h + kHeaderBytes, pointer.length) != pointer.checksum) {
      return absl::DataLossError("chunk checksum mismatch in " + where);
    }
    record.erase(0, kHeaderBytes);
    return record;
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
    return database_->DeleteChunks(keys::ChunkLocationStart(location),
                                   keys::ChunkLocationEnd(location));
  }

 private:
  std::string PackPath(uint32_t id) const {
    char name[32];
    std::snprintf(name, sizeof name, "pack-%08u.pack", id);
    return dir_ + "/" + name;
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
      const int dir_fd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
      }
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

  absl::StatusOr<int> ReaderFor(uint32_t pack) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = readers_.find(pack);
    if (it != readers_.end()) return it->second;
    const std::string path = PackPath(pack);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return absl::DataLossError("pack file " + path + " is missing");
      return Errno("opening " + path);
    }
    readers_[pack] = fd;
    return fd;
  }

  Database* const database_;
  const std::string dir_;
  const PackOptions options_;
  std::mutex mu_;
  int writer_fd_ ABSL_GUARDED_BY(mu_) = -1;
  uint32_t writer_id_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t writer_size_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<uint32_t, int> readers_ ABSL_GUARDED_BY(mu_);
  std::vector<int> retired_writers_ ABSL_GUARDED_BY(mu_);
  uint64_t appended_ ABSL_GUARDED_BY(mu_) = 0;     // bytes written by Put, all packs
  std::mutex sync_mu_;                             // one fdatasync at a time
  uint64_t synced_ ABSL_GUARDED_BY(sync_mu_) = 0;  // appended_ covered by a sync
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
