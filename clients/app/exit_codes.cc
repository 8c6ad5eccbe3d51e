#include "clients/app/exit_codes.h"

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
    case grpc::StatusCode::ABORTED:
      return kUnavailable;
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
      return "busy";
    case grpc::StatusCode::DATA_LOSS:
      return "data corrupt";
    case grpc::StatusCode::CANCELLED:
      return "cancelled";
    default:
      return "error";
  }
}

}  // namespace

int ReportRpcError(const std::string& what, const grpc::Status& status) {
  std::fprintf(stderr, "hoso: %s: %s (%s)\n", what.c_str(), status.error_message().c_str(),
               CodeName(status.error_code()));
  return CodeFor(status.error_code());
}

int ReportRpcError(const std::string& what, const absl::Status& status) {
  return ReportRpcError(what, grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                                           std::string(status.message())));
}

int ReportError(const std::string& message, int code) {
  std::fprintf(stderr, "hoso: %s\n", message.c_str());
  return code;
}

}  // namespace hoso::cli
