// Large new files: one read, hashed while sent (the hash comes last).
#include "clients/transfer/hash_while_send.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <thread>

#include "clients/app/output.h"
#include "clients/transfer/progress.h"

namespace hoso::cli {
namespace {

constexpr int kAttempts = 6;

bool Retryable(const grpc::Status& s) {
  return s.error_code() == grpc::StatusCode::UNAVAILABLE ||
         s.error_code() == grpc::StatusCode::ABORTED ||
         s.error_code() == grpc::StatusCode::CANCELLED ||
         s.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
}

// The same file, unchanged, gets the same id: that is what finds a resume.
std::string UploadIdOf(const LocalFile& file) {
  std::error_code ec;
  const std::string absolute = std::filesystem::absolute(file.path, ec).string();
  const FileIdentity& id = file.identity;
  const std::string key = absolute + '\0' + std::to_string(id.device) + '/' +
                          std::to_string(id.inode) + '/' + std::to_string(id.size) + '/' +
                          std::to_string(id.mtime_ns) + '/' + std::to_string(id.ctime_ns);
  return std::string("w") + ToHex(Sha256Of(key)).substr(0, 40);
}

grpc::Status ResumeOffsetOf(Connection& c, const std::string& id, const std::string& school,
                            uint64_t* offset) {
  v1::StatContentRequest request;
  request.add_upload_id(id);
  request.set_school(school);
  v1::StatContentResponse response;
  grpc::Status s = c.content().StatContent(c.Context().get(), request, &response);
  if (!s.ok()) return s;
  if (response.uploads_size() != 1) {
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                        "the server does not resume uploads hashed while sent");
  }
  *offset = response.uploads(0).resume_offset();
  return grpc::Status::OK;
}

grpc::Status ReadFailed(const std::string& path) {
  return grpc::Status(grpc::StatusCode::DATA_LOSS,
                      "cannot read " + path + ": it changed while uploading");
}

// Hashes [0, offset) of the file: the server's durable part, not sent again.
bool HashPrefix(int fd, uint64_t offset, Sha256Hasher& hasher) {
  std::string piece;
  for (uint64_t position = 0; position < offset;) {
    piece.resize(static_cast<size_t>(std::min<uint64_t>(v1::kDataMessageBytes, offset - position)));
    const ssize_t n = ::pread(fd, piece.data(), piece.size(), static_cast<off_t>(position));
    if (n <= 0) return false;
    hasher.Update(std::string_view(piece.data(), static_cast<size_t>(n)));
    position += static_cast<uint64_t>(n);
  }
  return true;
}

// One attempt from `offset`: hashes [0, offset) locally, sends and hashes the rest.
grpc::Status SendOnce(Connection& c, const LocalFile& file, const std::string& id,
                      const std::string& school, uint64_t offset, RateLimiter& limiter,
                      std::atomic<uint64_t>* sent, bool quiet, Sha256Digest* digest) {
  const int fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return grpc::Status(grpc::StatusCode::NOT_FOUND, "cannot open " + file.path);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  Sha256Hasher hasher;
  if (!HashPrefix(fd, offset, hasher)) {
    ::close(fd);
    return ReadFailed(file.path);
  }
  auto context = c.StreamContext();
  v1::UploadContentResponse response;
  auto writer = c.content().UploadContent(context.get(), &response);
  v1::UploadChunk message;
  v1::UploadHeader* header = message.mutable_header();
  header->set_upload_id(id);
  header->set_size(file.size);
  header->set_offset(offset);
  header->set_school(school);
  std::optional<Progress> progress;
  if (!quiet) progress.emplace("sending " + file.name, file.size, offset);
  PiecesSent result;
  result.open = writer->Write(message);
  uint64_t position = offset;
  grpc::Status read = SendPieces(*writer, fd, file, &position, &hasher, false,
                                 {limiter, sent, progress ? &*progress : nullptr}, &result);
  ::close(fd);
  *digest = hasher.Finish();
  if (!read.ok()) {
    context->TryCancel();
    writer->Finish().ok();
    return read;
  }
  if (result.open) {
    v1::UploadChunk trailer;
    trailer.mutable_trailer()->set_sha256(ToHex(*digest));
    writer->WriteLast(trailer, grpc::WriteOptions());
  }
  grpc::Status status = writer->Finish();
  if (status.ok() && response.sha256() != ToHex(*digest)) {
    return grpc::Status(
        grpc::StatusCode::DATA_LOSS,
        "the server stored " + response.sha256() + " for " + file.path + ", not " + ToHex(*digest));
  }
  return status;
}

}  // namespace

grpc::Status ProbeSizes(Connection& c, const std::vector<uint64_t>& sizes,
                        const std::string& school, std::vector<bool>* held) {
  held->assign(sizes.size(), true);  // an old server: hash first, as before
  if (sizes.empty()) return grpc::Status::OK;
  v1::StatContentRequest request;
  for (uint64_t size : sizes) request.add_probe_size(size);
  request.set_school(school);
  v1::StatContentResponse response;
  grpc::Status s = c.content().StatContent(c.Context().get(), request, &response);
  if (!s.ok()) return s;
  if (response.size_held_size() != request.probe_size_size()) return grpc::Status::OK;
  for (size_t i = 0; i < sizes.size(); ++i) (*held)[i] = response.size_held(static_cast<int>(i));
  return grpc::Status::OK;
}

grpc::Status SendHashingWhileSending(Connection& c, LocalFile* file, const std::string& school,
                                     RateLimiter& limiter, std::atomic<uint64_t>* sent,
                                     bool quiet) {
  const std::string id = UploadIdOf(*file);
  uint64_t offset = 0;
  if (grpc::Status s = ResumeOffsetOf(c, id, school, &offset); !s.ok()) return s;
  grpc::Status status;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    if (offset > 0) {
      std::fprintf(stderr, "resuming %s at %s of %s\n", file->name.c_str(),
                   HumanBytes(offset).c_str(), HumanBytes(file->size).c_str());
    }
    Sha256Digest digest{};
    status = SendOnce(c, *file, id, school, offset, limiter, sent, quiet, &digest);
    if (status.ok()) {
      file->sha256 = digest;
      return status;
    }
    if (!Retryable(status) || attempt == kAttempts) return status;
    const int wait = 1 << (attempt - 1);
    std::fprintf(stderr, "upload of %s interrupted (%s); retrying in %d s\n", file->name.c_str(),
                 status.error_message().c_str(), wait);
    std::this_thread::sleep_for(std::chrono::seconds(wait));
    if (!ResumeOffsetOf(c, id, school, &offset).ok()) offset = 0;
  }
  return status;
}

}  // namespace hoso::cli
