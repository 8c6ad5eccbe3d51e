#ifndef HOSO_SERVICES_ACCESS_MALFORMED_REQUEST_H_
#define HOSO_SERVICES_ACCESS_MALFORMED_REQUEST_H_

#include <grpcpp/support/server_interceptor.h>

namespace hoso {

class RpcGate;

// grpc++ parses the request of a unary or server-streaming call before any
// hoso code runs, and answers one whose bytes do not parse with INTERNAL and
// an empty message (GenericDeserialize in grpcpp/impl/codegen/proto_utils.h
// reports InitializationErrorString(), which is empty for proto3). The
// interceptors this factory makes notice the failed parse (POST_RECV_MESSAGE
// without a message) and, before the status goes out (PRE_SEND_STATUS),
// replace it with INVALID_ARGUMENT naming the message type, and have the
// gate record the refusal. Messages of a client stream that do not parse end
// the stream early instead (grpc++ gives no hook there); the handler then
// says what is missing.
class MalformedRequestInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MalformedRequestInterceptorFactory(const RpcGate* gate) : gate_(gate) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  const RpcGate* const gate_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_ACCESS_MALFORMED_REQUEST_H_
