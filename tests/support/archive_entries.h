#ifndef HOSO_TESTS_SUPPORT_ARCHIVE_ENTRIES_H_
#define HOSO_TESTS_SUPPORT_ARCHIVE_ENTRIES_H_

// Archives as lists of entries, for tests that take a dossier apart and put
// it back together the way an attacker or another tool would.

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "storage/base/utf8_locale.h"

namespace hoso::testing {

struct ArchiveEntry {
  std::string path;
  std::string data;
  int type = AE_IFREG;
};

// Every entry of an archive, in order (test archives are small).
inline std::vector<ArchiveEntry> ReadEntries(const std::string& path) {
  ScopedUtf8Locale utf8;
  std::vector<ArchiveEntry> out;
  archive* a = archive_read_new();
  archive_read_support_format_all(a);
  archive_read_support_filter_all(a);
  archive_read_open_filename(a, path.c_str(), 1 << 16);
  archive_entry* e;
  int r;
  while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
    ArchiveEntry entry{archive_entry_pathname_utf8(e), "", archive_entry_filetype(e)};
    char buffer[65536];
    la_ssize_t n;
    while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0) entry.data.append(buffer, n);
    out.push_back(std::move(entry));
  }
  archive_read_free(a);
  return out;
}

// The entries of a dossier archive whose bag is in the top folder `top`
// ("LQD-dossier-1/"), that folder taken off their paths: the layout an older
// hosod wrote, which `hoso verify` still reads.
inline std::vector<ArchiveEntry> ReadBagEntries(const std::string& path, const std::string& top) {
  std::vector<ArchiveEntry> out;
  for (ArchiveEntry& e : ReadEntries(path)) {
    if (e.path.rfind(top, 0) != 0) ADD_FAILURE() << e.path << " is outside " << top;
    if (e.path == top) continue;
    e.path.erase(0, std::min(e.path.size(), top.size()));
    out.push_back(std::move(e));
  }
  return out;
}

// Writes entries as a pax tar or a zip (deflated, so zeros shrink a
// thousandfold); `more` may add entries as they are written, without holding
// them all.
template <typename More>
void WriteEntries(const std::string& path, const std::vector<ArchiveEntry>& entries, bool zip,
                  More more) {
  ScopedUtf8Locale utf8;
  archive* a = archive_write_new();
  if (zip) {
    archive_write_set_format_zip(a);
    archive_write_set_options(a, "zip:compression=deflate,zip:hdrcharset=UTF-8");
  } else {
    archive_write_set_format_pax_restricted(a);
  }
  ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
  auto add = [&](const ArchiveEntry& x) {
    archive_entry* e = archive_entry_new();
    archive_entry_update_pathname_utf8(e, x.path.c_str());
    archive_entry_set_filetype(e, x.type);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, x.type == AE_IFREG ? static_cast<la_int64_t>(x.data.size()) : 0);
    archive_write_header(a, e);
    if (x.type == AE_IFREG) archive_write_data(a, x.data.data(), x.data.size());
    archive_entry_free(e);
  };
  for (const ArchiveEntry& x : entries) add(x);
  more(add);
  archive_write_close(a);
  archive_write_free(a);
}
inline void WriteEntries(const std::string& path, const std::vector<ArchiveEntry>& entries,
                         bool zip = false) {
  WriteEntries(path, entries, zip, [](auto&) {});
}

// The data of the entry at `path`; a failure when there is none.
inline std::string& EntryData(std::vector<ArchiveEntry>& entries, const std::string& path) {
  for (ArchiveEntry& e : entries) {
    if (e.path == path) return e.data;
  }
  ADD_FAILURE() << "no entry " << path;
  static std::string none;
  return none;
}

}  // namespace hoso::testing

#endif  // HOSO_TESTS_SUPPORT_ARCHIVE_ENTRIES_H_
