// hoso upload FOLDER...: a whole tree in one process. Hashes in parallel
// (skipping unchanged files through the hash cache), asks the server once
// which contents it lacks, sends those over parallel streams, and creates
// one evidence item per folder, skipping items already there unchanged, so
// that running it again after an interruption finishes the job.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "clients/app/commands.h"
#include "hoso/v1/limits.h"
#include "clients/transfer/content_sender.h"
#include "clients/app/exit_codes.h"
#include "clients/transfer/hash_cache.h"
#include "clients/commands/item_request.h"
#include "clients/transfer/local_file.h"
#include "clients/app/output.h"
#include "clients/transfer/progress.h"
#include "clients/transfer/tree_plan.h"

namespace hoso::cli {
namespace {


// Runs job(i) for i in [0, n) on `threads` threads; stops handing out work
// after the first failure and returns it.
template <typename Job>
grpc::Status ForEachParallel(size_t n, int threads, Job job) {
  std::atomic<size_t> next = 0;
  std::mutex mu;
  grpc::Status first = grpc::Status::OK;
  std::atomic<bool> failed = false;
  auto worker = [&] {
    for (size_t i; !failed && (i = next++) < n;) {
      grpc::Status s = job(i);
      if (!s.ok()) {
        std::lock_guard<std::mutex> lock(mu);
        if (first.ok()) first = s;
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads && static_cast<size_t>(t) < n; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  return first;
}

std::string Absolute(const std::string& path) {
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(path, ec);
  return ec ? path : absolute.lexically_normal().string();
}

// Hashes every file of the plan, from the cache where the file is unchanged.
grpc::Status HashAll(const TreePlan& plan, bool rehash, std::vector<LocalFile>* files,
                     size_t* from_cache) {
  std::vector<std::string> paths;
  for (const PlannedItem& item : plan.items) paths.insert(paths.end(), item.files.begin(), item.files.end());
  HashCache cache = HashCache::Load(HashCache::DefaultPath());
  files->assign(paths.size(), LocalFile{});
  std::vector<std::string> absolute(paths.size());
  std::atomic<size_t> cached = 0;
  std::vector<char> fresh(paths.size(), 0);  // hashed now, not found in the cache
  const int threads = std::max(2u, std::thread::hardware_concurrency());
  grpc::Status s = ForEachParallel(paths.size(), threads, [&](size_t i) -> grpc::Status {
    absolute[i] = Absolute(paths[i]);
    struct stat st{};
    if (::stat(paths[i].c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      if (auto sha = rehash ? std::nullopt : cache.Find(absolute[i], IdentityOf(st))) {
        LocalFile& f = (*files)[i];
        f.path = paths[i];
        f.name = std::filesystem::path(paths[i]).filename().string();
        f.media_type = MediaTypeFor(f.name);
        f.size = static_cast<uint64_t>(st.st_size);
        f.sha256 = *sha;
        f.identity = IdentityOf(st);
        ++cached;
        return grpc::Status::OK;
      }
    }
    auto file = HashLocalFile(paths[i], /*quiet=*/true);
    if (!file.ok()) return grpc::Status(grpc::StatusCode::DATA_LOSS, std::string(file.status().message()));
    (*files)[i] = std::move(*file);
    fresh[i] = 1;
    return grpc::Status::OK;
  });
  if (!s.ok()) return s;
  for (size_t i = 0; i < files->size(); ++i) {
    const LocalFile& f = (*files)[i];
    if (fresh[i] && f.size == f.identity.size) cache.Remember(absolute[i], f.identity, f.sha256);
  }
  if (absl::Status saved = cache.Save(); !saved.ok()) {
    std::fprintf(stderr, "hoso: %s (continuing without it)\n", std::string(saved.message()).c_str());
  }
  *from_cache = cached;
  return grpc::Status::OK;
}

// What identifies an item as already uploaded: its title and its files.
std::string Signature(const std::string& title, std::vector<std::pair<std::string, std::string>> files) {
  std::sort(files.begin(), files.end());
  std::string out = title;
  for (const auto& [name, sha] : files) out += '\0' + name + '\0' + sha;
  return out;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

int RunTreeUpload(Connection& c, const GlobalOptions& options, const UploadArgs& args) {
  if (!args.title.empty()) {
    return ReportError("--title names one item; a folder upload titles each item by its folder", kUsage);
  }
  auto plan = PlanTree(args.files, args.criteria, v1::kDefaultMaxFilesPerItem);
  if (!plan.ok()) return ReportError(std::string(plan.status().message()), kLocalIo);
  for (const std::string& problem : plan->problems) std::fprintf(stderr, "hoso: %s\n", problem.c_str());
  if (!plan->problems.empty()) return ReportError("nothing was uploaded", kUsage);
  if (plan->items.empty()) return ReportError("no files to upload in " + args.files[0], kUsage);

  // 1. Hash (or find in the cache) every file.
  std::vector<LocalFile> files;
  size_t from_cache = 0;
  if (grpc::Status s = HashAll(*plan, args.rehash, &files, &from_cache); !s.ok()) {
    return ReportError(s.error_message(), kLocalIo);
  }
  std::vector<std::vector<const LocalFile*>> item_files(plan->items.size());
  for (size_t i = 0, k = 0; i < plan->items.size(); ++i) {
    for (size_t j = 0; j < plan->items[i].files.size(); ++j) item_files[i].push_back(&files[k++]);
  }

  // 2. Which items are there already, unchanged (an earlier run)?
  v1::ListEvidenceRequest list;
  list.set_school(options.school);
  v1::ListEvidenceResponse existing;
  if (grpc::Status s = c.evidence().ListEvidence(c.Context().get(), list, &existing); !s.ok()) {
    return ReportRpcError("listing the school's evidence", s);
  }
  std::set<std::string> stored;
  for (const v1::Evidence& e : existing.evidence()) {
    std::vector<std::pair<std::string, std::string>> named;
    for (const auto& f : e.files()) named.emplace_back(f.original_name(), f.sha256());
    stored.insert(Signature(e.title(), named));
  }
  std::vector<size_t> todo;
  for (size_t i = 0; i < plan->items.size(); ++i) {
    std::vector<std::pair<std::string, std::string>> named;
    for (const LocalFile* f : item_files[i]) named.emplace_back(f->name, ToHex(f->sha256));
    if (!stored.count(Signature(plan->items[i].title, named))) todo.push_back(i);
  }

  // 3. Check every new item before any byte is sent.
  std::vector<v1::CreateEvidenceRequest> requests;
  for (size_t i : todo) {
    requests.push_back(ItemRequest(options, args, plan->items[i].title, plan->items[i].criteria,
                                   item_files[i]));
    requests.back().set_validate_only(true);
    v1::Evidence checked;
    if (grpc::Status s = c.evidence().CreateEvidence(c.Context().get(), requests.back(), &checked);
        !s.ok()) {
      return ReportRpcError("checking " + plan->items[i].folder, s);
    }
    requests.back().set_validate_only(false);
  }

  // 4. Send the contents the server lacks, each once, over parallel streams.
  std::vector<const LocalFile*> needed;
  std::set<Sha256Digest> seen;
  uint64_t total = 0;
  for (size_t i : todo) {
    for (const LocalFile* f : item_files[i]) {
      total += f->size;
      if (seen.insert(f->sha256).second) needed.push_back(f);
    }
  }
  std::vector<v1::ContentState> states;
  if (grpc::Status s = StatFiles(c, needed, &states); !s.ok()) return ReportRpcError("upload", s);
  std::vector<std::pair<const LocalFile*, uint64_t>> to_send;  // file, resume offset
  uint64_t to_send_bytes = 0;
  for (size_t i = 0; i < needed.size(); ++i) {
    if (states[i].present()) continue;
    to_send.emplace_back(needed[i], states[i].resume_offset());
    to_send_bytes += needed[i]->size - states[i].resume_offset();
  }
  // Jobs: each big file on its own stream, biggest first; the small ones in
  // batches committed together (one sync for many minutes and photos).
  std::stable_sort(to_send.begin(), to_send.end(),
                   [](const auto& a, const auto& b) { return a.first->size > b.first->size; });
  std::vector<std::vector<std::pair<const LocalFile*, uint64_t>>> jobs;
  uint64_t batch_bytes = 0;
  bool in_batch = false;
  for (const auto& entry : to_send) {
    const bool small = entry.first->size <= v1::kMaxBatchFileBytes && entry.second == 0;
    if (!small) {
      jobs.push_back({entry});
      continue;
    }
    if (!in_batch || jobs.back().size() >= v1::kMaxBatchFiles ||
        batch_bytes + entry.first->size > v1::kMaxBatchBytes) {
      jobs.emplace_back();
      batch_bytes = 0;
      in_batch = true;
    }
    jobs.back().push_back(entry);
    batch_bytes += entry.first->size;
  }
  RateLimiter limiter(args.limit_rate);
  std::atomic<uint64_t> sent = 0;
  std::atomic<bool> sending = true;
  std::thread progress_thread([&] {
    Progress progress("uploading " + std::to_string(to_send.size()) + " files", to_send_bytes);
    uint64_t shown = 0;
    while (sending) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      const uint64_t now = sent.load();
      progress.Advance(now - shown);
      shown = now;
    }
  });
  grpc::Status send_status = ForEachParallel(jobs.size(), std::max(1, args.parallel), [&](size_t i) {
    const auto& job = jobs[i];
    const bool small = job.front().first->size <= v1::kMaxBatchFileBytes && job.front().second == 0;
    if (!small) {
      return SendWithRetries(c, *job.front().first, job.front().second, limiter, &sent,
                             /*quiet=*/true);
    }
    std::vector<const LocalFile*> batch;
    for (const auto& entry : job) batch.push_back(entry.first);
    return SendBatch(c, batch, limiter, &sent);
  });
  sending = false;
  progress_thread.join();
  if (!send_status.ok()) return ReportRpcError("uploading", send_status);

  // 5. Create the items.
  std::vector<v1::Evidence> created;
  for (size_t k = 0; k < todo.size(); ++k) {
    v1::Evidence evidence;
    if (grpc::Status s = c.evidence().CreateEvidence(c.Context().get(), requests[k], &evidence);
        !s.ok()) {
      std::fprintf(stderr, "hoso: %zu of %zu new items were created before this error; "
                   "run the same command again to finish\n", k, todo.size());
      return ReportRpcError("creating the item for " + plan->items[todo[k]].folder, s);
    }
    if (!options.json) {
      std::printf("#%llu %s %s (%d files)\n", static_cast<unsigned long long>(evidence.id()),
                  evidence.code().c_str(), evidence.title().c_str(), evidence.files_size());
    }
    created.push_back(std::move(evidence));
  }

  const size_t unchanged = plan->items.size() - todo.size();
  std::fprintf(stderr,
               "%zu item(s) created, %zu already there unchanged; %zu file(s) (%zu hashed, %zu "
               "unchanged since the last hashing); sent %s of %s; %zu content(s) already on the "
               "server; %zu hidden or special file(s) skipped\n",
               created.size(), unchanged, files.size(), files.size() - from_cache, from_cache,
               HumanBytes(sent.load()).c_str(), HumanBytes(total).c_str(),
               needed.size() - to_send.size(), plan->skipped.size());
  if (options.json) {
    std::string out = "{\"items_created\":" + std::to_string(created.size()) +
                      ",\"items_unchanged\":" + std::to_string(unchanged) +
                      ",\"files\":" + std::to_string(files.size()) +
                      ",\"bytes\":" + std::to_string(total) +
                      ",\"bytes_sent\":" + std::to_string(sent.load()) +
                      ",\"hashed\":" + std::to_string(files.size() - from_cache) +
                      ",\"skipped\":" + std::to_string(plan->skipped.size()) + ",\"created\":[";
    for (size_t k = 0; k < created.size(); ++k) {
      if (k > 0) out += ',';
      out += "{\"id\":" + std::to_string(created[k].id()) + ",\"code\":" +
             JsonString(created[k].code()) + ",\"title\":" + JsonString(created[k].title()) +
             ",\"files\":" + std::to_string(created[k].files_size()) + "}";
    }
    std::printf("%s]}\n", out.c_str());
  }
  return kOk;
}

}  // namespace hoso::cli
