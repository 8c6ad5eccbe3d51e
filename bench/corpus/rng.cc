#include "bench/corpus/rng.h"

#include <cmath>

namespace hoso::corpus {
namespace {

uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t SplitMix(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

Rng::Rng(uint64_t seed) {
  for (uint64_t& s : s_) s = SplitMix(seed);
}

uint64_t Rng::Next() {
  const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

int64_t Rng::Between(int64_t lo, int64_t hi) {
  // The modulo bias is below 2^-40 for the ranges used here, far under what a
  // benchmark corpus could show.
  const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
  return lo + static_cast<int64_t>(span == 0 ? Next() : Next() % span);
}

double Rng::Real() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

int64_t Rng::LogUniform(int64_t lo, int64_t hi) {
  const double l = std::log(static_cast<double>(lo));
  const double h = std::log(static_cast<double>(hi));
  return static_cast<int64_t>(std::exp(Real(l, h)));
}

void Rng::AppendBytes(std::string& out, size_t n) {
  size_t at = out.size();
  out.resize(at + n);
  // Little-endian whatever the host, so a seed's photos are the same bytes
  // everywhere; the compiler makes each inner loop one store.
  for (; n >= 8; n -= 8, at += 8) {
    uint64_t v = Next();
    for (int b = 0; b < 8; ++b, v >>= 8) out[at + b] = static_cast<char>(v & 0xFF);
  }
  if (n == 0) return;
  for (uint64_t v = Next(); n > 0; --n, ++at, v >>= 8) out[at] = static_cast<char>(v & 0xFF);
}

std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out += p;
  return out;
}

}  // namespace hoso::corpus
