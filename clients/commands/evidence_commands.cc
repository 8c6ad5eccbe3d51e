// The small commands: school, ls, show, rm, edit.
#include <cstdio>

#include "clients/app/commands.h"
#include "clients/app/exit_codes.h"
#include "clients/app/output.h"

namespace hoso::cli {

int FetchEvidence(Connection& c, const GlobalOptions& options, const std::string& ref,
                  const std::string& what, v1::Evidence* evidence) {
  v1::GetEvidenceRequest request;
  request.set_school(options.school);
  request.set_ref(ref);
  if (grpc::Status s = c.evidence().GetEvidence(c.Context().get(), request, evidence); !s.ok()) {
    return ReportRpcError(what, s);
  }
  return kOk;
}

namespace {

int PrintOne(const GlobalOptions& options, const v1::Evidence& evidence) {
  if (options.json) {
    PrintJson(evidence);
  } else {
    PrintEvidence(evidence);
  }
  return kOk;
}

}  // namespace

int RunList(Connection& c, const GlobalOptions& options, const ListArgs& args) {
  v1::ListEvidenceRequest request;
  request.set_school(options.school);
  request.set_criterion(args.criterion);
  request.set_task(args.task);
  if (!args.kind.empty()) {
    request.set_kind(ParseKind(args.kind));
    if (request.kind() == v1::EVIDENCE_KIND_UNSPECIFIED) {
      return ReportError("unknown --kind \"" + args.kind + "\"", kUsage);
    }
  }
  request.set_year(args.year);
  request.set_uploader(args.uploader);
  request.set_include_deleted(args.include_deleted);
  v1::ListEvidenceResponse response;
  if (grpc::Status s = c.evidence().ListEvidence(c.Context().get(), request, &response); !s.ok()) {
    return ReportRpcError("ls", s);
  }
  if (options.json) {
    PrintJson(response);
  } else {
    PrintEvidenceTable(response);
  }
  return kOk;
}

int RunShow(Connection& c, const GlobalOptions& options, const std::string& ref) {
  v1::Evidence evidence;
  if (int code = FetchEvidence(c, options, ref, "show " + ref, &evidence); code != kOk) {
    return code;
  }
  return PrintOne(options, evidence);
}

int RunRemove(Connection& c, const GlobalOptions& options, const std::string& ref) {
  v1::DeleteEvidenceRequest request;
  request.set_school(options.school);
  request.set_ref(ref);
  v1::Evidence evidence;
  if (grpc::Status s = c.evidence().DeleteEvidence(c.Context().get(), request, &evidence);
      !s.ok()) {
    return ReportRpcError("rm " + ref, s);
  }
  if (options.json) return PrintOne(options, evidence);
  std::printf("deleted #%llu %s %s (kept in the archive; its files stay stored)\n",
              static_cast<unsigned long long>(evidence.id()), evidence.code().c_str(),
              evidence.title().c_str());
  return kOk;
}

int RunEdit(Connection& c, const GlobalOptions& options, const EditArgs& a) {
  v1::UpdateEvidenceRequest r;
  r.set_school(options.school);
  r.set_ref(a.ref);
  if (a.set_title) r.set_title(a.title);
  if (a.set_number) r.set_number(a.number);
  if (a.set_date) r.set_date(a.date);
  if (a.set_issuer) r.set_issuer(a.issuer);
  if (a.set_year) r.set_year(a.year);
  if (a.set_note) r.set_note(a.note);
  if (a.set_kind) {
    r.set_kind(ParseKind(a.kind));
    if (r.kind() == v1::EVIDENCE_KIND_UNSPECIFIED) {
      return ReportError("unknown --kind \"" + a.kind + "\"", kUsage);
    }
  }
  r.set_replace_criteria(!a.criteria.empty());
  for (const auto& x : a.criteria) r.add_criteria(x);
  r.set_replace_tasks(!a.tasks.empty());
  for (const auto& x : a.tasks) r.add_tasks(x);
  v1::Evidence evidence;
  if (grpc::Status s = c.evidence().UpdateEvidence(c.Context().get(), r, &evidence); !s.ok()) {
    return ReportRpcError("edit " + a.ref, s);
  }
  return PrintOne(options, evidence);
}

int RunLink(Connection& c, const GlobalOptions& options, const std::string& ref,
            const std::string& criterion, bool unlink) {
  v1::LinkRequest request;
  request.set_school(options.school);
  request.set_ref(ref);
  request.set_criterion(criterion);
  v1::Evidence evidence;
  grpc::Status s = unlink ? c.evidence().UnlinkCriterion(c.Context().get(), request, &evidence)
                          : c.evidence().LinkCriterion(c.Context().get(), request, &evidence);
  if (!s.ok()) return ReportRpcError((unlink ? "unlink " : "link ") + ref, s);
  return PrintOne(options, evidence);
}

int RunRenumber(Connection& c, const GlobalOptions& options, bool apply) {
  v1::RenumberRequest request;
  request.set_school(options.school);
  request.set_apply(apply);
  v1::RenumberResponse response;
  if (grpc::Status s = c.evidence().RenumberCodes(c.Context().get(), request, &response);
      !s.ok()) {
    return ReportRpcError("codes renumber", s);
  }
  if (options.json) {
    PrintJson(response);
    return kOk;
  }
  for (const auto& change : response.changes()) {
    std::printf("%-16s -> %s\n", change.old_code().c_str(), change.new_code().c_str());
  }
  if (response.changes().empty()) {
    std::printf("no gaps: nothing to renumber\n");
  } else if (!apply) {
    std::printf("%d code(s) would change; run again with --apply to renumber\n",
                response.changes_size());
  } else {
    std::printf("%d code(s) renumbered\n", response.changes_size());
  }
  return kOk;
}

int RunSchoolAdd(Connection& c, const GlobalOptions& options, const std::string& code,
                 const std::string& name, const std::string& framework,
                 const std::string& code_format) {
  v1::CreateSchoolRequest request;
  request.mutable_school()->set_code(code);
  request.mutable_school()->set_name(name);
  request.mutable_school()->set_framework(framework);
  request.mutable_school()->set_code_format(code_format);
  v1::School school;
  if (grpc::Status s = c.schools().CreateSchool(c.Context().get(), request, &school); !s.ok()) {
    return ReportRpcError("school add", s);
  }
  if (options.json) {
    PrintJson(school);
  } else {
    std::printf("added school %s: %s (%s)\n", school.code().c_str(), school.name().c_str(),
                school.framework().c_str());
  }
  return kOk;
}

int RunSchoolList(Connection& c, const GlobalOptions& options) {
  v1::ListSchoolsResponse response;
  if (grpc::Status s = c.schools().ListSchools(c.Context().get(), {}, &response); !s.ok()) {
    return ReportRpcError("school ls", s);
  }
  if (options.json) {
    PrintJson(response);
  } else {
    PrintSchools(response);
  }
  return kOk;
}

}  // namespace hoso::cli
