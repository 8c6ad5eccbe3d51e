#include "clients/office/xml_stream.h"

#include <expat.h>

#include <limits>

namespace hoso::office {

std::string_view LocalName(std::string_view name) {
  const size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view XmlAttributes::Get(std::string_view local, bool* found) const {
  for (const char** a = raw_; a != nullptr && a[0] != nullptr; a += 2) {
    if (LocalName(a[0]) == local) {
      if (found != nullptr) *found = true;
      return a[1];
    }
  }
  if (found != nullptr) *found = false;
  return {};
}

XmlStream::XmlStream(XmlHandler* handler, uint32_t max_depth)
    : parser_(XML_ParserCreate("UTF-8")), handler_(handler), max_depth_(max_depth) {
  XML_SetUserData(parser_, this);
  XML_SetElementHandler(parser_, &XmlStream::OnStart, &XmlStream::OnEnd);
  XML_SetCharacterDataHandler(parser_, &XmlStream::OnText);
  XML_SetStartDoctypeDeclHandler(parser_, &XmlStream::OnDoctype);
  // Never fetch or expand anything outside the part.
  XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
}

XmlStream::~XmlStream() { XML_ParserFree(parser_); }

void XmlStream::Stop(absl::Status status) {
  if (error_.ok()) error_ = std::move(status);
  XML_StopParser(parser_, XML_FALSE);
}

void XmlStream::OnStart(void* self, const char* name, const char** attributes) {
  auto* s = static_cast<XmlStream*>(self);
  if (!s->error_.ok()) return;
  if (++s->depth_ > s->max_depth_) {
    s->Stop(
        absl::InvalidArgumentError("XML lồng nhau quá " + std::to_string(s->max_depth_) + " tầng"));
    return;
  }
  if (absl::Status st = s->handler_->Start(LocalName(name), XmlAttributes(attributes)); !st.ok()) {
    s->Stop(std::move(st));
  }
}

void XmlStream::OnEnd(void* self, const char* name) {
  auto* s = static_cast<XmlStream*>(self);
  if (!s->error_.ok()) return;
  --s->depth_;
  if (absl::Status st = s->handler_->End(LocalName(name)); !st.ok()) s->Stop(std::move(st));
}

void XmlStream::OnText(void* self, const char* text, int length) {
  auto* s = static_cast<XmlStream*>(self);
  if (!s->error_.ok()) return;
  if (absl::Status st = s->handler_->Text(std::string_view(text, static_cast<size_t>(length)));
      !st.ok()) {
    s->Stop(std::move(st));
  }
}

void XmlStream::OnDoctype(void* self, const char*, const char*, const char*, int) {
  static_cast<XmlStream*>(self)->Stop(
      absl::InvalidArgumentError("có khai báo DOCTYPE (DTD): tài liệu Office không có, không đọc"));
}

absl::Status XmlStream::Parse(const char* bytes, size_t size, bool last) {
  while (size > 0 || last) {
    const int piece = static_cast<int>(std::min<size_t>(size, 1 << 20));
    const bool final_piece = last && static_cast<size_t>(piece) == size;
    if (XML_Parse(parser_, bytes, piece, final_piece ? XML_TRUE : XML_FALSE) != XML_STATUS_OK) {
      if (!error_.ok()) return error_;
      return absl::InvalidArgumentError(std::string("XML hỏng ở dòng ") +
                                        std::to_string(XML_GetCurrentLineNumber(parser_)) + ": " +
                                        XML_ErrorString(XML_GetErrorCode(parser_)));
    }
    if (!error_.ok()) return error_;
    bytes += piece;
    size -= static_cast<size_t>(piece);
    if (final_piece) break;
  }
  return absl::OkStatus();
}

absl::Status XmlStream::Feed(std::string_view bytes) {
  return Parse(bytes.data(), bytes.size(), false);
}

absl::Status XmlStream::Finish() { return Parse(nullptr, 0, true); }

}  // namespace hoso::office
