#include "storage/base/portable_name.h"

#include <unicode/utf8.h>

#include <cctype>
#include <cstdio>

namespace hoso::text {
namespace {

bool IsBidiControl(UChar32 c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// Calls `each(code_point, bytes)` for every character of `s`; invalid bytes
// come one at a time with code point -1.
template <typename Each>
void ForEachChar(std::string_view s, Each each) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
    each(c, s.substr(static_cast<size_t>(at), static_cast<size_t>(i - at)));
  }
}

bool IsDeviceName(std::string_view segment) {
  std::string stem(segment.substr(0, segment.find('.')));
  while (!stem.empty() && stem.back() == ' ') stem.pop_back();
  for (char& c : stem) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (stem == "CON" || stem == "PRN" || stem == "AUX" || stem == "NUL") return true;
  return stem.size() == 4 && (stem.rfind("COM", 0) == 0 || stem.rfind("LPT", 0) == 0) &&
         stem[3] >= '1' && stem[3] <= '9';
}

}  // namespace

std::string PortableSegment(std::string_view segment) {
  std::string out;
  ForEachChar(segment, [&](UChar32 c, std::string_view bytes) {
    const bool refused = (c >= 0 && c < 0x20) || c == 0x7F || c == '"' || c == ':' || c == '?' ||
                         c == '<' || c == '>' || c == '*' || c == '|' || c == '\\' || c == '/' ||
                         IsBidiControl(c);
    if (refused) {
      out += '_';
    } else {
      out.append(bytes);
    }
  });
  if (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.back() = '_';
  if (out.empty()) out = "_";
  if (IsDeviceName(out)) out.insert(0, "_");
  return out;
}

bool HasBidiControl(std::string_view text) {
  bool found = false;
  ForEachChar(text, [&](UChar32 c, std::string_view) { found = found || IsBidiControl(c); });
  return found;
}

std::string EscapeBidiControls(std::string_view text) {
  std::string out;
  ForEachChar(text, [&](UChar32 c, std::string_view bytes) {
    if (IsBidiControl(c)) {
      char code[16];
      std::snprintf(code, sizeof code, "[U+%04X]", static_cast<unsigned>(c));
      out += code;
    } else {
      out.append(bytes);
    }
  });
  return out;
}

}  // namespace hoso::text
