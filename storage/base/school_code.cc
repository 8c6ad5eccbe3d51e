#include "storage/base/school_code.h"

namespace hoso {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsSeparator(char c) { return c == '-' || c == '.' || c == ' ' || c == '_'; }

// Reads 1..max_digits digits at `i`; no more digits may follow.
std::optional<uint32_t> Number(std::string_view s, size_t& i, size_t max_digits) {
  const size_t start = i;
  uint32_t value = 0;
  while (i < s.size() && IsDigit(s[i])) {
    if (i - start == max_digits) return std::nullopt;
    value = value * 10 + static_cast<uint32_t>(s[i] - '0');
    ++i;
  }
  if (i == start) return std::nullopt;
  return value;
}

// Skips one run of separators (at most three characters, as in " - ").
bool Separator(std::string_view s, size_t& i) {
  const size_t start = i;
  while (i < s.size() && IsSeparator(s[i]) && i - start < 3) ++i;
  return i > start;
}

// The code at the start of `s`; `end` is where it stops.
std::optional<SchoolCode> Leading(std::string_view s, size_t& end) {
  size_t i = 0;
  const bool bracket = i < s.size() && s[i] == '[';
  if (bracket) ++i;
  SchoolCode code;
  if (i < s.size() && (s[i] == 'H' || s[i] == 'h')) {
    ++i;
    auto box = Number(s, i, 3);
    if (!box || *box == 0 || !Separator(s, i)) return std::nullopt;
    code.box = static_cast<int>(*box);
  }
  auto standard = Number(s, i, 2);
  if (!standard || *standard == 0 || i >= s.size() || s[i] != '.') return std::nullopt;
  ++i;
  auto number = Number(s, i, 2);
  if (!number || *number == 0) return std::nullopt;
  code.criterion = std::to_string(*standard) + "." + std::to_string(*number);
  if (!Separator(s, i)) return std::nullopt;
  auto seq = Number(s, i, 3);
  if (!seq || *seq == 0) return std::nullopt;
  code.seq = *seq;
  if (bracket) {
    if (i >= s.size() || s[i] != ']') return std::nullopt;
    ++i;
  }
  // A code ends the name, its bracket, or is followed by a separator:
  // "1.1-01a" is not one.
  if (!bracket && i < s.size() && !IsSeparator(s[i]) && s[i] != ')' && s[i] != ']')
    return std::nullopt;
  end = i;
  return code;
}

}  // namespace

CodedName SplitLeadingCode(std::string_view name) {
  CodedName out;
  size_t end = 0;
  out.code = Leading(name, end);
  if (!out.code) {
    out.title = std::string(name);
    return out;
  }
  while (end < name.size() && (IsSeparator(name[end]) || name[end] == ')' || name[end] == ']')) {
    ++end;
  }
  out.title = std::string(name.substr(end));
  return out;
}

std::optional<SchoolCode> ParseSchoolCode(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  size_t end = 0;
  auto code = Leading(text, end);
  if (!code || end != text.size()) return std::nullopt;
  return code;
}

}  // namespace hoso
