#ifndef HOSO_BENCH_CORPUS_EVIDENCE_H_
#define HOSO_BENCH_CORPUS_EVIDENCE_H_

// One piece of evidence of a kind: its title, its extension and its bytes.
#include <string>

#include "bench/corpus/rng.h"
#include "bench/corpus/text.h"

namespace hoso::corpus {

// The kinds a school files, with their share of the corpus bytes: photos
// 60 %, reports 30 %, minutes 10 %.
enum class Kind { kPhoto, kReport, kMinutes };
inline constexpr Kind kKinds[] = {Kind::kPhoto, Kind::kReport, Kind::kMinutes};

double ByteShare(Kind kind);
const char* KindName(Kind kind);
// A planned size for a file of the kind: photos uniform in 1-6 MiB, reports
// log-uniform in 100 KiB-3 MiB, minutes log-uniform in 2-50 KiB.
size_t DrawSize(Rng& rng, Kind kind);

struct Evidence {
  std::string title;  // NFC, without code or extension
  std::string ext;    // with its dot: ".jpg"
  std::string data;
};

// Photos are .jpg (a quarter named by the camera, IMG_YYYYMMDD_HHMMSS);
// reports .pdf (65 %) or .docx; minutes .txt (70 %) or a small .docx.
Evidence MakeEvidence(Rng& rng, TextSource& text, Kind kind, size_t size);

}  // namespace hoso::corpus

#endif  // HOSO_BENCH_CORPUS_EVIDENCE_H_
