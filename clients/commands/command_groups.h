#ifndef HOSO_CLIENTS_COMMANDS_COMMAND_GROUPS_H_
#define HOSO_CLIENTS_COMMANDS_COMMAND_GROUPS_H_

#include "clients/app/registry.h"

namespace hoso::cli {

// Each command group file declares its subcommands into the registry; hoso
// lists them in the order these are called.
void AddSchoolCommands(Registry& registry);     // school add, ls, set
void AddEvidenceCommands(Registry& registry);   // upload, ls, show, get, rm, link, unlink, codes,
                                                // edit
void AddFrameworkCommands(Registry& registry);  // framework ls, show, import
void AddPlanCommands(Registry& registry);       // plan add, set, done, ls, show, import
void AddReportCommands(Registry& registry);     // coverage, catalogue
void AddCatalogueImportCommand(Registry& registry);  // catalogue import (after catalogue)
void AddAssessReportCommands(Registry& registry);    // assess check, report, form
void AddDossierCommands(Registry& registry);         // dossier build, ls, seal, download
void AddAdminCommands(Registry& registry);           // admin fsck, backup
void AddVerifyCommand(Registry& registry);           // verify (offline)
void AddPeopleCommands(Registry& registry);          // user, token, whoami, review, audit
void AddLoginCommands(Registry& registry);   // user password, login-link (in the user group)
void AddAssessCommands(Registry& registry);  // assess new, ls, show, write, submit, approve, …

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_COMMANDS_COMMAND_GROUPS_H_
