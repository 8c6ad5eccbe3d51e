#include "clients/web/error_json.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace hoso::web {
namespace {

constexpr char kErrorDomain[] = "hoso.vn";
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view bytes) {
  std::string out;
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v =
        (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kBase64[(v >> s) & 63];
  }
  if (i + 1 == bytes.size()) {
    const uint32_t v = uint8_t(bytes[i]) << 16;
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

Reply Render(grpc::StatusCode code, std::string_view message,
             const std::vector<google::rpc::ErrorInfo>& infos, int http_status) {
  google::protobuf::Struct error;
  auto& fields = *error.mutable_fields();
  fields["code"].set_string_value(ConnectCodeName(code));
  fields["message"].set_string_value(std::string(message));
  auto* details = fields["details"].mutable_list_value();
  for (const google::rpc::ErrorInfo& info : infos) {
    google::protobuf::Struct detail;
    auto& d = *detail.mutable_fields();
    d["type"].set_string_value("google.rpc.ErrorInfo");
    d["value"].set_string_value(Base64(info.SerializeAsString()));
    std::string debug;
    (void)google::protobuf::util::MessageToJsonString(info, &debug);
    (void)google::protobuf::util::JsonStringToMessage(debug, d["debug"].mutable_struct_value());
    *details->add_values()->mutable_struct_value() = std::move(detail);
  }
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(error, &json);
  return Reply::Buffer(http_status != 0 ? http_status : HttpStatusOf(code), json,
                       "application/json");
}

}  // namespace

std::string ConnectCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::CANCELLED:
      return "canceled";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "invalid_argument";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "deadline_exceeded";
    case grpc::StatusCode::NOT_FOUND:
      return "not_found";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "already_exists";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "permission_denied";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "resource_exhausted";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "failed_precondition";
    case grpc::StatusCode::ABORTED:
      return "aborted";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "out_of_range";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "unimplemented";
    case grpc::StatusCode::INTERNAL:
      return "internal";
    case grpc::StatusCode::UNAVAILABLE:
      return "unavailable";
    case grpc::StatusCode::DATA_LOSS:
      return "data_loss";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "unauthenticated";
    default:
      return "unknown";
  }
}

// As the Connect protocol maps them.
int HttpStatusOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::CANCELLED:
      return 499;
    case grpc::StatusCode::INVALID_ARGUMENT:
      return 400;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
      return 409;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::FAILED_PRECONDITION:
      return 400;
    case grpc::StatusCode::ABORTED:
      return 409;
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::UNIMPLEMENTED:
      return 501;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    default:
      return 500;
  }
}

Reply ErrorReply(const grpc::Status& status) {
  std::vector<google::rpc::ErrorInfo> infos;
  google::rpc::Status details;
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    for (const auto& any : details.details()) {
      google::rpc::ErrorInfo info;
      if (any.UnpackTo(&info)) infos.push_back(std::move(info));
    }
  }
  if (infos.empty() && status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    // Not hosod's answer: the channel could not reach it.
    return ErrorReply(status.error_code(), reason::kServerUnavailable,
                      std::string("Máy chủ hồ sơ (hosod) không trả lời; thử lại sau ít phút. (") +
                          status.error_message() + ")");
  }
  if (infos.empty()) {
    google::rpc::ErrorInfo info;
    info.set_reason(ConnectCodeName(status.error_code()));
    for (char& c : *info.mutable_reason()) c = static_cast<char>(std::toupper(c));
    info.set_domain(kErrorDomain);
    infos.push_back(std::move(info));
  }
  return Render(status.error_code(), status.error_message(), infos, 0);
}

Reply ErrorReply(grpc::StatusCode code, std::string_view reason, std::string_view message,
                 const std::vector<std::pair<std::string, std::string>>& metadata,
                 int http_status) {
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(kErrorDomain);
  for (const auto& [key, value] : metadata) (*info.mutable_metadata())[key] = value;
  return Render(code, message, {info}, http_status);
}

}  // namespace hoso::web
