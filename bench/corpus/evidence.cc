#include "bench/corpus/evidence.h"

#include <string>

#include "bench/corpus/formats.h"
#include "bench/corpus/vocabulary.h"

namespace hoso::corpus {
namespace {

constexpr size_t kKiB = 1024;
constexpr size_t kMiB = 1024 * kKiB;

std::string Pad(int64_t v, size_t width) {
  std::string s = std::to_string(v);
  return std::string(s.size() < width ? width - s.size() : 0, '0') + s;
}

std::string PhotoTitle(Rng& rng) {
  if (rng.Chance(0.25)) {
    return Cat({"IMG_", Pad(rng.Between(2019, 2024), 4), Pad(rng.Between(1, 12), 2),
                Pad(rng.Between(1, 28), 2), "_", Pad(rng.Between(0, 235959), 6)});
  }
  return Cat({rng.Pick(PhotoTitles()), " ", rng.Pick(Qualifiers()), " (",
              Pad(rng.Between(1, 60), 2), ")"});
}

}  // namespace

double ByteShare(Kind kind) {
  switch (kind) {
    case Kind::kPhoto:
      return 0.6;
    case Kind::kReport:
      return 0.3;
    case Kind::kMinutes:
      return 0.1;
  }
  return 0;
}

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kPhoto:
      return "photo";
    case Kind::kReport:
      return "report";
    case Kind::kMinutes:
      return "minute";
  }
  return "";
}

size_t DrawSize(Rng& rng, Kind kind) {
  switch (kind) {
    case Kind::kPhoto:
      return static_cast<size_t>(rng.Between(1 * kMiB, 6 * kMiB));
    case Kind::kReport:
      return static_cast<size_t>(rng.LogUniform(100 * kKiB, 3 * kMiB));
    case Kind::kMinutes:
      return static_cast<size_t>(rng.LogUniform(2 * kKiB, 50 * kKiB));
  }
  return 0;
}

Evidence MakeEvidence(Rng& rng, TextSource& text, Kind kind, size_t size) {
  switch (kind) {
    case Kind::kPhoto: {
      std::string title = PhotoTitle(rng);
      return {std::move(title), ".jpg", MakePhoto(rng, size)};
    }
    case Kind::kReport: {
      std::string title = Cat({rng.Pick(ReportTitles()), " ", rng.Pick(Qualifiers())});
      if (rng.Chance(0.65)) return {std::move(title), ".pdf", MakePdf(rng, text, size)};
      return {std::move(title), ".docx", MakeDocx(rng, text, size, rng.Real(0.2, 0.6))};
    }
    case Kind::kMinutes: {
      std::string title = Cat({rng.Pick(MinuteTitles()), " ", rng.Pick(Qualifiers())});
      if (rng.Chance(0.7)) return {std::move(title), ".txt", MakeMinutesText(rng, text, size)};
      return {std::move(title), ".docx", MakeDocx(rng, text, size, 0.0)};
    }
  }
  return {};
}

}  // namespace hoso::corpus
