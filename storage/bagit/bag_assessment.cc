#include "storage/bagit/bag_assessment.h"

#include <google/protobuf/util/json_util.h>

#include "storage/bagit/bag_format.h"
#include "storage/base/text.h"

namespace hoso::storage {
namespace {

absl::Status Refuse(const std::string& why) {
  return absl::InvalidArgumentError(std::string(kAssessmentFile) + ": " + why);
}

// Why `path` is not a plain relative path under data/, or "".
std::string UnsafeBagPath(const std::string& path) {
  if (path.rfind(kPayloadDir, 0) != 0) return "the file path " + path + " is not under data/";
  if (path.find('\\') != std::string::npos) return "backslash in the file path " + path;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string_view part(path.data() + start, end - start);
    if (part.empty() || part == "." || part == "..") {
      return "the file path " + path + " leaves data/ or has an empty part";
    }
    start = end + 1;
  }
  return "";
}

}  // namespace

std::string BagAssessmentJson(const bag::BagAssessment& assessment) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(assessment, &json, options);
  return json;
}

absl::StatusOr<bag::BagAssessment> ParseBagAssessment(std::string_view json) {
  if (json.size() > kMaxAssessmentBytes) {
    return Refuse("larger than " + std::to_string(kMaxAssessmentBytes >> 20) + " MiB");
  }
  bag::BagAssessment out;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  auto parsed = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &out, options);
  if (!parsed.ok()) return Refuse("not readable: " + std::string(parsed.message()));
  if (out.format() != kAssessmentFormat) {
    return Refuse("format \"" + out.format() + "\" is not " + kAssessmentFormat);
  }
  for (bag::BagCriterion& criterion : *out.mutable_criteria()) {
    if (criterion.criterion().empty()) return Refuse("a criterion has no code");
    for (bag::BagCitation& citation : *criterion.mutable_citations()) {
      if (citation.code().empty()) {
        return Refuse("criterion " + criterion.criterion() + " cites an item without a code");
      }
      for (std::string& file : *citation.mutable_files()) {
        auto clean = text::CleanText("a file path", file, 4096);
        if (!clean.ok()) return Refuse(std::string(clean.status().message()));
        if (std::string why = UnsafeBagPath(*clean); !why.empty()) return Refuse(why);
        file = std::move(*clean);
      }
    }
  }
  return out;
}

}  // namespace hoso::storage
