#include "storage/bagit/bag_verifier.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "storage/base/cms.h"
#include "storage/base/sha256.h"
#include "storage/base/utf8_locale.h"

namespace hoso::cli {
namespace {

struct ReadCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};

struct Seen {
  std::string sha256;  // hex
  uint64_t size = 0;
};

// Why a path is unsafe, or "" when it is a plain relative path.
std::string UnsafePath(const std::string& path) {
  if (path.empty()) return "an entry has an empty name";
  if (path[0] == '/') return "absolute path " + path;
  if (path.find('\\') != std::string::npos) return "backslash in path " + path;
  std::stringstream parts(path);
  std::string part;
  while (std::getline(parts, part, '/')) {
    if (part == "..") return "path escapes the bag: " + path;
  }
  return "";
}

std::string Unescape(const std::string& path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size()) {
      const std::string code = path.substr(i + 1, 2);
      if (code == "0A") { out += '\n'; i += 2; continue; }
      if (code == "0D") { out += '\r'; i += 2; continue; }
      if (code == "25") { out += '%'; i += 2; continue; }
    }
    out += path[i];
  }
  return out;
}

// "hash  path" lines; malformed lines are problems.
std::map<std::string, std::string> ParseManifest(const std::string& name, const std::string& text,
                                                 std::vector<std::string>& problems) {
  std::map<std::string, std::string> out;
  std::stringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty()) continue;
    const size_t space = line.find(' ');
    if (space != 64 || line.size() < 67 || !DigestFromHex(line.substr(0, 64))) {
      problems.push_back(name + " line " + std::to_string(number) + " is malformed");
      continue;
    }
    out[Unescape(line.substr(line.find_first_not_of(' ', space)))] = line.substr(0, 64);
  }
  return out;
}

std::string Field(const std::string& info, const std::string& label) {
  const size_t at = info.find(label + ":");
  if (at == std::string::npos) return "";
  const size_t start = info.find_first_not_of(' ', at + label.size() + 1);
  return info.substr(start, info.find('\n', start) - start);
}

}  // namespace

VerifyReport VerifyBag(const std::string& path, const std::string& ca_pem,
                       const VerifyLimits& limits) {
  VerifyReport report;
  auto refuse = [&](const std::string& why) {
    report.problems.push_back(why);
    report.refused = true;
    return report;
  };
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) return refuse("cannot read " + path);
  const uint64_t budget = static_cast<uint64_t>(st.st_size) * limits.max_expansion + (16u << 20);

  ScopedUtf8Locale utf8;
  std::unique_ptr<archive, ReadCloser> a(archive_read_new());
  archive_read_support_format_zip(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_filter_all(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    return refuse("not a zip or tar archive: " + std::string(archive_error_string(a.get())));
  }
  std::map<std::string, Seen> payload;     // data/... as found
  std::map<std::string, std::string> tags; // other files, whole
  std::set<std::string> names;
  uint64_t unpacked = 0;
  std::string buffer(1 << 16, '\0');
  archive_entry* entry = nullptr;
  int r;
  while ((r = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
    const char* utf8 = archive_entry_pathname_utf8(entry);
    if (utf8 == nullptr) return refuse("an entry name is not valid UTF-8");
    std::string name = utf8;
    const auto type = archive_entry_filetype(entry);
    if (type == AE_IFDIR) continue;
    if (type != AE_IFREG || archive_entry_hardlink(entry) != nullptr) {
      return refuse("link or special file in the archive: " + name);
    }
    if (std::string why = UnsafePath(name); !why.empty()) return refuse(why);
    if (name.rfind("./", 0) == 0) name.erase(0, 2);
    if (!names.insert(name).second) return refuse("duplicate entry " + name);
    if (names.size() > limits.max_entries) return refuse("too many entries");
    const bool is_payload = name.rfind("data/", 0) == 0;
    const int64_t declared = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : -1;
    Sha256Hasher hasher;
    std::string whole;
    uint64_t size = 0;
    la_ssize_t n;
    while ((n = archive_read_data(a.get(), buffer.data(), buffer.size())) > 0) {
      size += static_cast<uint64_t>(n);
      unpacked += static_cast<uint64_t>(n);
      if (declared >= 0 && size > static_cast<uint64_t>(declared)) {
        return refuse("entry larger than declared: " + name);
      }
      if (unpacked > budget) return refuse("compression bomb: the archive unpacks far beyond its size");
      const std::string_view piece(buffer.data(), static_cast<size_t>(n));
      if (is_payload) {
        hasher.Update(piece);
      } else {
        if (whole.size() + piece.size() > limits.max_tag_file_bytes) {
          return refuse("tag file too large: " + name);
        }
        whole.append(piece);
      }
    }
    if (n < 0) return refuse("damaged archive at " + name + ": " + archive_error_string(a.get()));
    if (is_payload) {
      payload[name] = {ToHex(hasher.Finish()), size};
    } else {
      tags[name] = std::move(whole);
    }
  }
  if (r != ARCHIVE_EOF) {
    return refuse("damaged archive: " + std::string(archive_error_string(a.get()) ? archive_error_string(a.get()) : "?"));
  }

  std::vector<std::string>& problems = report.problems;
  auto bagit = tags.find("bagit.txt");
  if (bagit == tags.end() || bagit->second.find("BagIt-Version: 1.0") == std::string::npos) {
    problems.push_back("bagit.txt is missing or not BagIt 1.0");
  }
  auto manifest_text = tags.find("manifest-sha256.txt");
  if (manifest_text == tags.end()) return refuse("manifest-sha256.txt is missing");
  const auto manifest = ParseManifest("manifest-sha256.txt", manifest_text->second, problems);
  for (const auto& [file, hex] : manifest) {
    auto it = payload.find(file);
    if (it == payload.end()) {
      problems.push_back("missing file: " + file);
    } else if (it->second.sha256 != hex) {
      problems.push_back("altered file: " + file);
    }
  }
  for (const auto& [file, seen] : payload) {
    report.files++;
    report.bytes += seen.size;
    if (!manifest.count(file)) problems.push_back("extra file not in the manifest: " + file);
  }
  const std::string oxum = Field(tags.count("bag-info.txt") ? tags["bag-info.txt"] : "", "Payload-Oxum");
  if (oxum != std::to_string(report.bytes) + "." + std::to_string(report.files)) {
    problems.push_back("Payload-Oxum is " + (oxum.empty() ? std::string("missing") : oxum) +
                       " but the payload is " + std::to_string(report.bytes) + "." +
                       std::to_string(report.files));
  }
  auto tagmanifest = tags.find("tagmanifest-sha256.txt");
  if (tagmanifest == tags.end()) {
    problems.push_back("tagmanifest-sha256.txt is missing");
  } else {
    for (const auto& [file, hex] : ParseManifest("tagmanifest-sha256.txt", tagmanifest->second, problems)) {
      auto it = tags.find(file);
      if (it == tags.end()) {
        problems.push_back("missing tag file: " + file);
      } else if (ToHex(Sha256Of(it->second)) != hex) {
        problems.push_back("altered tag file: " + file);
      }
    }
    auto signature = tags.find("tagmanifest-sha256.txt.p7s");
    if (signature == tags.end()) {
      problems.push_back("no signature (tagmanifest-sha256.txt.p7s): the dossier is not sealed");
    } else {
      auto check = VerifyDetached(signature->second, tagmanifest->second, ca_pem);
      if (!check.ok()) {
        problems.push_back("bad signature: " + std::string(check.status().message()));
      } else {
        report.signer = check->signer;
        report.chain_checked = check->chain_checked;
      }
    }
  }
  report.verified = problems.empty();
  return report;
}

}  // namespace hoso::cli
