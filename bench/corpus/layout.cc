#include "bench/corpus/layout.h"

#include <string>
#include <vector>

#include "bench/corpus/unicode.h"
#include "bench/corpus/vocabulary.h"

namespace hoso::corpus {
namespace {

constexpr double kNfdShare = 0.03;
constexpr double kYearFolderShare = 0.5;

}  // namespace

Layout::Layout(Rng& rng) : rng_(rng) {}

const std::vector<Criterion>& Layout::Criteria() {
  static const auto* all = [] {
    auto* v = new std::vector<Criterion>;
    for (int s = 1; s <= 5; ++s) {
      for (int c = 1; c <= kCriteriaPerStandard[s - 1]; ++c) v->push_back({s, c});
    }
    return v;
  }();
  return *all;
}

std::string Layout::CriterionDir(Criterion c) {
  const std::string s = std::to_string(c.standard);
  return ToNfc(Cat({"Tiêu chuẩn ", s, "/Tiêu chí ", s, ".", std::to_string(c.criterion)}));
}

std::string Layout::Place(std::string_view title, std::string_view ext) {
  return PlaceUnder(rng_.Pick(Criteria()), title, ext);
}

std::string Layout::PlaceUnder(Criterion c, std::string_view title, std::string_view ext) {
  const std::string criterion_dir = CriterionDir(c);
  std::string dir = criterion_dir;
  if (rng_.Chance(kYearFolderShare)) dir += "/" + rng_.Pick(SchoolYears());
  const int seq = ++last_seq_[criterion_dir];
  // The evidence code, e.g. "H5-5.2-07": standard, criterion, sequence.
  const std::string s = std::to_string(c.standard);
  const std::string stem = Cat({"H", s, "-", s, ".", std::to_string(c.criterion), "-",
                                seq < 10 ? "0" : "", std::to_string(seq), " ", title});
  std::string name = Cat({stem, ext});
  // Two teachers filing the same title under the same code: Windows' " (2)".
  for (int n = 2; used_.count(dir + "/" + name) > 0; ++n) {
    name = Cat({stem, " (", std::to_string(n), ")", ext});
  }
  used_.insert(dir + "/" + name);
  name = rng_.Chance(kNfdShare) ? ToNfd(name) : ToNfc(name);
  const std::string path = dir + "/" + name;
  used_.insert(path);
  return path;
}

std::string Layout::CopyBeside(const std::string& path) {
  const size_t dot = path.rfind('.');
  std::string copy = path.substr(0, dot) + " (2)" + path.substr(dot);
  for (int n = 3; used_.count(copy) > 0; ++n) {
    copy = path.substr(0, dot) + " (" + std::to_string(n) + ")" + path.substr(dot);
  }
  used_.insert(copy);
  return copy;
}

std::string Layout::TitleOf(const std::string& path) {
  std::string name = ToNfc(path.substr(path.rfind('/') + 1));
  name = name.substr(name.find(' ') + 1);
  const size_t dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

}  // namespace hoso::corpus
