// hoso upload: hash locally, skip what the server has, send the rest
// (resuming interrupted transfers), then create the evidence item.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>

#include "clients/app/commands.h"
#include "clients/app/exit_codes.h"
#include "clients/app/output.h"
#include "clients/commands/item_request.h"
#include "clients/transfer/content_sender.h"
#include "clients/transfer/hash_cache.h"
#include "clients/transfer/hash_while_send.h"
#include "clients/transfer/local_file.h"
#include "clients/transfer/progress.h"

namespace hoso::cli {

int RunUpload(Connection& c, const GlobalOptions& options, const UploadArgs& args) {
  size_t folders = 0;
  for (const std::string& path : args.files) folders += std::filesystem::is_directory(path) ? 1 : 0;
  if (folders > 0 && folders < args.files.size()) {
    return ReportError("give either files (one item) or folders (one item per folder), not both",
                       kUsage);
  }
  if (!args.kind.empty() && ParseKind(args.kind) == v1::EVIDENCE_KIND_UNSPECIFIED) {
    return ReportError(
        "unknown --kind \"" + args.kind + "\"; use minutes, decision, plan, report, photo or other",
        kUsage);
  }
  if (folders > 0) return RunTreeUpload(c, options, args);
  if (args.dry_run) return ReportError("--dry-run plans folders; give a folder", kUsage);
  if (args.title.empty()) return ReportError("--title is required when uploading files", kUsage);
  if (args.criteria.empty()) {
    return ReportError("--criterion is required when uploading files", kUsage);
  }
  if (!args.kind.empty() && ParseKind(args.kind) == v1::EVIDENCE_KIND_UNSPECIFIED) {
    return ReportError(
        "unknown --kind \"" + args.kind + "\"; use minutes, decision, plan, report, photo or other",
        kUsage);
  }
  // A file unchanged since it was hashed is taken from the hash cache, as in
  // folder uploads. Of the rest, large files the school holds nothing of the
  // size of are hashed while sent (one read); the others are hashed first, so
  // that what the server has is not sent.
  HashCache cache = HashCache::Load(HashCache::DefaultPath());
  std::vector<LocalFile> files;
  std::vector<std::string> absolute;
  std::vector<bool> cached;
  std::vector<uint64_t> large_sizes;
  for (const std::string& path : args.files) {
    absolute.push_back(AbsolutePath(path));
    std::optional<LocalFile> known;
    if (!args.rehash) known = CachedLocalFile(cache, path, absolute.back());
    cached.push_back(known.has_value());
    if (known) {
      files.push_back(std::move(*known));
      continue;
    }
    auto file = StatLocalFile(path);
    if (!file.ok()) return ReportError(std::string(file.status().message()), kLocalIo);
    if (file->size >= kHashWhileSendFrom) large_sizes.push_back(file->size);
    files.push_back(std::move(*file));
  }
  std::vector<bool> likely_held;
  if (grpc::Status s = ProbeSizes(c, large_sizes, options.school, &likely_held); !s.ok()) {
    return ReportRpcError("upload", s);
  }
  std::vector<bool> streamed(files.size(), false);
  for (size_t i = 0, k = 0; i < files.size(); ++i) {
    if (cached[i]) continue;
    if (files[i].size >= kHashWhileSendFrom) streamed[i] = !likely_held[k++];
    if (streamed[i]) continue;
    auto file = HashLocalFile(files[i].path);
    if (!file.ok()) return ReportError(std::string(file.status().message()), kLocalIo);
    files[i] = std::move(*file);
  }
  std::vector<const LocalFile*> pointers;
  for (const LocalFile& f : files) pointers.push_back(&f);
  auto request = ItemRequest(options, args, args.title, args.criteria, pointers);
  request.set_validate_only(true);
  v1::Evidence checked;
  if (grpc::Status s = c.evidence().CreateEvidence(c.Context().get(), request, &checked); !s.ok()) {
    return ReportRpcError("upload", s);
  }
  std::vector<const LocalFile*> hashed;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!streamed[i]) hashed.push_back(&files[i]);
  }
  std::vector<v1::ContentState> hashed_states;
  if (grpc::Status s = StatFiles(c, hashed, &hashed_states, options.school); !s.ok()) {
    return ReportRpcError("upload", s);
  }

  RateLimiter limiter(args.limit_rate);
  std::atomic<uint64_t> sent = 0;
  uint64_t total = 0;
  int already = 0;
  std::map<Sha256Digest, bool> done;  // the same content twice is sent once
  for (size_t i = 0, k = 0; i < files.size(); ++i) {
    total += files[i].size;
    if (streamed[i]) {
      grpc::Status s = SendHashingWhileSending(c, &files[i], options.school, limiter, &sent);
      if (!s.ok()) return ReportRpcError("uploading " + files[i].path, s);
      continue;
    }
    const v1::ContentState& state = hashed_states[k++];
    if (state.present() || done.count(files[i].sha256)) {
      ++already;
      continue;
    }
    grpc::Status s = SendWithRetries(c, files[i], state.resume_offset(), limiter, &sent,
                                     /*quiet=*/false, options.school);
    if (!s.ok()) return ReportRpcError("uploading " + files[i].path, s);
    done[files[i].sha256] = true;
  }
  // Now every file has its hash: the ones read this time go into the cache.
  int hashed_now = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    if (cached[i]) continue;
    ++hashed_now;
    const LocalFile& f = files[i];
    if (f.size == f.identity.size) cache.Remember(absolute[i], f.identity, f.sha256);
  }
  if (absl::Status saved = cache.Save(); !saved.ok()) {
    std::fprintf(stderr, "hoso: %s (continuing without it)\n",
                 std::string(saved.message()).c_str());
  }
  request = ItemRequest(options, args, args.title, args.criteria, pointers);
  request.set_validate_only(false);

  v1::Evidence evidence;
  if (grpc::Status s = c.evidence().CreateEvidence(c.Context().get(), request, &evidence);
      !s.ok()) {
    return ReportRpcError("creating the evidence item", s);
  }
  std::fprintf(stderr,
               "sent %s of %s; %d of %zu file(s) were already on the server; %d hashed, %zu "
               "known from the hash cache\n",
               HumanBytes(sent.load()).c_str(), HumanBytes(total).c_str(), already, files.size(),
               hashed_now, files.size() - static_cast<size_t>(hashed_now));
  if (options.json) {
    PrintJson(evidence);
  } else {
    PrintEvidence(evidence);
  }
  return kOk;
}

}  // namespace hoso::cli
