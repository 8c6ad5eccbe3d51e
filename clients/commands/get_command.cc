// hoso get: download every file of an item, verify it, and only then give it
// its real name (a failed transfer never leaves a wrong file behind).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "clients/app/commands.h"
#include "clients/app/exit_codes.h"
#include "clients/app/output.h"
#include "clients/transfer/local_file.h"
#include "clients/transfer/progress.h"

namespace hoso::cli {
namespace {

struct FileResult {
  int code = kOk;
  std::string error;
};

FileResult Fail(int code, std::string error) { return {code, std::move(error)}; }

bool WriteAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

FileResult DownloadOne(Connection& c, const v1::Evidence& e, int index, const std::string& dir,
                       bool force) {
  const v1::EvidenceFile& meta = e.files(index);
  // The name exactly as uploaded (NFC or NFD), if it is safe to create.
  std::string name = meta.original_name();
  if (!SafeFileName(name)) name = meta.name();
  if (!SafeFileName(name)) return Fail(kCorrupt, "the server sent an unsafe file name");
  const std::string target = dir + "/" + name;
  const std::string part = dir + "/." + name + ".part";
  struct stat st {};
  if (!force && ::lstat(target.c_str(), &st) == 0) {
    return Fail(kLocalIo, target + " already exists (use --force to overwrite)");
  }
  const int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Fail(kLocalIo, "cannot create " + part + ": " + std::strerror(errno));

  v1::DownloadFileRequest request;
  request.set_school(e.school());
  request.set_id(e.id());
  request.set_file_index(static_cast<uint32_t>(index));
  auto context = c.StreamContext();
  auto reader = c.evidence().DownloadFile(context.get(), request);
  v1::DownloadChunk chunk;
  Sha256Hasher hasher;
  uint64_t received = 0;
  Progress progress("receiving " + meta.name(), meta.size());
  bool write_ok = true;
  while (write_ok && reader->Read(&chunk)) {
    hasher.Update(chunk.data());
    received += chunk.data().size();
    progress.Advance(chunk.data().size());
    write_ok = WriteAll(fd, chunk.data());
  }
  if (!write_ok) context->TryCancel();
  grpc::Status status = reader->Finish();
  progress.Done();
  const bool synced = write_ok && ::fsync(fd) == 0;
  ::close(fd);
  auto discard = [&](FileResult r) {
    ::unlink(part.c_str());
    return r;
  };
  if (!write_ok || !synced) return discard(Fail(kLocalIo, "cannot write " + part));
  if (!status.ok()) {
    return discard(Fail(ReportRpcError("downloading " + meta.name(), status), ""));
  }
  if (received != meta.size() || ToHex(hasher.Finish()) != meta.sha256()) {
    return discard(Fail(kCorrupt, meta.name() + " arrived damaged (hash mismatch); nothing kept"));
  }
  if (::rename(part.c_str(), target.c_str()) != 0) {
    return discard(Fail(kLocalIo, "cannot rename to " + target + ": " + std::strerror(errno)));
  }
  std::fprintf(stderr, "%s  %s\n", target.c_str(), HumanBytes(received).c_str());
  return {};
}

}  // namespace

int RunGet(Connection& c, const GlobalOptions& options, const GetArgs& args) {
  v1::Evidence evidence;
  if (int code = FetchEvidence(c, options, args.ref, "get " + args.ref, &evidence); code != kOk) {
    return code;
  }
  if (::mkdir(args.out_dir.c_str(), 0755) != 0 && errno != EEXIST) {
    return ReportError("cannot create " + args.out_dir + ": " + std::strerror(errno), kLocalIo);
  }
  for (int i = 0; i < evidence.files_size(); ++i) {
    FileResult r = DownloadOne(c, evidence, i, args.out_dir, args.force);
    if (r.code != kOk) return r.error.empty() ? r.code : ReportError(r.error, r.code);
  }
  if (options.json) PrintJson(evidence);
  return kOk;
}

}  // namespace hoso::cli
