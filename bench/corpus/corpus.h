#ifndef HOSO_BENCH_CORPUS_CORPUS_H_
#define HOSO_BENCH_CORPUS_CORPUS_H_

// The synthetic evidence tree of a school, for the benchmarks: about
// scale GiB of photos, reports and minutes over the 28 criteria, then exact
// duplicates, near-duplicates, an empty file and an NFC/NFD twin pair, all
// with fixed times. The same options give a byte-identical tree (contents,
// names, file and folder mtimes).
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "bench/corpus/evidence.h"

namespace hoso::corpus {

struct Options {
  std::string root;    // the folder to fill; must be empty or absent
  double scale = 1.0;  // 1.0 is about 1 GiB of files; sizes scale linearly
  uint64_t seed = 20240601;
};

// What was written, for the summary line of the tool and for its callers.
struct Summary {
  struct Count {
    int64_t files = 0;
    int64_t bytes = 0;
    void Add(size_t size) { ++files, bytes += static_cast<int64_t>(size); }
  };
  Count kinds[3];  // indexed by Kind
  Count duplicates, near_duplicates, total;
  int64_t folders = 0;  // the root included
  int64_t nfd_names = 0;
};

// REQUIRES: options.root exists and is empty (PrepareOutput in files.h).
absl::StatusOr<Summary> Generate(const Options& options);

}  // namespace hoso::corpus

#endif  // HOSO_BENCH_CORPUS_CORPUS_H_
