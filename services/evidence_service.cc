#include "services/evidence_service.h"

#include <set>

#include "hoso/v1/limits.h"
#include "services/convert.h"
#include "storage/base/error_reason.h"
#include "storage/store.h"

namespace hoso {
namespace {

// Applies the set fields of an update request to a stored record.
absl::Status ApplyUpdate(const v1::UpdateEvidenceRequest& r, storage::EvidenceRecord& e) {
  if (r.has_title()) e.set_title(r.title());
  if (r.has_number()) e.set_number(r.number());
  if (r.has_date()) e.set_date(r.date());
  if (r.has_issuer()) e.set_issuer(r.issuer());
  if (r.has_kind()) e.set_kind(r.kind());
  if (r.has_year()) e.set_year(r.year());
  if (r.has_note()) e.set_note(r.note());
  if (r.replace_criteria()) *e.mutable_criteria() = r.criteria();
  if (r.replace_tasks()) *e.mutable_tasks() = r.tasks();
  return absl::OkStatus();
}

// The files of a create request; InvalidArgument for a malformed hash.
absl::StatusOr<std::vector<storage::NewFile>> NewFilesOf(const v1::CreateEvidenceRequest& r) {
  std::vector<storage::NewFile> files;
  for (const v1::NewFile& f : r.files()) {
    auto digest = DigestFromHex(f.sha256());
    if (!digest) {
      return absl::InvalidArgumentError("file \"" + f.name().substr(0, 255) +
                                        "\" has no valid sha256");
    }
    files.push_back({f.name(), f.media_type(), *digest});
  }
  return files;
}

}  // namespace

absl::StatusOr<uint64_t> EvidenceServiceImpl::Resolve(const std::string& school, uint64_t id,
                                                      const std::string& ref) const {
  if (id != 0) return id;
  if (ref.empty())
    return WithReason(absl::InvalidArgumentError("name the evidence by id or code"),
                      reason::kInvalidArgument, {{"field", "ref"}});
  return store_->evidence().ResolveRef(school, ref);
}

grpc::Status EvidenceServiceImpl::CreateEvidence(grpc::ServerContext* context,
                                                 const v1::CreateEvidenceRequest* request,
                                                 v1::Evidence* response) {
  return gate_->Run(
      context, "EvidenceService/CreateEvidence", request->evidence().school(),
      [&](const Caller& caller) -> absl::Status {
        if (request->files_size() > static_cast<int>(limits_->max_files_per_item)) {
          return WithReason(
              absl::InvalidArgumentError(
                  "an item holds at most " + std::to_string(limits_->max_files_per_item) +
                  " files; this one has " + std::to_string(request->files_size())),
              reason::kTooManyFiles, {{"limit", std::to_string(limits_->max_files_per_item)}});
        }
        storage::EvidenceRecord draft = DraftFromProto(request->evidence());
        draft.set_uploader(caller.user);
        std::vector<storage::NewFile> files;
        for (const v1::NewFile& f : request->files()) {
          auto digest = DigestFromHex(f.sha256());
          if (!digest) {
            return absl::InvalidArgumentError("file \"" + f.name().substr(0, 255) +
                                              "\" has no valid sha256");
          }
          files.push_back({f.name(), f.media_type(), *digest});
        }
        auto record = request->validate_only()
                          ? store_->evidence().Validate(std::move(draft), files)
                          : store_->evidence().Create(ActorOf(caller), std::move(draft), files,
                                                      {caller.user, ""});
        if (!record.ok()) return record.status();
        *response = ToProto(*record);
        return absl::OkStatus();
      });
}

grpc::Status EvidenceServiceImpl::CreateEvidenceBatch(grpc::ServerContext* context,
                                                      const v1::CreateEvidenceBatchRequest* request,
                                                      v1::CreateEvidenceBatchResponse* response) {
  return gate_->Run(
      context, "EvidenceService/CreateEvidenceBatch", request->school(),
      [&](const Caller& caller) -> absl::Status {
        if (request->school().empty())
          return WithReason(absl::InvalidArgumentError("name a school (--school)"),
                            reason::kInvalidArgument, {{"field", "school"}});
        if (request->items_size() > v1::kMaxBatchItems) {
          return absl::InvalidArgumentError("at most " + std::to_string(v1::kMaxBatchItems) +
                                            " items per batch; this one has " +
                                            std::to_string(request->items_size()));
        }
        int total_files = 0;
        for (const v1::CreateEvidenceRequest& item : request->items()) {
          total_files += item.files_size();
          if (!item.evidence().school().empty() && item.evidence().school() != request->school()) {
            return absl::InvalidArgumentError("every item of a batch belongs to school " +
                                              request->school());
          }
        }
        if (total_files > v1::kMaxBatchItemFiles) {
          return absl::InvalidArgumentError("at most " + std::to_string(v1::kMaxBatchItemFiles) +
                                            " files per batch; this one has " +
                                            std::to_string(total_files));
        }
        std::vector<storage::NewItem> items;
        std::vector<absl::Status> early(request->items_size());
        for (int i = 0; i < request->items_size(); ++i) {
          const v1::CreateEvidenceRequest& item = request->items(i);
          storage::EvidenceRecord draft = DraftFromProto(item.evidence());
          draft.set_school(request->school());
          draft.set_uploader(caller.user);
          auto files = NewFilesOf(item);
          if (item.files_size() > static_cast<int>(limits_->max_files_per_item)) {
            early[i] = WithReason(
                absl::InvalidArgumentError(
                    "an item holds at most " + std::to_string(limits_->max_files_per_item) +
                    " files; this one has " + std::to_string(item.files_size())),
                reason::kTooManyFiles, {{"limit", std::to_string(limits_->max_files_per_item)}});
          } else if (!files.ok()) {
            early[i] = files.status();
          } else {
            items.push_back({std::move(draft), std::move(*files)});
          }
        }
        auto results = store_->evidence().CreateBatch(ActorOf(caller), std::move(items),
                                                      {caller.user, ""}, request->validate_only());
        size_t next = 0;
        for (int i = 0; i < request->items_size(); ++i) {
          v1::CreateEvidenceBatchResponse::Result* out = response->add_results();
          const absl::Status status = early[i].ok() ? results[next].status() : early[i];
          if (early[i].ok() && results[next].ok())
            *out->mutable_evidence() = ToProto(*results[next]);
          if (early[i].ok()) ++next;
          out->set_status_code(static_cast<int>(status.code()));
          out->set_message(std::string(status.message()));
        }
        return absl::OkStatus();
      });
}

grpc::Status EvidenceServiceImpl::GetEvidence(grpc::ServerContext* context,
                                              const v1::GetEvidenceRequest* request,
                                              v1::Evidence* response) {
  return gate_->Run(context, "EvidenceService/GetEvidence", request->school(),
                    [&](const Caller&) -> absl::Status {
                      auto id = Resolve(request->school(), request->id(), request->ref());
                      if (!id.ok()) return id.status();
                      auto record = store_->evidence().Get(request->school(), *id,
                                                           request->include_deleted());
                      if (!record.ok()) return record.status();
                      *response = ToProto(*record);
                      return absl::OkStatus();
                    });
}

grpc::Status EvidenceServiceImpl::ListEvidence(grpc::ServerContext* context,
                                               const v1::ListEvidenceRequest* request,
                                               v1::ListEvidenceResponse* response) {
  return gate_->Run(context, "EvidenceService/ListEvidence", request->school(),
                    [&](const Caller&) -> absl::Status {
                      if (request->school().empty())
                        return WithReason(absl::InvalidArgumentError("name a school (--school)"),
                                          reason::kInvalidArgument, {{"field", "school"}});
                      storage::EvidenceFilter filter;
                      filter.school = request->school();
                      filter.criterion = request->criterion();
                      filter.task = request->task();
                      filter.kind = request->kind();
                      filter.year = request->year();
                      filter.uploader = request->uploader();
                      filter.include_deleted = request->include_deleted();
                      filter.review_state =
                          static_cast<storage::ReviewState>(request->review_state());
                      auto records = store_->evidence().List(filter);
                      if (!records.ok()) return records.status();
                      response->mutable_evidence()->Reserve(static_cast<int>(records->size()));
                      for (const auto& record : *records)
                        *response->add_evidence() = ToProto(record);
                      return absl::OkStatus();
                    });
}

grpc::Status EvidenceServiceImpl::UpdateEvidence(grpc::ServerContext* context,
                                                 const v1::UpdateEvidenceRequest* request,
                                                 v1::Evidence* response) {
  return gate_->Run(
      context, "EvidenceService/UpdateEvidence", request->school(),
      [&](const Caller& caller) -> absl::Status {
        auto id = Resolve(request->school(), request->id(), request->ref());
        if (!id.ok()) return id.status();
        auto record = store_->evidence().Update(
            ActorOf(caller), request->school(), *id,
            [&](storage::EvidenceRecord& e) -> absl::Status {
              if (absl::Status s = MayChangeItem(caller, e, "edit"); !s.ok()) return s;
              const std::set<std::string> filed(e.criteria().begin(), e.criteria().end());
              if (absl::Status s = ApplyUpdate(*request, e); !s.ok()) return s;
              // Other criteria through an edit is linking, and needs its role.
              if (std::set<std::string>(e.criteria().begin(), e.criteria().end()) != filed) {
                return MayAlsoDo(caller, "EvidenceService/LinkCriterion", e.school());
              }
              return absl::OkStatus();
            });
        if (!record.ok()) return record.status();
        *response = ToProto(*record);
        return absl::OkStatus();
      });
}

grpc::Status EvidenceServiceImpl::DeleteEvidence(grpc::ServerContext* context,
                                                 const v1::DeleteEvidenceRequest* request,
                                                 v1::Evidence* response) {
  return gate_->Run(
      context, "EvidenceService/DeleteEvidence", request->school(),
      [&](const Caller& caller) -> absl::Status {
        auto id = Resolve(request->school(), request->id(), request->ref());
        if (!id.ok()) return id.status();
        auto record = store_->evidence().Delete(
            ActorOf(caller), request->school(), *id,
            [&](const storage::EvidenceRecord& e) { return MayChangeItem(caller, e, "delete"); });
        if (!record.ok()) return record.status();
        *response = ToProto(*record);
        return absl::OkStatus();
      });
}

grpc::Status EvidenceServiceImpl::DownloadFile(grpc::ServerContext* context,
                                               const v1::DownloadFileRequest* request,
                                               grpc::ServerWriter<v1::DownloadChunk>* writer) {
  return gate_->Run(
      context, "EvidenceService/DownloadFile", request->school(),
      [&](const Caller& caller) -> absl::Status {
        auto id = Resolve(request->school(), request->id(), request->ref());
        if (!id.ok()) return id.status();
        auto record = store_->evidence().Get(request->school(), *id);
        if (!record.ok()) return record.status();
        if (request->file_index() >= static_cast<uint32_t>(record->files_size())) {
          return absl::NotFoundError("evidence " + record->code() + " has " +
                                     std::to_string(record->files_size()) + " file(s), no file #" +
                                     std::to_string(request->file_index()));
        }
        const v1::Evidence evidence = ToProto(*record);
        const v1::EvidenceFile& file = evidence.files(static_cast<int>(request->file_index()));
        auto digest = DigestFromHex(file.sha256());
        if (!digest) return absl::DataLossError("evidence record holds a malformed hash");
        auto reader = store_->content().Open(*digest);
        if (!reader.ok()) return reader.status();

        IdleWatchdog::Watch watch(watchdog_, context, caller.user);
        v1::DownloadChunk chunk;
        *chunk.mutable_file() = file;
        bool sent_any = false;
        while (true) {
          auto piece = (*reader)->Next();
          if (!piece.ok()) return piece.status();
          if (piece->empty() && sent_any) break;
          chunk.set_data(std::move(*piece));
          if (!writer->Write(chunk)) {
            if (absl::Status capped = watch.capped(); !capped.ok()) return capped;
            return absl::CancelledError("the client stopped reading");
          }
          watch.Touch();
          sent_any = true;
          chunk.clear_file();
          if (chunk.data().empty()) break;  // empty file: one message, no data
        }
        return absl::OkStatus();
      });
}

grpc::Status EvidenceServiceImpl::LinkCriterion(grpc::ServerContext* context,
                                                const v1::LinkRequest* request,
                                                v1::Evidence* response) {
  return gate_->Run(
      context, "EvidenceService/LinkCriterion", request->school(),
      [&](const Caller& caller) -> absl::Status {
        auto id = Resolve(request->school(), request->id(), request->ref());
        if (!id.ok()) return id.status();
        auto record = store_->evidence().Link(
            ActorOf(caller), request->school(), *id, request->criterion(),
            [&](const storage::EvidenceRecord& e) { return MayChangeItem(caller, e, "link"); });
        if (!record.ok()) return record.status();
        *response = ToProto(*record);
        return absl::OkStatus();
      });
}

grpc::Status EvidenceServiceImpl::UnlinkCriterion(grpc::ServerContext* context,
                                                  const v1::LinkRequest* request,
                                                  v1::Evidence* response) {
  return gate_->Run(
      context, "EvidenceService/UnlinkCriterion", request->school(),
      [&](const Caller& caller) -> absl::Status {
        auto id = Resolve(request->school(), request->id(), request->ref());
        if (!id.ok()) return id.status();
        auto record = store_->evidence().Unlink(
            ActorOf(caller), request->school(), *id, request->criterion(),
            [&](const storage::EvidenceRecord& e) { return MayChangeItem(caller, e, "unlink"); });
        if (!record.ok()) return record.status();
        *response = ToProto(*record);
        return absl::OkStatus();
      });
}

grpc::Status EvidenceServiceImpl::RenumberCodes(grpc::ServerContext* context,
                                                const v1::RenumberRequest* request,
                                                v1::RenumberResponse* response) {
  return gate_->Run(context, "EvidenceService/RenumberCodes", request->school(),
                    [&](const Caller& caller) -> absl::Status {
                      auto changes = store_->RenumberCodes(ActorOf(caller), request->school(),
                                                           request->apply());
                      if (!changes.ok()) return changes.status();
                      for (const auto& change : *changes) {
                        v1::CodeChange* out = response->add_changes();
                        out->set_id(change.id);
                        out->set_old_code(change.old_code);
                        out->set_new_code(change.new_code);
                      }
                      response->set_applied(request->apply());
                      return absl::OkStatus();
                    });
}

grpc::Status EvidenceServiceImpl::ImportCatalogue(grpc::ServerContext* context,
                                                  const v1::ImportCatalogueRequest* request,
                                                  v1::ImportCatalogueResponse* response) {
  return gate_->Run(
      context, "EvidenceService/ImportCatalogue", request->school(),
      [&](const Caller& caller) -> absl::Status {
        std::vector<storage::SourceTable> tables;
        for (const v1::Table& table : request->tables()) tables.push_back(TableFromProto(table));
        auto result = store_->evidence().ImportCatalogue(
            ActorOf(caller), request->school(), tables, request->dry_run(),
            [&](const storage::EvidenceRecord& e) {
              return MayChangeItem(caller, e, "import the catalogue over");
            });
        if (!result.ok()) return result.status();
        for (const storage::CatalogueChange& change : result->changes) {
          v1::CatalogueImportRow* row = response->add_rows();
          row->set_source(change.source);
          row->set_row(change.row);
          row->set_code(change.code);
          row->set_id(request->dry_run() &&
                              change.action == storage::CatalogueChange::Action::kCreated
                          ? 0
                          : change.id);
          row->set_detail(change.detail);
          switch (change.action) {
            case storage::CatalogueChange::Action::kUpdated:
              row->set_action(v1::CatalogueImportRow::ACTION_UPDATED);
              response->set_updated(response->updated() + 1);
              break;
            case storage::CatalogueChange::Action::kCreated:
              row->set_action(v1::CatalogueImportRow::ACTION_CREATED);
              response->set_created(response->created() + 1);
              break;
            case storage::CatalogueChange::Action::kUnchanged:
              row->set_action(v1::CatalogueImportRow::ACTION_UNCHANGED);
              response->set_unchanged(response->unchanged() + 1);
              break;
          }
        }
        for (const storage::CatalogueProblem& problem : result->problems) {
          v1::ImportProblem* out = response->add_problems();
          out->set_source(problem.source);
          out->set_line(problem.row);
          out->set_reason(problem.reason);
        }
        response->set_imported(result->applied);
        return absl::OkStatus();
      });
}

grpc::Status EvidenceServiceImpl::ReviewEvidence(grpc::ServerContext* context,
                                                 const v1::ReviewRequest* request,
                                                 v1::Evidence* response) {
  return gate_->Run(context, "EvidenceService/ReviewEvidence", request->school(),
                    [&](const Caller& caller) -> absl::Status {
                      auto id = Resolve(request->school(), request->id(), request->ref());
                      if (!id.ok()) return id.status();
                      auto record = store_->evidence().Review(
                          ActorOf(caller), request->school(), *id, request->approve(),
                          request->reason(), [&](const storage::EvidenceRecord& e) {
                            return MayReviewItem(caller, e, request->approve());
                          });
                      if (!record.ok()) return record.status();
                      *response = ToProto(*record);
                      return absl::OkStatus();
                    });
}

}  // namespace hoso
