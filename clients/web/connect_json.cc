#include "clients/web/connect_json.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/generic/generic_stub.h>

#include <cstdlib>
#include <future>

#include "clients/web/error_json.h"
#include "clients/web/hosod_channel.h"
#include "clients/web/session_cookie.h"
#include "hoso/v1/hoso.pb.h"

namespace hoso::web {
namespace {

namespace pb = google::protobuf;

constexpr char kLoginService[] = "hoso.v1.LoginService";

enum class LoginRole { kNone, kLogin, kLogout };

grpc::Status CallUnary(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext* context,
                       const std::string& path, const std::string& request, std::string* response) {
  grpc::GenericStub stub(channel);
  grpc::Slice slice(request);
  grpc::ByteBuffer request_buffer(&slice, 1), response_buffer;
  std::promise<grpc::Status> done;
  stub.UnaryCall(context, path, grpc::StubOptions(), &request_buffer, &response_buffer,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  grpc::Status status = done.get_future().get();
  if (!status.ok()) return status;
  std::vector<grpc::Slice> slices;
  if (!response_buffer.Dump(&slices).ok()) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "unreadable answer from hosod");
  }
  for (const grpc::Slice& s : slices) {
    response->append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return status;
}

class ConnectCall : public Exchange {
 public:
  ConnectCall(std::shared_ptr<grpc::Channel> channel, const pb::MethodDescriptor* method,
              std::string token, LoginRole role)
      : channel_(std::move(channel)), method_(method), token_(std::move(token)), role_(role) {}

  std::optional<Reply> Start() override { return std::nullopt; }

  void OnBody(std::string_view piece) override {
    if (body_.size() + piece.size() > kMaxJsonBody) {
      too_large_ = true;
      return;
    }
    body_.append(piece);
  }

  Reply Finish() override {
    if (too_large_) return TooLarge();
    const pb::Message* prototype =
        pb::MessageFactory::generated_factory()->GetPrototype(method_->input_type());
    std::unique_ptr<pb::Message> request(prototype->New());
    if (!body_.empty()) {
      pb::util::JsonParseOptions options;
      auto parsed = pb::util::JsonStringToMessage(body_, request.get(), options);
      if (!parsed.ok()) {
        return ErrorReply(grpc::StatusCode::INVALID_ARGUMENT, reason::kInvalidArgument,
                          std::string("Yêu cầu không đúng dạng JSON của ") +
                              std::string(method_->input_type()->full_name()) + ": " +
                              std::string(parsed.message()));
      }
    }
    const std::string path = std::string("/") + std::string(method_->service()->full_name()) + "/" +
                             std::string(method_->name());
    std::string answer;
    auto context = UnaryContext(token_);
    grpc::Status status =
        CallUnary(channel_, context.get(), path, request->SerializeAsString(), &answer);
    if (!status.ok()) {
      Reply reply = ErrorReply(status);
      if (role_ == LoginRole::kLogout) reply.Header("Set-Cookie", ClearedSessionCookie());
      return reply;
    }
    std::unique_ptr<pb::Message> response(
        pb::MessageFactory::generated_factory()->GetPrototype(method_->output_type())->New());
    std::string cookie;
    if (role_ == LoginRole::kLogin) {
      v1::LoginResponse login;
      login.ParseFromString(answer);
      int64_t max_age = 0;
      if (login.info().has_expires()) {
        max_age = login.info().expires().seconds() - static_cast<int64_t>(std::time(nullptr));
        if (max_age < 1) max_age = 1;
      }
      cookie = SessionCookie(login.token(), max_age);
      login.clear_token();  // the page never sees it: HttpOnly cookie only
      answer = login.SerializeAsString();
    } else if (role_ == LoginRole::kLogout) {
      cookie = ClearedSessionCookie();
    }
    if (!response->ParseFromString(answer)) {
      return ErrorReply(grpc::StatusCode::INTERNAL, "INTERNAL", "unreadable answer from hosod");
    }
    pb::util::JsonPrintOptions print;
    print.always_print_primitive_fields = true;
    std::string json;
    (void)pb::util::MessageToJsonString(*response, &json, print);
    Reply reply = Reply::Buffer(200, json, "application/json");
    if (!cookie.empty()) reply.Header("Set-Cookie", cookie);
    return reply;
  }

 private:
  static Reply TooLarge() {
    return ErrorReply(grpc::StatusCode::RESOURCE_EXHAUSTED, reason::kBodyTooLarge,
                      "Yêu cầu quá lớn (quá 8 MiB).",
                      {{"limit_bytes", std::to_string(kMaxJsonBody)}}, 413);
  }

  std::shared_ptr<grpc::Channel> channel_;
  const pb::MethodDescriptor* method_;
  std::string token_;
  LoginRole role_;
  std::string body_;
  bool too_large_ = false;
};

}  // namespace

std::unique_ptr<Exchange> ConnectJson::Open(const Request& request,
                                            const std::string& procedure) const {
  const size_t slash = procedure.find('/');
  const pb::MethodDescriptor* method = nullptr;
  if (slash != std::string::npos && procedure.rfind("hoso.v1.", 0) == 0) {
    const pb::ServiceDescriptor* service =
        pb::DescriptorPool::generated_pool()->FindServiceByName(procedure.substr(0, slash));
    if (service != nullptr) method = service->FindMethodByName(procedure.substr(slash + 1));
  }
  if (method == nullptr) {
    return Answer(ErrorReply(grpc::StatusCode::UNIMPLEMENTED, reason::kUnimplemented,
                             "Không có lệnh " + procedure + " (no such procedure).", {}, 404));
  }
  if (method->client_streaming() || method->server_streaming()) {
    return Answer(ErrorReply(
        grpc::StatusCode::UNIMPLEMENTED, reason::kUnimplemented,
        procedure + " truyền theo dòng: dùng /files/ để tải lên, /download/… để tải về "
                    "(a streaming method: use /files/ to upload, /download/… to download).",
        {}, 415));
  }
  if (request.Header("Content-Type").rfind("application/json", 0) != 0) {
    return Answer(ErrorReply(grpc::StatusCode::INVALID_ARGUMENT, reason::kUnsupportedMedia,
                             "Cần Content-Type: application/json.", {}, 415));
  }
  const std::string length = request.Header("Content-Length");
  if (!length.empty() && std::strtoull(length.c_str(), nullptr, 10) > kMaxJsonBody) {
    return Answer(ErrorReply(grpc::StatusCode::RESOURCE_EXHAUSTED, reason::kBodyTooLarge,
                             "Yêu cầu quá lớn (quá 8 MiB).",
                             {{"limit_bytes", std::to_string(kMaxJsonBody)}}, 413));
  }
  LoginRole role = LoginRole::kNone;
  const std::string service = std::string(method->service()->full_name());
  if (service == kLoginService &&
      (method->name() == "PasswordLogin" || method->name() == "CodeLogin")) {
    role = LoginRole::kLogin;
  } else if (service == kLoginService && method->name() == "Logout") {
    role = LoginRole::kLogout;
  }
  std::string token = role == LoginRole::kLogin ? "" : SessionToken(request);
  if (role == LoginRole::kNone && token.empty()) {
    return Answer(ErrorReply(grpc::StatusCode::UNAUTHENTICATED, reason::kNotSignedIn,
                             "Chưa đăng nhập, hoặc phiên đã hết hạn: hãy đăng nhập lại."));
  }
  return std::make_unique<ConnectCall>(channel_, method, std::move(token), role);
}

}  // namespace hoso::web
