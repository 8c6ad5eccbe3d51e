#include "services/access/malformed_request.h"

#include <google/protobuf/descriptor.h>

#include <string>
#include <string_view>

#include "services/access/rpc_gate.h"

namespace hoso {
namespace {

using grpc::experimental::InterceptionHookPoints;

// "/hoso.v1.EvidenceService/GetEvidence" -> "hoso.v1.GetEvidenceRequest".
std::string RequestTypeOf(std::string_view path) {
  std::string full(path.substr(1));
  const auto slash = full.find('/');
  if (slash != std::string::npos) full[slash] = '.';
  const auto* method = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(full);
  return method ? method->input_type()->full_name()
                : std::string("request of ") + std::string(path);
}

class MalformedRequestInterceptor : public grpc::experimental::Interceptor {
 public:
  MalformedRequestInterceptor(const RpcGate* gate, grpc::experimental::ServerRpcInfo* info)
      : gate_(gate), info_(info) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() == nullptr) {
      unparsed_ = true;
    }
    // Only grpc++'s own answer to the failed parse is replaced: a refusal
    // for want of resources (no message either) keeps its status.
    if (unparsed_ && methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
        methods->GetSendStatus().error_code() == grpc::StatusCode::INTERNAL) {
      const std::string_view path = info_->method();
      const absl::Status refused = absl::InvalidArgumentError(
          std::string("the request is not a valid ") + RequestTypeOf(path) +
          ": its bytes do not parse as that message (a client built from another hoso.proto, "
          "or a damaged message)");
      // "/hoso.v1.EvidenceService/GetEvidence" -> "EvidenceService/GetEvidence"
      const auto dot = path.find('.', path.find('.') + 1);
      gate_->RecordRefusal(*info_->server_context(),
                           dot == std::string_view::npos ? path : path.substr(dot + 1), "",
                           refused);
      methods->ModifySendStatus(ToGrpc(refused));
    }
    methods->Proceed();
  }

 private:
  const RpcGate* const gate_;
  grpc::experimental::ServerRpcInfo* const info_;
  bool unparsed_ = false;
};

}  // namespace

grpc::experimental::Interceptor* MalformedRequestInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  // hoso's own services only; health checking and reflection are grpc's.
  if (std::string_view(info->method()).rfind("/hoso.", 0) != 0) return nullptr;
  return new MalformedRequestInterceptor(gate_, info);
}

}  // namespace hoso
