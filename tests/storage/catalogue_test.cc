// The catalogue files: XLSX goes through the data directory's scratch folder.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "storage/reports/reports.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

using ::hoso::testing::StatusIs;
using ::testing::HasSubstr;

Catalogue OneItem() {
  Catalogue catalogue;
  catalogue.columns = {"TT", "Mã minh chứng", "Tên minh chứng"};
  CatalogueLine item;
  item.number = 1;
  item.code = "[H1-1.1-01]";
  item.title = "Kế hoạch chiến lược";
  catalogue.lines.push_back(item);
  return catalogue;
}

TEST(CatalogueXlsxTest, WritesThroughTheScratchDirAndLeavesNothingThere) {
  hoso::testing::TempDir dir;
  auto xlsx =
      CatalogueXlsx(OneItem(), CatalogueTitle("Trường Tiểu học Lê Quý Đôn", ""), dir.path());
  ASSERT_OK(xlsx);
  EXPECT_EQ(xlsx->substr(0, 2), "PK") << "an XLSX workbook is a zip";
  EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "working files were left behind";
}

TEST(CatalogueXlsxTest, AMissingScratchDirIsNamedInTheError) {
  hoso::testing::TempDir dir;
  EXPECT_THAT(CatalogueXlsx(OneItem(), "t", dir.Sub("gone")),
              StatusIs(absl::StatusCode::kInternal, HasSubstr(dir.Sub("gone"))));
}

// Titles a teacher typed that a spreadsheet would run as formulas.
Catalogue HostileTitles() {
  Catalogue catalogue;
  catalogue.columns = {"TT", "Mã minh chứng", "Tên minh chứng"};
  for (const char* title :
       {"=HYPERLINK(\"http://x\",\"Mở\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "Biên bản họp"}) {
    CatalogueLine item;
    item.number = 1;
    item.code = "[H1-1.1-01]";
    item.title = title;
    catalogue.lines.push_back(item);
  }
  return catalogue;
}

// The bytes of `name` inside the zip `archive_bytes`.
std::string ZipEntry(const std::string& archive_bytes, const std::string& name) {
  archive* a = archive_read_new();
  archive_read_support_format_zip(a);
  std::string out;
  if (archive_read_open_memory(a, archive_bytes.data(), archive_bytes.size()) == ARCHIVE_OK) {
    archive_entry* entry = nullptr;
    while (archive_read_next_header(a, &entry) == ARCHIVE_OK) {
      if (name != archive_entry_pathname(entry)) continue;
      char buffer[8192];
      for (la_ssize_t n; (n = archive_read_data(a, buffer, sizeof buffer)) > 0;)
        out.append(buffer, n);
    }
  }
  archive_read_free(a);
  return out;
}

TEST(CatalogueCsvTest, CellsThatStartLikeFormulasStayText) {
  const std::string csv = CatalogueCsv(HostileTitles(), "t");
  for (const char* neutral : {"\"'=HYPERLINK(\"\"http://x\"\",\"\"Mở\"\")\"", ",'+1+1", ",'-2+3",
                              ",'@SUM(A1)", ",'\t=1"}) {
    EXPECT_NE(csv.find(neutral), std::string::npos) << neutral << " in\n" << csv;
  }
  for (const char* raw : {",=HYPERLINK", ",\"=HYPERLINK", ",+1+1", ",-2+3", ",@SUM", ",\t=1"}) {
    EXPECT_EQ(csv.find(raw), std::string::npos) << raw << " reached the CSV as a formula";
  }
  EXPECT_NE(csv.find(",Biên bản họp"), std::string::npos) << "plain titles stay as they are";
}

TEST(CatalogueXlsxTest, FormulaLikeTitlesAreStringsNotFormulas) {
  hoso::testing::TempDir dir;
  auto xlsx = CatalogueXlsx(HostileTitles(), "t", dir.path());
  ASSERT_OK(xlsx);
  const std::string sheet = ZipEntry(*xlsx, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  EXPECT_EQ(sheet.find("<f>"), std::string::npos) << "a cell holds a formula";
  EXPECT_NE(ZipEntry(*xlsx, "xl/sharedStrings.xml").find("@SUM(A1)"), std::string::npos);
}

TEST(CatalogueTitleTest, NamesTheSchoolAndTheYear) {
  EXPECT_EQ(CatalogueTitle("Trường THCS Lạc Viên", "2024-2025"),
            "DANH MỤC MINH CHỨNG — Trường THCS Lạc Viên — năm học 2024-2025");
  EXPECT_EQ(CatalogueTitle("Trường THCS Lạc Viên", ""),
            "DANH MỤC MINH CHỨNG — Trường THCS Lạc Viên");
}

}  // namespace
}  // namespace hoso::storage
