#include "storage/evidence/evidence_rules.h"

#include <set>
#include <string>

#include "storage/base/error_reason.h"
#include "storage/base/text.h"
#include "storage/frameworks/framework_catalog.h"

namespace hoso::storage {
namespace {

// Cleans a text field in place.
absl::Status Clean(std::string_view field, std::string* value, size_t max, bool multiline = false) {
  auto clean = text::CleanText(field, *value, max, multiline);
  if (!clean.ok()) return clean.status();
  *value = std::move(*clean);
  return absl::OkStatus();
}

// Cleans a list of codes, dropping duplicates and keeping order.
absl::Status CleanCodes(std::string_view field,
                        google::protobuf::RepeatedPtrField<std::string>* codes) {
  if (codes->size() > kMaxLinksPerItem) {
    return absl::InvalidArgumentError("too many " + std::string(field) + " links (limit " +
                                      std::to_string(kMaxLinksPerItem) + ")");
  }
  std::set<std::string> seen;
  google::protobuf::RepeatedPtrField<std::string> out;
  for (std::string code : *codes) {
    if (absl::Status s = Clean(field, &code, kMaxCodeBytes); !s.ok()) return s;
    if (code.empty()) return absl::InvalidArgumentError("an empty " + std::string(field));
    if (seen.insert(code).second) *out.Add() = std::move(code);
  }
  codes->Swap(&out);
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateBox(int box) {
  if (box >= 0 && box <= kMaxBox) return absl::OkStatus();
  return WithReason(
      absl::InvalidArgumentError(
          "số hộp " + std::to_string(box) + " không hợp lệ: hộp minh chứng đánh số từ 1 đến " +
          std::to_string(kMaxBox) + "; bỏ trống để lấy số của tiêu chuẩn (box must be 1 to " +
          std::to_string(kMaxBox) + ")"),
      reason::kInvalidArgument, {{"field", "box"}});
}

absl::Status NormalizeEvidence(const Framework& framework, EvidenceRecord& record) {
  if (absl::Status s = Clean("title", record.mutable_title(), kMaxTitleBytes); !s.ok()) return s;
  if (record.title().empty()) {
    return WithReason(absl::InvalidArgumentError("evidence needs a title (--title)"),
                      reason::kInvalidArgument, {{"field", "title"}});
  }
  for (auto [field, value] : {std::pair{"number", record.mutable_number()},
                              std::pair{"issuer", record.mutable_issuer()}}) {
    if (absl::Status s = Clean(field, value, kMaxFieldBytes); !s.ok()) return s;
  }
  if (absl::Status s = Clean("note", record.mutable_note(), kMaxNoteBytes, true); !s.ok()) return s;
  if (!record.date().empty()) {
    if (absl::Status s = text::ValidateDate(record.date()); !s.ok()) return s;
  }
  if (!record.year().empty()) {
    if (absl::Status s = text::ValidateSchoolYear(record.year()); !s.ok()) return s;
  }
  if (record.kind() < 0 || record.kind() > 6) {
    return WithReason(
        absl::InvalidArgumentError("unknown evidence kind " + std::to_string(record.kind())),
        reason::kInvalidArgument, {{"field", "kind"}});
  }
  if (absl::Status s = CleanCodes("criterion", record.mutable_criteria()); !s.ok()) return s;
  if (record.criteria().empty()) {
    return WithReason(absl::InvalidArgumentError(
                          "evidence must be linked to at least one criterion (--criterion)"),
                      reason::kInvalidArgument, {{"field", "criterion"}});
  }
  for (const std::string& criterion : record.criteria()) {
    if (absl::Status s = FrameworkCatalog::CheckCriterion(framework, criterion); !s.ok()) return s;
  }
  return CleanCodes("task", record.mutable_tasks());
}

}  // namespace hoso::storage
