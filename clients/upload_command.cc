// hoso upload: hash locally, skip what the server has, send the rest
// (resuming interrupted transfers), then create the evidence item.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <thread>

#include "clients/commands.h"
#include "clients/exit_codes.h"
#include "clients/local_file.h"
#include "clients/output.h"
#include "clients/progress.h"

namespace hoso::cli {
namespace {

constexpr size_t kMessageBytes = 1 << 20;
constexpr int kAttempts = 6;

bool Retryable(const grpc::Status& s) {
  return s.error_code() == grpc::StatusCode::UNAVAILABLE ||
         s.error_code() == grpc::StatusCode::ABORTED ||
         s.error_code() == grpc::StatusCode::CANCELLED ||
         s.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
}

// Sleeps as needed to keep the average rate at or under `rate` bytes/s.
class RateLimiter {
 public:
  explicit RateLimiter(uint64_t rate) : rate_(rate), start_(std::chrono::steady_clock::now()) {}
  void Account(uint64_t bytes) {
    if (rate_ == 0) return;
    sent_ += bytes;
    const auto due = start_ + std::chrono::microseconds(sent_ * 1000000 / rate_);
    std::this_thread::sleep_until(due);
  }

 private:
  const uint64_t rate_;
  const std::chrono::steady_clock::time_point start_;
  uint64_t sent_ = 0;
};

grpc::Status Stat(Connection& c, const std::vector<LocalFile>& files,
                  v1::StatContentResponse* response) {
  v1::StatContentRequest request;
  for (const LocalFile& f : files) request.add_sha256(ToHex(f.sha256));
  return c.content().StatContent(c.Context().get(), request, response);
}

// One attempt to send `file` from `offset`. Adds the bytes written to *sent.
grpc::Status SendFrom(Connection& c, const LocalFile& file, uint64_t offset, RateLimiter& limiter,
                      uint64_t* sent) {
  const int fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return grpc::Status(grpc::StatusCode::NOT_FOUND, "cannot open " + file.path);
  auto context = c.StreamContext();
  v1::UploadContentResponse response;
  auto writer = c.content().UploadContent(context.get(), &response);
  v1::UploadChunk message;
  message.mutable_header()->set_sha256(ToHex(file.sha256));
  message.mutable_header()->set_size(file.size);
  message.mutable_header()->set_offset(offset);
  bool open = writer->Write(message);
  Progress progress("sending " + file.name, file.size, offset);
  std::string* data = message.mutable_data();
  uint64_t position = offset;
  while (open && position < file.size) {
    data->resize(kMessageBytes);
    const ssize_t n = ::pread(fd, data->data(), kMessageBytes, static_cast<off_t>(position));
    if (n <= 0) {
      ::close(fd);
      context->TryCancel();
      writer->Finish().ok();
      return grpc::Status(grpc::StatusCode::DATA_LOSS,
                          "cannot read " + file.path + ": it changed while uploading");
    }
    data->resize(static_cast<size_t>(n));
    open = writer->Write(message);
    if (open) {
      position += static_cast<uint64_t>(n);
      *sent += static_cast<uint64_t>(n);
      progress.Advance(static_cast<uint64_t>(n));
      limiter.Account(static_cast<uint64_t>(n));
    }
  }
  ::close(fd);
  if (open) writer->WritesDone();
  return writer->Finish();
}

// Sends one file, resuming after connection drops. Returns the final status.
grpc::Status SendWithRetries(Connection& c, const LocalFile& file, uint64_t offset,
                             RateLimiter& limiter, uint64_t* sent) {
  grpc::Status status;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    if (offset > 0) {
      std::fprintf(stderr, "resuming %s at %s of %s\n", file.name.c_str(),
                   HumanBytes(offset).c_str(), HumanBytes(file.size).c_str());
    }
    status = SendFrom(c, file, offset, limiter, sent);
    if (status.ok() || !Retryable(status) || attempt == kAttempts) return status;
    const int wait = 1 << (attempt - 1);
    std::fprintf(stderr, "upload of %s interrupted (%s); retrying in %d s\n", file.name.c_str(),
                 status.error_message().c_str(), wait);
    std::this_thread::sleep_for(std::chrono::seconds(wait));
    v1::StatContentResponse state;
    if (Stat(c, {file}, &state).ok() && state.states_size() == 1) {
      if (state.states(0).present()) return grpc::Status::OK;
      offset = state.states(0).resume_offset();
    }
  }
  return status;
}

v1::CreateEvidenceRequest BuildCreate(const GlobalOptions& o, const UploadArgs& a,
                                      const std::vector<LocalFile>& files) {
  v1::CreateEvidenceRequest request;
  v1::Evidence* e = request.mutable_evidence();
  e->set_school(o.school);
  e->set_title(a.title);
  e->set_number(a.number);
  e->set_date(a.date);
  e->set_issuer(a.issuer);
  e->set_kind(ParseKind(a.kind));
  e->set_year(a.year);
  e->set_note(a.note);
  e->set_box(a.box);
  for (const auto& c : a.criteria) e->add_criteria(c);
  for (const auto& t : a.tasks) e->add_tasks(t);
  for (const LocalFile& f : files) {
    v1::NewFile* file = request.add_files();
    file->set_name(f.name);
    file->set_media_type(f.media_type);
    file->set_sha256(ToHex(f.sha256));
  }
  return request;
}

}  // namespace

int RunUpload(Connection& c, const GlobalOptions& options, const UploadArgs& args) {
  if (!args.kind.empty() && ParseKind(args.kind) == v1::EVIDENCE_KIND_UNSPECIFIED) {
    return ReportError("unknown --kind \"" + args.kind +
                           "\"; use minutes, decision, plan, report, photo or other",
                       kUsage);
  }
  std::vector<LocalFile> files;
  for (const std::string& path : args.files) {
    auto file = HashLocalFile(path);
    if (!file.ok()) return ReportError(std::string(file.status().message()), kLocalIo);
    files.push_back(std::move(*file));
  }
  auto request = BuildCreate(options, args, files);
  request.set_validate_only(true);
  v1::Evidence checked;
  if (grpc::Status s = c.evidence().CreateEvidence(c.Context().get(), request, &checked);
      !s.ok()) {
    return ReportRpcError("upload", s);
  }
  request.set_validate_only(false);
  v1::StatContentResponse states;
  if (grpc::Status s = Stat(c, files, &states); !s.ok()) return ReportRpcError("upload", s);

  RateLimiter limiter(args.limit_rate);
  uint64_t sent = 0, total = 0;
  int already = 0;
  std::map<Sha256Digest, bool> done;  // the same content twice is sent once
  for (size_t i = 0; i < files.size(); ++i) {
    total += files[i].size;
    const v1::ContentState& state = states.states(static_cast<int>(i));
    if (state.present() || done.count(files[i].sha256)) {
      ++already;
      continue;
    }
    grpc::Status s = SendWithRetries(c, files[i], state.resume_offset(), limiter, &sent);
    if (!s.ok()) return ReportRpcError("uploading " + files[i].path, s);
    done[files[i].sha256] = true;
  }

  v1::Evidence evidence;
  if (grpc::Status s = c.evidence().CreateEvidence(c.Context().get(), request, &evidence);
      !s.ok()) {
    return ReportRpcError("creating the evidence item", s);
  }
  std::fprintf(stderr, "sent %s of %s; %d of %zu file(s) were already on the server\n",
               HumanBytes(sent).c_str(), HumanBytes(total).c_str(), already, files.size());
  if (options.json) {
    PrintJson(evidence);
  } else {
    PrintEvidence(evidence);
  }
  return kOk;
}

}  // namespace hoso::cli
