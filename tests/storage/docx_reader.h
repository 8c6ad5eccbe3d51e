#ifndef HOSO_TESTS_STORAGE_DOCX_READER_H_
#define HOSO_TESTS_STORAGE_DOCX_READER_H_

// A second reader of the .docx the report writes: libarchive takes the zip
// apart, expat parses every XML part, and word/document.xml comes back as
// its paragraphs (style, text, red text) and tables (cell texts), so a test
// checks what Word would show rather than the writer's strings.

#include <archive.h>
#include <archive_entry.h>
#include <expat.h>

#include <map>
#include <string>
#include <vector>

namespace hoso::testing {

struct DocxParagraph {
  std::string style;  // "Heading1"; empty: Normal
  std::string text;
  std::string red;  // the text of its runs coloured FF0000
};

struct DocxContent {
  std::map<std::string, std::string> parts;  // zip member -> bytes
  std::vector<std::string> errors;           // zip or XML errors, with the part
  std::vector<DocxParagraph> paragraphs;     // outside tables
  std::vector<std::vector<std::vector<std::string>>> tables;
};

namespace docx_detail {

struct State {
  DocxContent* out;
  int table_depth = 0;
  bool in_run_props = false, run_red = false, in_text = false;
  DocxParagraph paragraph;
  std::string cell;
};

inline std::string Local(const char* name) {
  std::string n(name);
  const size_t bar = n.rfind('|');  // "namespace|local"
  return bar == std::string::npos ? n : n.substr(bar + 1);
}

inline std::string Attr(const char** attrs, const char* local) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    if (Local(attrs[i]) == local) return attrs[i + 1];
  }
  return "";
}

inline void Start(void* data, const char* name, const char** attrs) {
  State& s = *static_cast<State*>(data);
  const std::string n = Local(name);
  if (n == "tbl") {
    if (s.table_depth++ == 0) s.out->tables.emplace_back();
  } else if (n == "tr" && s.table_depth == 1) {
    s.out->tables.back().emplace_back();
  } else if (n == "tc" && s.table_depth == 1) {
    s.cell.clear();
  } else if (n == "p") {
    s.paragraph = {};
  } else if (n == "pStyle") {
    s.paragraph.style = Attr(attrs, "val");
  } else if (n == "r") {
    s.run_red = false;
  } else if (n == "rPr") {
    s.in_run_props = true;
  } else if (n == "color" && s.in_run_props) {
    s.run_red = Attr(attrs, "val") == "FF0000";
  } else if (n == "t") {
    s.in_text = true;
  }
}

inline void End(void* data, const char* name) {
  State& s = *static_cast<State*>(data);
  const std::string n = Local(name);
  if (n == "tbl") {
    --s.table_depth;
  } else if (n == "tc" && s.table_depth == 1) {
    s.out->tables.back().back().push_back(s.cell);
  } else if (n == "p") {
    if (s.table_depth > 0) {
      s.cell += s.paragraph.text;
    } else {
      s.out->paragraphs.push_back(s.paragraph);
    }
    // red text inside tables counts too
    if (s.table_depth > 0 && !s.paragraph.red.empty()) {
      s.out->paragraphs.push_back({"(table)", s.paragraph.text, s.paragraph.red});
    }
  } else if (n == "rPr") {
    s.in_run_props = false;
  } else if (n == "t") {
    s.in_text = false;
  }
}

inline void Text(void* data, const char* text, int length) {
  State& s = *static_cast<State*>(data);
  if (!s.in_text) return;
  s.paragraph.text.append(text, static_cast<size_t>(length));
  if (s.run_red) s.paragraph.red.append(text, static_cast<size_t>(length));
}

}  // namespace docx_detail

inline DocxContent ReadDocx(const std::string& bytes) {
  DocxContent out;
  archive* a = archive_read_new();
  archive_read_support_format_zip(a);
  if (archive_read_open_memory(a, bytes.data(), bytes.size()) != ARCHIVE_OK) {
    out.errors.push_back("not a zip");
    archive_read_free(a);
    return out;
  }
  archive_entry* e;
  while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
    std::string data;
    char buffer[65536];
    la_ssize_t n;
    while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0) data.append(buffer, n);
    if (n < 0) out.errors.push_back(std::string("reading ") + archive_entry_pathname(e));
    out.parts[archive_entry_pathname(e)] = data;
  }
  archive_read_free(a);
  for (const auto& [name, data] : out.parts) {
    docx_detail::State state{&out};
    XML_Parser parser = XML_ParserCreateNS("UTF-8", '|');
    XML_SetUserData(parser, &state);
    if (name == "word/document.xml") {
      XML_SetElementHandler(parser, docx_detail::Start, docx_detail::End);
      XML_SetCharacterDataHandler(parser, docx_detail::Text);
    }
    if (XML_Parse(parser, data.data(), static_cast<int>(data.size()), 1) != XML_STATUS_OK) {
      out.errors.push_back(name + ":" + std::to_string(XML_GetCurrentLineNumber(parser)) + ": " +
                           XML_ErrorString(XML_GetErrorCode(parser)));
    }
    XML_ParserFree(parser);
  }
  return out;
}

}  // namespace hoso::testing

#endif  // HOSO_TESTS_STORAGE_DOCX_READER_H_
