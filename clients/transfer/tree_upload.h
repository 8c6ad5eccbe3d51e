#ifndef HOSO_CLIENTS_TRANSFER_TREE_UPLOAD_H_
#define HOSO_CLIENTS_TRANSFER_TREE_UPLOAD_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/app/connection.h"
#include "clients/transfer/local_file.h"
#include "clients/transfer/tree_plan.h"
#include "hoso/v1/hoso.pb.h"

namespace hoso::cli {

// The phases of uploading a tree (hoso upload FOLDER...), in order: hash the
// planned files (HashTree), keep the items the server lacks (NewItems), ask
// it once which of their contents it lacks (PlanSending), send those
// (SendContents); the command then creates the items.

// Every file of a plan, hashed. Move it whole, never copy: item_files points
// into files.
struct HashedTree {
  std::vector<LocalFile> files;  // the plan's files, item by item
  // The files of plan.items[i], pointing into `files`.
  std::vector<std::vector<const LocalFile*>> item_files;
  size_t from_cache = 0;  // files found unchanged in the hash cache
};

// Hashes every file of `plan` on all cores, taking the SHA-256 from the hash
// cache (HashCache::DefaultPath) where the file is unchanged unless `rehash`,
// and saves what it hashed into the cache (a cache it cannot write is
// reported on stderr and otherwise ignored). A file it cannot read fails it.
absl::StatusOr<HashedTree> HashTree(const TreePlan& plan, bool rehash);

// One code written on several planned items.
struct CodeClash {
  std::string code;             // as written on the first
  std::vector<size_t> indexes;  // into plan.items, by path
};

// What the codes in the names allow: items with the same code and the same
// bytes are one document (the later ones duplicates of the first, by path);
// the same code on different contents is a clash, and none of those items
// is kept.
struct CodeCheck {
  std::vector<size_t> kept;  // indexes into plan.items
  std::vector<CodeClash> clashes;
  std::vector<std::pair<size_t, size_t>> duplicates;  // copy, the item kept
};
CodeCheck CheckCodes(const TreePlan& plan, const HashedTree& hashed);

// The indexes among `candidates` of the planned items that are not in
// `existing` already: an item is there when one has its code (criterion and
// number, when the name has one), its title and the same files (names and
// SHA-256s), so a rerun skips what an earlier run created.
std::vector<size_t> NewItems(const TreePlan& plan, const HashedTree& hashed,
                             const v1::ListEvidenceResponse& existing,
                             const std::vector<size_t>& candidates);

// One upload stream: a big file alone (from its resume offset), or small
// files committed together in one batch.
struct SendJob {
  std::vector<std::pair<const LocalFile*, uint64_t>> files;  // file, resume offset
  bool batch = false;
};

// What the items to create need sent.
struct SendPlan {
  uint64_t bytes = 0;   // the items' files, duplicates counted each time
  size_t contents = 0;  // distinct contents among them
  size_t present = 0;   // of those, already complete on the server
  size_t files_to_send = 0;
  uint64_t bytes_to_send = 0;  // from the resume offsets
  std::vector<SendJob> jobs;   // biggest first
};

// Asks the server in one StatContent round which distinct contents of
// `items` it lacks, and groups them into jobs: files over
// v1::kMaxBatchFileBytes or partly sent alone, the rest in batches within
// the protocol's batch limits.
absl::StatusOr<SendPlan> PlanSending(Connection& c, const std::string& school,
                                     const std::vector<std::vector<const LocalFile*>>& items);

// Runs the jobs on `parallel` streams at once under one rate limit (bytes/s;
// 0: unlimited), drawing one progress bar on stderr. Returns the bytes sent,
// or the first failure (no new job starts after it).
absl::StatusOr<uint64_t> SendContents(Connection& c, const std::string& school,
                                      const SendPlan& plan, int parallel, uint64_t limit_rate);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_TRANSFER_TREE_UPLOAD_H_
