#include "storage/content/chunk_cache.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <system_error>
#include <utility>
#include <vector>

namespace hoso::storage {

namespace fs = std::filesystem;

ChunkCache::ChunkCache(std::string dir, uint64_t max_bytes)
    : dir_(std::move(dir)), max_bytes_(max_bytes) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  std::vector<std::pair<fs::file_time_type, std::string>> found;
  for (auto it = fs::recursive_directory_iterator(dir_, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string name = it->path().filename().string();
    if (name.size() != 64 || !DigestFromHex(name)) {
      fs::remove(it->path(), ec);  // a temporary file a crash left
      continue;
    }
    found.emplace_back(it->last_write_time(ec), name);
  }
  std::sort(found.begin(), found.end());
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [time, name] : found) {
    const uint64_t size = fs::file_size(PathOf(name), ec);
    if (ec) continue;
    order_.push_back(name);
    entries_[name] = Entry{size, std::prev(order_.end())};
    bytes_ += size;
  }
  EvictLocked();
}

std::string ChunkCache::PathOf(const std::string& hex) const {
  return dir_ + "/" + hex.substr(0, 2) + "/" + hex;
}

std::optional<std::string> ChunkCache::Get(const Sha256Digest& sha256) {
  const std::string hex = ToHex(sha256);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(hex);
    if (it == entries_.end()) return std::nullopt;
    order_.splice(order_.end(), order_, it->second.position);
  }
  // One sized read: a chunk is a megabyte, and reading it a character at a
  // time took as long as hashing it.
  std::string data;
  bool whole = false;
  if (std::ifstream in(PathOf(hex), std::ios::binary | std::ios::ate); in) {
    const std::streamoff size = in.tellg();
    if (size >= static_cast<std::streamoff>(sizeof(uint64_t))) {
      data.resize(static_cast<size_t>(size));
      in.seekg(0);
      whole = static_cast<bool>(in.read(data.data(), size));
    }
  }
  if (whole) {
    uint64_t checksum = 0;
    std::memcpy(&checksum, data.data() + data.size() - sizeof(checksum), sizeof(checksum));
    data.resize(data.size() - sizeof(checksum));
    whole = XXH3_64bits(data.data(), data.size()) == checksum;
  }
  if (!whole) {
    std::error_code ec;
    fs::remove(PathOf(hex), ec);
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = entries_.find(hex); it != entries_.end()) {
      bytes_ -= it->second.size;
      order_.erase(it->second.position);
      entries_.erase(it);
    }
    return std::nullopt;
  }
  return data;
}

void ChunkCache::Put(const Sha256Digest& sha256, std::string_view data) {
  if (data.size() > max_bytes_) return;
  const std::string hex = ToHex(sha256);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (entries_.count(hex)) return;
  }
  std::error_code ec;
  fs::create_directories(dir_ + "/" + hex.substr(0, 2), ec);
  thread_local std::mt19937_64 random(std::random_device{}());
  const std::string temp = PathOf(hex) + ".tmp" + std::to_string(random());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    const uint64_t checksum = XXH3_64bits(data.data(), data.size());  // little-endian
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.write(reinterpret_cast<const char*>(&checksum), sizeof(checksum));
    if (!out) {
      out.close();
      fs::remove(temp, ec);
      return;
    }
  }
  fs::rename(temp, PathOf(hex), ec);
  if (ec) {
    fs::remove(temp, ec);
    return;
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (entries_.count(hex)) return;
  order_.push_back(hex);
  entries_[hex] = Entry{data.size() + sizeof(uint64_t), std::prev(order_.end())};
  bytes_ += data.size() + sizeof(uint64_t);
  EvictLocked();
}

void ChunkCache::EvictLocked() {
  while (bytes_ > max_bytes_ && !order_.empty()) {
    const std::string hex = order_.front();
    order_.pop_front();
    auto it = entries_.find(hex);
    bytes_ -= it->second.size;
    entries_.erase(it);
    std::error_code ec;
    fs::remove(PathOf(hex), ec);
  }
}

}  // namespace hoso::storage
