// MakeDocx (declared in formats.h): an OOXML package written with libarchive,
// so that the zip is a real one that unzip, LibreOffice and hoso's own
// archive code all open.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>

#include "bench/corpus/formats.h"

namespace hoso::corpus {
namespace {

constexpr size_t kKiB = 1024;
// Deflate shrinks the sampled prose about this much; the XML is made this
// much larger than its share of the file so the zip comes out near size.
constexpr double kProseDeflateRatio = 3.3;

constexpr char kContentTypes[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

la_ssize_t AppendToString(struct archive*, void* client, const void* data, size_t n) {
  static_cast<std::string*>(client)->append(static_cast<const char*>(data), n);
  return static_cast<la_ssize_t>(n);
}

// Writing to memory fails only on allocation; there is no corpus without it.
void Check(struct archive* a, int rc) {
  if (rc < ARCHIVE_OK) {
    std::cerr << "hoso_corpus: libarchive: " << archive_error_string(a) << "\n";
    std::exit(1);
  }
}

// One zip member with a fixed owner, mode and time, so the bytes depend on
// the seed alone.
void AddPart(struct archive* a, const std::string& name, const std::string& data, bool deflate,
             time_t mtime) {
  Check(a, deflate ? archive_write_zip_set_compression_deflate(a)
                   : archive_write_zip_set_compression_store(a));
  struct archive_entry* e = archive_entry_new();
  archive_entry_set_pathname(e, name.c_str());
  archive_entry_set_filetype(e, AE_IFREG);
  archive_entry_set_perm(e, 0644);
  archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
  archive_entry_set_mtime(e, mtime, 0);
  Check(a, archive_write_header(a, e));
  if (!data.empty() && archive_write_data(a, data.data(), data.size()) < 0) {
    Check(a, ARCHIVE_FATAL);
  }
  archive_entry_free(e);
}

std::string DocumentXml(TextSource& text, size_t prose_bytes) {
  std::string prose;
  text.Append(prose, prose_bytes);
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document "
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
  size_t start = 0;
  while (start < prose.size()) {
    size_t end = std::min(prose.find('\n', start), prose.size());
    xml += "<w:p><w:r><w:t>";
    xml.append(prose, start, end - start);
    xml += "</w:t></w:r></w:p>";
    start = end + 1;
  }
  return xml + "</w:body></w:document>";
}

}  // namespace

std::string MakeDocx(Rng& rng, TextSource& text, size_t size, double image_share) {
  // Saved during 2022 office hours, as a school's documents would be.
  const int64_t day = rng.Between(0, 364);
  const time_t mtime = 1640995200 + day * 86400 + rng.Between(7 * 3600, 17 * 3600);
  std::string out;
  out.reserve(size + 16 * kKiB);
  struct archive* a = archive_write_new();
  Check(a, archive_write_set_format_zip(a));
  Check(a, archive_write_set_bytes_per_block(a, 0));  // no padding after the zip
  Check(a, archive_write_open2(a, &out, nullptr, AppendToString, nullptr, nullptr));
  AddPart(a, "[Content_Types].xml", kContentTypes, true, mtime);
  size_t image_bytes = static_cast<size_t>(static_cast<double>(size) * image_share);
  const size_t prose = std::max<size_t>(
      256, static_cast<size_t>(static_cast<double>(size - image_bytes) * kProseDeflateRatio));
  AddPart(a, "word/document.xml", DocumentXml(text, prose), true, mtime);
  for (int i = 1; image_bytes > 0; ++i) {
    const size_t n =
        std::min(image_bytes, static_cast<size_t>(rng.Between(200 * kKiB, 1200 * kKiB)));
    std::string jpeg("\xFF\xD8\xFF\xE0", 4);
    rng.AppendBytes(jpeg, n);
    AddPart(a, "word/media/image" + std::to_string(i) + ".jpeg", jpeg, false, mtime);
    image_bytes -= n;
  }
  Check(a, archive_write_close(a));
  archive_write_free(a);
  return out;
}

}  // namespace hoso::corpus
