#ifndef HOSO_TESTS_SUPPORT_RPC_CLIENT_H_
#define HOSO_TESTS_SUPPORT_RPC_CLIENT_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "hoso/v1/hoso.grpc.pb.h"

namespace hoso::testing {

// Raw stubs to a running hosod, for tests that speak the proto directly.
class RpcClient {
 public:
  RpcClient(const std::string& address, std::string token)
      : token_(std::move(token)),
        channel_(grpc::CreateChannel(address, grpc::InsecureChannelCredentials())),
        schools(v1::SchoolService::NewStub(channel_)),
        content(v1::ContentService::NewStub(channel_)),
        evidence(v1::EvidenceService::NewStub(channel_)) {}

  std::unique_ptr<grpc::ClientContext> Context() const {
    auto c = std::make_unique<grpc::ClientContext>();
    if (!token_.empty()) c->AddMetadata("authorization", "Bearer " + token_);
    c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return c;
  }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

  // Streams `data` to UploadContent with the given header.
  grpc::Status Upload(const std::string& data, const std::string& declared_hex,
                      v1::UploadContentResponse* response) const {
    auto context = Context();
    auto writer = content->UploadContent(context.get(), response);
    v1::UploadChunk message;
    message.mutable_header()->set_sha256(declared_hex);
    message.mutable_header()->set_size(data.size());
    writer->Write(message);
    for (size_t at = 0; at < data.size(); at += 1 << 20) {
      message.set_data(data.substr(at, 1 << 20));
      if (!writer->Write(message)) break;
    }
    writer->WritesDone();
    return writer->Finish();
  }

  v1::ContentState Stat(const std::string& hex) const {
    v1::StatContentRequest request;
    request.add_sha256(hex);
    v1::StatContentResponse response;
    grpc::Status s = content->StatContent(Context().get(), request, &response);
    return s.ok() && response.states_size() == 1 ? response.states(0) : v1::ContentState();
  }

 private:
  std::string token_;
  std::shared_ptr<grpc::Channel> channel_;

 public:
  std::unique_ptr<v1::SchoolService::Stub> schools;
  std::unique_ptr<v1::ContentService::Stub> content;
  std::unique_ptr<v1::EvidenceService::Stub> evidence;
};

}  // namespace hoso::testing

#endif  // HOSO_TESTS_SUPPORT_RPC_CLIENT_H_
