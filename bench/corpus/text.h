#ifndef HOSO_BENCH_CORPUS_TEXT_H_
#define HOSO_BENCH_CORPUS_TEXT_H_

// Vietnamese administrative prose for reports and minutes. Sentences are made
// once and then sampled, so text costs a copy per sentence: the generator's
// speed is bounded by the disk, not by the prose.
#include <string>
#include <vector>

#include "bench/corpus/rng.h"

namespace hoso::corpus {

class TextSource {
 public:
  // Draws its sentence pool from rng; later calls draw from the same rng.
  explicit TextSource(Rng& rng);

  TextSource(const TextSource&) = delete;
  TextSource& operator=(const TextSource&) = delete;

  // Appends at most n bytes of valid UTF-8 (n less at most 3, so that no
  // character is cut), eight sentences a line.
  void Append(std::string& out, size_t n);

 private:
  Rng& rng_;
  std::vector<std::string> sentences_;  // each ends with ". "
};

}  // namespace hoso::corpus

#endif  // HOSO_BENCH_CORPUS_TEXT_H_
