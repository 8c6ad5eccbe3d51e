#include "clients/office/zip_parts.h"

#include <archive.h>
#include <archive_entry.h>

#include <vector>

namespace hoso::office {

ZipParts::ZipParts(std::string name, const ReadLimits& limits)
    : name_(std::move(name)), limits_(limits) {
  archive_ = archive_read_new();
  // The seekable reader trusts the central directory, as Word and Excel do.
  archive_read_support_format_zip_seekable(archive_);
}

ZipParts::~ZipParts() { archive_read_free(archive_); }

absl::Status ZipParts::Refuse(const std::string& part, const std::string& why) const {
  return absl::InvalidArgumentError("tệp " + name_ + (part.empty() ? "" : ", mục " + part) + ": " +
                                    why);
}

absl::Status ZipParts::Opened(int result) {
  if (result == ARCHIVE_OK) return absl::OkStatus();
  const char* error = archive_error_string(archive_);
  return Refuse(
      "", std::string("không đọc được như tệp Office (zip): ") + (error != nullptr ? error : "?"));
}

absl::Status ZipParts::OpenFile(const std::string& path) {
  return Opened(archive_read_open_filename(archive_, path.c_str(), 1 << 16));
}

absl::Status ZipParts::OpenMemory(std::string_view data) {
  return Opened(archive_read_open_memory(archive_, data.data(), data.size()));
}

absl::Status ZipParts::ForEach(const Want& want, const Chunk& chunk, const Done& done) {
  uint64_t entries = 0, total = 0;
  std::vector<char> buffer(1 << 16);
  for (;;) {
    archive_entry* entry = nullptr;
    const int r = archive_read_next_header(archive_, &entry);
    if (r == ARCHIVE_EOF) return absl::OkStatus();
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
      const char* error = archive_error_string(archive_);
      return Refuse("", std::string("tệp nén hỏng: ") + (error != nullptr ? error : "?"));
    }
    if (++entries > limits_.max_entries) {
      return Refuse("", "có hơn " + std::to_string(limits_.max_entries) +
                            " mục trong tệp nén: không phải một tài liệu bình thường");
    }
    const char* raw = archive_entry_pathname(entry);
    const std::string part = raw != nullptr ? raw : "";
    if (part.empty() || !want(part)) {
      archive_read_data_skip(archive_);
      continue;
    }
    uint64_t bytes = 0;
    for (;;) {
      const la_ssize_t n = archive_read_data(archive_, buffer.data(), buffer.size());
      if (n == 0) break;
      if (n < 0) {
        const char* error = archive_error_string(archive_);
        return Refuse(part, std::string("giải nén lỗi: ") + (error != nullptr ? error : "?"));
      }
      bytes += static_cast<uint64_t>(n);
      total += static_cast<uint64_t>(n);
      if (bytes > limits_.max_entry_bytes) {
        return Refuse(part, "giải nén ra hơn " + std::to_string(limits_.max_entry_bytes >> 20) +
                                " MiB: tệp nén bất thường (zip bomb?), không đọc tiếp");
      }
      if (total > limits_.max_total_bytes) {
        return Refuse(part, "các mục giải nén ra hơn " +
                                std::to_string(limits_.max_total_bytes >> 20) +
                                " MiB: tệp nén bất thường (zip bomb?), không đọc tiếp");
      }
      if (absl::Status s = chunk(part, std::string_view(buffer.data(), static_cast<size_t>(n)));
          !s.ok()) {
        return s;
      }
    }
    if (absl::Status s = done(part); !s.ok()) return s;
  }
}

}  // namespace hoso::office
