#include "bench/corpus/corpus.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "bench/corpus/files.h"
#include "bench/corpus/formats.h"
#include "bench/corpus/layout.h"
#include "bench/corpus/text.h"
#include "bench/corpus/unicode.h"
#include "bench/corpus/vocabulary.h"

namespace hoso::corpus {
namespace {

constexpr double kGiB = 1024.0 * 1024 * 1024;
constexpr double kDuplicateShare = 0.05;
constexpr double kNearDuplicateShare = 0.05;
constexpr time_t kBaseTime = 1577836800;  // 2020-01-01T00:00:00Z
constexpr time_t kFolderTime = kBaseTime + 5 * 365 * 86400;
constexpr time_t kFileTimeSpan = 4 * 365 * 86400;

struct Planned {
  Kind kind;
  size_t size;
};

struct Written {
  std::string path;  // relative to the root
  Kind kind;
  size_t size;
};

// Fills each kind's byte budget with sizes drawn for it, then shuffles, so
// kinds mix in every folder. The last file of a kind takes what is left.
std::vector<Planned> PlanBase(Rng& rng, double base_bytes) {
  std::vector<Planned> plan;
  for (Kind kind : kKinds) {
    double budget = base_bytes * ByteShare(kind);
    while (budget > 0) {
      const size_t drawn = DrawSize(rng, kind);
      const size_t size = std::min(drawn, static_cast<size_t>(std::max(budget, 2048.0)));
      plan.push_back({kind, size});
      budget -= static_cast<double>(size);
    }
  }
  rng.Shuffle(plan);
  return plan;
}

// share of the files of each kind, at least one: duplicates then take about
// share of both the count and the bytes.
std::vector<const Written*> PickPerKind(Rng& rng, const std::vector<Written>& files, double share) {
  std::vector<const Written*> picked;
  for (Kind kind : kKinds) {
    std::vector<const Written*> pool;
    for (const Written& f : files) {
      if (f.kind == kind) pool.push_back(&f);
    }
    const size_t n = std::min(
        pool.size(), std::max<size_t>(1, std::lround(static_cast<double>(pool.size()) * share)));
    for (size_t i = 0; i < n; ++i) {  // a partial Fisher-Yates: n distinct files
      std::swap(pool[i], pool[static_cast<size_t>(rng.Between(
                             static_cast<int64_t>(i), static_cast<int64_t>(pool.size()) - 1))]);
      picked.push_back(pool[i]);
    }
  }
  return picked;
}

// Overwrites 1-8 bytes; in text files only ASCII bytes, with ASCII, so a
// revised minute stays valid UTF-8.
void Revise(Rng& rng, std::string& data, bool is_text) {
  const int64_t edits = rng.Between(1, 8);
  for (int64_t k = 0; k < edits && !data.empty(); ++k) {
    size_t i = static_cast<size_t>(rng.Between(0, static_cast<int64_t>(data.size()) - 1));
    auto& byte = reinterpret_cast<unsigned char&>(data[i]);
    if (!is_text) {
      byte = static_cast<unsigned char>(byte + rng.Between(1, 255));
      continue;
    }
    while (data[i] & 0x80 && i + 1 < data.size()) ++i;
    if (!(data[i] & 0x80)) data[i] = "abcdefghijklmnopqrstuvwxyz0123456789"[rng.Between(0, 35)];
  }
}

class Generator {
 public:
  explicit Generator(const Options& options)
      : options_(options), rng_(options.seed), text_(rng_), layout_(rng_) {}

  absl::StatusOr<Summary> Run();

 private:
  time_t FileTime() { return kBaseTime + rng_.Between(0, kFileTimeSpan); }
  absl::Status Write(const std::string& path, const std::string& data, Kind kind);
  absl::Status WriteBase();
  absl::Status WriteDuplicates();
  absl::Status WriteNearDuplicates();
  absl::Status WriteOddities();
  absl::Status SetFolderTimes();

  const Options& options_;
  Rng rng_;
  TextSource text_;
  Layout layout_;
  std::vector<Written> base_;
  std::set<std::string> folders_;  // every folder written to, relative
  Summary summary_;
};

absl::Status Generator::Write(const std::string& path, const std::string& data, Kind kind) {
  if (absl::Status s = WriteFile(options_.root + "/" + path, data, FileTime()); !s.ok()) return s;
  summary_.kinds[static_cast<int>(kind)].Add(data.size());
  summary_.total.Add(data.size());
  const std::string name = path.substr(path.rfind('/') + 1);
  if (ToNfc(name) != name) ++summary_.nfd_names;
  for (size_t at = path.find('/'); at != std::string::npos; at = path.find('/', at + 1)) {
    folders_.insert(path.substr(0, at));
  }
  return absl::OkStatus();
}

absl::Status Generator::WriteBase() {
  const double base_bytes = options_.scale * kGiB / (1 + kDuplicateShare + kNearDuplicateShare);
  for (const Planned& p : PlanBase(rng_, base_bytes)) {
    Evidence e = MakeEvidence(rng_, text_, p.kind, p.size);
    const std::string path = layout_.Place(e.title, e.ext);
    if (absl::Status s = Write(path, e.data, p.kind); !s.ok()) return s;
    base_.push_back({path, p.kind, e.data.size()});
  }
  return absl::OkStatus();
}

// The same evidence filed again at another path, sometimes marked as a
// copy; a third of them as Windows leaves a copy, "X (2).docx" beside the
// original, with its code: what dedup is for.
absl::Status Generator::WriteDuplicates() {
  for (const Written* src : PickPerKind(rng_, base_, kDuplicateShare)) {
    absl::StatusOr<std::string> data = ReadFile(options_.root + "/" + src->path);
    if (!data.ok()) return data.status();
    std::string title = Layout::TitleOf(src->path);
    if (rng_.Chance(0.3)) title = "Bản sao - " + title;
    const std::string ext = src->path.substr(src->path.rfind('.'));
    const std::string path =
        rng_.Chance(0.33) ? layout_.CopyBeside(src->path) : layout_.Place(title, ext);
    if (absl::Status s = Write(path, *data, src->kind); !s.ok()) return s;
    summary_.duplicates.Add(data->size());
  }
  return absl::OkStatus();
}

// A later revision of a file with a few bytes changed: same size, nearly the
// same chunks, a different hash.
absl::Status Generator::WriteNearDuplicates() {
  for (const Written* src : PickPerKind(rng_, base_, kNearDuplicateShare)) {
    absl::StatusOr<std::string> data = ReadFile(options_.root + "/" + src->path);
    if (!data.ok()) return data.status();
    const std::string ext = src->path.substr(src->path.rfind('.'));
    Revise(rng_, *data, ext == ".txt");
    const std::string revision = std::to_string(rng_.Between(2, 4));
    const std::string title = Layout::TitleOf(src->path) + " (sửa lần " + revision + ")";
    if (absl::Status s = Write(layout_.Place(title, ext), *data, src->kind); !s.ok()) return s;
    summary_.near_duplicates.Add(data->size());
  }
  return absl::OkStatus();
}

// An empty note in the last criterion, and two decisions in criterion 1.1
// whose names look the same but are NFC and NFD: two files on Linux, one
// name to a person (without a code, as a school's archive has a few).
absl::Status Generator::WriteOddities() {
  const Criterion last{5, kCriteriaPerStandard[4]};
  const std::string empty = layout_.PlaceUnder(last, "Ghi chú (trống)", ".txt");
  if (absl::Status s = Write(empty, "", Kind::kMinutes); !s.ok()) return s;
  const std::string name = "Quyết định bổ nhiệm hiệu trưởng.txt";
  const std::string dir = Layout::CriterionDir({1, 1}) + "/";
  for (const std::string& twin : {dir + ToNfc(name), dir + ToNfd(name)}) {
    layout_.Reserve(twin);
    const size_t size = static_cast<size_t>(rng_.Between(3 * 1024, 8 * 1024));
    if (absl::Status s = Write(twin, MakeMinutesText(rng_, text_, size), Kind::kMinutes); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

// Writing a file changes its folder's mtime, so folders get theirs last,
// deepest first, and every criterion folder exists even when a tiny scale
// left it empty.
absl::Status Generator::SetFolderTimes() {
  for (Criterion c : Layout::Criteria()) {
    const std::string dir = Layout::CriterionDir(c);
    if (absl::Status s = MakeFolder(options_.root + "/" + dir); !s.ok()) return s;
    folders_.insert(dir);
    folders_.insert(dir.substr(0, dir.find('/')));
  }
  std::vector<std::string> deepest_first(folders_.begin(), folders_.end());
  std::stable_sort(
      deepest_first.begin(), deepest_first.end(), [](const std::string& a, const std::string& b) {
        return std::count(a.begin(), a.end(), '/') > std::count(b.begin(), b.end(), '/');
      });
  for (const std::string& dir : deepest_first) {
    if (absl::Status s = SetMtime(options_.root + "/" + dir, kFolderTime); !s.ok()) return s;
  }
  summary_.folders = static_cast<int64_t>(folders_.size()) + 1;
  return SetMtime(options_.root, kFolderTime);
}

absl::StatusOr<Summary> Generator::Run() {
  for (auto step :
       {&Generator::WriteBase, &Generator::WriteDuplicates, &Generator::WriteNearDuplicates,
        &Generator::WriteOddities, &Generator::SetFolderTimes}) {
    if (absl::Status s = (this->*step)(); !s.ok()) return s;
  }
  return summary_;
}

}  // namespace

absl::StatusOr<Summary> Generate(const Options& options) { return Generator(options).Run(); }

}  // namespace hoso::corpus
