#include "storage/frameworks/evidence_code.h"

#include <cctype>
#include <cstdio>

namespace hoso::storage {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Calls on_text for literal runs and on_field(name, width) for {name[:0W]}.
// Returns false on an unclosed or malformed field.
template <typename Text, typename Field>
bool Walk(std::string_view format, Text on_text, Field on_field) {
  size_t i = 0;
  while (i < format.size()) {
    const size_t open = format.find('{', i);
    if (open == std::string_view::npos) {
      on_text(format.substr(i));
      return true;
    }
    on_text(format.substr(i, open - i));
    const size_t close = format.find('}', open);
    if (close == std::string_view::npos) return false;
    std::string_view field = format.substr(open + 1, close - open - 1);
    int width = 0;
    if (const size_t colon = field.find(':'); colon != std::string_view::npos) {
      std::string_view w = field.substr(colon + 1);
      if (w.empty() || w.size() > 2) return false;
      for (char c : w) {
        if (!IsDigit(c)) return false;
        width = width * 10 + (c - '0');
      }
      field = field.substr(0, colon);
    }
    if (!on_field(field, width)) return false;
    i = close + 1;
  }
  return true;
}

}  // namespace

absl::Status ValidateCodeFormat(std::string_view format) {
  bool has_criterion = false, has_seq = false;
  const bool ok = Walk(
      format, [](std::string_view) {},
      [&](std::string_view field, int) {
        has_criterion |= field == "criterion";
        has_seq |= field == "seq";
        return field == "box" || field == "criterion" || field == "seq";
      });
  if (!ok || !has_criterion || !has_seq || format.size() > 64) {
    return absl::InvalidArgumentError(
        "evidence code format \"" + std::string(format) +
        "\" must use {criterion} and {seq} (optionally {box}, and {seq:02} to pad), e.g. "
        "[H{box}-{criterion}-{seq:02}]");
  }
  return absl::OkStatus();
}

std::string FormatEvidenceCode(std::string_view format, int box, std::string_view criterion,
                               uint32_t seq) {
  std::string out;
  Walk(
      format, [&](std::string_view text) { out.append(text); },
      [&](std::string_view field, int width) {
        if (field == "criterion") {
          out.append(criterion);
        } else {
          char number[32];
          std::snprintf(number, sizeof number, "%0*u", width,
                        field == "box" ? static_cast<unsigned>(box) : seq);
          out.append(number);
        }
        return true;
      });
  return out;
}

std::string NormalizeCodeRef(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '[' || c == ']' || c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

int StandardOf(std::string_view criterion) {
  int standard = 0;
  size_t i = 0;
  for (; i < criterion.size() && IsDigit(criterion[i]); ++i) {
    if (i == 4) return 0;  // no framework has 10,000 standards; and no overflow
    standard = standard * 10 + (criterion[i] - '0');
  }
  return i > 0 && i < criterion.size() && criterion[i] == '.' ? standard : 0;
}

bool NaturalLess(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (IsDigit(a[i]) && IsDigit(b[j])) {
      size_t ei = i, ej = j;
      while (ei < a.size() && IsDigit(a[ei])) ++ei;
      while (ej < b.size() && IsDigit(b[ej])) ++ej;
      std::string_view na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      while (na.size() > 1 && na[0] == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb[0] == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

}  // namespace hoso::storage
