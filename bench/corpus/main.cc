// hoso_corpus: writes the benchmark corpus, a synthetic school evidence tree.
//   hoso_corpus OUT_DIR [--scale 1.0] [--seed 20240601] [--force]
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "bench/corpus/corpus.h"
#include "bench/corpus/files.h"

namespace {

constexpr double kMiB = 1024.0 * 1024;

void PrintRow(const char* label, const hoso::corpus::Summary::Count& c, int64_t total) {
  std::printf("%-12s%8lld%10.1f%9.1f\n", label, static_cast<long long>(c.files),
              static_cast<double>(c.bytes) / kMiB,
              total > 0 ? 100.0 * static_cast<double>(c.bytes) / static_cast<double>(total) : 0);
}

// The same table as the shared generator printed, so runs compare at a glance.
void PrintSummary(const hoso::corpus::Options& o, const hoso::corpus::Summary& s, double seconds) {
  std::printf("corpus %s  scale=%g seed=%llu\n", o.root.c_str(), o.scale,
              static_cast<unsigned long long>(o.seed));
  std::printf("%-12s%8s%10s%9s\n", "", "files", "MiB", "% bytes");
  for (hoso::corpus::Kind kind : hoso::corpus::kKinds) {
    PrintRow(hoso::corpus::KindName(kind), s.kinds[static_cast<int>(kind)], s.total.bytes);
  }
  PrintRow("  dup", s.duplicates, s.total.bytes);
  PrintRow("  near", s.near_duplicates, s.total.bytes);
  std::printf("%-12s%8lld%10.1f   (%lld bytes, %lld dirs, %lld NFD names, %.1f s)\n", "total",
              static_cast<long long>(s.total.files), static_cast<double>(s.total.bytes) / kMiB,
              static_cast<long long>(s.total.bytes), static_cast<long long>(s.folders),
              static_cast<long long>(s.nfd_names), seconds);
}

}  // namespace

int main(int argc, char** argv) {
  hoso::corpus::Options options;
  bool force = false;
  CLI::App app{
      "hoso_corpus: a deterministic synthetic school evidence tree for the benchmarks "
      "(same seed and scale, byte-identical tree, names and mtimes)"};
  app.add_option("OUT_DIR", options.root, "folder to fill (absent or empty)")->required();
  app.add_option("--scale", options.scale, "1.0 is about 1 GiB; sizes scale linearly")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--seed", options.seed, "random seed")->capture_default_str();
  app.add_flag("--force", force, "delete OUT_DIR first if it is not empty");
  CLI11_PARSE(app, argc, argv);

  const auto start = std::chrono::steady_clock::now();
  if (absl::Status s = hoso::corpus::PrepareOutput(options.root, force); !s.ok()) {
    std::cerr << "hoso_corpus: " << s.message() << "\n";
    return 1;
  }
  absl::StatusOr<hoso::corpus::Summary> summary = hoso::corpus::Generate(options);
  if (!summary.ok()) {
    std::cerr << "hoso_corpus: " << summary.status().message() << "\n";
    return 1;
  }
  PrintSummary(options, *summary,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return 0;
}
