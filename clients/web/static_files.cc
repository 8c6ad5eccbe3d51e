#include "clients/web/static_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

#include "clients/web/error_json.h"

namespace hoso::web {
namespace {

bool EndsWith(const std::string& text, const char* suffix) {
  const std::string s(suffix);
  return text.size() >= s.size() && text.compare(text.size() - s.size(), s.size(), s) == 0;
}

Reply NotFound() {
  return ErrorReply(grpc::StatusCode::NOT_FOUND, reason::kNotFound,
                    "Không có trang này (no such page).");
}

}  // namespace

bool IsSafeRelativePath(const std::string& relative) {
  if (relative.empty() || relative.size() > 1024) return false;
  size_t start = 0;
  while (start <= relative.size()) {
    size_t end = relative.find('/', start);
    if (end == std::string::npos) end = relative.size();
    const std::string segment = relative.substr(start, end - start);
    if (segment.empty() || segment[0] == '.') return false;  // "..", ".", hidden, "//"
    for (char c : segment) {
      if (c == '\\' || c == '\0' || static_cast<unsigned char>(c) < 0x20) return false;
    }
    start = end + 1;
  }
  return true;
}

std::string ContentTypeOf(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".wasm", "application/wasm"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".webmanifest", "application/manifest+json"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [extension, type] : kTypes) {
    if (EndsWith(path, extension)) return type;
  }
  return "application/octet-stream";
}

Reply StaticFiles::Serve(const Request& request, const std::string& relative) const {
  if (!IsSafeRelativePath(relative)) return NotFound();
  const std::string path = root_ + "/" + relative;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NotFound();
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return NotFound();  // a directory is never listed
  }
  char etag[64];
  std::snprintf(
      etag, sizeof(etag), "\"%llx-%llx\"", static_cast<unsigned long long>(st.st_size),
      static_cast<unsigned long long>(st.st_mtim.tv_sec * 1000000000ll + st.st_mtim.tv_nsec));
  const std::string type = ContentTypeOf(relative);
  const bool vendor = relative.rfind("vendor/", 0) == 0;
  const char* cache = vendor ? "public, max-age=31536000, immutable" : "no-cache";
  const ReplyKind kind = EndsWith(relative, ".html") ? ReplyKind::kPage : ReplyKind::kAsset;
  if (request.Header("If-None-Match") == etag) {
    ::close(fd);
    Reply reply = Reply::Empty(304);
    reply.Header("ETag", etag).Header("Cache-Control", cache).Kind(kind);
    return reply;
  }
  Reply reply = Reply::File(200, fd, static_cast<uint64_t>(st.st_size), type);
  reply.Header("ETag", etag).Header("Cache-Control", cache).Kind(kind);
  return reply;
}

}  // namespace hoso::web
