// EvidenceStore::Renumber: closing the gaps deletions left in code sequences.
#include <algorithm>
#include <map>

#include "storage/evidence/evidence_store.h"
#include "storage/frameworks/evidence_code.h"
#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/record_io.h"
#include "storage/schools/school_store.h"

namespace hoso::storage {

absl::StatusOr<std::vector<CodeChange>> EvidenceStore::Renumber(const Actor& actor,
                                                                const std::string& school,
                                                                bool apply,
                                                                const RenumberVeto& veto) {
  std::lock_guard<std::mutex> lock(database_->write_mutex());
  EvidenceFilter all;
  all.school = school;
  all.include_deleted = true;
  auto items = List(all);
  if (!items.ok()) return items.status();
  auto format = CodeFormatOf(school);
  if (!format.ok()) return format.status();
  const std::string code = SchoolStore::NormalizeCode(school).value();

  // Live items per root criterion, in their current order.
  std::map<std::string, std::vector<EvidenceRecord*>> by_root;
  std::vector<EvidenceRecord*> released;
  for (EvidenceRecord& item : *items) {
    if (item.deleted()) {
      if (item.seq() != 0) released.push_back(&item);
    } else if (item.criteria_size() > 0) {
      by_root[item.criteria(0)].push_back(&item);
    }
  }
  std::vector<CodeChange> changes;
  std::vector<EvidenceRecord*> changed;
  WriteBatch batch;
  for (auto& [root, list] : by_root) {
    std::stable_sort(list.begin(), list.end(),
                     [](const auto* a, const auto* b) { return a->seq() < b->seq(); });
    for (size_t i = 0; i < list.size(); ++i) {
      EvidenceRecord* item = list[i];
      const uint32_t seq = static_cast<uint32_t>(i + 1);
      if (item->seq() == seq) continue;
      const std::string new_code = FormatEvidenceCode(*format, item->box(), root, seq);
      changes.push_back({item->id(), item->code(), new_code});
      batch.Delete(keys::CodeIndex(code, NormalizeCodeRef(item->code())));
      item->set_seq(seq);
      item->set_code(new_code);
      changed.push_back(item);
    }
    PutCounter(batch, keys::SeqCounter(code, root), list.size());
  }
  if (!apply) return changes;
  if (veto) {
    if (absl::Status s = veto(changes); !s.ok()) return s;
  }
  // Deleted items give up their codes so that no two items share one.
  for (EvidenceRecord* item : released) {
    batch.Delete(keys::CodeIndex(code, NormalizeCodeRef(item->code())));
    item->set_note(item->note() + (item->note().empty() ? "" : "\n") + "(code " + item->code() +
                   " released by renumbering)");
    item->set_code("");
    item->set_seq(0);
    changed.push_back(item);
  }
  for (EvidenceRecord* item : changed) {
    if (!item->code().empty()) {
      batch.Put(keys::CodeIndex(code, NormalizeCodeRef(item->code())),
                keys::EncodeUint64(item->id()));
    }
    item->set_updated_unix(database_->clock().NowUnix());
    batch.Put(keys::Evidence(code, item->id()), item->SerializeAsString());
  }
  AuditFacts facts{.action = "codes.renumber", .school = code, .target = "codes of " + code};
  for (const CodeChange& change : changes) {
    facts.detail += (facts.detail.empty() ? "" : ", ") + change.old_code + " -> " + change.new_code;
  }
  if (absl::Status s = database_->audit().Commit(actor, facts, std::move(batch)); !s.ok()) {
    return s;
  }
  return changes;
}

}  // namespace hoso::storage
