#ifndef HOSO_CLIENTS_APP_COMMANDS_H_
#define HOSO_CLIENTS_APP_COMMANDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "clients/app/connection.h"

namespace hoso::cli {

// Each Run* performs one hoso command and returns its exit code
// (clients/app/exit_codes.h); output goes to stdout, errors to stderr.

struct UploadArgs {
  int box = 0;  // 0: the root criterion's standard
  std::vector<std::string> criteria;
  std::vector<std::string> tasks;
  std::string title, number, date, issuer, kind, year, note;
  std::vector<std::string> files;  // or folders: one item per document (RunTreeUpload)
  uint64_t limit_rate = 0;         // bytes per second; 0: unlimited
  int parallel = 4;                // upload streams at once (folders)
  bool rehash = false;             // ignore the hash cache
  bool dry_run = false;            // folders: print the mapping, move nothing
};
int RunUpload(Connection& connection, const GlobalOptions& options, const UploadArgs& args);
int RunTreeUpload(Connection& connection, const GlobalOptions& options, const UploadArgs& args);

struct GetArgs {
  std::string ref;
  std::string out_dir = ".";
  bool force = false;
};
int RunGet(Connection& connection, const GlobalOptions& options, const GetArgs& args);

struct ListArgs {
  std::string criterion, task, kind, year, uploader;
  bool include_deleted = false;
};
int RunList(Connection& connection, const GlobalOptions& options, const ListArgs& args);
int RunShow(Connection& connection, const GlobalOptions& options, const std::string& ref);
int RunRemove(Connection& connection, const GlobalOptions& options, const std::string& ref);

struct EditArgs {
  std::string ref;
  std::vector<std::string> criteria, tasks;
  // Only the flags given change; set_* says which.
  std::string title, number, date, issuer, kind, year, note;
  bool set_title = false, set_number = false, set_date = false, set_issuer = false,
       set_kind = false, set_year = false, set_note = false;
};
int RunEdit(Connection& connection, const GlobalOptions& options, const EditArgs& args);

int RunSchoolAdd(Connection& connection, const GlobalOptions& options, const std::string& code,
                 const std::string& name, const std::string& framework,
                 const std::string& code_format);
int RunSchoolList(Connection& connection, const GlobalOptions& options);

// Cites (link) or stops citing (unlink) REF under `criterion`.
int RunLink(Connection& connection, const GlobalOptions& options, const std::string& ref,
            const std::string& criterion, bool unlink);
int RunRenumber(Connection& connection, const GlobalOptions& options, bool apply);

int RunFrameworkList(Connection& connection, const GlobalOptions& options);
int RunFrameworkShow(Connection& connection, const GlobalOptions& options, const std::string& id);
int RunFrameworkImport(Connection& connection, const GlobalOptions& options,
                       const std::string& path);

// Plan task flags; `set` names the fields given (PlanTask field names).
struct TaskArgs {
  std::string code;
  v1::PlanTask task;
  std::string status;
  std::vector<std::string> set;
};
int RunPlanAdd(Connection& connection, const GlobalOptions& options, TaskArgs args);
int RunPlanSet(Connection& connection, const GlobalOptions& options, TaskArgs args);
int RunPlanShow(Connection& connection, const GlobalOptions& options, const std::string& code);
struct PlanListArgs {
  std::string criterion, owner;
  bool overdue = false, without_evidence = false;
};
int RunPlanList(Connection& connection, const GlobalOptions& options, const PlanListArgs& args);
int RunPlanImport(Connection& connection, const GlobalOptions& options, const std::string& path,
                  bool dry_run);

int RunCoverage(Connection& connection, const GlobalOptions& options, const std::string& year);
int RunCatalogue(Connection& connection, const GlobalOptions& options, const std::string& format,
                 const std::string& year, const std::string& out_path);

struct DossierArgs {
  uint64_t id = 0;
  std::string years;  // "2020-2021..2024-2025"
  std::vector<int> standards;
  std::vector<std::string> criteria;
  std::string key, cert;  // seal: the principal's PEM key and certificate
  std::string format = "zip", output;
  bool without_assessment = false;  // build: leave the approved self-assessment out
};
int RunDossierBuild(Connection& connection, const GlobalOptions& options, const DossierArgs& args);
int RunDossierList(Connection& connection, const GlobalOptions& options);
int RunDossierSeal(Connection& connection, const GlobalOptions& options, const DossierArgs& args);
int RunDossierDownload(Connection& connection, const GlobalOptions& options,
                       const DossierArgs& args);
// Exit 0 when clean, 7 (corrupt) when any problem is found.
int RunFsck(Connection& connection, const GlobalOptions& options, bool repair);
// `dir` is a path on the server's machine; a relative one is made absolute here.
int RunBackup(Connection& connection, const GlobalOptions& options, const std::string& dir);
// Offline: needs no server. Exit 0 only when everything holds.
int RunVerify(const GlobalOptions& options, const std::string& path, const std::string& ca_path);

// Fetches the item REF (an id or an evidence code) names in the school of `options`. Returns kOk or
// the exit code after reporting the error as `what`.
int FetchEvidence(Connection& connection, const GlobalOptions& options, const std::string& ref,
                  const std::string& what, v1::Evidence* evidence);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_APP_COMMANDS_H_
