#ifndef HOSO_CLIENTS_APP_TABLE_H_
#define HOSO_CLIENTS_APP_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

namespace hoso::cli {

// The columns a terminal shows `utf8` in: measured on its NFC form, one
// grapheme cluster at a time, so combining marks take none, East Asian wide
// and fullwidth characters two, everything else one. Each invalid UTF-8
// sequence counts one column (as the replacement character it shows as).
int DisplayWidth(std::string_view utf8);

// Lines of aligned columns, padded by display width (DisplayWidth) rather than
// bytes, so "Nguyễn Văn An" lines up with "Tran Van Binh" whether it was
// written NFC or NFD. Widths are fixed, like printf's "%-14s": a wider cell
// pushes the rest of its line right and is never cut. Cells are written as
// given (not normalized). Thread-compatible; cheap to copy.
class Table {
 public:
  enum class Align { kLeft, kRight };
  struct Column {
    int width = 0;  // at least this many columns; 0: as wide as the cell
    Align align = Align::kLeft;
    std::string gap = " ";  // written before the cell, except before the first
  };

  explicit Table(std::vector<Column> columns);

  // One line, without its newline. Missing cells are empty; extra cells are
  // appended like a last column of width 0.
  std::string Row(const std::vector<std::string>& cells) const;
  // Row(cells) and a newline, to stdout.
  void Print(const std::vector<std::string>& cells) const;

 private:
  std::vector<Column> columns_;
};

// A column `width` wide, aligned left or right, after `gap`.
Table::Column Left(int width, std::string gap = " ");
Table::Column Right(int width, std::string gap = " ");

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_APP_TABLE_H_
