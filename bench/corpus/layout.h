#ifndef HOSO_BENCH_CORPUS_LAYOUT_H_
#define HOSO_BENCH_CORPUS_LAYOUT_H_

// Where each file of the corpus goes and what it is called:
//   Tiêu chuẩn N/Tiêu chí N.M/[Năm học YYYY-YYYY/]HN-N.M-SS <title>.<ext>
// Codes number each criterion's documents in turn (01, 02, ..., 100, ...),
// as a school codes its archive; names are unique by their bytes within the
// corpus; a few are NFD, the rest NFC, as when some teachers save from a Mac.
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bench/corpus/rng.h"

namespace hoso::corpus {

// A criterion: standard 1-5, criterion 1..kCriteriaPerStandard[standard - 1].
struct Criterion {
  int standard = 1;
  int criterion = 1;
};

class Layout {
 public:
  explicit Layout(Rng& rng);

  Layout(const Layout&) = delete;
  Layout& operator=(const Layout&) = delete;

  // A fresh relative path for title + ext (ext with its dot) under a random
  // criterion, half the time in a school-year folder.
  std::string Place(std::string_view title, std::string_view ext);
  // The same under the given criterion.
  std::string PlaceUnder(Criterion c, std::string_view title, std::string_view ext);
  // A Windows copy beside `path`: the same name with " (2)" before the
  // extension (the same code: the same document).
  std::string CopyBeside(const std::string& path);
  // Marks a path as taken (for files named by hand, not by Place).
  void Reserve(const std::string& path) { used_.insert(path); }

  // Relative folder of a criterion, NFC: "Tiêu chuẩn 1/Tiêu chí 1.1".
  static std::string CriterionDir(Criterion c);
  // The title of a placed name: the NFC name without its code and extension.
  static std::string TitleOf(const std::string& path);
  // Every criterion, in order.
  static const std::vector<Criterion>& Criteria();

 private:
  Rng& rng_;
  std::set<std::string> used_;           // relative paths handed out, as bytes
  std::map<std::string, int> last_seq_;  // criterion folder -> last code number
};

}  // namespace hoso::corpus

#endif  // HOSO_BENCH_CORPUS_LAYOUT_H_
