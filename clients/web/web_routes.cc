#include "clients/web/web_routes.h"

#include "clients/web/connect_json.h"
#include "clients/web/downloads.h"
#include "clients/web/error_json.h"
#include "clients/web/origin_check.h"
#include "clients/web/static_files.h"
#include "clients/web/tus_upload.h"

namespace hoso::web {
namespace {

bool StartsWith(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

Reply NotFound() {
  return ErrorReply(grpc::StatusCode::NOT_FOUND, reason::kNotFound,
                    "Không có trang này (no such page).");
}

Reply MethodNotAllowed() {
  return ErrorReply(grpc::StatusCode::UNIMPLEMENTED, reason::kUnimplemented,
                    "Phương thức HTTP này không dùng được ở đây (method not allowed).", {}, 405);
}

class Routes {
 public:
  Routes(std::shared_ptr<grpc::Channel> channel, WebConfig config)
      : config_(std::move(config)),
        files_(config_.assets),
        api_(channel),
        uploads_(channel, config_.max_upload_bytes),
        downloads_(channel) {}

  std::unique_ptr<Exchange> Route(const Request& request) const {
    if (!SameOrigin(request, config_.public_origin)) {
      return Answer(
          ErrorReply(grpc::StatusCode::PERMISSION_DENIED, reason::kCrossSiteRefused,
                     "Yêu cầu từ trang web khác bị từ chối (cross-site request refused)."));
    }
    const std::string& path = request.path();
    const std::string& method = request.method();
    const bool read = method == "GET" || method == "HEAD";
    if (path == "/" || path == "/index.html") {
      return read ? Answer(files_.Serve(request, "index.html")) : Answer(MethodNotAllowed());
    }
    if (StartsWith(path, "/assets/")) {
      return read ? Answer(files_.Serve(request, path.substr(8))) : Answer(MethodNotAllowed());
    }
    if (StartsWith(path, "/api/")) {
      return method == "POST" ? api_.Open(request, path.substr(5)) : Answer(MethodNotAllowed());
    }
    if (path == "/files" || StartsWith(path, "/files/")) {
      return uploads_.Open(request, path.size() > 7 ? path.substr(7) : "");
    }
    if (auto download = downloads_.Open(request)) return download;
    return Answer(NotFound());
  }

 private:
  WebConfig config_;
  StaticFiles files_;
  ConnectJson api_;
  TusUploads uploads_;
  Downloads downloads_;
};

}  // namespace

Router MakeRouter(std::shared_ptr<grpc::Channel> channel, WebConfig config) {
  auto routes = std::make_shared<Routes>(std::move(channel), std::move(config));
  return [routes](const Request& request) { return routes->Route(request); };
}

}  // namespace hoso::web
