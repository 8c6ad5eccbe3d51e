// Sending content to hosod: batched StatContent, and resumable uploads.
#include "clients/transfer/content_sender.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>

#include "clients/app/output.h"
#include "clients/transfer/progress.h"

namespace hoso::cli {
namespace {

constexpr int kAttempts = 6;
constexpr size_t kStatBatch = 5000;  // the server takes up to 10,000 per call

bool Retryable(const grpc::Status& s) {
  return s.error_code() == grpc::StatusCode::UNAVAILABLE ||
         s.error_code() == grpc::StatusCode::ABORTED ||
         s.error_code() == grpc::StatusCode::CANCELLED ||
         s.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
}

// One attempt to send `file` from `offset`. Adds the bytes written to *sent.
grpc::Status SendFrom(Connection& c, const LocalFile& file, uint64_t offset, RateLimiter& limiter,
                      std::atomic<uint64_t>* sent, bool quiet, const std::string& school) {
  const int fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return grpc::Status(grpc::StatusCode::NOT_FOUND, "cannot open " + file.path);
  auto context = c.StreamContext();
  v1::UploadContentResponse response;
  auto writer = c.content().UploadContent(context.get(), &response);
  v1::UploadChunk message;
  message.mutable_header()->set_sha256(ToHex(file.sha256));
  message.mutable_header()->set_size(file.size);
  message.mutable_header()->set_offset(offset);
  message.mutable_header()->set_school(school);
  std::optional<Progress> progress;
  if (!quiet) progress.emplace("sending " + file.name, file.size, offset);
  bool open = writer->Write(message);
  uint64_t position = offset;
  PiecesSent result;
  if (open) {
    grpc::Status read = SendPieces(*writer, fd, file, &position, nullptr, true,
                                   {limiter, sent, progress ? &*progress : nullptr}, &result);
    if (!read.ok()) {
      ::close(fd);
      context->TryCancel();
      writer->Finish().ok();
      return read;
    }
    open = result.open;
  }
  ::close(fd);
  if (open && !result.half_closed) writer->WritesDone();
  return writer->Finish();
}

}  // namespace

grpc::Status SendPieces(grpc::ClientWriter<v1::UploadChunk>& writer, int fd, const LocalFile& file,
                        uint64_t* position, Sha256Hasher* hasher, bool last_ends_stream,
                        const SendMeter& meter, PiecesSent* result) {
  v1::UploadChunk data_message;
  std::string* data = data_message.mutable_data();
  while (result->open && *position < file.size) {
    // Exactly what is left (resize zero-fills what it grows: not a whole MiB per small file).
    data->resize(
        static_cast<size_t>(std::min<uint64_t>(v1::kDataMessageBytes, file.size - *position)));
    const ssize_t n = ::pread(fd, data->data(), data->size(), static_cast<off_t>(*position));
    if (n <= 0) {
      return grpc::Status(grpc::StatusCode::DATA_LOSS,
                          "cannot read " + file.path + ": it changed while uploading");
    }
    data->resize(static_cast<size_t>(n));
    if (hasher != nullptr) hasher->Update(*data);
    const bool last = last_ends_stream && *position + static_cast<uint64_t>(n) >= file.size;
    result->half_closed = last;
    result->open = last ? writer.Write(data_message, grpc::WriteOptions().set_last_message())
                        : writer.Write(data_message);
    if (result->open) {
      *position += static_cast<uint64_t>(n);
      *meter.sent += static_cast<uint64_t>(n);
      if (meter.progress != nullptr) meter.progress->Advance(static_cast<uint64_t>(n));
      meter.limiter.Account(static_cast<uint64_t>(n));
    }
  }
  return grpc::Status::OK;
}

RateLimiter::RateLimiter(uint64_t rate) : rate_(rate), start_(std::chrono::steady_clock::now()) {}

void RateLimiter::Account(uint64_t bytes) {
  if (rate_ == 0) return;
  std::chrono::steady_clock::time_point due;
  {
    std::lock_guard<std::mutex> lock(mu_);
    sent_ += bytes;
    due = start_ + std::chrono::microseconds(sent_ * 1000000 / rate_);
  }
  std::this_thread::sleep_until(due);
}

grpc::Status StatFiles(Connection& c, const std::vector<const LocalFile*>& files,
                       std::vector<v1::ContentState>* states, const std::string& school) {
  states->clear();
  for (size_t begin = 0; begin < files.size(); begin += kStatBatch) {
    v1::StatContentRequest request;
    request.set_school(school);
    for (size_t i = begin; i < files.size() && i < begin + kStatBatch; ++i) {
      request.add_sha256(ToHex(files[i]->sha256));
    }
    v1::StatContentResponse response;
    grpc::Status s = c.content().StatContent(c.Context().get(), request, &response);
    if (!s.ok()) return s;
    if (response.states_size() != request.sha256_size()) {
      return grpc::Status(grpc::StatusCode::INTERNAL,
                          "the server answered for " + std::to_string(response.states_size()) +
                              " of " + std::to_string(request.sha256_size()) + " hashes");
    }
    for (v1::ContentState& state : *response.mutable_states()) states->push_back(std::move(state));
  }
  return grpc::Status::OK;
}

grpc::Status SendWithRetries(Connection& c, const LocalFile& file, uint64_t offset,
                             RateLimiter& limiter, std::atomic<uint64_t>* sent, bool quiet,
                             const std::string& school) {
  grpc::Status status;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    if (offset > 0) {
      std::fprintf(stderr, "resuming %s at %s of %s\n", file.name.c_str(),
                   HumanBytes(offset).c_str(), HumanBytes(file.size).c_str());
    }
    status = SendFrom(c, file, offset, limiter, sent, quiet, school);
    if (status.ok() || !Retryable(status) || attempt == kAttempts) return status;
    const int wait = 1 << (attempt - 1);
    std::fprintf(stderr, "upload of %s interrupted (%s); retrying in %d s\n", file.name.c_str(),
                 status.error_message().c_str(), wait);
    std::this_thread::sleep_for(std::chrono::seconds(wait));
    std::vector<v1::ContentState> state;
    if (StatFiles(c, {&file}, &state, school).ok() && state.size() == 1) {
      if (state[0].present()) return grpc::Status::OK;
      offset = state[0].resume_offset();
    }
  }
  return status;
}

namespace {

// One attempt at a batch. The bytes count as sent only when it is acknowledged.
grpc::Status SendBatchOnce(Connection& c, const std::vector<const LocalFile*>& files,
                           RateLimiter& limiter, uint64_t* carried, const std::string& school) {
  auto context = c.StreamContext();
  v1::UploadBatchResponse response;
  auto writer = c.content().UploadBatch(context.get(), &response);
  v1::UploadChunk header, data;
  std::string* bytes = data.mutable_data();
  bool open = true;
  for (size_t i = 0; open && i < files.size(); ++i) {
    const LocalFile& file = *files[i];
    header.mutable_header()->set_sha256(ToHex(file.sha256));
    header.mutable_header()->set_size(file.size);
    header.mutable_header()->set_school(school);
    const bool last_file = i + 1 == files.size();
    open = (last_file && file.size == 0)
               ? writer->Write(header, grpc::WriteOptions().set_last_message())
               : writer->Write(header);
    if (!open || file.size == 0) continue;
    const int fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      context->TryCancel();
      writer->Finish().ok();
      return grpc::Status(grpc::StatusCode::NOT_FOUND, "cannot open " + file.path);
    }
    bytes->resize(static_cast<size_t>(file.size));
    const ssize_t n = ::pread(fd, bytes->data(), bytes->size(), 0);
    ::close(fd);
    if (n != static_cast<ssize_t>(file.size)) {
      context->TryCancel();
      writer->Finish().ok();
      return grpc::Status(grpc::StatusCode::DATA_LOSS,
                          "cannot read " + file.path + ": it changed while uploading");
    }
    open = last_file ? writer->Write(data, grpc::WriteOptions().set_last_message())
                     : writer->Write(data);
    *carried += file.size;
    limiter.Account(file.size);
  }
  if (files.empty()) writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (status.ok() && response.files_size() != static_cast<int>(files.size())) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        "the server acknowledged " + std::to_string(response.files_size()) +
                            " of " + std::to_string(files.size()) + " files of a batch");
  }
  return status;
}

}  // namespace

grpc::Status SendBatch(Connection& c, const std::vector<const LocalFile*>& files,
                       RateLimiter& limiter, std::atomic<uint64_t>* sent,
                       const std::string& school) {
  grpc::Status status;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    uint64_t carried = 0;
    status = SendBatchOnce(c, files, limiter, &carried, school);
    if (status.ok()) {
      *sent += carried;
      return status;
    }
    if (!Retryable(status) || attempt == kAttempts) return status;
    const int wait = 1 << (attempt - 1);
    std::fprintf(stderr,
                 "a batch of %zu small files was interrupted (%s); sending it again in %d s\n",
                 files.size(), status.error_message().c_str(), wait);
    std::this_thread::sleep_for(std::chrono::seconds(wait));
  }
  return status;
}

}  // namespace hoso::cli
