#ifndef HOSO_CLIENTS_WEB_SECURITY_HEADERS_H_
#define HOSO_CLIENTS_WEB_SECURITY_HEADERS_H_

// The headers every reply carries (HTTP.md, Routes): nosniff, no referrer,
// no framing (previews: same origin only), the pages' Content-Security-Policy,
// no caching of the API and of downloads, HSTS when serving TLS.
#include "clients/web/http_reply.h"

namespace hoso::web {

inline constexpr char kPageCsp[] =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' blob: data:; frame-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
// A preview runs nothing: an image or a PDF shown in a sandboxed frame.
inline constexpr char kPreviewCsp[] =
    "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
// Attachments and API answers are never rendered; should a browser try, nothing runs.
inline constexpr char kInertCsp[] = "default-src 'none'; sandbox; frame-ancestors 'none'";

void AddSecurityHeaders(Reply& reply, bool tls);

}  // namespace hoso::web

#endif  // HOSO_CLIENTS_WEB_SECURITY_HEADERS_H_
