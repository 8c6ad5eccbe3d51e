#ifndef HOSO_CLIENTS_COMMANDS_PEOPLE_CLI_H_
#define HOSO_CLIENTS_COMMANDS_PEOPLE_CLI_H_

#include <cstdint>
#include <string>

namespace hoso::cli {

// Who may do what, and who did what: user, token, whoami, review and audit
// (declared by AddPeopleCommands, clients/commands/command_groups.h).

// "90d" (from now) or "2027-05-31" (valid through that day, UTC): seconds
// since the epoch; -1 when it is neither.
int64_t ParseExpiry(const std::string& text);
// "2027-05-31": the start of that day, UTC; -1 when it is not such a date.
int64_t ParseDay(const std::string& text);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_COMMANDS_PEOPLE_CLI_H_
