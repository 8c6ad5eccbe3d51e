// The report as a Word document: the OOXML parts written here, zipped with
// libarchive. Headings use the styles Heading1..5, so the TOC field (updated
// when Word or LibreOffice opens the file) lists them; Times New Roman 14 on
// A4 with the margins of Vietnamese administrative documents.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <memory>

#include "absl/status/status.h"
#include "storage/assessment/assessment_report.h"
#include "storage/assessment/report_outline.h"
#include "storage/base/scratch_file.h"
#include "storage/base/text.h"

namespace hoso::storage {
namespace {

constexpr char kXmlHead[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr char kW[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr int kHeadingLevels = 5;

std::string ContentTypes() {
  return std::string(kXmlHead) +
         "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" "
         "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
         "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
         "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
         "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
         "<Override PartName=\"/docProps/core.xml\" "
         "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
         "</Types>";
}

std::string PackageRels() {
  return std::string(kXmlHead) +
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/officeDocument\" Target=\"word/document.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
         "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
         "</Relationships>";
}

std::string DocumentRels() {
  return std::string(kXmlHead) +
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/styles\" Target=\"styles.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/settings\" Target=\"settings.xml\"/>"
         "</Relationships>";
}

// Fields (the table of contents) are brought up to date when the file opens.
std::string Settings() {
  return std::string(kXmlHead) + "<w:settings xmlns:w=\"" + kW +
         "\"><w:defaultTabStop w:val=\"720\"/><w:updateFields w:val=\"true\"/>"
         "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
         "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
         "</w:settings>";
}

std::string Styles() {
  std::string xml = std::string(kXmlHead) + "<w:styles xmlns:w=\"" + kW +
                    "\"><w:docDefaults><w:rPrDefault><w:rPr>"
                    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
                    "w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
                    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\"/>"
                    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
                    "<w:spacing w:before=\"60\" w:after=\"60\" w:line=\"312\" w:lineRule=\"auto\"/>"
                    "<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
                    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
                    "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
                    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
                    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
                    "<w:pPr><w:spacing w:before=\"240\" w:after=\"120\"/><w:jc w:val=\"center\"/>"
                    "</w:pPr><w:rPr><w:b/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr>"
                    "</w:style>";
  for (int level = 1; level <= kHeadingLevels; ++level) {
    const std::string n = std::to_string(level);
    xml += "<w:style w:type=\"paragraph\" w:styleId=\"Heading" + n + "\"><w:name w:val=\"heading " +
           n +
           "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority "
           "w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>" +
           (level == 1 ? "<w:pageBreakBefore/>" : "") +
           "<w:spacing w:before=\"240\" w:after=\"120\"/>" +
           (level == 1 ? "<w:jc w:val=\"center\"/>" : "") + "<w:outlineLvl w:val=\"" +
           std::to_string(level - 1) + "\"/></w:pPr><w:rPr><w:b/>" + (level == 5 ? "<w:i/>" : "") +
           "</w:rPr></w:style>";
  }
  xml +=
      "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
      "<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
      "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
      "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar>"
      "</w:tblPr></w:style>"
      "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
      "<w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>"
      "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "</w:tblBorders></w:tblPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"TOCHeading\"><w:name w:val=\"TOC Heading\"/>"
      "<w:basedOn w:val=\"Normal\"/></w:style>";
  for (int level = 1; level <= kHeadingLevels; ++level) {
    const std::string n = std::to_string(level);
    xml += "<w:style w:type=\"paragraph\" w:styleId=\"TOC" + n + "\"><w:name w:val=\"toc " + n +
           "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:ind w:left=\"" +
           std::to_string((level - 1) * 280) + "\"/><w:jc w:val=\"left\"/></w:pPr></w:style>";
  }
  return xml + "</w:styles>";
}

std::string CoreProperties(const std::string& title) {
  return std::string(kXmlHead) +
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
         "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
         "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>" +
         text::EscapeMarkup(CleanForMarkup(title)) +
         "</dc:title><dc:creator>hoso</dc:creator>"
         "<dc:language>vi-VN</dc:language></cp:coreProperties>";
}

class DocumentWriter {
 public:
  explicit DocumentWriter(const Outline& outline) : outline_(outline) {}

  std::string Document() {
    out_ = std::string(kXmlHead) + "<w:document xmlns:w=\"" + kW + "\"><w:body>";
    for (const Block& b : outline_.blocks) WriteBlock(b);
    // A4, margins 2 cm top and bottom, 3 cm left, 2 cm right.
    out_ +=
        "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" "
        "w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"709\" w:footer=\"709\" "
        "w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
    return std::move(out_);
  }

 private:
  void Runs(const std::vector<Run>& runs, bool small = false) {
    for (const Run& run : runs) {
      if (run.text.empty()) continue;
      out_ += "<w:r>";
      if (run.bold || run.italic || run.red || small) {
        out_ += "<w:rPr>";
        if (run.bold) out_ += "<w:b/>";
        if (run.italic) out_ += "<w:i/>";
        if (run.red) out_ += "<w:color w:val=\"FF0000\"/>";
        if (small) out_ += "<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>";
        out_ += "</w:rPr>";
      }
      out_ += "<w:t xml:space=\"preserve\">" + text::EscapeMarkup(CleanForMarkup(run.text)) +
              "</w:t></w:r>";
    }
  }

  void Paragraph(const std::vector<Run>& runs, const std::string& style, bool centred,
                 bool small = false, bool in_cell = false) {
    out_ += "<w:p>";
    if (!style.empty() || centred || in_cell) {
      out_ += "<w:pPr>";
      if (!style.empty()) out_ += "<w:pStyle w:val=\"" + style + "\"/>";
      if (in_cell)
        out_ += "<w:spacing w:before=\"20\" w:after=\"20\" w:line=\"264\" w:lineRule=\"auto\"/>";
      if (centred || in_cell)
        out_ += centred ? "<w:jc w:val=\"center\"/>" : "<w:jc w:val=\"left\"/>";
      out_ += "</w:pPr>";
    }
    Runs(runs, small);
    out_ += "</w:p>";
  }

  void Table(const Block& b, bool borders) {
    size_t columns = b.widths.size();
    for (const auto& row : b.rows) {
      size_t spans = 0;
      for (const Cell& cell : row) spans += static_cast<size_t>(std::max(cell.span, 1));
      columns = std::max(columns, spans);
    }
    if (columns == 0) return;
    const int width = 9071;  // the text width of A4 between the margins, in twips
    std::vector<int> twips(columns, width / static_cast<int>(columns));
    if (b.widths.size() == columns) {
      for (size_t c = 0; c < columns; ++c) twips[c] = width * b.widths[c] / 100;
    }
    out_ += "<w:tbl><w:tblPr>";
    out_ += borders ? "<w:tblStyle w:val=\"TableGrid\"/>" : "";
    out_ +=
        "<w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/>"
        "<w:tblLook w:val=\"04A0\"/></w:tblPr><w:tblGrid>";
    for (int w : twips) out_ += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
    out_ += "</w:tblGrid>";
    for (size_t r = 0; r < b.rows.size(); ++r) {
      out_ += "<w:tr>";
      if (r == 0 && borders) out_ += "<w:trPr><w:tblHeader/></w:trPr>";
      size_t c = 0;
      for (size_t i = 0; c < columns; ++i) {
        static const Cell kEmpty;
        const Cell& cell = i < b.rows[r].size() ? b.rows[r][i] : kEmpty;
        const size_t span = std::min(static_cast<size_t>(std::max(cell.span, 1)), columns - c);
        int w = 0;
        for (size_t k = c; k < c + span; ++k) w += twips[k];
        out_ += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(w) + "\" w:type=\"dxa\"/>";
        if (span > 1) out_ += "<w:gridSpan w:val=\"" + std::to_string(span) + "\"/>";
        out_ += "</w:tcPr>";
        Paragraph(cell.runs, "", !borders, true, true);  // a cell holds at least one paragraph
        out_ += "</w:tc>";
        c += span;
      }
      out_ += "</w:tr>";
    }
    out_ += "</w:tbl><w:p/>";
  }

  // The TOC field, its result already holding the headings (so a reader
  // that does not update fields still lists them); Word and LibreOffice
  // bring it up to date with page numbers (settings: updateFields).
  void Contents() {
    std::vector<const Block*> headings;
    for (const Block& b : outline_.blocks) {
      if (b.kind == Block::Kind::kHeading && b.anchor != "muc-luc") headings.push_back(&b);
    }
    const std::string begin =
        "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>"
        "<w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-" +
        std::to_string(kHeadingLevels) +
        "\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
    const std::string end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
    if (headings.empty()) {
      out_ += "<w:p>" + begin + end + "</w:p>";
      return;
    }
    for (size_t i = 0; i < headings.size(); ++i) {
      const Block& h = *headings[i];
      out_ += "<w:p><w:pPr><w:pStyle w:val=\"TOC" +
              std::to_string(std::clamp(h.level, 1, kHeadingLevels)) + "\"/></w:pPr>";
      if (i == 0) out_ += begin;
      std::string text;
      for (const Run& run : h.runs) text += run.text;
      out_ += "<w:r><w:t xml:space=\"preserve\">" + text::EscapeMarkup(CleanForMarkup(text)) +
              "</w:t></w:r>";
      if (i + 1 == headings.size()) out_ += end;
      out_ += "</w:p>";
    }
  }

  void WriteBlock(const Block& b) {
    switch (b.kind) {
      case Block::Kind::kTitle:
        Paragraph(b.runs, "Title", false);
        break;
      case Block::Kind::kHeading:
        Paragraph(b.runs, "Heading" + std::to_string(std::clamp(b.level, 1, kHeadingLevels)),
                  false);
        break;
      case Block::Kind::kParagraph:
        Paragraph(b.runs, "", b.centred);
        break;
      case Block::Kind::kTable:
        Table(b, true);
        break;
      case Block::Kind::kSignatures:
        Table(b, false);
        break;
      case Block::Kind::kContents:
        Contents();
        break;
    }
  }

  const Outline& outline_;
  std::string out_;
};

std::string Why(archive* a) {
  const char* why = archive_error_string(a);
  return why != nullptr ? why : "unknown libarchive error";
}

struct ArchiveFree {
  void operator()(archive* a) const { archive_write_free(a); }
};

absl::Status WriteZip(const std::string& path,
                      const std::vector<std::pair<std::string, std::string>>& parts) {
  std::unique_ptr<archive, ArchiveFree> a(archive_write_new());
  archive_write_set_format_zip(a.get());
  archive_write_set_options(a.get(), "zip:compression=deflate");
  if (archive_write_open_filename(a.get(), path.c_str()) != ARCHIVE_OK) {
    return absl::InternalError("cannot write " + path + ": " + Why(a.get()));
  }
  for (const auto& [name, data] : parts) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    archive_entry_set_mtime(e, 315532800, 0);  // 1980-01-01: the bytes depend on the report alone
    const bool ok = archive_write_header(a.get(), e) == ARCHIVE_OK &&
                    archive_write_data(a.get(), data.data(), data.size()) ==
                        static_cast<la_ssize_t>(data.size());
    archive_entry_free(e);
    if (!ok) {
      return absl::InternalError("writing " + name + " into " + path + " failed: " + Why(a.get()));
    }
  }
  if (archive_write_close(a.get()) != ARCHIVE_OK) {
    return absl::InternalError("finishing " + path + " failed: " + Why(a.get()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> ReportDocx(const ReportInput& input, std::string_view only_criterion,
                                       const std::string& scratch_dir) {
  absl::StatusOr<Outline> outline = BuildOutline(input, only_criterion);
  if (!outline.ok()) return outline.status();
  const std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", ContentTypes()},
      {"_rels/.rels", PackageRels()},
      {"word/document.xml", DocumentWriter(*outline).Document()},
      {"word/styles.xml", Styles()},
      {"word/settings.xml", Settings()},
      {"word/_rels/document.xml.rels", DocumentRels()},
      {"docProps/core.xml", CoreProperties(outline->title)},
  };
  return WriteThroughScratchFile(scratch_dir, "report",
                                 [&](const std::string& path) { return WriteZip(path, parts); });
}

}  // namespace hoso::storage
