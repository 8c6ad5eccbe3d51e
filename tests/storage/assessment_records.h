#ifndef HOSO_TESTS_STORAGE_ASSESSMENT_RECORDS_H_
#define HOSO_TESTS_STORAGE_ASSESSMENT_RECORDS_H_

// Hand-built records of one small school's self-assessment, for the check's
// and the report's unit tests: two standards, three criteria (2.1 without
// indicator texts), a level-4 list of two items.

#include <string>

#include "storage/index/records.pb.h"

namespace hoso::testing {

inline void AddIndicator(storage::Criterion* c, int level, const std::string& code,
                         const std::string& text) {
  storage::Indicator* i = c->add_indicators();
  i->set_level(level);
  i->set_code(code);
  i->set_text(text);
}

inline storage::Framework SmallFramework() {
  storage::Framework f;
  f.set_id("tt17-test");
  f.set_title("Bộ tiêu chuẩn thử");
  storage::Standard* s1 = f.add_standards();
  s1->set_number(1);
  s1->set_name("Tổ chức và quản lý nhà trường");
  storage::Criterion* c11 = s1->add_criteria();
  c11->set_code("1.1");
  c11->set_name("Phương hướng, chiến lược xây dựng và phát triển nhà trường");
  AddIndicator(c11, 1, "a", "Phù hợp với mục tiêu giáo dục");
  AddIndicator(c11, 1, "b", "Được lập thành văn bản");
  AddIndicator(c11, 2, "a", "Nhà trường có các giải pháp giám sát việc thực hiện");
  AddIndicator(c11, 3, "a", "Định kỳ rà soát, bổ sung, điều chỉnh");
  storage::Criterion* c12 = s1->add_criteria();
  c12->set_code("1.2");
  c12->set_name("Hội đồng trường và các hội đồng khác");
  AddIndicator(c12, 1, "a", "Được thành lập theo quy định");
  AddIndicator(c12, 2, "a", "Hoạt động có hiệu quả");
  AddIndicator(c12, 3, "a", "Góp phần nâng cao chất lượng");
  storage::Standard* s2 = f.add_standards();
  s2->set_number(2);
  s2->set_name("Cán bộ quản lý, giáo viên, nhân viên và học sinh");
  storage::Criterion* c21 = s2->add_criteria();
  c21->set_code("2.1");
  c21->set_name("Đối với hiệu trưởng, phó hiệu trưởng");
  f.set_criteria_count(3);
  for (const char* code : {"1", "2"}) {
    storage::Indicator* i = f.add_level4();
    i->set_level(4);
    i->set_code(code);
    i->set_text(std::string("Nội dung mức 4 số ") + code);
  }
  storage::SchoolLevelRule* rule = f.add_school_levels();
  rule->set_level(1);
  storage::LevelCondition* all = rule->add_all_of();
  all->set_criteria_level(1);
  all->set_min_percent(100);
  return f;
}

inline storage::EvidenceRecord Item(uint64_t id, const std::string& code, const std::string& title,
                                    const std::string& criterion,
                                    storage::ReviewState state = storage::REVIEW_APPROVED) {
  storage::EvidenceRecord e;
  e.set_id(id);
  e.set_school("LQD");
  e.set_code(code);
  e.set_title(title);
  e.add_criteria(criterion);
  e.set_review_state(state);
  return e;
}

inline storage::IndicatorResult Result(int level, const std::string& code,
                                       storage::Judgement judgement) {
  storage::IndicatorResult r;
  r.set_level(level);
  r.set_code(code);
  r.set_judgement(judgement);
  return r;
}

inline storage::CitationRecord Citation(const std::string& written, uint64_t id,
                                        const std::string& part = "description") {
  storage::CitationRecord c;
  c.set_written(written);
  c.set_code("[" + written + "]");
  c.set_evidence_id(id);
  c.set_part(part);
  return c;
}

inline storage::TaskRecord Task(const std::string& criterion) {
  storage::TaskRecord t;
  t.set_school("LQD");
  t.set_criterion(criterion);
  t.set_content("Rà soát phương hướng chiến lược");
  return t;
}

}  // namespace hoso::testing

#endif  // HOSO_TESTS_STORAGE_ASSESSMENT_RECORDS_H_
