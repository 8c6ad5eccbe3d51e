// The report as one self-contained HTML page: inline CSS, no script, no
// external resource; every text escaped, so what a teacher typed is text.
#include <algorithm>
#include <string>

#include "storage/assessment/assessment_report.h"
#include "storage/assessment/report_outline.h"
#include "storage/base/text.h"

namespace hoso::storage {
namespace {

constexpr char kStyle[] =
    "body{font-family:'Times New Roman',Times,serif;font-size:14pt;line-height:1.4;"
    "max-width:48em;margin:2em auto;padding:0 1em;color:#000}"
    "h1{font-size:15pt;text-align:center;margin-top:2em}h2{font-size:14pt}"
    "h3,h4{font-size:14pt}h5{font-size:14pt;font-style:italic}"
    ".title{font-size:16pt;font-weight:bold;text-align:center;margin-top:1em}"
    ".centre{text-align:center}"
    "table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:13pt}"
    "td,th{border:1px solid #000;padding:.2em .4em;vertical-align:top;text-align:left}"
    "table.signatures td{border:none;text-align:center;width:50%}"
    ".problem{color:#f00}"
    "nav ol{list-style:none;padding-left:1.2em}"
    "a{color:inherit}";

// Only relative links inside the dossier, or http(s): never javascript:.
bool SafeHref(const std::string& href) {
  const size_t colon = href.find(':');
  if (colon == std::string::npos) return true;
  const size_t slash = href.find('/');
  if (slash != std::string::npos && slash < colon) return true;
  return href.rfind("https:", 0) == 0 || href.rfind("http:", 0) == 0;
}

class HtmlWriter {
 public:
  HtmlWriter(const ReportInput& input, const Outline& outline) : input_(input), outline_(outline) {}

  std::string Page() {
    out_ =
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src 'none'\">\n<title>" +
        text::EscapeMarkup(CleanForMarkup(outline_.title)) + "</title>\n<style>" + kStyle +
        "</style>\n</head>\n<body>\n";
    for (const Block& b : outline_.blocks) WriteBlock(b);
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  void Runs(const std::vector<Run>& runs) {
    for (const Run& run : runs) {
      std::string shown = text::EscapeMarkup(CleanForMarkup(run.text));
      if (run.bold) shown = "<strong>" + shown + "</strong>";
      if (run.italic) shown = "<em>" + shown + "</em>";
      auto link = input_.evidence_links.find(run.evidence_id);
      if (run.evidence_id != 0 && link != input_.evidence_links.end() && SafeHref(link->second)) {
        shown = "<a href=\"" + text::EscapeMarkup(link->second) + "\">" + shown + "</a>";
      }
      if (run.red) shown = "<span class=\"problem\">" + shown + "</span>";
      out_ += shown;
    }
  }

  void Table(const Block& b, const char* css_class) {
    out_ += css_class[0] ? std::string("<table class=\"") + css_class + "\">\n" : "<table>\n";
    if (!b.widths.empty()) {
      out_ += "<colgroup>";
      for (int w : b.widths) out_ += "<col style=\"width:" + std::to_string(w) + "%\">";
      out_ += "</colgroup>\n";
    }
    for (size_t r = 0; r < b.rows.size(); ++r) {
      out_ += "<tr>";
      const bool header = r == 0 && b.kind == Block::Kind::kTable;
      for (const Cell& cell : b.rows[r]) {
        const std::string span =
            cell.span > 1 ? " colspan=\"" + std::to_string(cell.span) + "\"" : "";
        out_ += std::string(header ? "<th" : "<td") + span + ">";
        Runs(cell.runs);
        out_ += header ? "</th>" : "</td>";
      }
      out_ += "</tr>\n";
    }
    out_ += "</table>\n";
  }

  // Mục lục: every heading below it, as links.
  void Contents() {
    out_ += "<nav>\n";
    for (const Block& b : outline_.blocks) {
      if (b.kind != Block::Kind::kHeading || b.anchor == "muc-luc") continue;
      out_ += "<div style=\"padding-left:" + std::to_string((b.level - 1) * 2) +
              "em\"><a href=\"#" + text::EscapeMarkup(b.anchor) + "\">";
      for (const Run& run : b.runs) out_ += text::EscapeMarkup(CleanForMarkup(run.text));
      out_ += "</a></div>\n";
    }
    out_ += "</nav>\n";
  }

  void WriteBlock(const Block& b) {
    switch (b.kind) {
      case Block::Kind::kTitle:
        out_ += "<p class=\"title\">";
        Runs(b.runs);
        out_ += "</p>\n";
        break;
      case Block::Kind::kHeading: {
        const std::string tag =
            std::string("h") + std::to_string(std::min(std::max(b.level, 1), 6));
        out_ += "<" + tag + " id=\"" + text::EscapeMarkup(b.anchor) + "\">";
        Runs(b.runs);
        out_ += "</" + tag + ">\n";
        break;
      }
      case Block::Kind::kParagraph:
        out_ += b.centred ? "<p class=\"centre\">" : "<p>";
        Runs(b.runs);
        out_ += "</p>\n";
        break;
      case Block::Kind::kTable:
        Table(b, "");
        break;
      case Block::Kind::kSignatures:
        Table(b, "signatures");
        break;
      case Block::Kind::kContents:
        Contents();
        break;
    }
  }

  const ReportInput& input_;
  const Outline& outline_;
  std::string out_;
};

}  // namespace

absl::StatusOr<std::string> ReportHtml(const ReportInput& input, std::string_view only_criterion) {
  absl::StatusOr<Outline> outline = BuildOutline(input, only_criterion);
  if (!outline.ok()) return outline.status();
  return HtmlWriter(input, *outline).Page();
}

}  // namespace hoso::storage
