// hoso plan import of a Word (.docx) and an Excel (.xlsx) plan, built here
// with Debian's python3-docx and python3-openpyxl, gives the same tasks as the
// tab-separated text of the same table.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "hoso/v1/hoso.pb.h"
#include "tests/support/hosod_fixture.h"

namespace hoso {
namespace {

// The plan: one task per row, the criterion merged down its rows, a
// numbered list in a content cell, owners and funding per item.
const char kHeader[] =
    "Tiêu chí\tNội dung\tGiải pháp\tNgười thực hiện\tThời gian thực hiện\tKinh phí\n";
const char kTsv[] =
    "1.1\t<p>1. Xây dựng kế hoạch chiến lược</p><p>2. Rà soát sứ mệnh, tầm nhìn</p>\tHọp hội "
    "đồng trường\t<p>Hiệu trưởng</p><p>Phó hiệu trưởng</p>\t9/2024\t<p>Ngân sách</p><p>Tự "
    "túc</p>\n"
    "1.1\tCông khai kế hoạch\tĐăng trên cổng thông tin\tTổ văn phòng\t10/2024\tKhông\n"
    "1.2\tKiện toàn Hội đồng trường\tBầu bổ sung thành viên\tChủ tịch Hội đồng "
    "trường\t11/2024\t5.000.000 đ\n"
    "2.1\tBồi dưỡng cán bộ quản lý\tCử đi học lớp quản lý\tHiệu trưởng\t12/2024\t2,5 triệu đồng\n";

// Python: the rows of the plan as lists, shared by both builders.
const char kRows[] = R"(
header = ['Tiêu chí', 'Nội dung', 'Giải pháp', 'Người thực hiện', 'Thời gian thực hiện', 'Kinh phí']
rows = [
  ['1.1', ['Xây dựng kế hoạch chiến lược', 'Rà soát sứ mệnh, tầm nhìn'], 'Họp hội đồng trường', 'Hiệu trưởng\nPhó hiệu trưởng', '9/2024', 'Ngân sách\nTự túc'],
  ['1.1', 'Công khai kế hoạch', 'Đăng trên cổng thông tin', 'Tổ văn phòng', '10/2024', 'Không'],
  ['1.2', 'Kiện toàn Hội đồng trường', 'Bầu bổ sung thành viên', 'Chủ tịch Hội đồng trường', '11/2024', '5.000.000 đ'],
  ['2.1', 'Bồi dưỡng cán bộ quản lý', 'Cử đi học lớp quản lý', 'Hiệu trưởng', '12/2024', '2,5 triệu đồng'],
]
)";

// Word: a letterhead table first (two tables in the file), then the plan
// table, broken by a page break after its first rows (the rest is a second
// table without a header, as Word splits it); the criterion cell merged
// down (vMerge), the list in Word's own numbering (List Number).
const char kDocx[] = R"(
import docx
from docx.enum.text import WD_BREAK
d = docx.Document()
head = d.add_table(rows=1, cols=2)
head.cell(0, 0).text = 'UBND QUẬN NGÔ QUYỀN\nTRƯỜNG TIỂU HỌC LÊ QUÝ ĐÔN'
head.cell(0, 1).text = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc'
d.add_paragraph('KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG')
def fill(table, at, row):
    for c, value in enumerate(row):
        cell = table.cell(at, c)
        if isinstance(value, list):
            cell.paragraphs[0].text = value[0]
            cell.paragraphs[0].style = 'List Number'
            for more in value[1:]:
                cell.add_paragraph(more, style='List Number')
        else:
            lines = value.split('\n')
            cell.text = lines[0]
            for more in lines[1:]:
                cell.add_paragraph(more)
first = d.add_table(rows=3, cols=6)
fill(first, 0, header)
fill(first, 1, rows[0])
fill(first, 2, rows[1])
merged = first.cell(1, 0).merge(first.cell(2, 0))
merged.text = '1.1'
d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
rest = d.add_table(rows=2, cols=6)
fill(rest, 0, rows[2])
fill(rest, 1, rows[3])
d.save(OUT)
)";

// Excel: a merged title row, the criterion merged down (A3:A4), the list
// typed into the cell, the plan's second part on a second sheet.
const char kXlsx[] = R"(
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'KH cải tiến'
ws.append(['KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG'])
ws.merge_cells('A1:F1')
def flat(row):
    return ['\n'.join('%d. %s' % (i + 1, v) for i, v in enumerate(c)) if isinstance(c, list) else c for c in row]
ws.append(header)
ws.append(flat(rows[0]))
ws.append(flat(rows[1]))
ws['A4'] = None
ws.merge_cells('A3:A4')
more = wb.create_sheet('Tiếp theo')
more.append(header)
more.append(flat(rows[2]))
more.append(flat(rows[3]))
wb.save(OUT)
)";

class OfficeImportTest : public HosodTest {
 protected:
  void Build(const std::string& out, const std::string& script) {
    const std::string py = dir_.Sub("make.py");
    WriteFile(py, "OUT = '" + out + "'\n" + kRows + script);
    const CommandResult r = hoso::testing::Run({"/usr/bin/python3", py}, {});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  v1::ImportPlanResponse DryRun(const std::string& path) {
    const CommandResult r =
        Hoso({"--json", "plan", "import", "--school", "LQD", "--dry-run", path});
    EXPECT_EQ(r.exit_code, 0) << path << ": " << r.out << r.err;
    v1::ImportPlanResponse response;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(r.out, &response).ok()) << r.out;
    return response;
  }
};

std::string Describe(const v1::PlanTask& t) {
  return t.criterion() + " | " + t.content() + " | " + t.solution() + " | " + t.owners() + " | " +
         t.time_text() + " | " + t.start() + ".." + t.due() + " | " + t.funding() + " | " +
         std::to_string(t.budget_vnd());
}

TEST_F(OfficeImportTest, WordAndExcelPlansGiveTheTasksOfTheirTsv) {
  const std::string tsv = dir_.Sub("ke-hoach.tsv");
  WriteFile(tsv, std::string(kHeader) + kTsv);
  const std::string docx = dir_.Sub("Kế hoạch cải tiến.docx");
  const std::string xlsx = dir_.Sub("Kế hoạch cải tiến.xlsx");
  Build(docx, kDocx);
  Build(xlsx, kXlsx);

  const v1::ImportPlanResponse from_text = DryRun(tsv);
  ASSERT_EQ(from_text.tasks_size(), 5) << from_text.DebugString();
  EXPECT_EQ(from_text.problems_size(), 0) << from_text.DebugString();
  for (const std::string& path : {docx, xlsx}) {
    const v1::ImportPlanResponse from_office = DryRun(path);
    EXPECT_EQ(from_office.problems_size(), 0) << path << from_office.DebugString();
    ASSERT_EQ(from_office.tasks_size(), from_text.tasks_size())
        << path << from_office.DebugString();
    for (int i = 0; i < from_text.tasks_size(); ++i) {
      EXPECT_EQ(Describe(from_office.tasks(i)), Describe(from_text.tasks(i)))
          << path << " task " << i;
    }
  }
  // And stored for real from Word: the numbered items are tasks of 1.1.
  const CommandResult stored = Hoso({"plan", "import", "--school", "LQD", docx});
  ASSERT_EQ(stored.exit_code, 0) << stored.err;
  const CommandResult listed = Hoso({"plan", "ls", "--school", "LQD", "--criterion", "1.1"});
  EXPECT_NE(listed.out.find("Rà soát sứ mệnh, tầm nhìn"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("3 task(s)"), std::string::npos) << listed.out;
}

TEST_F(OfficeImportTest, AFileThatIsNotWhatItsNameSaysIsRefusedByName) {
  const std::string fake = dir_.Sub("ke-hoach.docx");
  WriteFile(fake, "TT\tNội dung\n1\tx\n");
  const CommandResult r = Hoso({"plan", "import", "--school", "LQD", fake});
  EXPECT_EQ(r.exit_code, 5) << r.out << r.err;
  EXPECT_NE(r.err.find("tệp ke-hoach.docx"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace hoso
