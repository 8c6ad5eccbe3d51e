#ifndef HOSO_CLIENTS_APP_EXIT_CODES_H_
#define HOSO_CLIENTS_APP_EXIT_CODES_H_

#include <grpcpp/grpcpp.h>

#include <string>

#include "absl/status/status.h"

namespace hoso::cli {

// Exit statuses of hoso, documented in the README.
enum ExitCode : int {
  kOk = 0,
  kFailure = 1,      // anything not below
  kUsage = 2,        // bad command line
  kNotFound = 3,     // no such school, evidence or file
  kDenied = 4,       // no, wrong or expired token; not allowed
  kRejected = 5,     // the server refused the input (invalid, exists, precondition)
  kUnavailable = 6,  // server unreachable or busy; worth retrying
  kCorrupt = 7,      // stored or received content failed its hash
  kLocalIo = 8,      // a local file could not be read or written
  kUntrusted = 9,    // hoso verify: intact, but nothing says who may have signed
  kPartly = 10,      // hoso upload FOLDER: the rest done, some items left out (listed)
  kIncomplete = 11,  // hoso assess check: the assessment still lacks something (listed)
  kConflict = 12,    // changed meanwhile (a stale revision) or the same upload running: look again
};

// With --json, errors are also printed to stdout as one JSON document:
// {"error": {"what": …, "message": …, "code": "INVALID_ARGUMENT", "exit_code": 5}}
// (after any JSON the command printed), so scripts read one stream.
void SetJsonErrors(bool on);

// Prints "hoso: <what>: <server message>" to stderr and returns the exit code
// for the status.
int ReportRpcError(const std::string& what, const grpc::Status& status);
// The same for an absl::Status (whose codes equal gRPC's).
int ReportRpcError(const std::string& what, const absl::Status& status);
// Prints "hoso: <message>" and returns `code`.
int ReportError(const std::string& message, int code);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_APP_EXIT_CODES_H_
