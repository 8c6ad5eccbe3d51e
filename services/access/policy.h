#ifndef HOSO_SERVICES_ACCESS_POLICY_H_
#define HOSO_SERVICES_ACCESS_POLICY_H_

// Who may call what: the one table of role x RPC x scope, and the checks on
// single records that the table's scope names. tests/e2e/role_matrix.md shows
// the table as people read it, and a test holds the server to it.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "storage/index/audit_log.h"
#include "storage/index/records.pb.h"

namespace hoso {

enum class Scope {
  kSignIn,     // no token: signing in (one sent along is ignored); throttled per account
  kAnyone,     // any valid token
  kAnySchool,  // one of the roles in at least one school; in the school, when one is named
  kSchool,     // one of the roles in the request's school
  kServer,     // server admin: admin in every school ("*")
};

struct RpcPolicy {
  Scope scope;
  std::vector<std::string_view> roles;  // for kAnySchool and kSchool
  std::string_view what;                // "delete evidence", for messages
  std::string_view limits;              // the record-level rule, for people
};

// Keyed by "Service/Method", e.g. "EvidenceService/DeleteEvidence".
const std::map<std::string, RpcPolicy, std::less<>>& PolicyTable();
const RpcPolicy* FindPolicy(std::string_view method);
// RpcPolicy.what in Vietnamese ("review evidence": "duyệt minh chứng"), for
// the reason ROLE_REQUIRED's metadata; "" for a phrase it does not know.
std::string_view WhatInVietnamese(std::string_view what);

// Who is calling, once the token checked out and the policy allowed it.
struct Caller {
  std::string user;
  std::string role;            // in the request's school; "admin" for a server admin
  std::vector<int> standards;  // a secretary limited to these standards
  bool server_admin = false;
  storage::UserRecord record;
  std::string token_id;  // the token the call came with (TokenRecord.id); "" when signing in
};

// The actor of the audit log entries a call makes.
inline storage::Actor ActorOf(const Caller& caller) { return {caller.user, caller.role}; }

// Record-level rules, called by handlers on the latest record.
// Teachers change only their own items and only until approved; secretaries
// limited to some standards change only items rooted there.
absl::Status MayChangeItem(const Caller& caller, const storage::EvidenceRecord& item,
                           std::string_view what);
// The self-assessment: secretaries limited to some standards write and
// submit only those standards' criteria (and the report's parts of them:
// mo-dau-N, ket-luan-N); the level-4 list (M4) and the report's other parts
// are for the admin or a secretary without limits. `criterion` is "1.1",
// "M4", or a section key with `section` set.
absl::Status MayWriteCriterion(const Caller& caller, std::string_view criterion,
                               bool section = false);
// Approving a criterion and sending it back are the council chair's: the
// school's admin (the principal). Submitting is MayWriteCriterion's.
absl::Status MayReviewCriterion(const Caller& caller, std::string_view criterion, bool submitting);
// Secretaries limited to some standards review only items rooted there, and
// no secretary approves their own upload (a second person checks it; the
// school's admin, who seals the dossier, may).
absl::Status MayReviewItem(const Caller& caller, const storage::EvidenceRecord& item,
                           bool approving);
// Whether the caller's role in `school` may also do what `method`'s row of
// the table allows (an edit that re-files an item under other criteria is
// linking: EvidenceService/LinkCriterion).
absl::Status MayAlsoDo(const Caller& caller, std::string_view method, std::string_view school);
// Assessors see sealed dossiers only.
absl::Status MaySeeDossier(const Caller& caller, const storage::DossierRecord& dossier);
// A secretary limited to some standards builds dossiers of those standards.
absl::Status MayBuildDossier(const Caller& caller, const std::vector<int>& standards);
// A person's identity (full name) and tokens are theirs in every school
// they hold a role in: managing them needs admin of every one of those
// schools, or a server admin. A server admin is managed by server admins only.
absl::Status MayManagePerson(const Caller& caller, const storage::UserRecord& target,
                             int64_t now_unix);
// Issuing, listing and revoking `target`'s tokens: MayManagePerson, except
// that everyone lists and revokes their own.
absl::Status MayManageTokens(const Caller& caller, const storage::UserRecord& target, bool issuing,
                             int64_t now_unix);
// Giving `existing` (null: a new person) a role in one school, naming them
// `full_name` (empty: unchanged). The role is the school's to give, but a
// server admin's roles are server admins' only (a school role would shadow
// "*" there), and a new full name is MayManagePerson's.
absl::Status MayGrant(const Caller& caller, const storage::UserRecord* existing,
                      std::string_view full_name, int64_t now_unix);
// Setting `target`'s password: their own, or MayManagePerson's (a password
// opens every school of its user, as a token does).
absl::Status MaySetPassword(const Caller& caller, const storage::UserRecord& target,
                            int64_t now_unix);

}  // namespace hoso

#endif  // HOSO_SERVICES_ACCESS_POLICY_H_
