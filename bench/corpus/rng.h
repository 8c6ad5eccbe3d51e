#ifndef HOSO_BENCH_CORPUS_RNG_H_
#define HOSO_BENCH_CORPUS_RNG_H_

// The one source of randomness of the corpus generator. xoshiro256** seeded by
// splitmix64: fast enough to fill a gigabyte of "photo" bytes in well under a
// second. Unlike the <random> distributions, its derived values (ranges,
// reals, bytes) are computed here, so a seed gives the same tree with any
// standard library and byte order.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace hoso::corpus {

class Rng {
 public:
  explicit Rng(uint64_t seed);

  uint64_t Next();
  // Uniform in [lo, hi], both inclusive. REQUIRES: lo <= hi.
  int64_t Between(int64_t lo, int64_t hi);
  // Uniform in [0, 1).
  double Real();
  double Real(double lo, double hi) { return lo + (hi - lo) * Real(); }
  // exp(uniform(log lo, log hi)): as many small files per octave as large ones.
  int64_t LogUniform(int64_t lo, int64_t hi);
  bool Chance(double p) { return Real() < p; }
  // Appends n random bytes to out.
  void AppendBytes(std::string& out, size_t n);

  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Between(0, static_cast<int64_t>(v.size()) - 1))];
  }
  // Fisher-Yates with this generator.
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) {
      std::swap(v[i - 1], v[static_cast<size_t>(Between(0, static_cast<int64_t>(i) - 1))]);
    }
  }

 private:
  uint64_t s_[4];
};

// Concatenates parts evaluated left to right: a braced list is sequenced,
// while the operands of + and the arguments of a call are not, so names
// built with Cat draw from the Rng in the same order with any compiler.
std::string Cat(std::initializer_list<std::string_view> parts);

}  // namespace hoso::corpus

#endif  // HOSO_BENCH_CORPUS_RNG_H_
