#include "storage/frameworks/framework_catalog.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "storage/base/error_reason.h"
#include "storage/frameworks/embedded_frameworks.h"
#include "storage/frameworks/evidence_code.h"
#include "storage/frameworks/framework_checks.h"
#include "storage/frameworks/json_lines.h"

namespace hoso::storage {

namespace {

// The line of byte `offset`, counting from 1.
int LineAt(std::string_view text, size_t offset) {
  return 1 + static_cast<int>(
                 std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

// Finds the first JSON syntax error; returns its line and reason, or 0.
std::pair<int, std::string> JsonSyntaxError(std::string_view t) {
  std::vector<char> stack;
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',' || c == ':') continue;
    if (c == '"') {
      for (++i; i < t.size() && t[i] != '"'; ++i) {
        if (t[i] == '\\' && ++i == t.size()) break;  // an escape at the very end
        if (t[i] == '\n') return {LineAt(t, i), "a string is not closed"};
      }
      if (i >= t.size()) return {LineAt(t, i), "a string is not closed"};
    } else if (c == '{' || c == '[') {
      stack.push_back(c == '{' ? '}' : ']');
    } else if (c == '}' || c == ']') {
      if (stack.empty() || stack.back() != c) {
        return {LineAt(t, i), std::string("unexpected '") + c + "'"};
      }
      stack.pop_back();
    } else if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '+')) {
      return {LineAt(t, i), std::string("unexpected character '") + c + "'"};
    }
  }
  if (!stack.empty()) return {LineAt(t, t.size()), "the file ends inside a { or ["};
  return {0, ""};
}

// The line where `needle` first appears, for errors about a value.
int LineOf(std::string_view text, const std::string& needle) {
  const size_t at = text.find(needle);
  return at == std::string_view::npos ? 0 : LineAt(text, at);
}

absl::Status AtLine(std::string_view text, const std::string& needle, const std::string& why) {
  const int line = LineOf(text, needle);
  return absl::InvalidArgumentError((line ? "line " + std::to_string(line) + ": " : "") + why);
}

}  // namespace

absl::StatusOr<Framework> FrameworkCatalog::Parse(std::string_view json) {
  if (auto [line, why] = JsonSyntaxError(json); line != 0) {
    return absl::InvalidArgumentError("line " + std::to_string(line) + ": " + why);
  }
  Framework framework;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &framework, options);
  if (!status.ok()) {
    return absl::InvalidArgumentError("framework file is not valid: " +
                                      std::string(status.message()));
  }
  if (framework.id().empty())
    return absl::InvalidArgumentError("line 1: the framework has no \"id\"");
  for (char ch : framework.id()) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_' && ch != '.') {
      return AtLine(
          json, "\"id\"",
          "id \"" + framework.id() + "\" may only hold letters, digits, '-', '_' and '.'");
    }
  }
  if (framework.standards().empty()) {
    return AtLine(json, "\"id\"", "framework " + framework.id() + " has no standards");
  }
  if (!framework.evidence_code().format().empty()) {
    if (absl::Status s = ValidateCodeFormat(framework.evidence_code().format()); !s.ok()) {
      return AtLine(json, "\"format\"", std::string(s.message()));
    }
  }
  std::set<std::string> seen;
  int count = 0;
  for (const Standard& standard : framework.standards()) {
    for (const Criterion& criterion : standard.criteria()) {
      const std::string prefix = std::to_string(standard.number()) + ".";
      if (criterion.code().rfind(prefix, 0) != 0) {
        return AtLine(json, "\"" + criterion.code() + "\"",
                      "criterion " + criterion.code() + " is listed under standard " +
                          std::to_string(standard.number()));
      }
      if (!seen.insert(criterion.code()).second) {
        const std::string needle = "\"" + criterion.code() + "\"";
        const size_t first = json.find(needle);
        const size_t second = json.find(needle, first + 1);
        return absl::InvalidArgumentError(
            (second != std::string_view::npos
                 ? "line " + std::to_string(LineAt(json, second)) + ": "
                 : "") +
            "criterion " + criterion.code() + " is listed twice");
      }
      ++count;
    }
  }
  if (framework.criteria_count() != 0 && framework.criteria_count() != count) {
    return AtLine(json, "\"criteria_count\"",
                  "framework " + framework.id() + " declares " +
                      std::to_string(framework.criteria_count()) + " criteria but lists " +
                      std::to_string(count));
  }
  if (absl::Status s = CheckIndicatorsAndRules(framework, JsonLines(json)); !s.ok()) return s;
  return framework;
}

absl::StatusOr<std::unique_ptr<FrameworkCatalog>> FrameworkCatalog::BuiltIn() {
  auto catalog = std::make_unique<FrameworkCatalog>();
  for (std::string_view json : EmbeddedFrameworkFiles()) {
    auto framework = Parse(json);
    if (!framework.ok()) return framework.status();
    if (absl::Status s = catalog->Add(std::move(*framework), true); !s.ok()) return s;
  }
  return catalog;
}

absl::Status FrameworkCatalog::Add(Framework framework, bool built_in) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string id = framework.id();
  if (frameworks_.count(id)) {
    return absl::AlreadyExistsError("framework " + id +
                                    " exists already; give your edition its own id");
  }
  frameworks_.emplace(id, std::make_unique<const Framework>(std::move(framework)));
  built_in_[id] = built_in;
  return absl::OkStatus();
}

const Framework* FrameworkCatalog::Find(std::string_view id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = frameworks_.find(id);
  return it == frameworks_.end() ? nullptr : it->second.get();
}

std::vector<std::string> FrameworkCatalog::Ids() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> ids;
  for (const auto& [id, framework] : frameworks_) ids.push_back(id);
  return ids;
}

std::vector<const Framework*> FrameworkCatalog::All() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<const Framework*> all;
  for (const auto& [id, framework] : frameworks_) all.push_back(framework.get());
  return all;
}

bool FrameworkCatalog::IsBuiltIn(std::string_view id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = built_in_.find(id);
  return it != built_in_.end() && it->second;
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
  return WithReason(
      absl::InvalidArgumentError("criterion " + std::string(criterion) + " is not in framework " +
                                 framework.id() + " (" + first + "–" + last + ")"),
      reason::kUnknownCriterion,
      {{"criterion", std::string(criterion)}, {"framework", framework.id()}});
}

}  // namespace hoso::storage
