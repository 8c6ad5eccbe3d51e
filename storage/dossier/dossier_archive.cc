#include "storage/dossier/dossier_archive.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "storage/base/sha256.h"
#include "storage/base/utf8_locale.h"
#include "storage/content/content_prefetch.h"
#include "storage/content/content_store.h"

namespace hoso::storage {
namespace {

struct SinkState {
  const ArchiveSink* sink;
  bool stopped = false;
};

la_ssize_t WriteCallback(archive*, void* client, const void* buffer, size_t length) {
  auto* state = static_cast<SinkState*>(client);
  if (!(*state->sink)(std::string_view(static_cast<const char*>(buffer), length))) {
    state->stopped = true;
    return -1;
  }
  return static_cast<la_ssize_t>(length);
}

struct ArchiveCloser {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryFree {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

// One file of the bag: inline bytes (tag files) or stored content.
struct BagFile {
  std::string path;
  const std::string* bytes = nullptr;
  const DossierEntry* content = nullptr;
  uint64_t size = 0;
};

absl::Status Fail(archive* a, SinkState& state, const std::string& what) {
  if (state.stopped) return absl::CancelledError("the receiver stopped reading");
  return absl::InternalError(what + ": " +
                             (archive_error_string(a) ? archive_error_string(a) : "?"));
}

}  // namespace

BagFacts BagOf(const DossierRecord& d) {
  BagFacts bag{d.school(), d.school_name(),   d.id(), d.created_unix(), d.scope(),
               d.items(),  d.payload_bytes(), {},     d.custody()};
  bag.files.reserve(d.entries_size());
  for (const DossierEntry& e : d.entries()) {
    bag.files.push_back({e.path(), DigestFromBytes(e.sha256()).value_or(Sha256Digest{})});
  }
  return bag;
}

std::string BagTopFolder(const DossierRecord& d) {
  if (d.state() == DOSSIER_SEALED && !d.bag_in_folder()) return "";
  return BagExternalIdentifier(d.school(), d.id()) + "/";
}

absl::Status WriteDossierArchive(const DossierRecord& d, ContentStore& content,
                                 ArchiveFormat format, const ArchiveSink& sink) {
  const BagFacts bag = BagOf(d);
  const std::string top = BagTopFolder(d);
  std::vector<std::pair<std::string, std::string>> tags = BagTagFiles(bag);
  tags.push_back({kTagManifest, BagTagManifest(bag)});
  if (d.state() == DOSSIER_SEALED) {
    tags.push_back({kSignatureFile, d.signature()});
    tags.push_back({kSignerCertFile, d.signer_cert_pem()});
  }
  std::vector<BagFile> files;
  for (const auto& [name, text] : tags) files.push_back({name, &text, nullptr, text.size()});
  for (const DossierEntry& e : d.entries()) files.push_back({e.path(), nullptr, &e, e.size()});
  std::sort(files.begin(), files.end(),
            [](const BagFile& a, const BagFile& b) { return a.path < b.path; });

  // The contents in archive order, read and verified ahead on another thread.
  std::vector<Sha256Digest> order;
  for (const BagFile& f : files) {
    if (f.content == nullptr) continue;
    auto digest = DigestFromBytes(f.content->sha256());
    if (!digest) return absl::DataLossError("dossier entry " + f.path + " has no valid hash");
    order.push_back(*digest);
  }
  ContentPrefetcher prefetch(content, std::move(order), 8 << 20);

  ScopedUtf8Locale utf8;
  std::unique_ptr<archive, ArchiveCloser> a(archive_write_new());
  if (format == ArchiveFormat::kZip) {
    archive_write_set_format_zip(a.get());
    archive_write_set_options(a.get(), "zip:compression=store,zip:hdrcharset=UTF-8");
  } else {
    archive_write_set_format_pax_restricted(a.get());
    archive_write_set_options(a.get(), "hdrcharset=UTF-8");
  }
  // No blocking inside libarchive: pieces go straight to the sink (one copy less).
  archive_write_set_bytes_per_block(a.get(), 0);
  archive_write_set_bytes_in_last_block(a.get(), 1);
  SinkState state{&sink};
  if (archive_write_open(a.get(), &state, nullptr, WriteCallback, nullptr) != ARCHIVE_OK) {
    return Fail(a.get(), state, "starting the archive");
  }
  const int64_t when = d.state() == DOSSIER_SEALED ? d.sealed_unix() : d.created_unix();
  std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
  for (const BagFile& f : files) {
    archive_entry_clear(entry.get());
    archive_entry_update_pathname_utf8(entry.get(), (top + f.path).c_str());
    archive_entry_set_uname(entry.get(), "root");
    archive_entry_set_gname(entry.get(), "root");
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(f.size));
    archive_entry_set_mtime(entry.get(), when, 0);
    archive_entry_set_uid(entry.get(), 0);
    archive_entry_set_gid(entry.get(), 0);
    if (archive_write_header(a.get(), entry.get()) != ARCHIVE_OK) {
      return Fail(a.get(), state, "writing the header of " + f.path);
    }
    if (f.bytes != nullptr) {
      if (!f.bytes->empty() && archive_write_data(a.get(), f.bytes->data(), f.bytes->size()) < 0) {
        return Fail(a.get(), state, "writing " + f.path);
      }
      continue;
    }
    while (true) {
      auto piece = prefetch.Next();
      if (!piece.ok()) return piece.status();
      if (piece->empty()) break;
      if (archive_write_data(a.get(), piece->data(), piece->size()) < 0) {
        return Fail(a.get(), state, "writing " + f.path);
      }
    }
  }
  if (archive_write_close(a.get()) != ARCHIVE_OK)
    return Fail(a.get(), state, "finishing the archive");
  return absl::OkStatus();
}

}  // namespace hoso::storage
