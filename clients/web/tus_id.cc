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

bool IsUploadId(const std::string& upload_id) {
  if (upload_id.size() < 16 || upload_id.size() > 64) return false;
  for (char c : upload_id) {
    if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-' && c != '_') return false;
  }
  return true;
}

namespace {

constexpr char kHashedWhileSent[] = "u.";  // '.' is not in the base64url alphabet

std::string SizeBytes(uint64_t size) {
  std::string bytes;
  for (int shift = 56; shift >= 0; shift -= 8) bytes += static_cast<char>((size >> shift) & 0xff);
  return bytes;
}

uint64_t SizeOf(std::string_view bytes) {
  uint64_t size = 0;
  for (char c : bytes.substr(0, 8)) size = (size << 8) | static_cast<unsigned char>(c);
  return size;
}

// "u." base64url(size, upload id length, upload id, school).
std::optional<TusId> DecodeHashedWhileSent(const std::string& text) {
  auto bytes = FromBase64Url(text.substr(2));
  if (!bytes || bytes->size() < 9) return std::nullopt;
  const size_t length = static_cast<unsigned char>((*bytes)[8]);
  if (bytes->size() <= 9 + length) return std::nullopt;
  TusId id;
  id.size = SizeOf(*bytes);
  id.upload_id = bytes->substr(9, length);
  id.school = bytes->substr(9 + length);
  if (!IsUploadId(id.upload_id) || !IsSchoolCode(id.school)) return std::nullopt;
  return id;
}

}  // namespace

std::string EncodeTusId(const TusId& id) {
  if (!id.upload_id.empty()) {
    return kHashedWhileSent +
           Base64Url(SizeBytes(id.size) + static_cast<char>(id.upload_id.size()) + id.upload_id +
                     id.school);
  }
  std::string bytes;
  for (size_t i = 0; i < 64; i += 2) {
    bytes += static_cast<char>(HexValue(id.sha256[i]) * 16 + HexValue(id.sha256[i + 1]));
  }
  bytes += SizeBytes(id.size);
  bytes += id.school;
  return Base64Url(bytes);
}

std::optional<TusId> DecodeTusId(const std::string& text) {
  if (text.size() > 160) return std::nullopt;
  if (text.rfind(kHashedWhileSent, 0) == 0) return DecodeHashedWhileSent(text);
  auto bytes = FromBase64Url(text);
  if (!bytes || bytes->size() <= kFixedBytes) return std::nullopt;
  TusId id;
  static const char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < 32; ++i) {
    const auto b = static_cast<unsigned char>((*bytes)[i]);
    id.sha256 += kHex[b >> 4];
    id.sha256 += kHex[b & 15];
  }
  id.size = SizeOf(std::string_view(*bytes).substr(32));
  id.school = bytes->substr(kFixedBytes);
  if (!IsSchoolCode(id.school)) return std::nullopt;
  return id;
}

}  // namespace hoso::web
