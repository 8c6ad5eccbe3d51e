#ifndef HOSO_BENCH_CORPUS_FORMATS_H_
#define HOSO_BENCH_CORPUS_FORMATS_H_

// File contents of the three kinds of evidence. Each Make* returns about size
// bytes that look like the real format to a sniffer (magic numbers, structure)
// and compress like it: photos not at all, reports in part, minutes well.
#include <string>

#include "bench/corpus/rng.h"
#include "bench/corpus/text.h"

namespace hoso::corpus {

// A camera JPEG: SOI, JFIF and Exif headers, random scan data, EOI. Exactly
// size bytes (at least the headers).
std::string MakePhoto(Rng& rng, size_t size);

// A PDF of uncompressed text content streams between random image streams,
// 30-70 % text, with an xref table and trailer. About size bytes.
std::string MakePdf(Rng& rng, TextSource& text, size_t size);

// Plain-text minutes: the national motto, time, chair and secretary, then
// prose. About size bytes of UTF-8.
std::string MakeMinutesText(Rng& rng, TextSource& text, size_t size);

// A real OOXML (zip) document: deflated word/document.xml and image_share of
// size as stored random JPEG parts. About size bytes.
std::string MakeDocx(Rng& rng, TextSource& text, size_t size, double image_share);

}  // namespace hoso::corpus

#endif  // HOSO_BENCH_CORPUS_FORMATS_H_
