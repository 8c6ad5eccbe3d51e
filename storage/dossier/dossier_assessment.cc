#include "storage/dossier/dossier_assessment.h"

#include <algorithm>
#include <map>

#include "storage/assessment/levels.h"
#include "storage/bagit/bag_assessment.h"
#include "storage/base/clock.h"

namespace hoso::storage {
namespace {

std::string JudgementWord(Judgement j) {
  switch (j) {
    case JUDGEMENT_MET:
      return "dat";
    case JUDGEMENT_NOT_MET:
      return "khong-dat";
    default:
      return "";
  }
}

void AddOnce(google::protobuf::RepeatedPtrField<std::string>* list, const std::string& value) {
  if (std::find(list->begin(), list->end(), value) == list->end()) *list->Add() = value;
}

std::string CriterionName(const Framework& framework, const std::string& code) {
  if (code == kLevel4Criterion) return "Mức 4";
  const Criterion* criterion = FindCriterion(framework, code);
  return criterion != nullptr ? criterion->name() : "";
}

}  // namespace

absl::StatusOr<bag::BagAssessment> MakeBagAssessment(const DossierAssessmentInput& input,
                                                     const std::vector<EvidenceRecord>& items,
                                                     const PayloadPaths& paths) {
  std::map<uint64_t, const EvidenceRecord*> by_id;
  for (const EvidenceRecord& e : items) by_id[e.id()] = &e;

  bag::BagAssessment out;
  out.set_format(kAssessmentFormat);
  out.set_school(input.school->code());
  out.set_school_name(input.school->name());
  out.set_framework(input.framework->id());
  out.set_framework_title(input.framework->title());
  out.set_assessment(input.assessment->id());
  out.set_title(input.assessment->title());
  out.set_first_year(input.assessment->first_year());
  out.set_last_year(input.assessment->last_year());
  out.set_school_level(input.school_level);

  // Codes cited but not in the bag -> the criteria citing them, in order.
  std::vector<std::pair<std::string, std::string>> missing;
  for (const CriterionAssessmentRecord& r : input.approved) {
    bag::BagCriterion* c = out.add_criteria();
    c->set_criterion(r.criterion());
    c->set_name(CriterionName(*input.framework, r.criterion()));
    c->set_revision(r.revision());
    c->set_description(r.description());
    c->set_strengths(r.strengths());
    c->set_weaknesses(r.weaknesses());
    c->set_improvement(r.improvement());
    for (const IndicatorResult& i : r.indicators()) {
      bag::BagIndicator* b = c->add_indicators();
      b->set_level(i.level());
      b->set_code(i.code());
      b->set_judgement(JudgementWord(i.judgement()));
    }
    c->set_level(r.level());
    c->set_writer(r.writer());
    c->set_group(r.group());
    c->set_approved_by(r.reviewed_by());
    if (r.reviewed_unix() != 0) c->set_approved_utc(IsoTimeUtc(r.reviewed_unix()));
    std::map<uint64_t, bag::BagCitation*> cited;  // item id -> its citation here
    for (const CitationRecord& citation : r.citations()) {
      auto item = by_id.find(citation.evidence_id());
      auto files = paths.find(citation.evidence_id());
      if (item == by_id.end() || files == paths.end() || files->second.empty()) {
        auto m = std::find_if(missing.begin(), missing.end(),
                              [&](const auto& p) { return p.first == citation.code(); });
        if (m == missing.end()) {
          missing.push_back({citation.code(), r.criterion()});
        } else if (m->second.find(r.criterion()) == std::string::npos) {
          m->second += ", " + r.criterion();
        }
        continue;
      }
      bag::BagCitation*& b = cited[citation.evidence_id()];
      if (b == nullptr) {
        b = c->add_citations();
        b->set_code(item->second->code());  // as it is now, as index.html shows it
        b->set_title(item->second->title());
        for (const std::string& path : files->second) b->add_files(path);
      }
      AddOnce(b->mutable_written(), citation.written());
      AddOnce(b->mutable_parts(), citation.part());
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& [code, criteria] : missing) {
      list += (list.empty() ? "" : "; ") + code + " (tiêu chí " + criteria + ")";
    }
    return absl::FailedPreconditionError(
        "báo cáo tự đánh giá đã duyệt dẫn minh chứng không có trong hồ sơ này: " + list +
        ". Hồ sơ niêm phong không được dẫn minh chứng mà đoàn đánh giá không mở được: hãy đưa "
        "các minh chứng đó vào hồ sơ (đã duyệt, có tệp, trong phạm vi năm học), hoặc xây dựng "
        "hồ sơ không kèm báo cáo (hoso dossier build --without-assessment)");
  }
  return out;
}

}  // namespace hoso::storage
