#include "clients/web/security_headers.h"

namespace hoso::web {

void AddSecurityHeaders(Reply& reply, bool tls) {
  reply.Header("X-Content-Type-Options", "nosniff");
  reply.Header("Referrer-Policy", "no-referrer");
  reply.Header("Cross-Origin-Opener-Policy", "same-origin");
  if (tls) reply.Header("Strict-Transport-Security", "max-age=31536000");
  switch (reply.kind()) {
    case ReplyKind::kPage:
      reply.Header("X-Frame-Options", "DENY");
      reply.Header("Content-Security-Policy", kPageCsp);
      break;
    case ReplyKind::kAsset:
      reply.Header("X-Frame-Options", "DENY");
      break;
    case ReplyKind::kPreview:
      reply.Header("X-Frame-Options", "SAMEORIGIN");
      reply.Header("Content-Security-Policy", kPreviewCsp);
      reply.Header("Cache-Control", "no-store");
      break;
    case ReplyKind::kApi:
    case ReplyKind::kDownload:
      reply.Header("X-Frame-Options", "DENY");
      reply.Header("Content-Security-Policy", kInertCsp);
      reply.Header("Cache-Control", "no-store");
      break;
  }
}

}  // namespace hoso::web
