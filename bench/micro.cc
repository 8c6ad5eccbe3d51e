// hoso_micro: Google Benchmark micro-suite of the hot paths profiles show
// (hashing, chunk writes, the synced commit, the audit chain, manifests,
// file-name rules), so a regression shows without the whole suite.
//   build/bench/hoso_micro [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <string>

#include "storage/bagit/bag.h"
#include "storage/base/sha256.h"
#include "storage/base/text.h"
#include "storage/content/pack_chunk_store.h"
#include "storage/dossier/dossier_archive.h"
#include "storage/store.h"

namespace {

std::string Random(size_t n) {
  std::mt19937_64 gen(42);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(gen());
  return out;
}

// A store in a fresh directory under TMPDIR, removed afterwards.
struct TempStore {
  TempStore() {
    std::string pattern = (std::filesystem::temp_directory_path() / "hoso-micro-XXXXXX").string();
    dir = ::mkdtemp(pattern.data());
    store = std::move(*hoso::storage::Store::Open(dir));
  }
  ~TempStore() {
    store.reset();
    std::filesystem::remove_all(dir);
  }
  std::string dir;
  std::unique_ptr<hoso::storage::Store> store;
};

void BM_Sha256(benchmark::State& state) {
  const std::string data = Random(1 << 20);
  hoso::Sha256Hasher hasher;
  for (auto _ : state) {
    hasher.Update(data);
    benchmark::DoNotOptimize(hasher.Finish());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
}
BENCHMARK(BM_Sha256);

// Appending 1 MiB chunks to pack files (no sync): the upload's write path.
void BM_ContentAppend(benchmark::State& state) {
  TempStore t;
  const std::string data = Random(1 << 20);
  hoso::storage::UploadRequest request;
  auto upload = t.store->content().BeginUpload(request);
  for (auto _ : state) {
    if (!(*upload)->Append(data).ok()) state.SkipWithError("append failed");
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
}
BENCHMARK(BM_ContentAppend)->Iterations(512);

// One small upload committed: hashing, the pack's fdatasync, the synced write.
void BM_SmallUploadCommit(benchmark::State& state) {
  TempStore t;
  std::string data = Random(30 << 10);
  uint64_t n = 0;
  for (auto _ : state) {
    data[0] = static_cast<char>(n);
    data[1] = static_cast<char>(n++ >> 8);
    hoso::storage::UploadRequest request;
    request.declared = hoso::Sha256Of(data);
    request.declared_size = data.size();
    auto upload = t.store->content().BeginUpload(request);
    if (!upload.ok() || !(*upload)->Append(data).ok() || !(*upload)->Finish().ok()) {
      state.SkipWithError("upload failed");
    }
  }
}
BENCHMARK(BM_SmallUploadCommit)->Unit(benchmark::kMicrosecond);

// An audit entry with its change: the serialised part of every edit.
void BM_AuditedCommit(benchmark::State& state) {
  TempStore t;
  int i = 0;
  for (auto _ : state) {
    hoso::storage::WriteBatch batch;
    const hoso::storage::AuditFacts facts{
        .action = "bench", .school = "LQD", .target = "item " + std::to_string(i++)};
    if (!t.store->audit().Commit({"bench", "admin"}, facts, std::move(batch)).ok()) {
      state.SkipWithError("commit failed");
    }
  }
}
BENCHMARK(BM_AuditedCommit)->Unit(benchmark::kMicrosecond);

// The tag manifest of a dossier the size of the benchmark corpus.
void BM_BagTagManifest(benchmark::State& state) {
  hoso::storage::DossierRecord d;
  d.set_school("LQD");
  d.set_school_name("Trường Tiểu học Lê Quý Đôn");
  for (int i = 0; i < 7618; ++i) {
    auto* e = d.add_entries();
    e->set_path("data/Tiêu chuẩn 1/Tiêu chí 1." + std::to_string(i % 10) + "/[H1-1.1-" +
                std::to_string(i) + "] Biên bản/bien-ban.pdf");
    e->set_sha256(hoso::DigestBytes(hoso::Sha256Of(std::to_string(i))));
    e->set_size(30000);
  }
  const hoso::storage::BagFacts bag = hoso::storage::BagOf(d);
  for (auto _ : state) benchmark::DoNotOptimize(hoso::storage::BagTagManifest(bag));
}
BENCHMARK(BM_BagTagManifest)->Unit(benchmark::kMillisecond);

void BM_CleanFileName(benchmark::State& state) {
  const std::string nfd =
      "Bie\xCC\x82n ba\xCC\x89n ho\xCC\xA3p Ho\xCC\x82\xCC\xA3i \xC4\x91o\xCC\x82\xCC\x80ng.pdf";
  for (auto _ : state) benchmark::DoNotOptimize(hoso::text::CleanFileName(nfd));
}
BENCHMARK(BM_CleanFileName);

}  // namespace

BENCHMARK_MAIN();
