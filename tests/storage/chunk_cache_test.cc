// ChunkCache (storage/content/chunk_cache.h): the S3 store's local copies
// of chunks. What it hands out are the bytes it was given; a file damaged
// on disk, cut short or lost is a miss (and is removed), never wrong bytes;
// what a previous run left is found again; the oldest go first when full.
#include "storage/content/chunk_cache.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

std::string Bytes(size_t n, char seed) {
  std::string out(n, '\0');
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<char>(seed + i * 31);
  return out;
}

class ChunkCacheTest : public ::testing::Test {
 protected:
  std::string FileOf(const Sha256Digest& sha256) const {
    const std::string hex = ToHex(sha256);
    return dir_.Sub("cache") + "/" + hex.substr(0, 2) + "/" + hex;
  }
  hoso::testing::TempDir dir_;
};

TEST_F(ChunkCacheTest, GivesBackWhatItKeptAcrossRuns) {
  const std::string data = Bytes(1 << 20, 3);
  const Sha256Digest name = Sha256Of(data);
  {
    ChunkCache cache(dir_.Sub("cache"), 8 << 20);
    EXPECT_FALSE(cache.Get(name).has_value());
    cache.Put(name, data);
    auto back = cache.Get(name);
    ASSERT_TRUE(back.has_value());
    EXPECT_TRUE(*back == data);
  }
  ChunkCache again(dir_.Sub("cache"), 8 << 20);
  auto back = again.Get(name);
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(*back == data);
}

TEST_F(ChunkCacheTest, ADamagedOrShortFileIsAMissAndIsRemoved) {
  ChunkCache cache(dir_.Sub("cache"), 8 << 20);
  const std::string flipped = Bytes(70000, 5), cut = Bytes(70000, 6), trailer = Bytes(70000, 7);
  for (const std::string* data : {&flipped, &cut, &trailer}) cache.Put(Sha256Of(*data), *data);
  {
    std::fstream f(FileOf(Sha256Of(flipped)), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(12345);
    f.put(static_cast<char>(flipped[12345] ^ 1));
  }
  std::filesystem::resize_file(FileOf(Sha256Of(cut)), 40000);
  {
    // The bytes whole, their checksum damaged.
    std::fstream f(FileOf(Sha256Of(trailer)), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(trailer.size()));
    f.put('\x55');
  }
  for (const std::string* data : {&flipped, &cut, &trailer}) {
    EXPECT_FALSE(cache.Get(Sha256Of(*data)).has_value());
    EXPECT_FALSE(std::filesystem::exists(FileOf(Sha256Of(*data))));
  }
  // Put again after the damage: kept anew.
  cache.Put(Sha256Of(flipped), flipped);
  auto back = cache.Get(Sha256Of(flipped));
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(*back == flipped);
}

TEST_F(ChunkCacheTest, ALostFileIsAMiss) {
  ChunkCache cache(dir_.Sub("cache"), 8 << 20);
  const std::string data = Bytes(5000, 9);
  cache.Put(Sha256Of(data), data);
  std::filesystem::remove(FileOf(Sha256Of(data)));
  EXPECT_FALSE(cache.Get(Sha256Of(data)).has_value());
}

TEST_F(ChunkCacheTest, TheLeastRecentlyUsedGoFirst) {
  const std::string a = Bytes(300000, 1), b = Bytes(300000, 2), c = Bytes(300000, 4);
  ChunkCache cache(dir_.Sub("cache"), 700000);  // room for two
  cache.Put(Sha256Of(a), a);
  cache.Put(Sha256Of(b), b);
  ASSERT_TRUE(cache.Get(Sha256Of(a)).has_value());  // b is now the oldest used
  cache.Put(Sha256Of(c), c);
  EXPECT_TRUE(cache.Get(Sha256Of(a)).has_value());
  EXPECT_FALSE(cache.Get(Sha256Of(b)).has_value());
  EXPECT_TRUE(cache.Get(Sha256Of(c)).has_value());
}

}  // namespace
}  // namespace hoso::storage
