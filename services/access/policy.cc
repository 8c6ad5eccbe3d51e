#include "services/access/policy.h"

#include <algorithm>

#include "storage/base/error_reason.h"
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
const std::vector<std::string_view> kSchoolRoles = {kRoleAdmin, kRoleSecretary, kRoleTeacher,
                                                    kRoleAssessor};

constexpr std::string_view kOwnItems =
    "teacher: own items, until approved; secretary with --standards: items rooted there";
constexpr std::string_view kJudgementRules =
    "secretary with --standards: criteria of those standards; M4: admin or a secretary without "
    "--standards";
constexpr std::string_view kEditRules =
    "teacher: own items, until approved, not their criteria (linking); secretary with "
    "--standards: items rooted there; an approved item's changed description goes back to review";

}  // namespace

const std::map<std::string, RpcPolicy, std::less<>>& PolicyTable() {
  static const auto* table = new std::map<std::string, RpcPolicy, std::less<>>{
      {"SchoolService/CreateSchool", {Scope::kServer, {}, "create schools", ""}},
      {"SchoolService/ListSchools",
       {Scope::kAnyone, {}, "list schools", "lists the caller's schools"}},
      {"SchoolService/UpdateSchool", {Scope::kSchool, kAdmin, "change school settings", ""}},
      {"ContentService/StatContent",
       {Scope::kAnySchool, kStaff, "check stored content",
        "sees only content the named school (or the caller) holds; own uploads only"}},
      {"ContentService/UploadContent",
       {Scope::kAnySchool, kStaff, "upload files", "resumes only the caller's own uploads"}},
      {"ContentService/UploadBatch", {Scope::kAnySchool, kStaff, "upload files", ""}},
      {"EvidenceService/CreateEvidence", {Scope::kSchool, kStaff, "add evidence", ""}},
      {"EvidenceService/CreateEvidenceBatch", {Scope::kSchool, kStaff, "add evidence", ""}},
      {"EvidenceService/GetEvidence", {Scope::kSchool, kStaff, "read evidence", ""}},
      {"EvidenceService/ListEvidence", {Scope::kSchool, kStaff, "list evidence", ""}},
      {"EvidenceService/DownloadFile", {Scope::kSchool, kStaff, "download evidence files", ""}},
      {"EvidenceService/UpdateEvidence", {Scope::kSchool, kStaff, "edit evidence", kEditRules}},
      {"EvidenceService/DeleteEvidence", {Scope::kSchool, kStaff, "delete evidence", kOwnItems}},
      {"EvidenceService/LinkCriterion",
       {Scope::kSchool, kOffice, "link evidence to criteria",
        "secretary with --standards: items rooted there"}},
      {"EvidenceService/UnlinkCriterion",
       {Scope::kSchool, kOffice, "unlink evidence from criteria",
        "secretary with --standards: items rooted there"}},
      {"EvidenceService/RenumberCodes", {Scope::kSchool, kOffice, "renumber evidence codes", ""}},
      {"EvidenceService/ImportCatalogue",
       {Scope::kSchool, kOffice, "import the school's catalogue",
        "secretary with --standards: rows of items rooted there"}},
      {"EvidenceService/ReviewEvidence",
       {Scope::kSchool, kOffice, "review evidence",
        "secretary: never approves their own upload; with --standards: items rooted there"}},
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
      {"AssessmentReportService/CheckAssessment",
       {Scope::kSchool, kSchoolRoles, "check the self-assessment", ""}},
      {"AssessmentReportService/RenderReport",
       {Scope::kSchool, kSchoolRoles, "render the self-assessment report", ""}},
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
      {"AssessmentService/CreateAssessment",
       {Scope::kSchool, kOffice, "start a self-assessment", ""}},
      {"AssessmentService/ListAssessments",
       {Scope::kSchool, kSchoolRoles, "read the self-assessment", ""}},
      {"AssessmentService/GetAssessment",
       {Scope::kSchool, kSchoolRoles, "read the self-assessment", ""}},
      {"AssessmentService/SaveCriterion",
       {Scope::kSchool, kOffice, "write the self-assessment", kJudgementRules}},
      {"AssessmentService/ReviewCriterion",
       {Scope::kSchool, kOffice, "review the self-assessment",
        "approve, reopen: admin (the council chair); submit: as for writing"}},
      {"AssessmentService/CriterionHistory",
       {Scope::kSchool, kSchoolRoles, "read the self-assessment", ""}},
      {"AssessmentService/SetSection",
       {Scope::kSchool, kOffice, "write the self-assessment report",
        "secretary with --standards: mo-dau-N, ket-luan-N of those standards"}},
      {"AdminService/Fsck", {Scope::kServer, {}, "check the store", ""}},
      {"AdminService/Backup", {Scope::kServer, {}, "back up the server", ""}},
      {"AdminService/Gc", {Scope::kServer, {}, "reclaim dead space", ""}},
      {"AdminService/MigrateContent",
       {Scope::kServer, {}, "move the content to another store", ""}},
      {"UserService/AddUser",
       {Scope::kSchool, kAdmin, "add people",
        "full name of someone in other schools: as for issuing; a server admin's roles: server "
        "admin"}},
      {"UserService/RemoveUser",
       {Scope::kSchool, kAdmin, "remove people",
        "removing a user outright: server admin; a last role goes with the user's tokens"}},
      {"UserService/ListUsers", {Scope::kSchool, kAdmin, "list people", ""}},
      {"UserService/IssueToken",
       {Scope::kAnySchool, kAdmin, "issue tokens",
        "only for users whose every role is in schools the caller administers"}},
      {"UserService/RevokeToken",
       {Scope::kAnySchool, kAdmin, "revoke tokens", "as for issuing, or the caller's own"}},
      {"UserService/ListTokens",
       {Scope::kAnyone, {}, "list tokens", "own tokens; others' as for revoking"}},
      {"UserService/WhoAmI", {Scope::kAnyone, {}, "see their own roles", ""}},
      {"LoginService/PasswordLogin",
       {Scope::kSignIn, {}, "sign in", "no token; 5 failures in 15 minutes pause the account"}},
      {"LoginService/CodeLogin", {Scope::kSignIn, {}, "sign in", "no token; each code once"}},
      {"LoginService/Logout", {Scope::kAnyone, {}, "sign out", "the caller's own token"}},
      {"LoginService/SetPassword",
       {Scope::kAnyone,
        {},
        "set passwords",
        "own (with the old one once set); another's: as for issuing tokens"}},
      {"LoginService/IssueLoginCode",
       {Scope::kSchool, kAdmin, "issue login codes",
        "for users holding a role in the school, as for issuing tokens; no school: server admin"}},
      {"AuditService/ListAudit",
       {Scope::kSchool, kOffice, "read the audit log", "without a school: server admin"}},
      // One chain for the whole server: its entries and head are every school's.
      {"AuditService/VerifyAudit", {Scope::kServer, {}, "verify the audit log", ""}},
  };
  return *table;
}

std::string_view WhatInVietnamese(std::string_view what) {
  static const auto* words = new std::map<std::string_view, std::string_view, std::less<>>{
      {"add evidence", "thêm minh chứng"},
      {"add people", "thêm người dùng"},
      {"add plan tasks", "thêm công việc của kế hoạch"},
      {"back up the server", "sao lưu máy chủ"},
      {"move the content to another store", "chuyển nội dung sang kho lưu trữ khác"},
      {"build dossiers", "lập hồ sơ"},
      {"change plan tasks", "sửa công việc của kế hoạch"},
      {"change school settings", "đổi thiết lập của trường"},
      {"check stored content", "kiểm tra tệp đã lưu"},
      {"check the self-assessment", "kiểm tra tự đánh giá"},
      {"check the store", "kiểm tra kho dữ liệu"},
      {"create schools", "tạo trường"},
      {"delete evidence", "xóa minh chứng"},
      {"download dossiers", "tải hồ sơ"},
      {"download evidence files", "tải tệp minh chứng"},
      {"edit evidence", "sửa minh chứng"},
      {"export the catalogue", "xuất danh mục minh chứng"},
      {"import a plan", "nhập kế hoạch"},
      {"import frameworks", "nhập bộ tiêu chuẩn"},
      {"import the school's catalogue", "nhập danh mục minh chứng của trường"},
      {"issue login codes", "cấp mã đăng nhập"},
      {"issue tokens", "cấp mã truy cập"},
      {"link evidence to criteria", "gắn minh chứng với tiêu chí"},
      {"list dossiers", "xem danh sách hồ sơ"},
      {"list evidence", "xem danh sách minh chứng"},
      {"list frameworks", "xem các bộ tiêu chuẩn"},
      {"list people", "xem danh sách người dùng"},
      {"list schools", "xem danh sách trường"},
      {"list tokens", "xem các mã truy cập"},
      {"read a dossier manifest", "đọc bảng kê của hồ sơ"},
      {"read evidence", "xem minh chứng"},
      {"read frameworks", "xem bộ tiêu chuẩn"},
      {"read the audit log", "xem nhật ký hoạt động"},
      {"read the plan", "xem kế hoạch"},
      {"read the self-assessment", "xem tự đánh giá"},
      {"reclaim dead space", "thu hồi dung lượng thừa"},
      {"remove people", "xóa người dùng"},
      {"render the self-assessment report", "xuất báo cáo tự đánh giá"},
      {"renumber evidence codes", "đánh lại mã minh chứng"},
      {"review evidence", "duyệt minh chứng"},
      {"review the self-assessment", "duyệt tự đánh giá"},
      {"revoke tokens", "thu hồi mã truy cập"},
      {"seal dossiers", "niêm phong hồ sơ"},
      {"see coverage", "xem độ phủ minh chứng"},
      {"see their own roles", "xem vai trò của mình"},
      {"set passwords", "đặt mật khẩu"},
      {"sign in", "đăng nhập"},
      {"sign out", "đăng xuất"},
      {"start a self-assessment", "bắt đầu tự đánh giá"},
      {"unlink evidence from criteria", "bỏ gắn minh chứng khỏi tiêu chí"},
      {"upload files", "tải tệp lên"},
      {"verify the audit log", "kiểm tra nhật ký hoạt động"},
      {"write the self-assessment", "viết tự đánh giá"},
      {"write the self-assessment report", "viết báo cáo tự đánh giá"},
  };
  auto it = words->find(what);
  return it == words->end() ? std::string_view() : it->second;
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

// A secretary limited to some standards, before an item rooted elsewhere.
absl::Status OutsideStandards(const Caller& caller, const storage::EvidenceRecord& item,
                              std::string_view works_on) {
  const std::string standard = std::to_string(storage::StandardOf(item.criteria(0)));
  return WithReason(
      absl::PermissionDeniedError(caller.user + std::string(works_on) + StandardsOf(caller) +
                                  " only; " + item.code() + " belongs to standard " + standard),
      reason::kStandardNotAllowed,
      {{"standards", StandardsOf(caller)}, {"code", item.code()}, {"standard", standard}});
}

}  // namespace

absl::Status MayChangeItem(const Caller& caller, const storage::EvidenceRecord& item,
                           std::string_view what) {
  if (caller.role == kRoleTeacher) {
    if (item.uploader() != caller.user) {
      return WithReason(
          absl::PermissionDeniedError("a teacher cannot " + std::string(what) +
                                      " evidence uploaded by another user (" + item.code() +
                                      " was uploaded by " + item.uploader() + ")"),
          reason::kNotOwnItem, {{"code", item.code()}, {"uploader", item.uploader()}});
    }
    if (storage::ReviewStateOf(item) == storage::REVIEW_APPROVED) {
      return WithReason(
          absl::PermissionDeniedError(item.code() + " is approved and locked; a teacher cannot " +
                                      std::string(what) + " it (ask a secretary)"),
          reason::kItemApproved, {{"code", item.code()}});
    }
  }
  if (LimitedAway(caller, item)) return OutsideStandards(caller, item, " works on standards ");
  return absl::OkStatus();
}

absl::Status MayWriteCriterion(const Caller& caller, std::string_view criterion, bool section) {
  if (caller.role != kRoleSecretary || caller.standards.empty()) return absl::OkStatus();
  int standard = 0;
  std::string what = "tiêu chí " + std::string(criterion);
  if (section) {
    what = "phần " + std::string(criterion) + " của báo cáo";
    for (std::string_view prefix : {"mo-dau-", "ket-luan-"}) {
      if (criterion.substr(0, prefix.size()) == prefix) {
        const std::string_view number = criterion.substr(prefix.size());
        if (!number.empty() && number.size() < 4 &&
            number.find_first_not_of("0123456789") == std::string_view::npos) {
          standard = std::stoi(std::string(number));
        }
      }
    }
  } else if (criterion == "M4") {
    what = "Mức 4 của cả trường";
  } else {
    standard = storage::StandardOf(criterion);
  }
  if (std::find(caller.standards.begin(), caller.standards.end(), standard) !=
      caller.standards.end()) {
    return absl::OkStatus();
  }
  return WithReason(
      absl::PermissionDeniedError(caller.user + " chỉ viết tự đánh giá của tiêu chuẩn " +
                                  StandardsOf(caller) + "; " + what +
                                  " do hiệu trưởng hoặc thư ký không giới hạn tiêu chuẩn viết"),
      reason::kStandardNotAllowed,
      {{"standards", StandardsOf(caller)},
       {section ? "section" : "criterion", std::string(criterion)},
       {"standard", standard == 0 ? std::string() : std::to_string(standard)}});
}

absl::Status MayReviewCriterion(const Caller& caller, std::string_view criterion, bool submitting) {
  if (submitting) return MayWriteCriterion(caller, criterion);
  if (caller.role == kRoleAdmin) return absl::OkStatus();
  return WithReason(
      absl::PermissionDeniedError(
          "chỉ chủ tịch hội đồng tự đánh giá (hiệu trưởng, quyền admin của trường) duyệt hoặc trả "
          "về tiêu chí " +
          std::string(criterion) + "; " + caller.user + " là " + caller.role),
      reason::kChairOnly, {{"criterion", std::string(criterion)}});
}

absl::Status MayReviewItem(const Caller& caller, const storage::EvidenceRecord& item,
                           bool approving) {
  if (approving && caller.role == kRoleSecretary && item.uploader() == caller.user) {
    return WithReason(absl::PermissionDeniedError(caller.user + " uploaded " + item.code() +
                                                  " and cannot approve it; another secretary or "
                                                  "the school's admin reviews it"),
                      reason::kOwnUploadReview, {{"code", item.code()}});
  }
  if (LimitedAway(caller, item)) return OutsideStandards(caller, item, " reviews standards ");
  return absl::OkStatus();
}

absl::Status MaySeeDossier(const Caller& caller, const storage::DossierRecord& dossier) {
  if (caller.role == kRoleAssessor && dossier.state() != storage::DOSSIER_SEALED) {
    return WithReason(
        absl::PermissionDeniedError("an assessor sees sealed dossiers only; dossier " +
                                    std::to_string(dossier.id()) + " is a draft"),
        reason::kNotSealed, {{"dossier", std::to_string(dossier.id())}});
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
  return WithReason(
      absl::PermissionDeniedError(caller.user + " works on standards " + StandardsOf(caller) +
                                  " only; build with --standard among them"),
      reason::kStandardNotAllowed, {{"standards", StandardsOf(caller)}});
}

absl::Status MayAlsoDo(const Caller& caller, std::string_view method, std::string_view school) {
  const RpcPolicy* policy = FindPolicy(method);
  if (policy == nullptr) return absl::InternalError("no access policy for " + std::string(method));
  if (caller.server_admin ||
      std::find(policy->roles.begin(), policy->roles.end(), caller.role) != policy->roles.end()) {
    return absl::OkStatus();
  }
  const bool vowel = !caller.role.empty() &&
                     std::string_view("aeiou").find(caller.role[0]) != std::string_view::npos;
  return WithReason(absl::PermissionDeniedError(std::string(vowel ? "an " : "a ") + caller.role +
                                                " cannot " + std::string(policy->what) +
                                                " (school " + std::string(school) + ")"),
                    reason::kRoleRequired,
                    {{"what", std::string(policy->what)},
                     {"method", std::string(method)},
                     {"role", caller.role},
                     {"school", std::string(school)}});
}

namespace {

bool HoldsEverySchool(const storage::UserRecord& user) {
  return std::any_of(user.grants().begin(), user.grants().end(), [](const storage::GrantRecord& g) {
    return g.school() == storage::kEverySchool;
  });
}

}  // namespace

absl::Status MayManagePerson(const Caller& caller, const storage::UserRecord& target,
                             int64_t now_unix) {
  if (caller.server_admin) return absl::OkStatus();
  if (HoldsEverySchool(target)) {
    return WithReason(absl::PermissionDeniedError(
                          target.name() + " is a server admin: only a server admin manages them"),
                      reason::kServerAdminOnly, {{"user", target.name()}});
  }
  auto administers = [&](const std::string& school) {
    const storage::GrantRecord* g = storage::GrantIn(caller.record, school, now_unix);
    return g != nullptr && g->role() == storage::kRoleAdmin;
  };
  for (const storage::GrantRecord& g : target.grants()) {
    if (!administers(g.school())) {
      return WithReason(
          absl::PermissionDeniedError(
              target.name() + " holds roles outside the schools " + caller.user +
              " administers; their name and tokens (a token works in every school of its user) "
              "are for an admin of all their schools, or a server admin"),
          reason::kPersonInOtherSchools, {{"user", target.name()}});
    }
  }
  return absl::OkStatus();
}

absl::Status MayManageTokens(const Caller& caller, const storage::UserRecord& target, bool issuing,
                             int64_t now_unix) {
  if (!issuing && target.name() == caller.user) return absl::OkStatus();
  return MayManagePerson(caller, target, now_unix);
}

absl::Status MaySetPassword(const Caller& caller, const storage::UserRecord& target,
                            int64_t now_unix) {
  // A password opens every school of its user, as a token does.
  if (target.name() == caller.user) return absl::OkStatus();
  return MayManagePerson(caller, target, now_unix);
}

absl::Status MayGrant(const Caller& caller, const storage::UserRecord* existing,
                      std::string_view full_name, int64_t now_unix) {
  if (existing == nullptr || existing->grants().empty() || caller.server_admin) {
    return absl::OkStatus();
  }
  if (HoldsEverySchool(*existing)) {
    return WithReason(
        absl::PermissionDeniedError(existing->name() + " is a server admin: only a server admin "
                                                       "changes their roles"),
        reason::kServerAdminOnly, {{"user", existing->name()}});
  }
  if (!full_name.empty() && full_name != existing->full_name()) {
    return MayManagePerson(caller, *existing, now_unix);
  }
  return absl::OkStatus();
}

}  // namespace hoso
