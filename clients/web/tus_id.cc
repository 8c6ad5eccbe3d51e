#include "clients/web/tus_id.h"

#include <cctype>

namespace hoso::web {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr size_t kFixedBytes = 32 + 8;

std::string Base64Url(const std::string& bytes) {
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (unsigned char c : bytes) {
    bits = (bits << 8) | c;
    count += 8;
    while (count >= 6) {
      count -= 6;
      out += kAlphabet[(bits >> count) & 63];
    }
  }
  if (count > 0) out += kAlphabet[(bits << (6 - count)) & 63];
  return out;
}

std::optional<std::string> FromBase64Url(const std::string& text) {
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    const char* at = std::char_traits<char>::find(kAlphabet, 64, c);
    if (at == nullptr) return std::nullopt;
    bits = (bits << 6) | static_cast<uint32_t>(at - kAlphabet);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  if ((bits & ((1u << count) - 1)) != 0) return std::nullopt;  // one spelling per id
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> NormalizedSha256(const std::string& hex) {
  if (hex.size() != 64) return std::nullopt;
  std::string out;
  for (char c : hex) {
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (HexValue(lower) < 0) return std::nullopt;
    out += lower;
  }
  return out;
}

bool IsSchoolCode(const std::string& school) {
  if (school.empty() || school.size() > 32) return false;
  for (char c : school) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

std::string EncodeTusId(const TusId& id) {
  std::string bytes;
  for (size_t i = 0; i < 64; i += 2) {
    bytes += static_cast<char>(HexValue(id.sha256[i]) * 16 + HexValue(id.sha256[i + 1]));
  }
  for (int shift = 56; shift >= 0; shift -= 8)
    bytes += static_cast<char>((id.size >> shift) & 0xff);
  bytes += id.school;
  return Base64Url(bytes);
}

std::optional<TusId> DecodeTusId(const std::string& text) {
  if (text.size() > 128) return std::nullopt;
  auto bytes = FromBase64Url(text);
  if (!bytes || bytes->size() <= kFixedBytes) return std::nullopt;
  TusId id;
  static const char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < 32; ++i) {
    const auto b = static_cast<unsigned char>((*bytes)[i]);
    id.sha256 += kHex[b >> 4];
    id.sha256 += kHex[b & 15];
  }
  for (size_t i = 32; i < kFixedBytes; ++i) {
    id.size = (id.size << 8) | static_cast<unsigned char>((*bytes)[i]);
  }
  id.school = bytes->substr(kFixedBytes);
  if (!IsSchoolCode(id.school)) return std::nullopt;
  return id;
}

}  // namespace hoso::web
