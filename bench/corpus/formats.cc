#include "bench/corpus/formats.h"

#include <algorithm>
#include <string>
#include <vector>

#include "bench/corpus/vocabulary.h"

namespace hoso::corpus {
namespace {

constexpr size_t kKiB = 1024;

std::string Num(int64_t v, int width = 0) {
  std::string s = std::to_string(v);
  if (s.size() < static_cast<size_t>(width)) s.insert(0, width - s.size(), '0');
  return s;
}

// One "N 0 obj" stream object of a PDF: prose or an image.
void AppendPdfObject(Rng& rng, TextSource& text, std::string& out, int obj, size_t n,
                     bool is_text) {
  std::string body;
  body.reserve(n);
  if (is_text) {
    body = "BT /F1 11 Tf\n";
    text.Append(body, n);
    body += "\nET";
  } else {
    rng.AppendBytes(body, n);
  }
  out += Num(obj) + " 0 obj\n<< ";
  if (!is_text)
    out += "/Type /XObject /Subtype /Image /Width 1600 /Height 1200 /Filter /DCTDecode ";
  out += "/Length " + Num(static_cast<int64_t>(body.size())) + " >>\nstream\n";
  out += body;
  out += "\nendstream\nendobj\n";
}

}  // namespace

std::string MakePhoto(Rng& rng, size_t size) {
  // SOI, APP0 "JFIF" 1.01, then APP1 "Exif" with a big-endian TIFF header and
  // the camera and date a school's camera writes.
  std::string out("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x01\x00\x48\x00\x48\x00\x00", 20);
  out.append(
      "\xFF\xE1\x00\x40"
      "Exif\x00\x00"
      "MM\x00\x2A\x00\x00\x00\x08",
      18);
  out += Cat({"Canon EOS 80D ", Num(rng.Between(2019, 2024)), ":", Num(rng.Between(1, 12), 2), ":",
              Num(rng.Between(1, 28), 2), " ", Num(rng.Between(7, 17), 2), ":",
              Num(rng.Between(0, 59), 2), ":00"});
  out.resize(0x44, '\0');  // the APP1 segment's declared end
  out.append("\xFF\xDA", 2);
  const size_t trailer = 2;
  if (size > out.size() + trailer) rng.AppendBytes(out, size - out.size() - trailer);
  out.append("\xFF\xD9", 2);
  return out;
}

std::string MakePdf(Rng& rng, TextSource& text, size_t size) {
  const double text_share = rng.Real(0.3, 0.7);
  std::string out("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
  out.reserve(size + 64 * kKiB);
  std::vector<size_t> offsets;
  const size_t tail = 256;  // about what the xref and trailer take
  while (out.size() + tail < size) {
    const size_t room = size - tail - out.size();
    const size_t n = std::min(room, static_cast<size_t>(rng.Between(16 * kKiB, 256 * kKiB)));
    offsets.push_back(out.size());
    AppendPdfObject(rng, text, out, static_cast<int>(offsets.size()), n, rng.Chance(text_share));
  }
  const size_t xref = out.size();
  out += "xref\n0 " + Num(static_cast<int64_t>(offsets.size()) + 1) + "\n0000000000 65535 f \n";
  for (size_t o : offsets) out += Num(static_cast<int64_t>(o), 10) + " 00000 n \n";
  out += "trailer\n<< /Size " + Num(static_cast<int64_t>(offsets.size()) + 1) +
         " /Root 1 0 R >>\nstartxref\n" + Num(static_cast<int64_t>(xref)) + "\n%%EOF\n";
  return out;
}

std::string MakeMinutesText(Rng& rng, TextSource& text, size_t size) {
  std::string out = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n\nBIÊN BẢN\n";
  out += Cat({"Thời gian: ", Num(rng.Between(7, 16)), " giờ, ngày ", Num(rng.Between(1, 28)),
              " tháng ", Num(rng.Between(1, 12)), " năm ", Num(rng.Between(2019, 2024)), "\n"});
  out += Cat({"Chủ tọa: ", rng.Pick(People()), "\nThư ký: ", rng.Pick(People()), "\n\n"});
  if (size > out.size()) text.Append(out, size - out.size());
  return out;
}

}  // namespace hoso::corpus
