#ifndef HOSO_CLIENTS_WEB_ERROR_JSON_H_
#define HOSO_CLIENTS_WEB_ERROR_JSON_H_

// Errors in the Connect protocol's unary form (HTTP.md, Errors): the code's
// name, the HTTP status Connect maps it to, the message, and the
// google.rpc.ErrorInfo carrying the stable reason the web app translates.
#include <grpcpp/grpcpp.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clients/web/http_reply.h"

namespace hoso::web {

// hoso-web's own reasons (hosod's are in storage/base/error_reason.h).
namespace reason {
inline constexpr char kServerUnavailable[] = "SERVER_UNAVAILABLE";
inline constexpr char kBodyTooLarge[] = "BODY_TOO_LARGE";
inline constexpr char kUploadOffsetMismatch[] = "UPLOAD_OFFSET_MISMATCH";
inline constexpr char kCrossSiteRefused[] = "CROSS_SITE_REFUSED";
inline constexpr char kNotSignedIn[] = "NOT_SIGNED_IN";
inline constexpr char kNotFound[] = "NOT_FOUND";
inline constexpr char kUnsupportedMedia[] = "UNSUPPORTED_MEDIA";
inline constexpr char kInvalidArgument[] = "INVALID_ARGUMENT";
inline constexpr char kUnimplemented[] = "UNIMPLEMENTED";
}  // namespace reason

std::string ConnectCodeName(grpc::StatusCode code);
int HttpStatusOf(grpc::StatusCode code);

// An error hosod answered (its ErrorInfo passed on), or the channel's own
// (hosod unreachable: SERVER_UNAVAILABLE).
Reply ErrorReply(const grpc::Status& status);
// An error of hoso-web itself; `http_status` 0: the code's.
Reply ErrorReply(grpc::StatusCode code, std::string_view reason, std::string_view message,
                 const std::vector<std::pair<std::string, std::string>>& metadata = {},
                 int http_status = 0);

}  // namespace hoso::web

#endif  // HOSO_CLIENTS_WEB_ERROR_JSON_H_
