#include "storage/base/text.h"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <mutex>

#include "storage/base/error_reason.h"

namespace hoso::text {
namespace {

// Checks UTF-8 validity and control characters; returns an error message or "".
std::string ScanUtf8(std::string_view s, bool multiline) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    const int32_t at = i;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
    if (c < 0) return "is not valid UTF-8 (byte " + std::to_string(at) + ")";
    if (c == 0) return "contains a NUL character";
    const bool allowed_space = multiline && (c == '\n' || c == '\t' || c == '\r');
    if ((c < 0x20 || (c >= 0x7f && c < 0xa0)) && !allowed_space) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
      return std::string("contains the control character ") + hex;
    }
  }
  return "";
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

}  // namespace

std::string Nfc(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  icu::UnicodeString out = nfc->normalize(in, err);
  std::string result;
  out.toUTF8String(result);
  return result;
}

absl::StatusOr<std::string> CleanText(std::string_view field, std::string_view value,
                                      size_t max_bytes, bool multiline) {
  if (value.size() > max_bytes) {
    return WithReason(
        absl::InvalidArgumentError(std::string(field) + " is " + std::to_string(value.size()) +
                                   " bytes long; the limit is " + std::to_string(max_bytes)),
        reason::kInvalidArgument, {{"field", std::string(field)}});
  }
  if (std::string problem = ScanUtf8(value, multiline); !problem.empty()) {
    return WithReason(absl::InvalidArgumentError(std::string(field) + " " + problem),
                      reason::kInvalidArgument, {{"field", std::string(field)}});
  }
  return Nfc(value);
}

absl::StatusOr<std::string> CleanFileName(std::string_view raw) {
  if (raw.empty()) return absl::InvalidArgumentError("a file name is empty");
  auto name = CleanText("file name", raw, 255);
  if (!name.ok()) return name.status();
  if (name->find('/') != std::string::npos || name->find('\\') != std::string::npos) {
    return absl::InvalidArgumentError("file name \"" + *name +
                                      "\" contains a path separator ('/' or '\\')");
  }
  if (*name == "." || *name == "..") {
    return absl::InvalidArgumentError("\"" + *name + "\" is not a file name");
  }
  if (name->size() > 255) {
    return absl::InvalidArgumentError("file name is longer than 255 bytes once normalised");
  }
  return name;
}

std::string FoldCase(std::string_view value) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(Nfc(value));
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool ContainsFolded(std::string_view haystack, std::string_view needle) {
  return FoldCase(haystack).find(FoldCase(needle)) != std::string::npos;
}

absl::Status ValidateSchoolYear(std::string_view year) {
  if (year.size() == 9 && year[4] == '-' && AllDigits(year.substr(0, 4)) &&
      AllDigits(year.substr(5))) {
    const int first = std::stoi(std::string(year.substr(0, 4)));
    const int second = std::stoi(std::string(year.substr(5)));
    if (second == first + 1 && first >= 1900 && first < 2200) return absl::OkStatus();
  }
  return WithReason(absl::InvalidArgumentError("school year \"" + std::string(year) +
                                               "\" is not of the form 2024-2025"),
                    reason::kInvalidArgument, {{"field", "year"}});
}

absl::Status ValidateDate(std::string_view date) {
  auto bad = [&] {
    return WithReason(
        absl::InvalidArgumentError("date \"" + std::string(date) +
                                   "\" is not a calendar date of the form 2024-09-15"),
        reason::kInvalidArgument, {{"field", "date"}});
  };
  if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !AllDigits(date.substr(0, 4)) ||
      !AllDigits(date.substr(5, 2)) || !AllDigits(date.substr(8, 2))) {
    return bad();
  }
  const int y = std::stoi(std::string(date.substr(0, 4)));
  const int m = std::stoi(std::string(date.substr(5, 2)));
  const int d = std::stoi(std::string(date.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m < 1 || m > 12 || d < 1) return bad();
  if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return bad();
  return absl::OkStatus();
}

struct VietnameseCollator::Impl {
  std::mutex mu;  // icu::Collator::compare is not documented thread-safe
  std::unique_ptr<icu::Collator> collator;
};

VietnameseCollator::VietnameseCollator() : impl_(std::make_unique<Impl>()) {
  UErrorCode err = U_ZERO_ERROR;
  impl_->collator.reset(icu::Collator::createInstance(icu::Locale("vi"), err));
}

VietnameseCollator::~VietnameseCollator() = default;

bool VietnameseCollator::Less(std::string_view a, std::string_view b) const {
  if (!impl_->collator) return a < b;
  UErrorCode err = U_ZERO_ERROR;
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->collator->compareUTF8(icu::StringPiece(a.data(), a.size()),
                                      icu::StringPiece(b.data(), b.size()), err) == UCOL_LESS;
}

std::string EscapeMarkup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace hoso::text
