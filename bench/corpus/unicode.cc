#include "bench/corpus/unicode.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdlib>
#include <iostream>

namespace hoso::corpus {
namespace {

// ICU fails here only without its data, which the library carries built in;
// a generator that cannot normalize has nothing useful to write, so it stops.
std::string Normalize(const icu::Normalizer2* (*instance)(UErrorCode&), std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = instance(status);
  icu::UnicodeString out;
  if (U_SUCCESS(status)) {
    out = n->normalize(icu::UnicodeString::fromUTF8(
                           icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))),
                       status);
  }
  if (U_FAILURE(status)) {
    std::cerr << "hoso_corpus: ICU normalization failed: " << u_errorName(status) << "\n";
    std::exit(1);
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

}  // namespace

std::string ToNfc(std::string_view utf8) {
  return Normalize(&icu::Normalizer2::getNFCInstance, utf8);
}

std::string ToNfd(std::string_view utf8) {
  return Normalize(&icu::Normalizer2::getNFDInstance, utf8);
}

}  // namespace hoso::corpus
