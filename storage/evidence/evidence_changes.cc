// What changed between two versions of an item: for review and the audit log.
#include "storage/evidence/evidence_changes.h"

#include "storage/evidence/evidence_store.h"

namespace hoso::storage {
namespace {

// A value as the audit log shows it: quoted, with control characters escaped
// so that one entry stays one line.
std::string Quoted(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[(c >> 4) & 0xf];
      out += kHex[c & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string Joined(const google::protobuf::RepeatedPtrField<std::string>& items) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : " ") + item;
  return joined;
}

}  // namespace

bool DescriptionChanged(const EvidenceRecord& before, const EvidenceRecord& after) {
  return before.title() != after.title() || before.number() != after.number() ||
         before.date() != after.date() || before.issuer() != after.issuer() ||
         before.kind() != after.kind() || before.year() != after.year() ||
         before.note() != after.note();
}

std::string DescribeChange(const EvidenceRecord& before, const EvidenceRecord& after) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  auto text = [&](const char* what, const std::string& old_value, const std::string& new_value) {
    if (old_value != new_value)
      add(std::string(what) + " " + Quoted(old_value) + " → " + Quoted(new_value));
  };
  text("title", before.title(), after.title());
  text("number", before.number(), after.number());
  text("date", before.date(), after.date());
  text("issuer", before.issuer(), after.issuer());
  if (before.kind() != after.kind()) {
    add(std::string("kind ") + std::to_string(before.kind()) + " → " +
        std::to_string(after.kind()));
  }
  text("year", before.year(), after.year());
  text("note", before.note(), after.note());
  if (before.deleted() != after.deleted()) add("deleted");
  text("criteria", Joined(before.criteria()), Joined(after.criteria()));
  text("tasks", Joined(before.tasks()), Joined(after.tasks()));
  if (ReviewStateOf(before) != ReviewStateOf(after)) {
    if (ReviewStateOf(before) == REVIEW_APPROVED && ReviewStateOf(after) == REVIEW_SUBMITTED) {
      add("approval by " + before.reviewer() + " withdrawn: back to review");
    } else {
      add("review state");
    }
  }
  if (!after.review_reason().empty() && before.review_reason() != after.review_reason()) {
    out += (out.empty() ? "" : ": ") + after.review_reason();
  }
  return out.empty() ? "no change" : out;
}

}  // namespace hoso::storage
