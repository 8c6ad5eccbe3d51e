#include "storage/maintenance/fsck.h"

#include <map>
#include <memory>

#include "storage/content/content_store.h"
#include "storage/index/database.h"
#include "storage/index/record_io.h"
#include "storage/index/records.pb.h"
#include "storage/index/rocks_status.h"
#include "storage/base/sha256.h"

namespace hoso::storage {
namespace {

// Calls `visit` with each record under `prefix`.
template <typename Record, typename Visit>
absl::Status ForEach(Database& database, const std::string& prefix, Visit visit) {
  std::unique_ptr<rocksdb::Iterator> it(
      database.db()->NewIterator(rocksdb::ReadOptions(), database.index()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    Record record;
    if (!record.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return absl::DataLossError("index record " + it->key().ToString() + " is unreadable");
    }
    visit(it->key().ToString(), record);
  }
  return FromRocks(it->status(), "scanning the index");
}

}  // namespace

absl::StatusOr<FsckReport> RunFsck(Database& database, ContentStore& content) {
  FsckReport report;
  // Who names each content (raw sha -> referrers), and which evidence files.
  std::map<std::string, std::vector<std::string>> named;
  std::map<std::string, std::vector<FileRef>> files;
  absl::Status s = ForEach<EvidenceRecord>(database, "e/", [&](const std::string& key, const EvidenceRecord& e) {
    const std::string who = e.school() + " " + (e.code().empty() ? "#" + std::to_string(e.id()) : e.code());
    for (const FileRecord& f : e.files()) {
      named[f.sha256()].push_back(who + " (" + f.name() + ")");
      files[f.sha256()].push_back({key, f.name()});
    }
  });
  if (!s.ok()) return s;
  s = ForEach<DossierRecord>(database, "d/", [&](const std::string&, const DossierRecord& d) {
    for (const DossierEntry& e : d.entries()) {
      named[e.sha256()].push_back(d.school() + " dossier " + std::to_string(d.id()));
    }
  });
  if (!s.ok()) return s;
  auto problem = [&](std::string kind, const std::string& raw, std::string detail) {
    const auto digest = DigestFromBytes(raw);
    FsckProblem p{std::move(kind), digest ? ToHex(*digest) : "?", std::move(detail), named[raw],
                  files[raw]};
    p.references = named[raw].size();
    report.problems.push_back(std::move(p));
  };
  std::map<std::string, uint64_t> stored;  // raw sha -> recorded refcount
  std::vector<std::pair<std::string, uint64_t>> to_check;
  s = ForEach<ContentRecord>(database, "c/", [&](const std::string& key, const ContentRecord& c) {
    stored[key.substr(2)] = c.refcount();
    to_check.push_back({key.substr(2), c.size()});
  });
  if (!s.ok()) return s;
  std::map<std::string, uint64_t> quarantined;  // raw sha -> refcount when set aside
  s = ForEach<QuarantineRecord>(database, "q/", [&](const std::string& key, const QuarantineRecord& q) {
    quarantined[key.substr(2)] = q.content().refcount();
    problem("quarantined content", key.substr(2),
            q.reason() + " (quarantined " + IsoTimeUtc(q.quarantined_unix()).substr(0, 10) +
                "; upload the file again to heal it)");
  });
  if (!s.ok()) return s;

  for (const auto& [raw, size] : to_check) {
    auto reader = content.Open(*DigestFromBytes(raw));
    absl::Status read = reader.status();
    while (read.ok()) {
      auto piece = (*reader)->Next();
      if (!piece.ok()) {
        read = piece.status();
      } else if (piece->empty()) {
        break;
      }
    }
    ++report.contents;
    report.bytes += size;
    if (!read.ok()) problem("corrupt content", raw, std::string(read.message()));
    const uint64_t references = named.count(raw) ? named[raw].size() : 0;
    if (references == 0) ++report.unreferenced;
    if (references != stored[raw]) {
      problem("reference count", raw,
              "recorded " + std::to_string(stored[raw]) + ", named by " + std::to_string(references));
    }
  }
  for (const auto& [raw, referrers] : named) {
    report.references += referrers.size();
    if (!stored.count(raw) && !quarantined.count(raw)) {
      problem("missing content", raw, "no content record for this hash");
    }
  }
  return report;
}

}  // namespace hoso::storage
