#ifndef HOSO_SERVICES_ACCESS_GRPC_STATUS_H_
#define HOSO_SERVICES_ACCESS_GRPC_STATUS_H_

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"

namespace hoso {

// The ErrorInfo domain of every hoso error.
inline constexpr char kErrorDomain[] = "hoso.vn";

// absl -> gRPC: the codes are the same numbers; the message is kept, and the
// status details carry a google.rpc.Status whose one detail is an ErrorInfo
// with the reason (storage/base/error_reason.h; the code's name when none
// was attached) and its metadata.
grpc::Status ToGrpc(const absl::Status& status);

}  // namespace hoso

#endif  // HOSO_SERVICES_ACCESS_GRPC_STATUS_H_
