#include "clients/transfer/tree_upload.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "clients/transfer/content_sender.h"
#include "clients/transfer/hash_cache.h"
#include "clients/transfer/progress.h"
#include "clients/transfer/worker_pool.h"
#include "hoso/v1/limits.h"
#include "storage/base/school_code.h"

namespace hoso::cli {
namespace {

absl::Status ToAbsl(const grpc::Status& s) {
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()), s.error_message());
}

// What identifies an item as already uploaded: its title and its files.
std::string Signature(const std::string& title,
                      std::vector<std::pair<std::string, std::string>> files) {
  std::sort(files.begin(), files.end());
  std::string out = title;
  for (const auto& [name, sha] : files) out += '\0' + name + '\0' + sha;
  return out;
}

// The distinct contents of `items`, in order of first appearance.
std::vector<const LocalFile*> DistinctContents(
    const std::vector<std::vector<const LocalFile*>>& items) {
  std::vector<const LocalFile*> distinct;
  std::set<Sha256Digest> seen;
  for (const auto& files : items) {
    for (const LocalFile* f : files) {
      if (seen.insert(f->sha256).second) distinct.push_back(f);
    }
  }
  return distinct;
}

bool Batchable(const std::pair<const LocalFile*, uint64_t>& entry) {
  return entry.first->size <= v1::kMaxBatchFileBytes && entry.second == 0;
}

// Big files alone, biggest first; the small ones in batches committed
// together (one sync for many minutes and photos).
std::vector<SendJob> GroupIntoJobs(std::vector<std::pair<const LocalFile*, uint64_t>> to_send) {
  std::stable_sort(to_send.begin(), to_send.end(),
                   [](const auto& a, const auto& b) { return a.first->size > b.first->size; });
  std::vector<SendJob> jobs;
  uint64_t batch_bytes = 0;
  bool in_batch = false;
  for (const auto& entry : to_send) {
    if (!Batchable(entry)) {
      jobs.push_back({{entry}, false});
      continue;
    }
    if (!in_batch || jobs.back().files.size() >= v1::kMaxBatchFiles ||
        batch_bytes + entry.first->size > v1::kMaxBatchBytes) {
      jobs.push_back({{}, true});
      batch_bytes = 0;
      in_batch = true;
    }
    jobs.back().files.push_back(entry);
    batch_bytes += entry.first->size;
  }
  return jobs;
}

// Redraws one progress bar from `sent` every 200 ms until destroyed.
class ProgressThread {
 public:
  ProgressThread(std::string label, uint64_t total, const std::atomic<uint64_t>& sent)
      : thread_([this, label = std::move(label), total, &sent] {
          Progress progress(label, total);
          uint64_t shown = 0;
          while (running_) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            const uint64_t now = sent.load();
            progress.Advance(now - shown);
            shown = now;
          }
        }) {}
  ~ProgressThread() {
    running_ = false;
    thread_.join();
  }
  ProgressThread(const ProgressThread&) = delete;
  ProgressThread& operator=(const ProgressThread&) = delete;

 private:
  std::atomic<bool> running_ = true;  // declared before thread_: set before it starts
  std::thread thread_;
};

}  // namespace

absl::StatusOr<HashedTree> HashTree(const TreePlan& plan, bool rehash) {
  std::vector<std::string> paths;
  for (const PlannedItem& item : plan.items) {
    paths.insert(paths.end(), item.files.begin(), item.files.end());
  }
  HashCache cache = HashCache::Load(HashCache::DefaultPath());
  HashedTree tree;
  tree.files.assign(paths.size(), LocalFile{});
  std::vector<std::string> absolute(paths.size());
  std::atomic<size_t> cached = 0;
  std::vector<char> fresh(paths.size(), 0);  // hashed now, not found in the cache
  const int threads = std::max(2u, std::thread::hardware_concurrency());
  grpc::Status s = ForEachParallel(paths.size(), threads, [&](size_t i) -> grpc::Status {
    absolute[i] = AbsolutePath(paths[i]);
    if (!rehash) {
      if (std::optional<LocalFile> known = CachedLocalFile(cache, paths[i], absolute[i])) {
        tree.files[i] = std::move(*known);
        ++cached;
        return grpc::Status::OK;
      }
    }
    auto file = HashLocalFile(paths[i], /*quiet=*/true);
    if (!file.ok()) {
      return grpc::Status(grpc::StatusCode::DATA_LOSS, std::string(file.status().message()));
    }
    tree.files[i] = std::move(*file);
    fresh[i] = 1;
    return grpc::Status::OK;
  });
  if (!s.ok()) return ToAbsl(s);
  for (size_t i = 0; i < tree.files.size(); ++i) {
    const LocalFile& f = tree.files[i];
    if (fresh[i] && f.size == f.identity.size) cache.Remember(absolute[i], f.identity, f.sha256);
  }
  if (absl::Status saved = cache.Save(); !saved.ok()) {
    std::fprintf(stderr, "hoso: %s (continuing without it)\n",
                 std::string(saved.message()).c_str());
  }
  tree.from_cache = cached;
  tree.item_files.resize(plan.items.size());
  for (size_t i = 0, k = 0; i < plan.items.size(); ++i) {
    for (size_t j = 0; j < plan.items[i].files.size(); ++j) {
      tree.item_files[i].push_back(&tree.files[k++]);
    }
  }
  return tree;
}

std::vector<size_t> NewItems(const TreePlan& plan, const HashedTree& hashed,
                             const v1::ListEvidenceResponse& existing,
                             const std::vector<size_t>& candidates) {
  std::set<std::string> stored;
  for (const v1::Evidence& e : existing.evidence()) {
    std::vector<std::pair<std::string, std::string>> named;
    for (const auto& f : e.files()) named.emplace_back(f.original_name(), f.sha256());
    // An item planned without a code matches whatever code it was given.
    stored.insert(Signature(e.title(), named));
    if (auto code = ParseSchoolCode(e.code())) {
      stored.insert(CodeKey(*code) + '\0' + Signature(e.title(), named));
    }
  }
  std::vector<size_t> todo;
  for (size_t i : candidates) {
    std::vector<std::pair<std::string, std::string>> named;
    for (const LocalFile* f : hashed.item_files[i]) named.emplace_back(f->name, ToHex(f->sha256));
    const PlannedItem& item = plan.items[i];
    std::string signature = Signature(item.title, named);
    if (item.code) signature = CodeKey(*item.code) + '\0' + signature;
    if (!stored.count(signature)) todo.push_back(i);
  }
  return todo;
}

CodeCheck CheckCodes(const TreePlan& plan, const HashedTree& hashed) {
  CodeCheck check;
  std::map<std::string, std::vector<size_t>> by_code;
  for (size_t i = 0; i < plan.items.size(); ++i) {
    if (plan.items[i].code) by_code[CodeKey(*plan.items[i].code)].push_back(i);
  }
  std::set<size_t> left_out;
  for (auto& [key, indexes] : by_code) {
    if (indexes.size() < 2) continue;
    // The original before its copies: "X.docx" before "X (2).docx".
    std::stable_sort(indexes.begin(), indexes.end(), [&](size_t a, size_t b) {
      return plan.items[a].files.front().size() < plan.items[b].files.front().size();
    });
    auto contents = [&](size_t i) {
      std::vector<Sha256Digest> shas;
      for (const LocalFile* f : hashed.item_files[i]) shas.push_back(f->sha256);
      std::sort(shas.begin(), shas.end());
      return shas;
    };
    const auto first = contents(indexes.front());
    bool same = true;
    for (size_t i : indexes) same = same && contents(i) == first;
    if (same) {
      for (size_t k = 1; k < indexes.size(); ++k) {
        check.duplicates.push_back({indexes[k], indexes.front()});
        left_out.insert(indexes[k]);
      }
    } else {
      check.clashes.push_back({plan.items[indexes.front()].written_code, indexes});
      left_out.insert(indexes.begin(), indexes.end());
    }
  }
  for (size_t i = 0; i < plan.items.size(); ++i) {
    if (!left_out.count(i)) check.kept.push_back(i);
  }
  return check;
}

absl::StatusOr<SendPlan> PlanSending(Connection& c, const std::string& school,
                                     const std::vector<std::vector<const LocalFile*>>& items) {
  SendPlan plan;
  for (const auto& files : items) {
    for (const LocalFile* f : files) plan.bytes += f->size;
  }
  const std::vector<const LocalFile*> distinct = DistinctContents(items);
  std::vector<v1::ContentState> states;
  if (grpc::Status s = StatFiles(c, distinct, &states, school); !s.ok()) return ToAbsl(s);
  std::vector<std::pair<const LocalFile*, uint64_t>> to_send;
  for (size_t i = 0; i < distinct.size(); ++i) {
    if (states[i].present()) continue;
    to_send.emplace_back(distinct[i], states[i].resume_offset());
    plan.bytes_to_send += distinct[i]->size - states[i].resume_offset();
  }
  plan.contents = distinct.size();
  plan.present = distinct.size() - to_send.size();
  plan.files_to_send = to_send.size();
  plan.jobs = GroupIntoJobs(std::move(to_send));
  return plan;
}

absl::StatusOr<uint64_t> SendContents(Connection& c, const std::string& school,
                                      const SendPlan& plan, int parallel, uint64_t limit_rate) {
  RateLimiter limiter(limit_rate);
  std::atomic<uint64_t> sent = 0;
  grpc::Status status;
  {
    ProgressThread progress("uploading " + std::to_string(plan.files_to_send) + " files",
                            plan.bytes_to_send, sent);
    status = ForEachParallel(plan.jobs.size(), std::max(1, parallel), [&](size_t i) {
      const SendJob& job = plan.jobs[i];
      if (!job.batch) {
        return SendWithRetries(c, *job.files.front().first, job.files.front().second, limiter,
                               &sent, /*quiet=*/true, school);
      }
      std::vector<const LocalFile*> batch;
      for (const auto& entry : job.files) batch.push_back(entry.first);
      return SendBatch(c, batch, limiter, &sent, school);
    });
  }
  if (!status.ok()) return ToAbsl(status);
  return sent.load();
}

}  // namespace hoso::cli
