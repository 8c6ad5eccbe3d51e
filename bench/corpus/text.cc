#include "bench/corpus/text.h"

#include <string>

#include "bench/corpus/vocabulary.h"

namespace hoso::corpus {
namespace {

constexpr int kSentences = 4000;  // enough that compressors see prose, not a loop

// "Xyz ... ." with, now and then, a comrade's name or a percentage, as the
// minutes have them.
std::string MakeSentence(Rng& rng) {
  std::string s;
  const int64_t words = rng.Between(8, 26);
  for (int64_t i = 0; i < words; ++i) {
    if (i > 0) s += ' ';
    s += rng.Pick(Words());
  }
  if (rng.Chance(0.15)) s += ", đồng chí " + rng.Pick(People());
  if (rng.Chance(0.1)) {
    s += " đạt " + std::to_string(rng.Between(1, 100)) + ",";
    s += std::to_string(rng.Between(10, 99)) + "%";
  }
  // Capitalizes the first letter when it is ASCII; the few words that start
  // with a Vietnamese letter keep it lower case, as hurried typists do.
  if (s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s + ". ";
}

}  // namespace

TextSource::TextSource(Rng& rng) : rng_(rng) {
  sentences_.reserve(kSentences);
  for (int i = 0; i < kSentences; ++i) sentences_.push_back(MakeSentence(rng_));
}

void TextSource::Append(std::string& out, size_t n) {
  const size_t end = out.size() + n;
  int in_line = 0;
  while (out.size() < end) {
    out += rng_.Pick(sentences_);
    if (++in_line == 8) {
      out.back() = '\n';
      in_line = 0;
    }
  }
  // Cut back to end, then off any continuation bytes of a split character.
  size_t cut = end;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  out.resize(cut);
}

}  // namespace hoso::corpus
