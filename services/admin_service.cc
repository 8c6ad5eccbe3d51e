#include "services/admin_service.h"

#include <chrono>

#include "storage/objects/s3_target.h"
#include "storage/store.h"

namespace hoso {

grpc::Status AdminServiceImpl::Fsck(grpc::ServerContext* context, const v1::FsckRequest* request,
                                    v1::FsckReport* response) {
  return gate_->Run(context, "AdminService/Fsck", "", [&](const Caller& caller) -> absl::Status {
    auto report = store_->Fsck(request->repair(), ActorOf(caller));
    if (!report.ok()) return report.status();
    response->set_contents(report->contents);
    response->set_bytes(report->bytes);
    response->set_references(report->references);
    response->set_unreferenced(report->unreferenced);
    for (const auto& p : report->problems) {
      v1::FsckProblem* out = response->add_problems();
      out->set_kind(p.kind);
      out->set_sha256(p.sha256);
      out->set_detail(p.detail);
      for (const auto& a : p.affected) out->add_affected(a);
      out->set_repair(p.repair);
      out->set_resolved(p.resolved);
    }
    response->set_healed(report->healed);
    response->set_packs(report->packs);
    response->set_pack_bytes(report->pack_bytes);
    response->set_dead_bytes(report->dead_bytes);
    return absl::OkStatus();
  });
}

grpc::Status AdminServiceImpl::Backup(grpc::ServerContext* context,
                                      const v1::BackupRequest* request,
                                      v1::BackupReport* response) {
  return gate_->Run(context, "AdminService/Backup", "", [&](const Caller&) -> absl::Status {
    const auto start = std::chrono::steady_clock::now();
    auto report = store_->Backup(request->dir());
    if (!report.ok()) return report.status();
    response->set_backup_id(report->backup_id);
    response->set_index_bytes(report->index_bytes);
    response->set_index_files(report->index_files);
    response->set_packs(report->packs);
    response->set_pack_bytes(report->pack_bytes);
    response->set_pack_bytes_copied(report->pack_bytes_copied);
    response->set_objects(report->objects);
    response->set_seconds(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return absl::OkStatus();
  });
}

grpc::Status AdminServiceImpl::Gc(grpc::ServerContext* context, const v1::GcRequest* request,
                                  v1::GcReport* response) {
  return gate_->Run(context, "AdminService/Gc", "", [&](const Caller& caller) -> absl::Status {
    storage::GcOptions options;
    options.dry_run = request->dry_run();
    if (request->has_unlinked_min_age_seconds()) {
      if (request->unlinked_min_age_seconds() < 0) {
        return absl::InvalidArgumentError("unlinked_min_age_seconds must not be negative");
      }
      options.unlinked_min_age_seconds = request->unlinked_min_age_seconds();
    }
    if (request->has_min_dead_percent()) {
      if (request->min_dead_percent() < 1 || request->min_dead_percent() > 100) {
        return absl::InvalidArgumentError("min_dead_percent is between 1 and 100");
      }
      options.min_dead_fraction = request->min_dead_percent() / 100.0;
    }
    const auto start = std::chrono::steady_clock::now();
    auto report = store_->Gc(options, ActorOf(caller));
    if (!report.ok()) return report.status();
    response->set_dry_run(options.dry_run);
    response->set_unlinked_contents(report->unlinked_contents);
    response->set_unlinked_bytes(report->unlinked_bytes);
    response->set_orphan_chunk_groups(report->orphan_locations);
    response->set_orphan_bytes(report->orphan_bytes);
    response->set_packs_repacked(report->repack.packs_repacked);
    response->set_chunks_copied(report->repack.chunks_copied);
    response->set_bytes_copied(report->repack.bytes_copied);
    response->set_bytes_reclaimed(report->repack.bytes_reclaimed);
    response->set_packs_skipped(report->repack.packs_skipped);
    response->set_packs_before(report->packs_before);
    response->set_pack_bytes_before(report->pack_bytes_before);
    response->set_dead_bytes_before(report->dead_bytes_before);
    response->set_packs_after(report->packs_after);
    response->set_pack_bytes_after(report->pack_bytes_after);
    response->set_dead_bytes_after(report->dead_bytes_after);
    response->set_seconds(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return absl::OkStatus();
  });
}

namespace {

v1::MigrateContentProgress ToProto(const storage::ContentMigrationProgress& p) {
  v1::MigrateContentProgress out;
  out.set_phase(p.phase);
  out.set_source(p.source);
  out.set_target(p.target);
  out.set_chunks_total(p.copy.chunks_total);
  out.set_chunks_copied(p.copy.chunks_copied);
  out.set_bytes_copied(p.copy.bytes_copied);
  out.set_chunks_skipped(p.copy.chunks_skipped);
  out.set_contents_verified(p.contents_verified);
  out.set_bytes_verified(p.bytes_verified);
  out.set_seconds(p.seconds);
  if (p.copy.seconds > 0) {
    out.set_copy_mb_per_second(static_cast<double>(p.copy.bytes_copied) / (1 << 20) /
                               p.copy.seconds);
  }
  out.set_left_behind(p.left_behind);
  return out;
}

}  // namespace

grpc::Status AdminServiceImpl::MigrateContent(
    grpc::ServerContext* context, const v1::MigrateContentRequest* request,
    grpc::ServerWriter<v1::MigrateContentProgress>* writer) {
  return gate_->Run(
      context, "AdminService/MigrateContent", "", [&](const Caller& caller) -> absl::Status {
        storage::MigrateContentOptions options;
        if (request->target() != "packs") {
          auto target = storage::ParseS3Url(request->target());
          if (!target.ok()) {
            return absl::InvalidArgumentError(
                "đích chuyển phải là packs hoặc s3://BUCKET[/PREFIX] (target must be packs or "
                "s3://BUCKET[/PREFIX]): " +
                std::string(target.status().message()));
          }
          if (request->s3_endpoint().empty()) {
            return absl::InvalidArgumentError(
                "chuyển sang s3:// cần --s3-endpoint URL (s3:// needs --s3-endpoint URL)");
          }
          target->endpoint = request->s3_endpoint();
          if (!request->s3_region().empty()) target->region = request->s3_region();
          target->path_style = !request->s3_virtual_hosted();
          options.s3 = std::move(*target);
        }
        // Progress goes out as it comes; a client that went away stops
        // reading it, the migration goes on to the end of its batch.
        options.progress = [&](const storage::ContentMigrationProgress& p) {
          if (!context->IsCancelled()) writer->Write(ToProto(p));
        };
        options.copy.stop_at = [&](std::string_view) {
          return context->IsCancelled()
                     ? absl::CancelledError("the migration was stopped; run it again to resume")
                     : absl::OkStatus();
        };
        auto done = store_->MigrateContent(ActorOf(caller), options);
        return done.status();
      });
}

}  // namespace hoso
