#include "storage/objects/s3_target.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace hoso::storage {
namespace {

bool ValidBucket(std::string_view name) {
  if (name.size() < 3 || name.size() > 63) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    if (!ok) return false;
  }
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  return alnum(name.front()) && alnum(name.back());
}

std::string Trim(std::string_view s) {
  const size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  const size_t end = s.find_last_not_of(" \t\r");
  return std::string(s.substr(begin, end - begin + 1));
}

}  // namespace

absl::StatusOr<S3Target> ParseS3Url(std::string_view url) {
  constexpr std::string_view kScheme = "s3://";
  if (url.substr(0, kScheme.size()) != kScheme) {
    return absl::InvalidArgumentError(
        "địa chỉ kho đối tượng phải có dạng s3://BUCKET[/PREFIX], không phải \"" +
        std::string(url) + "\"");
  }
  std::string_view rest = url.substr(kScheme.size());
  const size_t slash = rest.find('/');
  const std::string_view bucket = rest.substr(0, slash);
  if (!ValidBucket(bucket)) {
    return absl::InvalidArgumentError("tên bucket \"" + std::string(bucket) +
                                      "\" không hợp lệ: 3-63 ký tự a-z, 0-9, dấu chấm hoặc gạch "
                                      "nối, bắt đầu và kết thúc bằng chữ "
                                      "hoặc số");
  }
  S3Target target;
  target.bucket = std::string(bucket);
  if (slash != std::string_view::npos) {
    std::string prefix(rest.substr(slash + 1));
    while (!prefix.empty() && prefix.front() == '/') prefix.erase(0, 1);
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    target.prefix = prefix;
  }
  return target;
}

absl::StatusOr<S3Credentials> LoadS3Credentials(const std::string& file, std::string_view profile) {
  S3Credentials credentials;
  if (file.empty()) {
    const char* access = std::getenv("AWS_ACCESS_KEY_ID");
    const char* secret = std::getenv("AWS_SECRET_ACCESS_KEY");
    if (access == nullptr || secret == nullptr || *access == '\0' || *secret == '\0') {
      return absl::FailedPreconditionError(
          "chưa có khóa truy cập kho đối tượng: đặt AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY, "
          "hoặc chỉ ra tệp khóa (dạng ~/.aws/credentials)");
    }
    credentials.access_key = access;
    credentials.secret_key = secret;
    return credentials;
  }
  struct stat st;
  if (::stat(file.c_str(), &st) != 0) {
    return absl::NotFoundError("không đọc được tệp khóa kho đối tượng " + file);
  }
  if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError("tệp khóa kho đối tượng " + file +
                                         " để người khác đọc được: chạy chmod 600 " + file);
  }
  std::ifstream in(file);
  if (!in) return absl::NotFoundError("không đọc được tệp khóa kho đối tượng " + file);
  std::string line;
  bool in_section = false;
  bool section_found = false;
  while (std::getline(in, line)) {
    const std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#' || trimmed[0] == ';') continue;
    if (trimmed.front() == '[' && trimmed.back() == ']') {
      std::string name = Trim(std::string_view(trimmed).substr(1, trimmed.size() - 2));
      if (name.rfind("profile ", 0) == 0) name = Trim(std::string_view(name).substr(8));
      in_section = name == profile;
      section_found = section_found || in_section;
      continue;
    }
    if (!in_section) continue;
    const size_t eq = trimmed.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = Trim(std::string_view(trimmed).substr(0, eq));
    const std::string value = Trim(std::string_view(trimmed).substr(eq + 1));
    if (key == "aws_access_key_id") credentials.access_key = value;
    if (key == "aws_secret_access_key") credentials.secret_key = value;
  }
  if (!section_found) {
    return absl::NotFoundError("tệp khóa " + file + " không có mục [" + std::string(profile) + "]");
  }
  if (credentials.access_key.empty() || credentials.secret_key.empty()) {
    return absl::FailedPreconditionError("mục [" + std::string(profile) + "] của tệp khóa " + file +
                                         " thiếu aws_access_key_id hoặc aws_secret_access_key");
  }
  return credentials;
}

}  // namespace hoso::storage
