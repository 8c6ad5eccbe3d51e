#include "storage/maintenance/fsck.h"

#include <map>
#include <memory>

#include "storage/base/sha256.h"
#include "storage/content/content_store.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

absl::StatusOr<FsckReport> RunFsck(Database& database, ContentStore& content) {
  FsckReport report;
  // Who names each content (raw sha -> referrers), and which evidence files.
  std::map<std::string, std::vector<std::string>> named;
  std::map<std::string, std::vector<FileRef>> files;
  absl::Status s = ScanRecords<EvidenceRecord>(
      database, keys::kEvidencePrefix, [&](std::string_view key, const EvidenceRecord& e) {
        const std::string who =
            e.school() + " " + (e.code().empty() ? "#" + std::to_string(e.id()) : e.code());
        for (const FileRecord& f : e.files()) {
          named[f.sha256()].push_back(who + " (" + f.name() + ")");
          files[f.sha256()].push_back({std::string(key), f.name()});
        }
      });
  if (!s.ok()) return s;
  s = ScanRecords<DossierRecord>(
      database, keys::kDossierPrefix, [&](std::string_view, const DossierRecord& d) {
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
  s = ScanRecords<ContentRecord>(database, keys::kContentPrefix,
                                 [&](std::string_view key, const ContentRecord& c) {
                                   const std::string raw(key.substr(keys::kContentPrefix.size()));
                                   stored[raw] = c.refcount();
                                   to_check.push_back({raw, c.size()});
                                 });
  if (!s.ok()) return s;
  std::map<std::string, uint64_t> quarantined;  // raw sha -> refcount when set aside
  s = ScanRecords<QuarantineRecord>(
      database, keys::kQuarantinePrefix, [&](std::string_view key, const QuarantineRecord& q) {
        const std::string raw(key.substr(keys::kQuarantinePrefix.size()));
        quarantined[raw] = q.content().refcount();
        problem("quarantined content", raw,
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
      problem(
          "reference count", raw,
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
