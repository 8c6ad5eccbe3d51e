#ifndef HOSO_BENCH_CORPUS_UNICODE_H_
#define HOSO_BENCH_CORPUS_UNICODE_H_

// Unicode normalization of UTF-8 names. Schools' files come from Windows (NFC)
// and from Macs (NFD); the corpus holds both so that ingest meets both.
#include <string>
#include <string_view>

namespace hoso::corpus {

std::string ToNfc(std::string_view utf8);
std::string ToNfd(std::string_view utf8);

}  // namespace hoso::corpus

#endif  // HOSO_BENCH_CORPUS_UNICODE_H_
