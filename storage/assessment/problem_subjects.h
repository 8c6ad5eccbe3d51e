#ifndef HOSO_STORAGE_ASSESSMENT_PROBLEM_SUBJECTS_H_
#define HOSO_STORAGE_ASSESSMENT_PROBLEM_SUBJECTS_H_

// How the check names what a problem is about (AssessmentProblem.subject),
// shared with the report so that it marks exactly what the check found.

#include <string>
#include <string_view>
#include <vector>

#include "storage/base/school_code.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

// "2b" for indicator b of level 2; "4.3" for item 3 of the level-4 list.
inline std::string IndicatorSubject(int level, std::string_view code) {
  return std::to_string(level) + (level == 4 ? "." : "") + std::string(code);
}

// A cited code as the check names it: "[H1-1.1-02]".
inline std::string CitationSubject(std::string_view written) {
  std::string subject = "[";
  subject.append(written);
  return subject += ']';
}

// Whether two codes name the same item (the box only when both have one).
inline bool SameCode(const SchoolCode& a, const SchoolCode& b) {
  return a.criterion == b.criterion && a.seq == b.seq &&
         (a.box == 0 || b.box == 0 || a.box == b.box);
}

// The report's own parts (AssessmentRecord.sections) of `framework`, in
// the report's order.
std::vector<std::string> SectionKeys(const Framework& framework);
// How the report names the part `key`: "Kết luận về Tiêu chuẩn 2" for ket-luan-2.
std::string SectionTitle(const std::string& key);

// The indicators of criterion `code` ("M4": the framework's level-4 list).
std::vector<Indicator> IndicatorsOf(const Framework& framework, std::string_view code);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_ASSESSMENT_PROBLEM_SUBJECTS_H_
