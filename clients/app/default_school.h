#ifndef HOSO_CLIENTS_APP_DEFAULT_SCHOOL_H_
#define HOSO_CLIENTS_APP_DEFAULT_SCHOOL_H_

#include "clients/app/connection.h"

namespace hoso::cli {

// For a command that needs a school when none was named (--school,
// HOSO_SCHOOL, the config file): asks the server which schools the caller can
// reach (ListSchools lists exactly those: a teacher's own, every school for a
// server admin) and takes the only one into options.school. None or several:
// says so in Vietnamese, listing the codes to choose from, and returns kUsage;
// a failed call returns its exit code. kOk when options.school is set.
int FillDefaultSchool(Connection& connection, GlobalOptions& options);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_APP_DEFAULT_SCHOOL_H_
