#ifndef HOSO_CLIENTS_WEB_DOWNLOADS_H_
#define HOSO_CLIENTS_WEB_DOWNLOADS_H_

// Downloads streamed from hosod's download RPCs piece by piece (HTTP.md):
// an evidence file always as an attachment; a preview only when its bytes
// begin as PNG, JPEG, GIF, WebP or PDF (sniffed, never the name), in a
// sandbox; a dossier, the catalogue, a self-assessment report as attachments.
// Errors before the first byte answer as JSON errors; an error after it
// breaks the transfer (never wrong bytes).
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "clients/web/http_server.h"

namespace hoso::web {

class Downloads {
 public:
  explicit Downloads(std::shared_ptr<grpc::Channel> channel) : channel_(std::move(channel)) {}
  // nullptr when the path is none of /download/, /preview/, /dossier/,
  // /catalogue/, /report/.
  std::unique_ptr<Exchange> Open(const Request& request) const;

 private:
  std::shared_ptr<grpc::Channel> channel_;
};

// `Content-Disposition: <kind>; filename="ascii"; filename*=UTF-8''…`.
std::string ContentDisposition(const std::string& kind, const std::string& name);
// The type of what `head` begins as, when it is one a preview shows; "" otherwise.
std::string PreviewType(std::string_view head);

}  // namespace hoso::web

#endif  // HOSO_CLIENTS_WEB_DOWNLOADS_H_
