// The catalogue files: XLSX goes through the data directory's scratch folder.
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

TEST(CatalogueTitleTest, NamesTheSchoolAndTheYear) {
  EXPECT_EQ(CatalogueTitle("Trường THCS Lạc Viên", "2024-2025"),
            "DANH MỤC MINH CHỨNG — Trường THCS Lạc Viên — năm học 2024-2025");
  EXPECT_EQ(CatalogueTitle("Trường THCS Lạc Viên", ""),
            "DANH MỤC MINH CHỨNG — Trường THCS Lạc Viên");
}

}  // namespace
}  // namespace hoso::storage
