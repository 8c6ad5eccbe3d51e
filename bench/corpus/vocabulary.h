#ifndef HOSO_BENCH_CORPUS_VOCABULARY_H_
#define HOSO_BENCH_CORPUS_VOCABULARY_H_

// The Vietnamese data the corpus is made of, all NFC. Each function returns
// the same list for the life of the process.
#include <string>
#include <vector>

namespace hoso::corpus {

// Criteria per standard, as in the lower/upper-secondary accreditation
// circular: 5 standards, 28 criteria.
inline constexpr int kCriteriaPerStandard[] = {10, 4, 6, 2, 6};

const std::vector<std::string>& PhotoTitles();
const std::vector<std::string>& ReportTitles();
const std::vector<std::string>& MinuteTitles();
// Appended to a title: a department, a term, a class, a revision.
const std::vector<std::string>& Qualifiers();
// Words of the administrative prose of reports and minutes.
const std::vector<std::string>& Words();
// Chairs and secretaries of the minutes.
const std::vector<std::string>& People();
// Folder names of the optional school-year level ("Năm học 2019-2020", ...).
const std::vector<std::string>& SchoolYears();

}  // namespace hoso::corpus

#endif  // HOSO_BENCH_CORPUS_VOCABULARY_H_
