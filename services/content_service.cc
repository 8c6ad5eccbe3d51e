#include "services/content_service.h"

#include <optional>

#include "hoso/v1/limits.h"
#include "storage/base/bytes.h"
#include "storage/base/error_reason.h"
#include "storage/content/append_pipeline.h"
#include "storage/store.h"

namespace hoso {
namespace {

// Who asks or uploads, for which school (checked to exist; the gate checked
// the role there).
absl::StatusOr<storage::ContentHolder> HolderOf(storage::Store& store, const Caller& caller,
                                                const std::string& school) {
  storage::ContentHolder holder{caller.user, ""};
  if (school.empty()) return holder;
  if (school == storage::kEverySchool) {
    return WithReason(absl::InvalidArgumentError("name one school (--school), not every school"),
                      reason::kInvalidArgument, {{"field", "school"}});
  }
  auto record = store.schools().Get(school);
  if (!record.ok()) return record.status();
  holder.school = record->code();
  return holder;
}

absl::StatusOr<Sha256Digest> ParseDigest(const std::string& hex) {
  auto digest = DigestFromHex(hex);
  if (!digest) {
    std::string message = "\"";
    message.append(hex, 0, 80);
    message += "\" is not a SHA-256 (64 hex digits)";
    return absl::InvalidArgumentError(message);
  }
  return *digest;
}

}  // namespace

grpc::Status ContentServiceImpl::StatContent(grpc::ServerContext* context,
                                             const v1::StatContentRequest* request,
                                             v1::StatContentResponse* response) {
  return gate_->Run(
      context, "ContentService/StatContent", request->school(),
      [&](const Caller& caller) -> absl::Status {
        if (request->sha256_size() + request->upload_id_size() + request->probe_size_size() >
            v1::kMaxStatHashes) {
          return absl::InvalidArgumentError(
              "ask about at most " + std::to_string(v1::kMaxStatHashes) + " hashes at a time");
        }
        auto holder = HolderOf(*store_, caller, request->school());
        if (!holder.ok()) return holder.status();
        for (uint64_t size : request->probe_size()) {
          auto held = store_->content().HoldsSize(*holder, size);
          if (!held.ok()) return held.status();
          response->add_size_held(*held);
        }
        for (const std::string& id : request->upload_id()) {
          if (absl::Status s = storage::ValidateUploadId(id); !s.ok()) return s;
          auto offset = store_->content().ResumeOffset(*holder, id);
          if (!offset.ok()) return offset.status();
          v1::UploadState* out = response->add_uploads();
          out->set_upload_id(id);
          out->set_resume_offset(*offset);
        }
        for (const std::string& hex : request->sha256()) {
          auto digest = ParseDigest(hex);
          if (!digest.ok()) return digest.status();
          auto state = store_->content().Stat(*digest, *holder);
          if (!state.ok()) return state.status();
          v1::ContentState* out = response->add_states();
          out->set_sha256(ToHex(*digest));
          out->set_present(state->present);
          out->set_size(state->size);
          out->set_resume_offset(state->resume_offset);
        }
        return absl::OkStatus();
      });
}

grpc::Status ContentServiceImpl::UploadContent(grpc::ServerContext* context,
                                               grpc::ServerReader<v1::UploadChunk>* reader,
                                               v1::UploadContentResponse* response) {
  return gate_->Run(
      context, "ContentService/UploadContent", "", [&](const Caller& caller) -> absl::Status {
        IdleWatchdog::Watch watch(watchdog_, context, caller.user);
        v1::UploadChunk message;
        if (!reader->Read(&message) || !message.has_header()) {
          return absl::InvalidArgumentError("an upload must start with a header message");
        }
        const v1::UploadHeader header = message.header();  // a copy: `message` is reused below
        if (!header.school().empty()) {
          if (absl::Status s =
                  gate_->AuthorizeSchool("ContentService/UploadContent", header.school(), caller);
              !s.ok()) {
            return s;
          }
        }
        storage::UploadRequest request;
        auto holder = HolderOf(*store_, caller, header.school());
        if (!holder.ok()) return holder.status();
        request.holder = *holder;
        request.upload_id = header.upload_id();
        if (!header.sha256().empty()) {
          auto digest = ParseDigest(header.sha256());
          if (!digest.ok()) return digest.status();
          request.declared = *digest;
        }
        const bool sized = request.declared || !request.upload_id.empty();
        request.declared_size = header.size();
        request.offset = header.offset();
        if (header.size() > limits_->max_file_bytes) {
          return WithReason(absl::InvalidArgumentError("the file is " + HumanBytes(header.size()) +
                                                       "; this server takes files up to " +
                                                       HumanBytes(limits_->max_file_bytes)),
                            reason::kTooLarge,
                            {{"limit_bytes", std::to_string(limits_->max_file_bytes)},
                             {"size_bytes", std::to_string(header.size())}});
        }
        // Room for the rest of it, or at least for the next stretch when the size is unknown.
        constexpr uint64_t kStretch = 64ull << 20;
        const uint64_t rest = header.size() > header.offset() ? header.size() - header.offset() : 0;
        const std::string& data_dir = store_->data_dir();
        if (absl::Status s = CheckDiskRoom(data_dir, sized ? rest : kStretch, *limits_); !s.ok()) {
          return s;
        }
        auto upload = store_->content().BeginUpload(request);
        if (!upload.ok()) return upload.status();
        // Large uploads hash and write on a second thread while the next data arrives.
        constexpr uint64_t kPipelineFrom = 8ull << 20;
        std::optional<AppendPipeline> pipeline;
        if (rest >= kPipelineFrom || !sized) pipeline.emplace(upload->get(), 4);

        uint64_t carried = 0, checked = 0;
        std::optional<Sha256Digest> trailer;
        bool unhashed = false;
        while (reader->Read(&message)) {
          watch.Touch();
          if (message.has_header()) {
            return absl::InvalidArgumentError("an upload carries one header, then only data");
          }
          if (trailer || unhashed) return absl::InvalidArgumentError("the trailer ends an upload");
          if (message.has_trailer()) {
            unhashed = message.trailer().unhashed();
            if (unhashed != message.trailer().sha256().empty()) {
              return absl::InvalidArgumentError(
                  "the trailer carries either the sha256 or unhashed, one of the two");
            }
            if (unhashed) continue;
            auto digest = ParseDigest(message.trailer().sha256());
            if (!digest.ok()) return digest.status();
            trailer = *digest;
            continue;
          }
          carried += message.data().size();
          if (header.offset() + carried > limits_->max_file_bytes) {
            return WithReason(absl::InvalidArgumentError("the upload passed " +
                                                         HumanBytes(limits_->max_file_bytes) +
                                                         ", the largest file this server takes"),
                              reason::kTooLarge,
                              {{"limit_bytes", std::to_string(limits_->max_file_bytes)}});
          }
          if (carried - checked >= kStretch) {
            checked = carried;
            // The declared size was checked at the start; space can go meanwhile.
            if (absl::Status s = CheckDiskRoom(data_dir, 0, *limits_); !s.ok()) return s;
          }
          absl::Status appended = pipeline ? pipeline->Push(std::move(*message.mutable_data()))
                                           : (*upload)->Append(message.data());
          if (!appended.ok()) return appended;
        }
        if (pipeline) {
          if (absl::Status s = pipeline->Close(); !s.ok()) return s;
        }
        if (absl::Status capped = watch.capped(); !capped.ok()) return capped;
        if (watch.expired()) {
          return absl::DeadlineExceededError(
              "no data for " + std::to_string(limits_->idle_timeout_seconds) +
              " s; the upload was stopped, its durable part is kept for a resume");
        }
        if (context->IsCancelled()) {
          return absl::CancelledError(
              "the client went away; the durable part is kept for a resume");
        }
        if (trailer) {
          if (absl::Status s = (*upload)->DeclareAtEnd(*trailer); !s.ok()) return s;
        }
        if (unhashed) {
          if (absl::Status s = (*upload)->EndUnhashed(); !s.ok()) return s;
        }
        auto result = (*upload)->Finish();
        if (!result.ok()) return result.status();
        response->set_sha256(ToHex(result->sha256));
        response->set_size(result->size);
        response->set_bytes_received(carried);
        response->set_deduplicated(result->deduplicated);
        return absl::OkStatus();
      });
}

grpc::Status ContentServiceImpl::UploadBatch(grpc::ServerContext* context,
                                             grpc::ServerReader<v1::UploadChunk>* reader,
                                             v1::UploadBatchResponse* response) {
  return gate_->Run(
      context, "ContentService/UploadBatch", "", [&](const Caller& caller) -> absl::Status {
        IdleWatchdog::Watch watch(watchdog_, context, caller.user);
        std::optional<storage::ContentHolder> holder;  // from the first header
        std::vector<std::unique_ptr<storage::ContentUpload>> uploads;
        std::vector<uint64_t> carried;
        uint64_t declared_total = 0;
        v1::UploadChunk message;
        while (reader->Read(&message)) {
          watch.Touch();
          if (message.has_header()) {
            const v1::UploadHeader& header = message.header();
            auto digest = ParseDigest(header.sha256());
            if (!digest.ok()) return digest.status();
            if (header.offset() != 0) {
              return absl::InvalidArgumentError("files in a batch are sent whole (offset 0)");
            }
            if (!holder) {
              if (!header.school().empty()) {
                if (absl::Status s = gate_->AuthorizeSchool("ContentService/UploadBatch",
                                                            header.school(), caller);
                    !s.ok()) {
                  return s;
                }
              }
              auto named = HolderOf(*store_, caller, header.school());
              if (!named.ok()) return named.status();
              holder = *named;
            } else if (!header.school().empty() && header.school() != holder->school) {
              auto code = storage::SchoolStore::NormalizeCode(header.school());
              if (!code.ok() || *code != holder->school) {
                return absl::InvalidArgumentError("the files of a batch are all for one school");
              }
            }
            if (header.size() > v1::kMaxBatchFileBytes) {
              return absl::InvalidArgumentError("a file in a batch is at most 1 MiB; send " +
                                                HumanBytes(header.size()) + " with UploadContent");
            }
            declared_total += header.size();
            if (uploads.size() >= v1::kMaxBatchFiles || declared_total > v1::kMaxBatchBytes) {
              return absl::InvalidArgumentError("a batch holds at most " +
                                                std::to_string(v1::kMaxBatchFiles) + " files and " +
                                                HumanBytes(v1::kMaxBatchBytes));
            }
            if (absl::Status s = CheckDiskRoom(store_->data_dir(), header.size(), *limits_);
                !s.ok()) {
              return s;
            }
            if (!uploads.empty()) {
              if (absl::Status s = uploads.back()->EndOfData(); !s.ok()) return s;
            }
            storage::UploadRequest request;
            request.declared = *digest;
            request.declared_size = header.size();
            request.resumable = false;
            request.holder = *holder;
            auto upload = store_->content().BeginUpload(request);
            if (!upload.ok()) return upload.status();
            uploads.push_back(std::move(*upload));
            carried.push_back(0);
            continue;
          }
          if (uploads.empty())
            return absl::InvalidArgumentError("data before the first file's header");
          if (message.has_trailer()) {
            return absl::InvalidArgumentError(
                "files in a batch declare their sha256 in the header");
          }
          carried.back() += message.data().size();
          if (absl::Status s = uploads.back()->Append(message.data()); !s.ok()) return s;
        }
        if (absl::Status capped = watch.capped(); !capped.ok()) return capped;
        if (watch.expired()) {
          return absl::DeadlineExceededError("no data for " +
                                             std::to_string(limits_->idle_timeout_seconds) +
                                             " s; the batch was stopped, send it again");
        }
        if (context->IsCancelled()) return absl::CancelledError("the client went away");
        std::vector<storage::ContentUpload*> all;
        for (const auto& upload : uploads) all.push_back(upload.get());
        auto results = store_->content().FinishAll(all);
        if (!results.ok()) return results.status();
        for (size_t i = 0; i < results->size(); ++i) {
          v1::UploadContentResponse* out = response->add_files();
          out->set_sha256(ToHex((*results)[i].sha256));
          out->set_size((*results)[i].size);
          out->set_bytes_received(carried[i]);
          out->set_deduplicated((*results)[i].deduplicated);
        }
        return absl::OkStatus();
      });
}

}  // namespace hoso
