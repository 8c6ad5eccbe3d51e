#ifndef HOSO_SERVICES_CONVERT_H_
#define HOSO_SERVICES_CONVERT_H_

#include "hoso/v1/hoso.pb.h"
#include "storage/assessment/assessment_store.h"
#include "storage/base/source_table.h"
#include "storage/index/records.pb.h"
#include "storage/reports/task_views.h"

namespace hoso {

// Storage records <-> the public contract. Hashes are raw bytes inside,
// lower-case hex outside; times are unix seconds inside, Timestamps outside.
v1::School ToProto(const storage::SchoolRecord& record);
v1::Evidence ToProto(const storage::EvidenceRecord& record);
v1::User ToProto(const storage::UserRecord& record);
v1::TokenInfo ToProto(const storage::TokenRecord& record);
v1::AuditEntry ToProto(const storage::AuditRecord& record);
v1::Framework ToProto(const storage::Framework& framework, bool built_in);
// Overdue is computed at `now_unix`; evidence ids and codes are filled by
// the caller.
v1::PlanTask ToProto(const storage::TaskRecord& task, int64_t now_unix);
v1::PlanTask ToProto(const storage::TaskView& view);
storage::TaskRecord TaskFromProto(const v1::PlanTask& task);
// The client-settable fields of a new evidence item.
storage::EvidenceRecord DraftFromProto(const v1::Evidence& evidence);
// The self-assessment: an assessment alone (lists) or with its criteria and
// levels (GetAssessment), one revision of a criterion, and what a writer sends.
v1::Assessment ToProto(const storage::AssessmentRecord& record);
v1::Assessment ToProto(const storage::AssessmentView& view);
v1::CriterionAssessment ToProto(const storage::CriterionAssessmentRecord& record);
storage::CriterionDraft DraftFromProto(const v1::CriterionAssessment& criterion);
// A table a client decoded from a document (plan and catalogue imports).
storage::SourceTable TableFromProto(const v1::Table& table);

}  // namespace hoso

#endif  // HOSO_SERVICES_CONVERT_H_
