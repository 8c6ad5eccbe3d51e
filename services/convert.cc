#include "services/convert.h"

#include "storage/sha256.h"

namespace hoso {
namespace {

void SetTime(int64_t unix_seconds, google::protobuf::Timestamp* out) {
  out->set_seconds(unix_seconds);
  out->set_nanos(0);
}

}  // namespace

v1::School ToProto(const storage::SchoolRecord& record) {
  v1::School school;
  school.set_code(record.code());
  school.set_name(record.name());
  school.set_framework(record.framework());
  school.set_code_format(record.code_format());
  SetTime(record.created_unix(), school.mutable_created());
  return school;
}

v1::Evidence ToProto(const storage::EvidenceRecord& record) {
  v1::Evidence e;
  e.set_id(record.id());
  e.set_school(record.school());
  e.set_code(record.code());
  e.set_title(record.title());
  e.set_number(record.number());
  e.set_date(record.date());
  e.set_issuer(record.issuer());
  e.set_kind(static_cast<v1::EvidenceKind>(record.kind()));
  e.set_year(record.year());
  e.set_note(record.note());
  for (const storage::FileRecord& f : record.files()) {
    v1::EvidenceFile* file = e.add_files();
    file->set_name(f.name());
    file->set_original_name(f.original_name());
    file->set_media_type(f.media_type());
    file->set_size(f.size());
    auto digest = DigestFromBytes(f.sha256());
    file->set_sha256(digest ? ToHex(*digest) : "");
  }
  *e.mutable_criteria() = record.criteria();
  *e.mutable_tasks() = record.tasks();
  e.set_uploader(record.uploader());
  SetTime(record.created_unix(), e.mutable_created());
  SetTime(record.updated_unix(), e.mutable_updated());
  e.set_deleted(record.deleted());
  e.set_box(record.box());
  return e;
}

storage::EvidenceRecord DraftFromProto(const v1::Evidence& e) {
  storage::EvidenceRecord r;
  r.set_school(e.school());
  r.set_title(e.title());
  r.set_number(e.number());
  r.set_date(e.date());
  r.set_issuer(e.issuer());
  r.set_kind(e.kind());
  r.set_year(e.year());
  r.set_note(e.note());
  *r.mutable_criteria() = e.criteria();
  *r.mutable_tasks() = e.tasks();
  r.set_box(e.box());
  return r;
}

}  // namespace hoso
