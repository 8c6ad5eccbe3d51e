#ifndef HOSO_TESTS_SUPPORT_HEALTH_CHECK_H_
#define HOSO_TESTS_SUPPORT_HEALTH_CHECK_H_

// The standard health service asked as any operator's probe asks it: a
// generic call with the request encoded by hand, so that the tests depend on
// the wire format, not on a generated health stub.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <future>
#include <string>
#include <vector>

namespace hoso {

// grpc.health.v1.Health/Check for `service`: 1 SERVING, 2 NOT_SERVING, -1 on error.
inline int HealthOf(const std::string& address, const std::string& service) {
  const std::string request = std::string("\x0a") + static_cast<char>(service.size()) + service;
  grpc::Slice slice(request);
  grpc::ByteBuffer in(&slice, 1), out;
  grpc::GenericStub stub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &in, &out,
                 [&](grpc::Status s) { done.set_value(s); });
  if (!done.get_future().get().ok()) return -1;
  std::vector<grpc::Slice> slices;
  out.Dump(&slices);
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return bytes.size() == 2 && bytes[0] == 0x08 ? bytes[1] : (bytes.empty() ? 0 : -1);
}

}  // namespace hoso

#endif  // HOSO_TESTS_SUPPORT_HEALTH_CHECK_H_
