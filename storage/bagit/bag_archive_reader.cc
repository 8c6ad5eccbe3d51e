#include "storage/bagit/bag_archive_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <cctype>
#include <memory>
#include <sstream>
#include <string_view>

#include "storage/bagit/bag_assessment.h"
#include "storage/bagit/bag_format.h"
#include "storage/base/text.h"
#include "storage/base/utf8_locale.h"

namespace hoso::cli {
namespace {

struct ReadCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};

absl::Status Refuse(const std::string& why) { return absl::InvalidArgumentError(why); }

std::string ErrorOf(archive* a) {
  const char* error = archive_error_string(a);
  return error != nullptr ? error : "?";
}

// What one listed file costs in memory: the map node, the key, the digest.
uint64_t ListingCost(const std::string& path) { return 128 + path.size(); }

// Why a path is unsafe, or "" when it is a plain relative path.
std::string UnsafePath(const std::string& path) {
  if (path.empty()) return "an entry has an empty name";
  if (path[0] == '/') return "absolute path " + path;
  if (path.size() >= 2 && path[1] == ':' && std::isalpha(static_cast<unsigned char>(path[0]))) {
    return "absolute path " + path + " (a Windows drive)";
  }
  if (path.find('\\') != std::string::npos) return "backslash in path " + path;
  std::stringstream parts(path);
  std::string part;
  while (std::getline(parts, part, '/')) {
    if (part == "..") return "path escapes the bag: " + path;
  }
  return "";
}

// Reads entries one at a time into `contents`, within the limits.
class EntryReader {
 public:
  EntryReader(archive* a, const VerifyLimits& limits, uint64_t budget)
      : a_(a), limits_(limits), budget_(budget), buffer_(1 << 16, '\0') {}

  // The entry whose header was just read: refused, skipped (a directory) or
  // added to `contents`.
  absl::Status Read(archive_entry* entry, BagContents& contents) {
    const char* utf8 = archive_entry_pathname_utf8(entry);
    if (utf8 == nullptr) return Refuse("an entry name is not valid UTF-8");
    std::string name = utf8;
    const auto type = archive_entry_filetype(entry);
    if (type != AE_IFDIR && (type != AE_IFREG || archive_entry_hardlink(entry) != nullptr)) {
      return Refuse("link or special file in the archive: " + name);
    }
    if (std::string why = UnsafePath(name); !why.empty()) return Refuse(why);
    while (name.rfind("./", 0) == 0) name.erase(0, 2);
    if (++entries_ > limits_.max_entries) return Refuse("too many entries");
    if (absl::Status s = StripTopFolder(name, contents.top_folder); !s.ok()) return s;
    if (type == AE_IFDIR || name.empty()) return absl::OkStatus();
    name = text::Nfc(name);
    if (contents.files.count(name) || contents.tags.count(name)) {
      return Refuse("duplicate entry " + name);
    }
    const int64_t declared = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : -1;
    return IsTagReadWhole(name) ? ReadTag(name, declared, contents)
                                : ReadFile(name, declared, contents);
  }

 private:
  // The first entry decides: a bag inside one top folder (not data/) has
  // every path under it; the folder is taken off them.
  absl::Status StripTopFolder(std::string& name, std::string& top) {
    if (!decided_) {
      decided_ = true;
      const size_t slash = name.find('/');
      if (slash != std::string::npos && name.substr(0, slash + 1) != storage::kPayloadDir) {
        top = name.substr(0, slash + 1);
      }
    }
    if (top.empty()) return absl::OkStatus();
    if (name.rfind(top, 0) != 0 && name + "/" != top) {
      return Refuse("the bag is inside the folder " + top + " but " + name + " lies outside it");
    }
    name.erase(0, std::min(name.size(), top.size()));
    return absl::OkStatus();
  }

  // Reads the entry's data, handing each piece to `take`.
  template <typename Take>
  absl::Status ReadData(const std::string& name, int64_t declared, Take take) {
    uint64_t size = 0;
    la_ssize_t n;
    while ((n = archive_read_data(a_, buffer_.data(), buffer_.size())) > 0) {
      size += static_cast<uint64_t>(n);
      unpacked_ += static_cast<uint64_t>(n);
      if (declared >= 0 && size > static_cast<uint64_t>(declared)) {
        return Refuse("entry larger than declared: " + name);
      }
      if (unpacked_ > budget_) {
        return Refuse("compression bomb: the archive unpacks far beyond its size");
      }
      if (absl::Status s = take(std::string_view(buffer_.data(), static_cast<size_t>(n)));
          !s.ok()) {
        return s;
      }
    }
    if (n < 0) return Refuse("damaged archive at " + name + ": " + ErrorOf(a_));
    return absl::OkStatus();
  }

  // Hashes the entry as it streams by; only its name and hash stay (and the
  // whole text of the assessment file).
  absl::Status ReadFile(const std::string& name, int64_t declared, BagContents& contents) {
    listing_ += ListingCost(name);
    if (listing_ > limits_.max_listing_bytes) {
      return Refuse("too many entries: their names pass the limit of what a manifest can list");
    }
    const bool assessment = name == storage::kAssessmentFile;
    std::string whole;
    Sha256Hasher hasher;
    uint64_t size = 0;
    absl::Status s = ReadData(name, declared, [&](std::string_view piece) {
      hasher.Update(piece);
      size += piece.size();
      if (assessment) {
        if (size > storage::kMaxAssessmentBytes) {
          return Refuse(name + " is larger than " +
                        std::to_string(storage::kMaxAssessmentBytes >> 20) + " MiB");
        }
        whole.append(piece);
      }
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    contents.files[name] = {hasher.Finish(), size};
    if (assessment) contents.assessment_json = std::move(whole);
    return absl::OkStatus();
  }

  absl::Status ReadTag(const std::string& name, int64_t declared, BagContents& contents) {
    std::string whole;
    absl::Status s = ReadData(name, declared, [&](std::string_view piece) {
      if (whole.size() + piece.size() > limits_.max_tag_file_bytes) {
        return Refuse("tag file too large: " + name);
      }
      whole.append(piece);
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    contents.tags[name] = std::move(whole);
    return absl::OkStatus();
  }

  archive* const a_;
  const VerifyLimits& limits_;
  const uint64_t budget_;  // unpacked bytes allowed in all
  std::string buffer_;
  bool decided_ = false;  // whether the top folder is known
  uint64_t entries_ = 0;
  uint64_t listing_ = 0;  // memory the listed files take
  uint64_t unpacked_ = 0;
};

}  // namespace

bool IsTagReadWhole(const std::string& path) {
  return path == storage::kBagitFile || path == storage::kBagInfoFile ||
         path == storage::kManifestFile || path == storage::kTagManifest ||
         path == storage::kSignatureFile || path == storage::kSignerCertFile;
}

absl::StatusOr<BagContents> ReadBagArchive(const std::string& path, const VerifyLimits& limits) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Refuse("cannot read " + path);
  const uint64_t budget = static_cast<uint64_t>(st.st_size) * limits.max_expansion + (16u << 20);

  ScopedUtf8Locale utf8;
  std::unique_ptr<archive, ReadCloser> a(archive_read_new());
  archive_read_support_format_zip(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_filter_all(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    return Refuse("not a zip or tar archive: " + ErrorOf(a.get()));
  }
  BagContents contents;
  EntryReader reader(a.get(), limits, budget);
  archive_entry* entry = nullptr;
  int r;
  while ((r = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
    if (absl::Status s = reader.Read(entry, contents); !s.ok()) return s;
  }
  if (r != ARCHIVE_EOF) return Refuse("damaged archive: " + ErrorOf(a.get()));
  return contents;
}

}  // namespace hoso::cli
