// MB/s of the S3 chunk store against a radosgw (deploy/ceph.sh), beside the
// pack store on the same machine: Put+Sync of N MiB into one location, then
// a sequential Get of it from a fresh store (no cache), for each
// --parallel value. A measurement for bench/RESULTS.md, not a test.
//   hoso_s3_chunks --env ceph/s3.env --mib 256 --parallel 1,4,8,16
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "storage/content/content_store.h"
#include "storage/content/pack_chunk_store.h"
#include "storage/content/s3_chunk_store.h"
#include "storage/index/database.h"

namespace {

using hoso::storage::ChunkStore;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

struct Run {
  double put_mbps = 0;
  double get_mbps = 0;
};

template <typename Open>
Run Measure(Open open, const std::vector<std::string>& chunks) {
  Run run;
  const uint64_t location = std::random_device{}() | 1;
  const double mib = static_cast<double>(chunks.size());
  {
    auto store = open();
    const auto start = Clock::now();
    for (size_t i = 0; i < chunks.size(); ++i) {
      if (auto s = store->Put(location, static_cast<uint32_t>(i), chunks[i]); !s.ok()) {
        std::fprintf(stderr, "put: %s\n", s.ToString().c_str());
        std::exit(1);
      }
    }
    if (auto s = store->Sync(); !s.ok()) {
      std::fprintf(stderr, "sync: %s\n", s.ToString().c_str());
      std::exit(1);
    }
    run.put_mbps = mib / Seconds(start);
  }
  auto store = open();
  const auto start = Clock::now();
  for (size_t i = 0; i < chunks.size(); ++i) {
    auto data = store->Get(location, static_cast<uint32_t>(i));
    if (!data.ok() || data->size() != chunks[i].size()) {
      std::fprintf(stderr, "get: %s\n", data.status().ToString().c_str());
      std::exit(1);
    }
  }
  run.get_mbps = mib / Seconds(start);
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"S3 chunk store throughput"};
  std::string env_file, dir = "/tmp/hoso-s3-chunks";
  int mib = 256;
  std::vector<int> parallel = {1, 4, 8, 16};
  app.add_option("--env", env_file, "deploy/ceph.sh's s3.env")->required();
  app.add_option("--mib", mib, "MiB written and read");
  app.add_option("--parallel", parallel, "parallel_requests values")->delimiter(',');
  app.add_option("--dir", dir, "scratch dir (database, packs)");
  CLI11_PARSE(app, argc, argv);

  hoso::storage::S3ChunkStoreOptions options;
  std::ifstream in(env_file);
  std::string line, credentials;
  while (std::getline(in, line)) {
    const size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    if (line.substr(0, eq) == "HOSO_S3_ENDPOINT") options.target.endpoint = line.substr(eq + 1);
    if (line.substr(0, eq) == "HOSO_S3_REGION") options.target.region = line.substr(eq + 1);
    if (line.substr(0, eq) == "HOSO_S3_CREDENTIALS") credentials = line.substr(eq + 1);
  }
  auto keys = hoso::storage::LoadS3Credentials(credentials);
  if (!keys.ok()) {
    std::fprintf(stderr, "%s\n", keys.status().ToString().c_str());
    return 1;
  }
  options.credentials = *keys;
  options.target.bucket = "hoso-bench-" + std::to_string(std::random_device{}());

  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto database = hoso::storage::Database::Open(dir + "/db", {});
  if (!database.ok()) {
    std::fprintf(stderr, "%s\n", database.status().ToString().c_str());
    return 1;
  }
  std::mt19937_64 random(1);
  std::vector<std::string> chunks(mib);
  for (std::string& chunk : chunks) {
    chunk.resize(hoso::storage::kChunkBytes);
    for (size_t i = 0; i < chunk.size(); i += 8) {
      const uint64_t v = random();
      std::memcpy(&chunk[i], &v, 8);
    }
  }
  const Run packs = Measure(
      [&] { return *hoso::storage::OpenPackChunkStore(database->get(), dir + "/packs"); }, chunks);
  std::printf("packs:           put+sync %7.1f MiB/s   sequential get %7.1f MiB/s\n",
              packs.put_mbps, packs.get_mbps);
  for (int p : parallel) {
    options.parallel_requests = p;
    // New bytes for each run: otherwise every PUT meets its object (412).
    for (std::string& chunk : chunks) chunk[0] = static_cast<char>(chunk[0] + 1);
    const Run s3 = Measure(
        [&] {
          auto store = hoso::storage::OpenS3ChunkStore(database->get(), options);
          if (!store.ok()) {
            std::fprintf(stderr, "open: %s\n", store.status().ToString().c_str());
            std::exit(1);
          }
          return std::move(*store);
        },
        chunks);
    std::printf(
        "s3 parallel %2d:  put+sync %7.1f MiB/s   sequential get %7.1f MiB/s"
        "   (get %.2f x packs)\n",
        p, s3.put_mbps, s3.get_mbps, s3.get_mbps / packs.get_mbps);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
