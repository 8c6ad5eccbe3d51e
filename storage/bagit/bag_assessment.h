#ifndef HOSO_STORAGE_BAGIT_BAG_ASSESSMENT_H_
#define HOSO_STORAGE_BAGIT_BAG_ASSESSMENT_H_

// The self-assessment a sealed dossier carries, one definition for both
// sides: hosod writes it (storage/dossier/dossier_assessment.h), `hoso verify`
// reads it from a hostile archive. In the bag:
//   data/tu-danh-gia/bao-cao-tu-danh-gia.html  the report (PL6), cited codes linking to the files
//   data/tu-danh-gia/bao-cao-tu-danh-gia.docx  the same as a Word document
//   data/tu-danh-gia/danh-gia.json             the assessment as data (bag_assessment.proto):
//     school, years, framework, the school's level, and per criterion its
//     approved revision (texts, indicator results, level, writer, approver)
//     with its citations, each with the item's code and the bag paths of its
//     files.
// All three are payload files: the manifest, the tag manifest and so the
// signature cover them.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "storage/bagit/bag_assessment.pb.h"

namespace hoso::storage {

inline constexpr char kAssessmentFolder[] = "data/tu-danh-gia/";
inline constexpr char kAssessmentFile[] = "data/tu-danh-gia/danh-gia.json";
inline constexpr char kReportHtmlFile[] = "data/tu-danh-gia/bao-cao-tu-danh-gia.html";
inline constexpr char kReportDocxFile[] = "data/tu-danh-gia/bao-cao-tu-danh-gia.docx";
// The format's name and major version: a reader refuses any other.
inline constexpr char kAssessmentFormat[] = "hoso-danh-gia/1";
// A reader refuses a larger danh-gia.json (thousands of criteria citing
// thousands of files stay far below it).
inline constexpr uint64_t kMaxAssessmentBytes = 32ull << 20;

// The file's bytes: pretty-printed proto3 JSON with the proto's field names.
std::string BagAssessmentJson(const bag::BagAssessment& assessment);

// Reads danh-gia.json as hostile input: at most kMaxAssessmentBytes, proto3
// JSON of this format (unknown fields are ignored, so a newer minor version
// reads), every file path a plain relative path under data/ (no "..", ".",
// empty segments, backslashes or control characters), returned in NFC as
// manifests are read. InvalidArgument with the reason otherwise.
absl::StatusOr<bag::BagAssessment> ParseBagAssessment(std::string_view json);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_BAGIT_BAG_ASSESSMENT_H_
