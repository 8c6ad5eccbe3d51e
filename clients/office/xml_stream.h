#ifndef HOSO_CLIENTS_OFFICE_XML_STREAM_H_
#define HOSO_CLIENTS_OFFICE_XML_STREAM_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"

typedef struct XML_ParserStruct* XML_Parser;

namespace hoso::office {

// An XML element's attributes by local name ("w:val" -> "val").
class XmlAttributes {
 public:
  explicit XmlAttributes(const char** raw) : raw_(raw) {}
  // The value of the attribute named `local`, or "" (found false).
  std::string_view Get(std::string_view local, bool* found = nullptr) const;

 private:
  const char** raw_;
};

// What an OOXML part's reader does with the elements (local names: the
// namespace prefix is dropped, so "w:tbl" is "tbl").
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual absl::Status Start(std::string_view name, const XmlAttributes& attributes) = 0;
  virtual absl::Status End(std::string_view name) = 0;
  virtual absl::Status Text(std::string_view text) = 0;
};

// One part parsed as it streams in (expat). Refuses DTDs (so no entities,
// internal or external) and nesting deeper than `max_depth`; a handler's
// error stops the parse and is what Finish returns.
class XmlStream {
 public:
  XmlStream(XmlHandler* handler, uint32_t max_depth);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // An error names the problem (and its line); the caller adds the file and part.
  absl::Status Feed(std::string_view bytes);
  absl::Status Finish();

 private:
  static void OnStart(void* self, const char* name, const char** attributes);
  static void OnEnd(void* self, const char* name);
  static void OnText(void* self, const char* text, int length);
  static void OnDoctype(void* self, const char* name, const char* sysid, const char* pubid,
                        int has_internal_subset);
  void Stop(absl::Status status);
  absl::Status Parse(const char* bytes, size_t size, bool last);

  XML_Parser parser_;
  XmlHandler* handler_;
  uint32_t max_depth_;
  uint32_t depth_ = 0;
  absl::Status error_;
};

// Local name of a qualified XML name: "w:tbl" -> "tbl".
std::string_view LocalName(std::string_view name);

}  // namespace hoso::office

#endif  // HOSO_CLIENTS_OFFICE_XML_STREAM_H_
