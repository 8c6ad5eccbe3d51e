#include "storage/dossier/dossier_index.h"

#include <algorithm>
#include <cstdio>

#include "storage/base/portable_name.h"
#include "storage/base/text.h"

namespace hoso::storage {
namespace {

// Text as HTML; bidirectional controls written out ("[U+202E]") so a name
// cannot show itself reversed ("invoice\u202Efdp.exe" as "invoiceexe.pdf").
std::string Html(const std::string& raw) {
  return text::EscapeMarkup(text::EscapeBidiControls(raw));
}

bool Cites(const EvidenceRecord& e, const std::string& criterion) {
  return std::find(e.criteria().begin(), e.criteria().end(), criterion) != e.criteria().end();
}

// Item code -> the criteria whose approved text cites it ("1.1, 2.3").
std::map<std::string, std::string> CitingCriteria(const bag::BagAssessment* assessment) {
  std::map<std::string, std::string> out;
  if (assessment == nullptr) return out;
  for (const bag::BagCriterion& c : assessment->criteria()) {
    for (const bag::BagCitation& citation : c.citations()) {
      std::string& list = out[citation.code()];
      list += (list.empty() ? "" : ", ") + c.criterion();
    }
  }
  return out;
}

// The report's criteria, each with the codes it cites linked to their entries.
std::string AssessmentSection(const bag::BagAssessment& a,
                              const std::vector<EvidenceRecord>& items) {
  std::map<std::string, uint64_t> ids;  // code -> item id
  for (const EvidenceRecord& e : items) ids[e.code()] = e.id();
  std::string h = "<h2 id=\"tu-danh-gia\">Tự đánh giá</h2>\n<p>" + Html(a.title()) + " (năm học " +
                  Html(a.first_year()) + ".." + Html(a.last_year()) + ")" +
                  (a.school_level() > 0 ? " · Trường đạt Mức " + std::to_string(a.school_level())
                                        : std::string(" · Trường chưa đạt Mức 1")) +
                  "<br>Báo cáo: <a href=\"tu-danh-gia/bao-cao-tu-danh-gia.html\">HTML</a> · "
                  "<a href=\"tu-danh-gia/bao-cao-tu-danh-gia.docx\">DOCX</a> · dữ liệu "
                  "<a href=\"tu-danh-gia/danh-gia.json\">JSON</a></p>\n"
                  "<table><tr><th>Tiêu chí</th><th>Mức đạt</th><th>Minh chứng được dẫn</th></tr>\n";
  for (const bag::BagCriterion& c : a.criteria()) {
    h += "<tr id=\"tdg" + Html(c.criterion()) + "\"><td>" + Html(c.criterion()) + ". " +
         Html(c.name()) + "</td><td>" +
         (c.level() > 0 ? "Mức " + std::to_string(c.level()) : std::string("Chưa đạt")) +
         "</td><td>";
    for (const bag::BagCitation& citation : c.citations()) {
      auto id = ids.find(citation.code());
      if (id == ids.end()) {  // cannot happen in a built dossier: Build refuses it
        h += "<span class=\"code none\">" + Html(citation.code()) + "</span><br>";
        continue;
      }
      h += "<a class=\"code\" href=\"#e" + std::to_string(id->second) + "\">" +
           Html(citation.code()) + "</a> " + Html(citation.title()) + "<br>";
    }
    if (c.citations().empty()) h += "—";
    h += "</td></tr>\n";
  }
  return h + "</table>\n";
}

}  // namespace

std::string PayloadHref(const std::string& bag_path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bag_path.substr(5)) {  // drop "data/"
    const bool plain = std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string RenderDossierIndex(const Framework& framework, const DossierRecord& d,
                               const std::vector<EvidenceRecord>& items,
                               const std::map<uint64_t, std::vector<std::string>>& paths,
                               const bag::BagAssessment* assessment) {
  const std::map<std::string, std::string> citing = CitingCriteria(assessment);
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n<title>Hồ sơ minh chứng "
      "— " +
      Html(d.school_name()) +
      "</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:70em}"
      "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em "
      ".5em;text-align:left}"
      ".none{background:#fdd}.ok{background:#dfd}.code{font-family:monospace;white-space:nowrap}"
      "</style></head><body>\n";
  h += "<h1>Hồ sơ minh chứng — " + Html(d.school_name()) + "</h1>\n<p>" + Html(framework.title()) +
       "<br>Phạm vi: " + Html(d.scope()) + " · " + std::to_string(d.items()) + " minh chứng · " +
       std::to_string(d.entries_size()) + " tệp</p>\n";
  // Coverage at a glance: one cell per criterion, red when it has no evidence.
  h += "<h2>Tổng quan</h2>\n<table><tr><th>Tiêu chuẩn</th><th>Tiêu chí (số minh chứng)</th></tr>\n";
  for (const Standard& s : framework.standards()) {
    h += "<tr><td>" + std::to_string(s.number()) + ". " + Html(s.name()) + "</td><td>";
    for (const Criterion& c : s.criteria()) {
      const auto n = std::count_if(items.begin(), items.end(),
                                   [&](const EvidenceRecord& e) { return Cites(e, c.code()); });
      h += "<a class=\"" + std::string(n ? "ok" : "none") + "\" href=\"#c" + c.code() + "\">" +
           c.code() + " (" + std::to_string(n) + ")</a> ";
    }
    h += "</td></tr>\n";
  }
  h += "</table>\n";
  if (assessment != nullptr) h += AssessmentSection(*assessment, items);
  for (const Standard& s : framework.standards()) {
    h += "<h2>Tiêu chuẩn " + std::to_string(s.number()) + ": " + Html(s.name()) + "</h2>\n";
    for (const Criterion& c : s.criteria()) {
      h += "<h3 id=\"c" + c.code() + "\">Tiêu chí " + c.code() + ": " + Html(c.name()) + "</h3>\n";
      h += "<table><tr><th>Mã</th><th>Tên minh chứng</th><th>Số, ngày</th><th>Nơi ban hành</th>"
           "<th>Tệp</th></tr>\n";
      bool any = false;
      for (const EvidenceRecord& e : items) {
        if (!Cites(e, c.code())) continue;
        any = true;
        // The anchor the report's citations link to: on the item's root criterion.
        const std::string anchor =
            e.criteria(0) == c.code() ? " id=\"e" + std::to_string(e.id()) + "\"" : "";
        auto cited = citing.find(e.code());
        h += "<tr" + anchor + "><td class=\"code\">" + Html(e.code()) + "</td><td>" +
             Html(e.title()) +
             (e.criteria(0) != c.code() ? " <i>(dùng chung, tiêu chí " + e.criteria(0) + ")</i>"
                                        : "") +
             (cited != citing.end() ? "<br><small>Được dẫn ở tiêu chí " + cited->second + "</small>"
                                    : "") +
             "</td><td>" + Html(e.number()) + " " + Html(e.date()) + "</td><td>" +
             Html(e.issuer()) + "</td><td>";
        auto it = paths.find(e.id());
        for (int f = 0; f < e.files_size() && it != paths.end(); ++f) {
          h += "<a href=\"" + PayloadHref(it->second[f]) + "\">" + Html(e.files(f).name()) +
               "</a><br>";
        }
        h += "</td></tr>\n";
      }
      if (!any) h += "<tr><td colspan=\"5\" class=\"none\">Chưa có minh chứng</td></tr>\n";
      h += "</table>\n";
    }
  }
  h += "<p>Danh mục minh chứng: <a href=\"danh-muc-minh-chung.xlsx\">XLSX</a> · "
       "<a href=\"danh-muc-minh-chung.csv\">CSV</a></p>\n</body></html>\n";
  return h;
}

}  // namespace hoso::storage
