// The reader of a school's documents: .docx and .xlsx made here from XML
// written into a zip with libarchive, .csv/.tsv from text.
#include "clients/office/office_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace hoso::office {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

using Parts = std::vector<std::pair<std::string, std::string>>;

std::string Zip(const Parts& parts) {
  std::string out;
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  archive_write_open(
      a, &out, nullptr,
      [](archive*, void* sink, const void* data, size_t n) -> la_ssize_t {
        static_cast<std::string*>(sink)->append(static_cast<const char*>(data), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr);
  for (const auto& [name, body] : parts) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(body.size()));
    archive_write_header(a, e);
    archive_write_data(a, body.data(), body.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

std::vector<std::string> Cells(const v1::TableRow& row) {
  return {row.cells().begin(), row.cells().end()};
}

const char kW[] = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";

std::string Document(const std::string& body) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document )") +
         kW + "><w:body>" + body + "</w:body></w:document>";
}
std::string P(const std::string& text, const std::string& ppr = "") {
  return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + "<w:r><w:t>" + text +
         "</w:t></w:r></w:p>";
}
std::string Num(int id, int level = 0) {
  return "<w:numPr><w:ilvl w:val=\"" + std::to_string(level) + "\"/><w:numId w:val=\"" +
         std::to_string(id) + "\"/></w:numPr>";
}
std::string Tc(const std::string& content, const std::string& tcpr = "") {
  return "<w:tc>" + (tcpr.empty() ? "" : "<w:tcPr>" + tcpr + "</w:tcPr>") + content + "</w:tc>";
}
std::string Tr(const std::string& cells) { return "<w:tr>" + cells + "</w:tr>"; }
std::string Tbl(const std::string& rows) { return "<w:tbl>" + rows + "</w:tbl>"; }

// Decimal "%1." at level 0, lowerLetter "%2)" at level 1; num 1 and 2 share it,
// num 3 restarts it at 1.
const std::string kNumbering = std::string("<w:numbering ") + kW +
                               R"xml(><w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>)xml";

const std::string kStyles = std::string("<w:styles ") + kW +
                            R"(><w:style w:type="paragraph" w:styleId="ListNumber">
<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style></w:styles>)";

absl::StatusOr<std::vector<v1::Table>> Docx(const std::string& body) {
  // The document first: the numbering it names comes later in the zip.
  return ReadOfficeData("kehoach.docx", DocumentKind::kDocx,
                        Zip({{"word/document.xml", Document(body)},
                             {"word/numbering.xml", kNumbering},
                             {"word/styles.xml", kStyles}}));
}

TEST(DocxReader, CellsWithParagraphsNumberedListsBreaksAndTabs) {
  auto tables =
      Docx(Tbl(Tr(Tc(P("Tiêu chí")) + Tc(P("Nội dung"))) +
               Tr(Tc(P("1.1")) +
                  Tc(P("Họp", Num(1)) + P("Rà soát", Num(1)) + P("nhóm", Num(1, 1)) +
                     P("tổ", Num(1, 1)) + P("Báo cáo", Num(1)) +
                     "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>" +
                     P("", ""))) +
               Tr(Tc(P("1.2")) + Tc(P("tiếp", Num(2)) + P("đầu", Num(3)) + P("gạch", Num(4)) +
                                    P("theo kiểu", "<w:pStyle w:val=\"ListNumber\"/>")))));
  ASSERT_TRUE(tables.ok()) << tables.status();
  ASSERT_EQ(tables->size(), 1u);
  const v1::Table& t = (*tables)[0];
  EXPECT_EQ(t.source(), "bảng 1");
  ASSERT_EQ(t.rows_size(), 3);
  EXPECT_EQ(t.rows(1).source_row(), 2u);
  EXPECT_THAT(Cells(t.rows(1)),
              ElementsAre("1.1", "1. Họp\n2. Rà soát\na) nhóm\nb) tổ\n3. Báo cáo\na\tb\nc"));
  // num 2 shares the abstract list of num 1 and continues it (as Word does);
  // num 3's startOverride restarts it; the style's list is num 2 again.
  EXPECT_THAT(Cells(t.rows(2)), ElementsAre("1.2", "4. tiếp\n1. đầu\n- gạch\n2. theo kiểu"));
}

TEST(DocxReader, MergedCellsSeveralTablesAndContentControls) {
  const std::string restart = "<w:vMerge w:val=\"restart\"/>";
  const std::string cont = "<w:vMerge/>";
  auto tables =
      Docx(Tbl(Tr(Tc(P("A")) + Tc(P("B")) + Tc(P("C"))) +
               Tr(Tc(P("1.1"), restart) + Tc(P("gộp ngang"), "<w:gridSpan w:val=\"2\"/>")) +
               // A page break in the text between the rows: still one table.
               Tr(Tc(P(""), cont) +
                  Tc("<w:p><w:r><w:br w:type=\"page\"/><w:t>x</w:t></w:r></w:p>") + Tc(P("y"))) +
               "<w:sdt><w:sdtContent>" + Tr(Tc(P(""), cont) + Tc(P("z")) + Tc(P("w"))) +
               "</w:sdtContent></w:sdt>") +
           P("giữa hai bảng") + "<w:sdt><w:sdtContent>" + Tbl(Tr(Tc(P("bảng hai")))) +
           "</w:sdtContent></w:sdt>");
  ASSERT_TRUE(tables.ok()) << tables.status();
  ASSERT_EQ(tables->size(), 2u);
  const v1::Table& t = (*tables)[0];
  ASSERT_EQ(t.rows_size(), 4);
  EXPECT_THAT(Cells(t.rows(1)), ElementsAre("1.1", "gộp ngang", ""));
  EXPECT_THAT(Cells(t.rows(2)), ElementsAre("1.1", "\nx", "y"));
  EXPECT_THAT(Cells(t.rows(3)), ElementsAre("1.1", "z", "w"));
  EXPECT_EQ(t.rows(3).source_row(), 4u);
  EXPECT_EQ((*tables)[1].source(), "bảng 2");
  EXPECT_THAT(Cells((*tables)[1].rows(0)), ElementsAre("bảng hai"));
}

TEST(DocxReader, RefusesWhatIsNotAWordDocument) {
  auto none = ReadOfficeData("x.docx", DocumentKind::kDocx, Zip({{"a.txt", "x"}}));
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.status().message(), HasSubstr("x.docx"));
  EXPECT_THAT(none.status().message(), HasSubstr("word/document.xml"));
  auto garbage = ReadOfficeData("y.docx", DocumentKind::kDocx, "not a zip at all");
  ASSERT_FALSE(garbage.ok());
  EXPECT_THAT(garbage.status().message(), HasSubstr("y.docx"));
}

const std::string kWorkbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Danh mục" sheetId="1" r:id="rId2"/><sheet name="Sheet2" sheetId="2" r:id="rId1"/></sheets></workbook>)";
const std::string kRels =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="worksheets/sheet2.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet1.xml"/></Relationships>)";
const std::string kShared =
    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<si><t>Mã minh chứng</t></si><si><r><t>Quyết định </t></r><r><rPr><b/></rPr><t>thành lập</t></r><rPh><t>ignored</t></rPh></si>
<si><t>Tiêu chuẩn 1: Tổ chức</t></si></sst>)";
const std::string kXlsxStyles =
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0 &quot;đ&quot;"/></numFmts>
<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>
<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="165"/></cellXfs></styleSheet>)";

std::string Sheet(const std::string& rows, const std::string& merges = "") {
  return R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData>" + merges + "</worksheet>";
}

TEST(XlsxReader, SheetsInWorkbookOrderStringsNumbersDatesAndMerges) {
  const std::string sheet1 = Sheet(
      R"(<row r="3"><c r="A3" t="s"><v>2</v></c></row>
<row r="4"><c r="A4"><v>1</v></c><c r="B4" t="s"><v>0</v></c><c r="C4" t="s"><v>1</v></c></row>
<row r="14"><c r="A14"><v>5000000</v></c><c r="B14" s="3"><v>5.0E+6</v></c><c r="C14" s="1"><v>44444</v></c><c r="D14" s="2"><v>44444</v></c><c r="E14"><v>0.30000000000000004</v></c></row>
<row r="15"><c r="B15" t="inlineStr"><is><t>nội dung</t></is></c><c r="C15" t="b"><v>1</v></c></row>)",
      R"(<mergeCells count="2"><mergeCell ref="A3:E3"/><mergeCell ref="A14:A16"/></mergeCells>)");
  const std::string sheet2 = Sheet(R"(<row r="1"><c r="A1" t="str"><f>1+1</f><v>2</v></c></row>)");
  auto tables = ReadOfficeData("danhmuc.xlsx", DocumentKind::kXlsx,
                               Zip({{"xl/worksheets/sheet2.xml", sheet2},
                                    {"xl/worksheets/sheet1.xml", sheet1},
                                    {"xl/sharedStrings.xml", kShared},
                                    {"xl/styles.xml", kXlsxStyles},
                                    {"xl/_rels/workbook.xml.rels", kRels},
                                    {"xl/workbook.xml", kWorkbook}}));
  ASSERT_TRUE(tables.ok()) << tables.status();
  ASSERT_EQ(tables->size(), 2u);
  const v1::Table& t = (*tables)[0];
  EXPECT_EQ(t.source(), "Danh mục");
  ASSERT_EQ(t.rows_size(), 4);
  EXPECT_EQ(t.rows(0).source_row(), 3u);
  EXPECT_THAT(Cells(t.rows(0)), ElementsAre("Tiêu chuẩn 1: Tổ chức", "", "", "", ""));
  EXPECT_THAT(Cells(t.rows(1)), ElementsAre("1", "Mã minh chứng", "Quyết định thành lập", "", ""));
  EXPECT_EQ(t.rows(2).source_row(), 14u);
  EXPECT_THAT(Cells(t.rows(2)),
              ElementsAre("5000000", "5000000", "05/09/2021", "05/09/2021", "0.3"));
  // The vertical merge repeats A14 down to the last row with text (15).
  EXPECT_THAT(Cells(t.rows(3)), ElementsAre("5000000", "nội dung", "TRUE", "", ""));
  EXPECT_EQ((*tables)[1].source(), "Sheet2");
  EXPECT_THAT(Cells((*tables)[1].rows(0)), ElementsAre("2"));
}

TEST(OfficeReader, RefusesHostileZips) {
  // A zip bomb: one part that inflates past the cap.
  ReadLimits limits;
  limits.max_entry_bytes = 1 << 20;
  const std::string bomb = Document(std::string(4 << 20, ' '));
  auto bombed =
      ReadOfficeData("bom.docx", DocumentKind::kDocx, Zip({{"word/document.xml", bomb}}), limits);
  ASSERT_FALSE(bombed.ok());
  EXPECT_EQ(bombed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bombed.status().message(), HasSubstr("bom.docx, mục word/document.xml"));
  EXPECT_THAT(bombed.status().message(), HasSubstr("zip bomb"));

  // Too many entries.
  limits = ReadLimits{};
  limits.max_entries = 50;
  Parts many;
  for (int i = 0; i < 60; ++i) many.push_back({"x/" + std::to_string(i), "x"});
  auto crowded = ReadOfficeData("dong.xlsx", DocumentKind::kXlsx, Zip(many), limits);
  ASSERT_FALSE(crowded.ok());
  EXPECT_THAT(crowded.status().message(), HasSubstr("hơn 50 mục"));

  // Entities: a DTD is refused, so no billion laughs and no external files.
  const std::string laughs =
      R"(<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><w:document )" +
      std::string(kW) + "><w:body>" + Tbl(Tr(Tc(P("&b;")))) + "</w:body></w:document>";
  auto entities =
      ReadOfficeData("dtd.docx", DocumentKind::kDocx, Zip({{"word/document.xml", laughs}}));
  ASSERT_FALSE(entities.ok());
  EXPECT_THAT(entities.status().message(), HasSubstr("DTD"));
  const std::string external =
      R"(<?xml version="1.0"?><!DOCTYPE w SYSTEM "file:///etc/passwd"><w:document )" +
      std::string(kW) + "><w:body/></w:document>";
  EXPECT_FALSE(
      ReadOfficeData("ext.docx", DocumentKind::kDocx, Zip({{"word/document.xml", external}})).ok());

  // Nesting deeper than the cap.
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "<w:sdt>";
  for (int i = 0; i < 300; ++i) deep += "</w:sdt>";
  auto nested =
      ReadOfficeData("sau.docx", DocumentKind::kDocx, Zip({{"word/document.xml", Document(deep)}}));
  ASSERT_FALSE(nested.ok());
  EXPECT_THAT(nested.status().message(), HasSubstr("lồng nhau"));

  // A cell far to the right, and too many rows.
  limits = ReadLimits{};
  limits.max_rows = 10;
  std::string rows;
  for (int r = 1; r <= 20; ++r) {
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) +
            "\"><v>1</v></c></row>";
  }
  Parts book = {{"xl/workbook.xml", kWorkbook},
                {"xl/_rels/workbook.xml.rels", kRels},
                {"xl/worksheets/sheet1.xml", Sheet(rows)}};
  auto tall = ReadOfficeData("cao.xlsx", DocumentKind::kXlsx, Zip(book), limits);
  ASSERT_FALSE(tall.ok());
  EXPECT_THAT(tall.status().message(), HasSubstr("hơn 10 dòng"));
  book[2].second = Sheet(R"(<row r="1"><c r="XFD1"><v>1</v></c></row>)");
  auto wide = ReadOfficeData("rong.xlsx", DocumentKind::kXlsx, Zip(book));
  ASSERT_FALSE(wide.ok());
  EXPECT_THAT(wide.status().message(), HasSubstr("cột"));
}

TEST(DelimitedReader, QuotingBomCrlfAndDelimiters) {
  auto csv = ReadOfficeData("danhmuc.csv", DocumentKind::kCsv,
                            "\xEF\xBB\xBFTT,Mã,Tên\r\n1,H1-1.1-01,\"Quyết định, số 12\r\ndòng "
                            "hai\"\r\n\r\n2,\"a \"\"b\"\"\",c\r\n");
  ASSERT_TRUE(csv.ok()) << csv.status();
  const v1::Table& t = (*csv)[0];
  EXPECT_EQ(t.source(), "danhmuc.csv");
  ASSERT_EQ(t.rows_size(), 3);
  EXPECT_THAT(Cells(t.rows(0)), ElementsAre("TT", "Mã", "Tên"));
  EXPECT_THAT(Cells(t.rows(1)), ElementsAre("1", "H1-1.1-01", "Quyết định, số 12\ndòng hai"));
  EXPECT_EQ(t.rows(2).source_row(), 5u);  // the multi-line cell took lines 2 and 3
  EXPECT_THAT(Cells(t.rows(2)), ElementsAre("2", "a \"b\"", "c"));

  auto semicolons = ReadOfficeData("x.csv", DocumentKind::kCsv, "a;b,c;d\n1;2;3\n");
  ASSERT_TRUE(semicolons.ok());
  EXPECT_THAT(Cells((*semicolons)[0].rows(0)), ElementsAre("a", "b,c", "d"));
  auto tsv = ReadOfficeData("x.tsv", DocumentKind::kTsv, "a,b\tc\n");
  ASSERT_TRUE(tsv.ok());
  EXPECT_THAT(Cells((*tsv)[0].rows(0)), ElementsAre("a,b", "c"));
}

TEST(DelimitedReader, RefusesWhatIsNotUtf8AndSaysWhy) {
  // "Mã" in Windows-1258: 'M' then 0xE3.
  auto legacy = ReadOfficeData("cu.csv", DocumentKind::kCsv, "TT,Ten\n1,M\xE3\n");
  ASSERT_FALSE(legacy.ok());
  EXPECT_EQ(legacy.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(legacy.status().message(), HasSubstr("cu.csv"));
  EXPECT_THAT(legacy.status().message(), HasSubstr("dòng 2"));
  EXPECT_THAT(legacy.status().message(), HasSubstr("Windows-1258"));
  auto open_quote = ReadOfficeData("q.csv", DocumentKind::kCsv, "a,\"b\n");
  ASSERT_FALSE(open_quote.ok());
  EXPECT_THAT(open_quote.status().message(), HasSubstr("ngoặc kép"));
}

TEST(OfficeReader, KindFromExtension) {
  EXPECT_EQ(KindOf("/a/Kế hoạch.DOCX"), DocumentKind::kDocx);
  EXPECT_EQ(KindOf("a.xlsx"), DocumentKind::kXlsx);
  EXPECT_EQ(KindOf("a.csv"), DocumentKind::kCsv);
  EXPECT_EQ(KindOf("a.tsv"), DocumentKind::kTsv);
  EXPECT_EQ(KindOf("a.doc"), DocumentKind::kUnknown);
  auto old = ReadOfficeFile("/nonexistent/a.xls");
  ASSERT_FALSE(old.ok());
  EXPECT_THAT(old.status().message(), HasSubstr(".xlsx"));
}

}  // namespace
}  // namespace hoso::office
