#include "services/report_service.h"

#include "hoso/v1/limits.h"
#include "storage/base/text.h"
#include "storage/store.h"

namespace hoso {

grpc::Status ReportServiceImpl::Coverage(grpc::ServerContext* context,
                                         const v1::CoverageRequest* request,
                                         v1::CoverageResponse* response) {
  return gate_->Run(
      context, "ReportService/Coverage", request->school(), [&](const Caller&) -> absl::Status {
        if (!request->year().empty()) {
          if (absl::Status s = text::ValidateSchoolYear(request->year()); !s.ok()) return s;
        }
        auto rows = store_->reports().Coverage(request->school(), request->year());
        if (!rows.ok()) return rows.status();
        for (const auto& row : *rows) {
          v1::CriterionCoverage* out = response->add_criteria();
          out->set_criterion(row.criterion);
          out->set_name(row.name);
          out->set_items(row.items);
          out->set_files(row.files);
          out->set_bytes(row.bytes);
          out->set_tasks(row.tasks);
          out->set_tasks_overdue(row.tasks_overdue);
          out->set_tasks_without_evidence(row.tasks_without_evidence);
          out->set_items_without_files(row.items_without_files);
          response->set_criteria_covered(response->criteria_covered() + (row.items > 0 ? 1 : 0));
        }
        response->set_criteria_total(static_cast<uint32_t>(rows->size()));
        return absl::OkStatus();
      });
}

grpc::Status ReportServiceImpl::Catalogue(grpc::ServerContext* context,
                                          const v1::CatalogueRequest* request,
                                          grpc::ServerWriter<v1::CatalogueChunk>* writer) {
  return gate_->Run(
      context, "ReportService/Catalogue", request->school(), [&](const Caller&) -> absl::Status {
        auto catalogue = store_->reports().BuildCatalogue(request->school(), request->year());
        if (!catalogue.ok()) return catalogue.status();
        auto school = store_->schools().Get(request->school());
        if (!school.ok()) return school.status();
        const std::string title = storage::CatalogueTitle(school->name(), request->year());
        std::string bytes;
        if (request->format() == v1::CATALOGUE_FORMAT_XLSX) {
          auto xlsx = storage::CatalogueXlsx(*catalogue, title, store_->scratch_dir());
          if (!xlsx.ok()) return xlsx.status();
          bytes = std::move(*xlsx);
        } else {
          bytes = storage::CatalogueCsv(*catalogue, title);
        }
        v1::CatalogueChunk chunk;
        for (size_t at = 0; at < bytes.size() || at == 0; at += v1::kDataMessageBytes) {
          chunk.set_data(bytes.substr(at, v1::kDataMessageBytes));
          if (!writer->Write(chunk)) return absl::CancelledError("the client stopped reading");
          if (bytes.empty()) break;
        }
        return absl::OkStatus();
      });
}

}  // namespace hoso
