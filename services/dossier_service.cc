#include "services/dossier_service.h"

#include "hoso/v1/limits.h"
#include "storage/bagit/bag.h"
#include "storage/base/cms.h"
#include "storage/base/text.h"
#include "storage/dossier/dossier_archive.h"
#include "storage/index/record_io.h"
#include "storage/store.h"

namespace hoso {
namespace {

v1::Dossier ToProto(const storage::DossierRecord& d) {
  v1::Dossier out;
  out.set_school(d.school());
  out.set_id(d.id());
  out.set_state(static_cast<v1::DossierState>(d.state()));
  out.set_scope(d.scope());
  out.set_items(d.items());
  out.set_files(static_cast<uint32_t>(d.entries_size()));
  out.set_bytes(d.payload_bytes());
  out.mutable_created()->set_seconds(d.created_unix());
  if (d.state() == storage::DOSSIER_SEALED) out.mutable_sealed()->set_seconds(d.sealed_unix());
  out.set_signer(d.signer());
  out.set_zip_sha256(d.zip_sha256());
  out.set_tar_sha256(d.tar_sha256());
  out.set_assessment(d.assessment());
  out.set_assessment_note(d.assessment_note());
  if (auto fingerprint = CertificateSha256(d.signer_cert_pem()); fingerprint.ok()) {
    out.set_signer_sha256(*fingerprint);
  }
  return out;
}

}  // namespace

grpc::Status DossierServiceImpl::BuildDossier(grpc::ServerContext* context,
                                              const v1::BuildDossierRequest* request,
                                              v1::Dossier* response) {
  return gate_->Run(
      context, "DossierService/BuildDossier", request->school(),
      [&](const Caller& caller) -> absl::Status {
        storage::DossierScope scope;
        for (const std::string* year : {&request->first_year(), &request->last_year()}) {
          if (!year->empty()) {
            if (absl::Status s = text::ValidateSchoolYear(*year); !s.ok()) return s;
          }
        }
        scope.first_year = request->first_year();
        scope.last_year = request->last_year();
        scope.standards.assign(request->standards().begin(), request->standards().end());
        scope.criteria.assign(request->criteria().begin(), request->criteria().end());
        scope.without_assessment = request->without_assessment();
        if (absl::Status s = MayBuildDossier(caller, scope.standards); !s.ok()) return s;
        auto d = store_->dossiers().Build(ActorOf(caller), request->school(), scope);
        if (!d.ok()) return d.status();
        *response = ToProto(*d);
        return absl::OkStatus();
      });
}

grpc::Status DossierServiceImpl::ListDossiers(grpc::ServerContext* context,
                                              const v1::ListDossiersRequest* request,
                                              v1::ListDossiersResponse* response) {
  return gate_->Run(context, "DossierService/ListDossiers", request->school(),
                    [&](const Caller& caller) -> absl::Status {
                      auto list = store_->dossiers().List(request->school());
                      if (!list.ok()) return list.status();
                      for (const auto& d : *list) {
                        if (MaySeeDossier(caller, d).ok()) *response->add_dossiers() = ToProto(d);
                      }
                      return absl::OkStatus();
                    });
}

grpc::Status DossierServiceImpl::GetTagManifest(grpc::ServerContext* context,
                                                const v1::DossierRef* request,
                                                v1::TagManifest* response) {
  return gate_->Run(context, "DossierService/GetTagManifest", request->school(),
                    [&](const Caller& caller) -> absl::Status {
                      auto d = store_->dossiers().Get(request->school(), request->id());
                      if (!d.ok()) return d.status();
                      if (absl::Status s = MaySeeDossier(caller, *d); !s.ok()) return s;
                      response->set_data(storage::BagTagManifest(storage::BagOf(*d)));
                      return absl::OkStatus();
                    });
}

grpc::Status DossierServiceImpl::SealDossier(grpc::ServerContext* context,
                                             const v1::SealDossierRequest* request,
                                             v1::Dossier* response) {
  return gate_->Run(context, "DossierService/SealDossier", request->school(),
                    [&](const Caller& caller) -> absl::Status {
                      auto done = store_->dossiers().Seal(ActorOf(caller), request->school(),
                                                          request->id(), request->signature());
                      if (!done.ok()) return done.status();
                      *response = ToProto(*done);
                      return absl::OkStatus();
                    });
}

grpc::Status DossierServiceImpl::DownloadDossier(grpc::ServerContext* context,
                                                 const v1::DownloadDossierRequest* request,
                                                 grpc::ServerWriter<v1::ArchiveChunk>* writer) {
  return gate_->Run(context, "DossierService/DownloadDossier", request->school(),
                    [&](const Caller& caller) -> absl::Status {
                      auto d = store_->dossiers().Get(request->school(), request->id());
                      if (!d.ok()) return d.status();
                      if (absl::Status s = MaySeeDossier(caller, *d); !s.ok()) return s;
                      IdleWatchdog::Watch watch(watchdog_, context, caller.user);
                      v1::ArchiveChunk chunk;
                      std::string* buffer = chunk.mutable_data();
                      bool open = true;
                      auto flush = [&] {
                        if (buffer->empty()) return true;
                        open = open && writer->Write(chunk);
                        watch.Touch();
                        buffer->clear();
                        return open;
                      };
                      const auto format = request->format() == v1::ARCHIVE_FORMAT_TAR
                                              ? storage::ArchiveFormat::kTar
                                              : storage::ArchiveFormat::kZip;
                      absl::Status s = storage::WriteDossierArchive(
                          *d, store_->content(), format, [&](std::string_view bytes) {
                            buffer->append(bytes);
                            return buffer->size() < v1::kDataMessageBytes || flush();
                          });
                      if (absl::Status capped = watch.capped(); !capped.ok()) return capped;
                      if (!s.ok()) return s;
                      if (!flush()) return absl::CancelledError("the client stopped reading");
                      return absl::OkStatus();
                    });
}

}  // namespace hoso
