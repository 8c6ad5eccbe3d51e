#include "clients/app/output.h"

#include <google/protobuf/util/json_util.h>

#include <cstdio>
#include <map>

#include "clients/app/table.h"

namespace hoso::cli {

void PrintJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  std::printf("%s\n", json.c_str());
}

std::string KindName(v1::EvidenceKind kind) {
  switch (kind) {
    case v1::EVIDENCE_KIND_MINUTES:
      return "minutes";
    case v1::EVIDENCE_KIND_DECISION:
      return "decision";
    case v1::EVIDENCE_KIND_PLAN:
      return "plan";
    case v1::EVIDENCE_KIND_REPORT:
      return "report";
    case v1::EVIDENCE_KIND_PHOTO:
      return "photo";
    case v1::EVIDENCE_KIND_OTHER:
      return "other";
    default:
      return "-";
  }
}

v1::EvidenceKind ParseKind(const std::string& name) {
  static const std::map<std::string, v1::EvidenceKind> kNames = {
      {"minutes", v1::EVIDENCE_KIND_MINUTES},   {"biên bản", v1::EVIDENCE_KIND_MINUTES},
      {"decision", v1::EVIDENCE_KIND_DECISION}, {"quyết định", v1::EVIDENCE_KIND_DECISION},
      {"plan", v1::EVIDENCE_KIND_PLAN},         {"kế hoạch", v1::EVIDENCE_KIND_PLAN},
      {"report", v1::EVIDENCE_KIND_REPORT},     {"báo cáo", v1::EVIDENCE_KIND_REPORT},
      {"photo", v1::EVIDENCE_KIND_PHOTO},       {"ảnh", v1::EVIDENCE_KIND_PHOTO},
      {"other", v1::EVIDENCE_KIND_OTHER},       {"khác", v1::EVIDENCE_KIND_OTHER},
  };
  auto it = kNames.find(name);
  return it == kNames.end() ? v1::EVIDENCE_KIND_UNSPECIFIED : it->second;
}

namespace {

std::string Join(const google::protobuf::RepeatedPtrField<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "-" : out;
}

uint64_t TotalBytes(const v1::Evidence& e) {
  uint64_t total = 0;
  for (const auto& f : e.files()) total += f.size();
  return total;
}

}  // namespace

std::string ReviewName(v1::ReviewState state) {
  switch (state) {
    case v1::REVIEW_STATE_APPROVED:
      return "approved";
    case v1::REVIEW_STATE_RETURNED:
      return "returned";
    default:
      return "waiting for review";
  }
}

void PrintEvidence(const v1::Evidence& e) {
  std::printf("#%llu %s%s%s\n", static_cast<unsigned long long>(e.id()),
              e.code().empty() ? "" : (e.code() + " ").c_str(), e.title().c_str(),
              e.deleted() ? "  (deleted)" : "");
  std::printf("  school %s · criteria %s · tasks %s\n", e.school().c_str(),
              Join(e.criteria()).c_str(), Join(e.tasks()).c_str());
  std::printf(
      "  kind %s · year %s · number %s · date %s · issuer %s\n", KindName(e.kind()).c_str(),
      e.year().empty() ? "-" : e.year().c_str(), e.number().empty() ? "-" : e.number().c_str(),
      e.date().empty() ? "-" : e.date().c_str(), e.issuer().empty() ? "-" : e.issuer().c_str());
  if (!e.note().empty()) std::printf("  note %s\n", e.note().c_str());
  std::printf("  uploaded by %s · %s%s%s\n", e.uploader().c_str(),
              ReviewName(e.review_state()).c_str(),
              e.reviewer().empty() ? "" : (" by " + e.reviewer()).c_str(),
              e.review_reason().empty() ? "" : (": " + e.review_reason()).c_str());
  for (const std::string& damage : e.damage()) std::printf("  DAMAGED %s\n", damage.c_str());
  for (int i = 0; i < e.files_size(); ++i) {
    const auto& f = e.files(i);
    std::printf("  [%d] %s  %s  %s  sha256 %s\n", i, f.name().c_str(), HumanBytes(f.size()).c_str(),
                f.media_type().c_str(), f.sha256().c_str());
  }
}

void PrintEvidenceTable(const v1::ListEvidenceResponse& list) {
  const Table table({Left(6), Left(14), Left(10), Right(6), Right(10), Left(0, "  ")});
  table.Print({"ID", "CODE", "CRITERIA", "FILES", "SIZE", "TITLE"});
  for (const auto& e : list.evidence()) {
    const char* mark = e.deleted()                                     ? " (deleted)"
                       : e.damage_size() > 0                           ? " (DAMAGED)"
                       : e.review_state() == v1::REVIEW_STATE_APPROVED ? " (approved)"
                       : e.review_state() == v1::REVIEW_STATE_RETURNED ? " (returned)"
                                                                       : "";
    table.Print({std::to_string(e.id()), e.code().empty() ? "-" : e.code(), Join(e.criteria()),
                 std::to_string(e.files_size()), HumanBytes(TotalBytes(e)), e.title() + mark});
  }
  std::printf("%d item(s)\n", list.evidence_size());
}

void PrintSchools(const v1::ListSchoolsResponse& list) {
  const Table table({Left(12), Left(12), Left(0)});
  table.Print({"CODE", "FRAMEWORK", "NAME"});
  for (const auto& s : list.schools()) table.Print({s.code(), s.framework(), s.name()});
}

}  // namespace hoso::cli
