#include "clients/commands/domain_cli.h"

#include "clients/app/exit_codes.h"

namespace hoso::cli {

namespace {

void AddSchool(CLI::App* command, GlobalOptions& options) {
  command->add_option("--school", options.school, "school code, e.g. LQD (env HOSO_SCHOOL)");
}

}  // namespace

DomainCommands::DomainCommands(CLI::App& app, GlobalOptions& options) {
  auto* framework = app.add_subcommand("framework", "accreditation frameworks (circular editions)");
  framework->require_subcommand(1);
  framework_ls_ = framework->add_subcommand("ls", "list the frameworks");
  framework_show_ = framework->add_subcommand("show", "show a framework's standards and criteria");
  framework_show_->add_option("ID", id_, "framework id, e.g. tt17-2018")->required();
  framework_import_ = framework->add_subcommand("import", "load an edition from a JSON file (admin)");
  framework_import_->add_option("FILE", path_, "framework file (format in the README)")
      ->required()
      ->check(CLI::ExistingFile);

  auto* plan = app.add_subcommand("plan", "the improvement plan (kế hoạch cải tiến chất lượng)");
  plan->require_subcommand(1);
  plan_add_ = plan->add_subcommand("add", "add a task");
  AddSchool(plan_add_, options);
  plan_add_->add_option("--criterion", *task_.task.mutable_criterion(), "criterion, e.g. 1.1");
  AddTaskFields(plan_add_, false);
  plan_set_ = plan->add_subcommand("set", "change a task's fields");
  AddSchool(plan_set_, options);
  plan_set_->add_option("CODE", task_.code, "task code, e.g. 1.1.02")->required();
  AddTaskFields(plan_set_, true);
  plan_done_ = plan->add_subcommand("done", "mark a task done");
  AddSchool(plan_done_, options);
  plan_done_->add_option("CODE", task_.code, "task code")->required();
  plan_ls_ = plan->add_subcommand("ls", "list tasks");
  AddSchool(plan_ls_, options);
  plan_ls_->add_option("--criterion", list_.criterion, "only this criterion");
  plan_ls_->add_option("--owner", list_.owner, "only tasks whose owners mention this");
  plan_ls_->add_flag("--overdue", list_.overdue, "only tasks past their due month");
  plan_ls_->add_flag("--without-evidence", list_.without_evidence, "only tasks no evidence names");
  plan_show_ = plan->add_subcommand("show", "show a task and its evidence");
  AddSchool(plan_show_, options);
  plan_show_->add_option("CODE", task_.code, "task code")->required();
  plan_import_ = plan->add_subcommand(
      "import", "import a plan table exported from Word or Excel (tab-separated or CSV)");
  AddSchool(plan_import_, options);
  plan_import_->add_option("FILE", path_, "the exported table")->required()->check(CLI::ExistingFile);
  plan_import_->add_flag("--dry-run", dry_run_, "read and report, store nothing");

  coverage_ = app.add_subcommand("coverage", "evidence and tasks per criterion, gaps first");
  AddSchool(coverage_, options);
  coverage_->add_option("--year", year_, "only evidence of this school year");
  catalogue_ = app.add_subcommand("catalogue", "write the evidence catalogue (danh mục minh chứng)");
  AddSchool(catalogue_, options);
  catalogue_->add_option("--format", format_, "csv or xlsx")->capture_default_str();
  catalogue_->add_option("--year", year_, "only evidence of this school year");
  catalogue_->add_option("-o,--output", output_, "file to write")->required();

  auto* dossier = app.add_subcommand("dossier", "the dossier (hồ sơ) assessors receive");
  dossier->require_subcommand(1);
  dossier_build_ = dossier->add_subcommand("build", "snapshot the evidence into a new version");
  AddSchool(dossier_build_, options);
  dossier_build_->add_option("--years", dossier_.years, "school years, e.g. 2020-2021..2024-2025");
  dossier_build_->add_option("--standard", dossier_.standards, "only this standard (repeatable)");
  dossier_build_->add_option("--criterion", dossier_.criteria, "only this criterion (repeatable)");
  dossier_ls_ = dossier->add_subcommand("ls", "list the versions");
  AddSchool(dossier_ls_, options);
  dossier_seal_ = dossier->add_subcommand(
      "seal", "sign the version with the principal's key (the key never leaves this machine)");
  AddSchool(dossier_seal_, options);
  dossier_seal_->add_option("ID", dossier_.id, "dossier id")->required();
  dossier_seal_->add_option("--key", dossier_.key, "private key, PEM")->required()->check(CLI::ExistingFile);
  dossier_seal_->add_option("--cert", dossier_.cert, "certificate, PEM")->required()->check(CLI::ExistingFile);
  dossier_download_ = dossier->add_subcommand("download", "download a version as one archive");
  AddSchool(dossier_download_, options);
  dossier_download_->add_option("ID", dossier_.id, "dossier id")->required();
  dossier_download_->add_option("-o,--output", dossier_.output, "file to write")->required();
  dossier_download_->add_option("--format", dossier_.format, "zip or tar")->capture_default_str();
  auto* admin = app.add_subcommand("admin", "operator tasks");
  admin->require_subcommand(1);
  fsck_ = admin->add_subcommand(
      "fsck", "re-hash all stored content and check references (exit 7 while data is damaged)");
  fsck_->add_flag("--repair", repair_,
                  "quarantine corrupt content, mark the items it affects, fix reference counts "
                  "(never deletes evidence)");
  backup_ = admin->add_subcommand(
      "backup", "consistent online backup into DIR on the server's machine (incremental on repeat)");
  backup_->add_option("DIR", output_, "backup directory, on the server's machine")->required();
  verify_ = app.add_subcommand("verify", "check a dossier archive offline (no server needed)");
  verify_->add_option("FILE", path_, "the .zip or .tar")->required()->check(CLI::ExistingFile);
  verify_->add_option("--ca", ca_, "CA certificate(s), PEM, to check the signer against")
      ->check(CLI::ExistingFile);
}

void DomainCommands::AddTaskFields(CLI::App* c, bool for_set) {
  v1::PlanTask& t = task_.task;
  auto field = [&](const char* flag, std::string* target, const char* name, const char* help) {
    c->add_option(flag, *target, help)->each([this, name](const std::string&) {
      task_.set.push_back(name);
    });
  };
  if (for_set == false) {
    c->get_option("--criterion")->required();
  }
  field("--content", t.mutable_content(), "content", "what is to be done (Nội dung)");
  field("--solution", t.mutable_solution(), "solution", "how (Giải pháp thực hiện)");
  field("--owners", t.mutable_owners(), "owners", "who does it (Phân công thực hiện)");
  field("--time", t.mutable_time_text(), "time", "when, as written: \"9/2024\", \"Năm học 2024 - 2025 và các năm tiếp theo\"");
  field("--start", t.mutable_start(), "start", "start month, YYYY-MM");
  field("--due", t.mutable_due(), "due", "due month, YYYY-MM");
  field("--funding", t.mutable_funding(), "funding", "funding source (Ngân sách, Xã hội hóa, …)");
  field("--supervisor", t.mutable_supervisor(), "supervisor", "who supervises");
  field("--report", t.mutable_report(), "report", "when it is reported");
  c->add_option("--budget", budget_, "budget in VND")->each([this](const std::string&) {
    task_.set.push_back("budget");
  });
  c->add_option("--status", task_.status, "planned, in-progress, done or dropped");
}

bool DomainCommands::Parsed() const {
  for (const CLI::App* c : {framework_ls_, framework_show_, framework_import_, plan_add_, plan_set_,
                            plan_done_, plan_ls_, plan_show_, plan_import_, coverage_, catalogue_,
                            dossier_build_, dossier_ls_, dossier_seal_, dossier_download_,
                            verify_, fsck_, backup_}) {
    if (c->parsed()) return true;
  }
  return false;
}

bool DomainCommands::NeedsSchool() const {
  return Parsed() && !framework_ls_->parsed() && !framework_show_->parsed() &&
         !framework_import_->parsed() && !verify_->parsed() && !fsck_->parsed() &&
         !backup_->parsed();
}

int DomainCommands::Run(Connection& c, const GlobalOptions& options) {
  task_.task.set_budget_vnd(budget_);
  if (framework_ls_->parsed()) return RunFrameworkList(c, options);
  if (framework_show_->parsed()) return RunFrameworkShow(c, options, id_);
  if (framework_import_->parsed()) return RunFrameworkImport(c, options, path_);
  if (plan_add_->parsed()) return RunPlanAdd(c, options, task_);
  if (plan_set_->parsed()) return RunPlanSet(c, options, task_);
  if (plan_done_->parsed()) {
    task_.status = "done";
    return RunPlanSet(c, options, task_);
  }
  if (plan_ls_->parsed()) return RunPlanList(c, options, list_);
  if (plan_show_->parsed()) return RunPlanShow(c, options, task_.code);
  if (plan_import_->parsed()) return RunPlanImport(c, options, path_, dry_run_);
  if (coverage_->parsed()) return RunCoverage(c, options, year_);
  if (catalogue_->parsed()) return RunCatalogue(c, options, format_, year_, output_);
  if (fsck_->parsed()) return RunFsck(c, options, repair_);
  if (backup_->parsed()) return RunBackup(c, options, output_);
  if (dossier_build_->parsed()) return RunDossierBuild(c, options, dossier_);
  if (dossier_ls_->parsed()) return RunDossierList(c, options);
  if (dossier_seal_->parsed()) return RunDossierSeal(c, options, dossier_);
  if (dossier_download_->parsed()) return RunDossierDownload(c, options, dossier_);
  return kUsage;
}

}  // namespace hoso::cli
