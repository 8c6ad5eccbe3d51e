#include "services/access/policy.h"

#include <algorithm>

#include "storage/evidence/evidence_store.h"
#include "storage/frameworks/evidence_code.h"
#include "storage/people/user_store.h"

namespace hoso {
namespace {

using storage::kRoleAdmin;
using storage::kRoleAssessor;
using storage::kRoleSecretary;
using storage::kRoleTeacher;

const std::vector<std::string_view> kStaff = {kRoleAdmin, kRoleSecretary, kRoleTeacher};
const std::vector<std::string_view> kOffice = {kRoleAdmin, kRoleSecretary};
const std::vector<std::string_view> kDossierReaders = {kRoleAdmin, kRoleSecretary, kRoleAssessor};
const std::vector<std::string_view> kAdmin = {kRoleAdmin};

constexpr std::string_view kOwnItems =
    "teacher: own items, until approved; secretary with --standards: items rooted there";

}  // namespace

const std::map<std::string, RpcPolicy, std::less<>>& PolicyTable() {
  static const auto* table = new std::map<std::string, RpcPolicy, std::less<>>{
      {"SchoolService/CreateSchool", {Scope::kServer, {}, "create schools", ""}},
      {"SchoolService/ListSchools",
       {Scope::kAnyone, {}, "list schools", "lists the caller's schools"}},
      {"SchoolService/UpdateSchool", {Scope::kSchool, kAdmin, "change school settings", ""}},
      {"ContentService/StatContent", {Scope::kAnySchool, kStaff, "check stored content", ""}},
      {"ContentService/UploadContent", {Scope::kAnySchool, kStaff, "upload files", ""}},
      {"ContentService/UploadBatch", {Scope::kAnySchool, kStaff, "upload files", ""}},
      {"EvidenceService/CreateEvidence", {Scope::kSchool, kStaff, "add evidence", ""}},
      {"EvidenceService/GetEvidence", {Scope::kSchool, kStaff, "read evidence", ""}},
      {"EvidenceService/ListEvidence", {Scope::kSchool, kStaff, "list evidence", ""}},
      {"EvidenceService/DownloadFile", {Scope::kSchool, kStaff, "download evidence files", ""}},
      {"EvidenceService/UpdateEvidence", {Scope::kSchool, kStaff, "edit evidence", kOwnItems}},
      {"EvidenceService/DeleteEvidence", {Scope::kSchool, kStaff, "delete evidence", kOwnItems}},
      {"EvidenceService/LinkCriterion",
       {Scope::kSchool, kOffice, "link evidence to criteria",
        "secretary with --standards: items rooted there"}},
      {"EvidenceService/UnlinkCriterion",
       {Scope::kSchool, kOffice, "unlink evidence from criteria",
        "secretary with --standards: items rooted there"}},
      {"EvidenceService/RenumberCodes", {Scope::kSchool, kOffice, "renumber evidence codes", ""}},
      {"EvidenceService/ReviewEvidence",
       {Scope::kSchool, kOffice, "review evidence",
        "secretary with --standards: items rooted there"}},
      {"FrameworkService/ListFrameworks", {Scope::kAnyone, {}, "list frameworks", ""}},
      {"FrameworkService/GetFramework", {Scope::kAnyone, {}, "read frameworks", ""}},
      {"FrameworkService/ImportFramework", {Scope::kServer, {}, "import frameworks", ""}},
      {"PlanService/AddTask", {Scope::kSchool, kOffice, "add plan tasks", ""}},
      {"PlanService/UpdateTask", {Scope::kSchool, kOffice, "change plan tasks", ""}},
      {"PlanService/GetTask", {Scope::kSchool, kStaff, "read the plan", ""}},
      {"PlanService/ListTasks", {Scope::kSchool, kStaff, "read the plan", ""}},
      {"PlanService/ImportPlan", {Scope::kSchool, kOffice, "import a plan", ""}},
      {"ReportService/Coverage", {Scope::kSchool, kStaff, "see coverage", ""}},
      {"ReportService/Catalogue", {Scope::kSchool, kStaff, "export the catalogue", ""}},
      {"DossierService/BuildDossier",
       {Scope::kSchool, kOffice, "build dossiers",
        "secretary with --standards: those standards only"}},
      {"DossierService/ListDossiers",
       {Scope::kSchool, kDossierReaders, "list dossiers",
        "assessor: sealed ones, until the role expires"}},
      {"DossierService/GetTagManifest",
       {Scope::kSchool, kDossierReaders, "read a dossier manifest",
        "assessor: sealed ones, until the role expires"}},
      {"DossierService/SealDossier", {Scope::kSchool, kAdmin, "seal dossiers", ""}},
      {"DossierService/DownloadDossier",
       {Scope::kSchool, kDossierReaders, "download dossiers",
        "assessor: sealed ones, until the role expires"}},
      {"AdminService/Fsck", {Scope::kServer, {}, "check the store", ""}},
      {"AdminService/Backup", {Scope::kServer, {}, "back up the server", ""}},
      {"AdminService/Gc", {Scope::kServer, {}, "reclaim dead space", ""}},
      {"UserService/AddUser", {Scope::kSchool, kAdmin, "add people", ""}},
      {"UserService/RemoveUser",
       {Scope::kSchool, kAdmin, "remove people", "removing a user outright: server admin"}},
      {"UserService/ListUsers", {Scope::kSchool, kAdmin, "list people", ""}},
      {"UserService/IssueToken",
       {Scope::kAnySchool, kAdmin, "issue tokens",
        "only for users whose every role is in schools the caller administers"}},
      {"UserService/RevokeToken",
       {Scope::kAnySchool, kAdmin, "revoke tokens",
        "tokens of users holding a role in a school the caller administers"}},
      {"UserService/ListTokens",
       {Scope::kAnyone, {}, "list tokens", "own tokens; others' as for revoking"}},
      {"UserService/WhoAmI", {Scope::kAnyone, {}, "see their own roles", ""}},
      {"AuditService/ListAudit",
       {Scope::kSchool, kOffice, "read the audit log", "without a school: server admin"}},
      {"AuditService/VerifyAudit", {Scope::kAnySchool, kAdmin, "verify the audit log", ""}},
  };
  return *table;
}

const RpcPolicy* FindPolicy(std::string_view method) {
  const auto& table = PolicyTable();
  auto it = table.find(method);
  return it == table.end() ? nullptr : &it->second;
}

namespace {

bool LimitedAway(const Caller& caller, const storage::EvidenceRecord& item) {
  if (caller.role != kRoleSecretary || caller.standards.empty() || item.criteria_size() == 0) {
    return false;
  }
  const int standard = storage::StandardOf(item.criteria(0));
  return std::find(caller.standards.begin(), caller.standards.end(), standard) ==
         caller.standards.end();
}

std::string StandardsOf(const Caller& caller) {
  std::string out;
  for (int s : caller.standards) out += (out.empty() ? "" : ", ") + std::to_string(s);
  return out;
}

}  // namespace

absl::Status MayChangeItem(const Caller& caller, const storage::EvidenceRecord& item,
                           std::string_view what) {
  if (caller.role == kRoleTeacher) {
    if (item.uploader() != caller.user) {
      return absl::PermissionDeniedError("a teacher cannot " + std::string(what) +
                                         " evidence uploaded by another user (" + item.code() +
                                         " was uploaded by " + item.uploader() + ")");
    }
    if (storage::ReviewStateOf(item) == storage::REVIEW_APPROVED) {
      return absl::PermissionDeniedError(item.code() +
                                         " is approved and locked; a teacher cannot " +
                                         std::string(what) + " it (ask a secretary)");
    }
  }
  if (LimitedAway(caller, item)) {
    return absl::PermissionDeniedError(caller.user + " works on standards " + StandardsOf(caller) +
                                       " only; " + item.code() + " belongs to standard " +
                                       std::to_string(storage::StandardOf(item.criteria(0))));
  }
  return absl::OkStatus();
}

absl::Status MayReviewItem(const Caller& caller, const storage::EvidenceRecord& item) {
  if (LimitedAway(caller, item)) {
    return absl::PermissionDeniedError(caller.user + " reviews standards " + StandardsOf(caller) +
                                       " only; " + item.code() + " belongs to standard " +
                                       std::to_string(storage::StandardOf(item.criteria(0))));
  }
  return absl::OkStatus();
}

absl::Status MaySeeDossier(const Caller& caller, const storage::DossierRecord& dossier) {
  if (caller.role == kRoleAssessor && dossier.state() != storage::DOSSIER_SEALED) {
    return absl::PermissionDeniedError("an assessor sees sealed dossiers only; dossier " +
                                       std::to_string(dossier.id()) + " is a draft");
  }
  return absl::OkStatus();
}

absl::Status MayBuildDossier(const Caller& caller, const std::vector<int>& standards) {
  if (caller.role != kRoleSecretary || caller.standards.empty()) return absl::OkStatus();
  const bool inside =
      !standards.empty() && std::all_of(standards.begin(), standards.end(), [&](int s) {
        return std::find(caller.standards.begin(), caller.standards.end(), s) !=
               caller.standards.end();
      });
  if (inside) return absl::OkStatus();
  return absl::PermissionDeniedError(caller.user + " works on standards " + StandardsOf(caller) +
                                     " only; build with --standard among them");
}

absl::Status MayManageTokens(const Caller& caller, const storage::UserRecord& target, bool issuing,
                             int64_t now_unix) {
  if (caller.server_admin) return absl::OkStatus();
  if (!issuing && target.name() == caller.user) return absl::OkStatus();
  auto administers = [&](const std::string& school) {
    const storage::GrantRecord* g = storage::GrantIn(caller.record, school, now_unix);
    return g != nullptr && g->role() == storage::kRoleAdmin;
  };
  bool any = false, all = !target.grants().empty();
  for (const storage::GrantRecord& g : target.grants()) {
    const bool mine = g.school() != storage::kEverySchool && administers(g.school());
    any = any || mine;
    all = all && mine;
  }
  if (issuing && !all) {
    return absl::PermissionDeniedError("a token works in every school its user has a role in; " +
                                       target.name() + " holds roles outside the schools " +
                                       caller.user + " administers (ask a server admin)");
  }
  if (!issuing && !any) {
    return absl::PermissionDeniedError(target.name() + " holds no role in a school " + caller.user +
                                       " administers");
  }
  return absl::OkStatus();
}

}  // namespace hoso
