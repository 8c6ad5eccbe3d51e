#include "storage/framework_catalog.h"

#include <google/protobuf/util/json_util.h>

#include <set>

#include "storage/embedded_frameworks.h"

namespace hoso::storage {

absl::StatusOr<Framework> FrameworkCatalog::Parse(std::string_view json) {
  Framework framework;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &framework, options);
  if (!status.ok()) {
    return absl::InvalidArgumentError("framework file is not valid: " + status.ToString());
  }
  if (framework.id().empty()) return absl::InvalidArgumentError("framework has no id");
  if (framework.standards().empty()) {
    return absl::InvalidArgumentError("framework " + framework.id() + " has no standards");
  }
  std::set<std::string> seen;
  int count = 0;
  for (const Standard& standard : framework.standards()) {
    for (const Criterion& criterion : standard.criteria()) {
      const std::string prefix = std::to_string(standard.number()) + ".";
      if (criterion.code().rfind(prefix, 0) != 0) {
        return absl::InvalidArgumentError("criterion " + criterion.code() +
                                          " is listed under standard " +
                                          std::to_string(standard.number()));
      }
      if (!seen.insert(criterion.code()).second) {
        return absl::InvalidArgumentError("criterion " + criterion.code() + " is listed twice");
      }
      ++count;
    }
  }
  if (framework.criteria_count() != 0 && framework.criteria_count() != count) {
    return absl::InvalidArgumentError(
        "framework " + framework.id() + " declares " + std::to_string(framework.criteria_count()) +
        " criteria but lists " + std::to_string(count));
  }
  return framework;
}

absl::StatusOr<std::unique_ptr<FrameworkCatalog>> FrameworkCatalog::BuiltIn() {
  auto catalog = std::make_unique<FrameworkCatalog>();
  for (std::string_view json : EmbeddedFrameworkFiles()) {
    auto framework = Parse(json);
    if (!framework.ok()) return framework.status();
    const std::string id = framework->id();
    catalog->frameworks_.emplace(id, std::move(*framework));
  }
  return catalog;
}

const Framework* FrameworkCatalog::Find(std::string_view id) const {
  auto it = frameworks_.find(id);
  return it == frameworks_.end() ? nullptr : &it->second;
}

std::vector<std::string> FrameworkCatalog::Ids() const {
  std::vector<std::string> ids;
  for (const auto& [id, framework] : frameworks_) ids.push_back(id);
  return ids;
}

absl::Status FrameworkCatalog::CheckCriterion(const Framework& framework,
                                              std::string_view criterion) {
  std::string first, last;
  for (const Standard& standard : framework.standards()) {
    for (const Criterion& c : standard.criteria()) {
      if (c.code() == criterion) return absl::OkStatus();
      if (first.empty()) first = c.code();
      last = c.code();
    }
  }
  return absl::InvalidArgumentError("criterion " + std::string(criterion) +
                                    " is not in framework " + framework.id() + " (" + first +
                                    "–" + last + ")");
}

}  // namespace hoso::storage
