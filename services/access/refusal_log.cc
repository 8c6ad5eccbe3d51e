#include "services/access/refusal_log.h"

#include <algorithm>

#include "services/runtime/log.h"

namespace hoso {
namespace {

// The length of the valid UTF-8 character at the start of `s`, or 0.
size_t Utf8Length(std::string_view s) {
  const auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const auto cont = [&](size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(1) > 0x9F) return 0;  // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(1) > 0x8F) return 0;  // beyond U+10FFFF
    return 4;
  }
  return 0;
}

std::string Counts(const std::map<std::string, uint64_t>& counts) {
  std::vector<std::pair<std::string, uint64_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out;
  for (const auto& [what, n] : sorted) {
    out += (out.empty() ? "" : ", ") + what + " " + std::to_string(n);
  }
  return out;
}

}  // namespace

bool IsRefusal(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kUnauthenticated:
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kResourceExhausted:
      return true;
    default:
      return false;
  }
}

std::string SafeUtf8(std::string_view text, size_t max_bytes) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  for (size_t at = 0; at < text.size();) {
    const size_t n = Utf8Length(text.substr(at));
    const std::string_view piece = n == 0 ? kReplacement : text.substr(at, n);
    if (out.size() + piece.size() > max_bytes) {
      if (out.size() + 3 <= max_bytes) out += "…";
      break;
    }
    out += piece;
    at += n == 0 ? 1 : n;
  }
  return out;
}

void RefusalLog::TakePending(Window& window, std::vector<Summary>& out) {
  for (auto& [school, p] : window.pending) {
    Summary s;
    s.actor = {window.actor, p.role};
    s.facts.action = "refused.summary";
    s.facts.school = school;
    // The method refused most often names the entry; the detail has them all.
    s.facts.target = std::max_element(p.methods.begin(), p.methods.end(), [](auto& a, auto& b) {
                       return a.second < b.second;
                     })->first;
    s.facts.detail = std::to_string(p.count) + " more refused calls from " +
                     IsoTimeUtc(p.first_unix) + " to " + IsoTimeUtc(p.last_unix) +
                     ", counted instead of recorded one by one: " + Counts(p.codes) + "; " +
                     Counts(p.methods) + "; the last: " + p.last;
    out.push_back(std::move(s));
  }
  window.pending.clear();
}

void RefusalLog::Write(const storage::Actor& actor, const storage::AuditFacts& facts) {
  if (absl::Status s = audit_->Record(actor, facts); !s.ok()) {
    LogWarning("cannot record a refusal in the audit log: " + std::string(s.message()));
  }
}

void RefusalLog::Record(const Refusal& r) {
  const int64_t now = clock_->NowUnix();
  const std::string message = SafeUtf8(r.message, 1000);
  const std::string code(absl::StatusCodeToString(r.code));
  storage::AuditFacts facts{
      .action = r.code == absl::StatusCode::kPermissionDenied ? "denied" : "refused",
      .school = r.school,
      .target = SafeUtf8(r.method, 200),
      .detail = r.code == absl::StatusCode::kPermissionDenied ? message : code + ": " + message};
  if (!r.peer.empty()) facts.detail += std::string(" (from ") + SafeUtf8(r.peer, 200) + ")";
  // An anonymous caller is known by where they call from.
  std::string host = r.peer.substr(0, r.peer.rfind(':'));
  const std::string key = r.actor.user + (r.peer.empty() ? "" : "@" + host);

  std::vector<Summary> summaries;
  bool in_full = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (windows_.size() >= kMaxCallers && !windows_.count(key)) {
      for (auto& [k, w] : windows_) TakePending(w, summaries);
      windows_.clear();
    }
    // Windows that are over give their counts up (and their memory).
    for (auto it = windows_.begin(); now != last_sweep_unix_ && it != windows_.end();) {
      if (now < it->second.start_unix + kWindowSeconds) {
        ++it;
        continue;
      }
      TakePending(it->second, summaries);
      it = windows_.erase(it);
    }
    last_sweep_unix_ = now;
    Window& w = windows_[key];
    if (w.recorded == 0 && w.pending.empty()) {
      w.start_unix = now;
      w.actor = r.actor.user;
    }
    if (w.recorded < kInFull) {
      ++w.recorded;
      in_full = true;
    } else {
      Pending& p = w.pending[r.school];
      if (p.count == 0) p.first_unix = now;
      p.last_unix = now;
      p.role = r.actor.role;
      ++p.count;
      ++p.codes[code];
      ++p.methods[facts.target];
      p.last = facts.detail;
    }
  }
  for (const Summary& s : summaries) Write(s.actor, s.facts);
  if (in_full) Write(r.actor, facts);
}

void RefusalLog::Flush() {
  std::vector<Summary> summaries;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [key, w] : windows_) TakePending(w, summaries);
  }
  for (const Summary& s : summaries) Write(s.actor, s.facts);
}

}  // namespace hoso
