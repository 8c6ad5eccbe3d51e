#include "clients/app/exit_codes.h"

#include <algorithm>
#include <cstdio>

namespace hoso::cli {
namespace {

int CodeFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::NOT_FOUND:
      return kNotFound;
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      return kDenied;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
      return kRejected;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return kUnavailable;
    case grpc::StatusCode::ABORTED:
      return kConflict;
    case grpc::StatusCode::DATA_LOSS:
      return kCorrupt;
    default:
      return kFailure;
  }
}

const char* CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::NOT_FOUND:
      return "not found";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "not authenticated";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "permission denied";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "invalid input";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "already exists";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "refused";
    case grpc::StatusCode::UNAVAILABLE:
      return "server unavailable";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "timed out";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "server out of resources";
    case grpc::StatusCode::ABORTED:
      return "conflict";
    case grpc::StatusCode::DATA_LOSS:
      return "data corrupt";
    case grpc::StatusCode::CANCELLED:
      return "cancelled";
    default:
      return "error";
  }
}

bool json_errors = false;

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out.push_back(c);
        }
    }
  }
  return out + "\"";
}

const char* GrpcCodeName(grpc::StatusCode code) {
  static const char* const kNames[] = {"OK",
                                       "CANCELLED",
                                       "UNKNOWN",
                                       "INVALID_ARGUMENT",
                                       "DEADLINE_EXCEEDED",
                                       "NOT_FOUND",
                                       "ALREADY_EXISTS",
                                       "PERMISSION_DENIED",
                                       "RESOURCE_EXHAUSTED",
                                       "FAILED_PRECONDITION",
                                       "ABORTED",
                                       "OUT_OF_RANGE",
                                       "UNIMPLEMENTED",
                                       "INTERNAL",
                                       "UNAVAILABLE",
                                       "DATA_LOSS",
                                       "UNAUTHENTICATED"};
  const int i = static_cast<int>(code);
  return i >= 0 && i < 17 ? kNames[i] : "UNKNOWN";
}

void PrintJsonError(const std::string& what, const std::string& message, const char* code,
                    int exit_code) {
  if (!json_errors) return;
  std::string json = "{\"error\":{";
  if (!what.empty()) json += "\"what\":" + JsonString(what) + ",";
  json += "\"message\":" + JsonString(message) + ",";
  if (*code != '\0') json += "\"code\":\"" + std::string(code) + "\",";
  json += "\"exit_code\":" + std::to_string(exit_code) + "}}";
  std::printf("%s\n", json.c_str());
  std::fflush(stdout);
}

}  // namespace

void SetJsonErrors(bool on) { json_errors = on; }

int ReportRpcError(const std::string& what, const grpc::Status& status) {
  const std::string& message = status.error_message();
  if (message.find('\n') == std::string::npos) {
    std::fprintf(stderr, "hoso: %s: %s (%s)\n", what.c_str(), message.c_str(),
                 CodeName(status.error_code()));
  } else {
    // Several problems (one per line, as a save that cites bad codes gets):
    // one indented line each under the command.
    std::fprintf(stderr, "hoso: %s (%s):\n", what.c_str(), CodeName(status.error_code()));
    size_t start = 0;
    while (start <= message.size()) {
      const size_t end = std::min(message.find('\n', start), message.size());
      std::fprintf(stderr, "  %s\n", message.substr(start, end - start).c_str());
      start = end + 1;
    }
  }
  PrintJsonError(what, status.error_message(), GrpcCodeName(status.error_code()),
                 CodeFor(status.error_code()));
  return CodeFor(status.error_code());
}

int ReportRpcError(const std::string& what, const absl::Status& status) {
  return ReportRpcError(what, grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                                           std::string(status.message())));
}

int ReportError(const std::string& message, int code) {
  std::fprintf(stderr, "hoso: %s\n", message.c_str());
  PrintJsonError("", message, "", code);
  return code;
}

}  // namespace hoso::cli
