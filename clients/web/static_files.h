#ifndef HOSO_CLIENTS_WEB_STATIC_FILES_H_
#define HOSO_CLIENTS_WEB_STATIC_FILES_H_

// The web app's files under --assets: GET / is index.html, GET /assets/P is
// the file P. Only plain relative paths (no "..", no hidden names, no
// directories listed), the type from the extension, revalidated by ETag,
// and vendor/ (the pinned npm packages) cached for a year.
#include <string>

#include "clients/web/http_server.h"

namespace hoso::web {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // `relative`: the path under the root ("index.html", "vendor/tus.js").
  Reply Serve(const Request& request, const std::string& relative) const;

 private:
  std::string root_;
};

// "" when `relative` is not a plain path under the root.
bool IsSafeRelativePath(const std::string& relative);
std::string ContentTypeOf(const std::string& path);

}  // namespace hoso::web

#endif  // HOSO_CLIENTS_WEB_STATIC_FILES_H_
