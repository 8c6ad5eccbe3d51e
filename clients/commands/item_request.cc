#include "clients/commands/item_request.h"

#include "clients/app/output.h"

namespace hoso::cli {

v1::CreateEvidenceRequest ItemRequest(const GlobalOptions& options, const UploadArgs& args,
                                      const std::string& title,
                                      const std::vector<std::string>& criteria,
                                      const std::vector<const LocalFile*>& files) {
  v1::CreateEvidenceRequest request;
  v1::Evidence* e = request.mutable_evidence();
  e->set_school(options.school);
  e->set_title(title);
  e->set_number(args.number);
  e->set_date(args.date);
  e->set_issuer(args.issuer);
  e->set_kind(ParseKind(args.kind));
  e->set_year(args.year);
  e->set_note(args.note);
  e->set_box(args.box);
  for (const auto& c : criteria) e->add_criteria(c);
  for (const auto& t : args.tasks) e->add_tasks(t);
  for (const LocalFile* f : files) {
    v1::NewFile* file = request.add_files();
    file->set_name(f->name);
    file->set_media_type(f->media_type);
    file->set_sha256(ToHex(f->sha256));
  }
  return request;
}

}  // namespace hoso::cli
