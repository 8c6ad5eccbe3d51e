#ifndef HOSO_CLIENTS_WEB_TUS_UPLOAD_H_
#define HOSO_CLIENTS_WEB_TUS_UPLOAD_H_

// tus 1.0 uploads under /files/ (creation, creation-with-upload, HEAD,
// PATCH, OPTIONS) onto hosod's resumable uploads: the offset is hosod's
// durable resume offset (StatContent), a PATCH body streams into
// ContentService.UploadContent in messages of at most 1 MiB as it arrives
// (nothing whole in memory), and a PATCH cut short still ends its gRPC
// stream, so hosod keeps the durable part for the next HEAD.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "clients/web/http_server.h"

namespace hoso::web {

class TusUploads {
 public:
  TusUploads(std::shared_ptr<grpc::Channel> channel, uint64_t max_size)
      : channel_(std::move(channel)), max_size_(max_size) {}
  // `rest`: the path after "/files/" ("" for creation, else the id).
  std::unique_ptr<Exchange> Open(const Request& request, const std::string& rest) const;

 private:
  std::shared_ptr<grpc::Channel> channel_;
  uint64_t max_size_;
};

}  // namespace hoso::web

#endif  // HOSO_CLIENTS_WEB_TUS_UPLOAD_H_
