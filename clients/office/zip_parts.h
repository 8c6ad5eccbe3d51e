#ifndef HOSO_CLIENTS_OFFICE_ZIP_PARTS_H_
#define HOSO_CLIENTS_OFFICE_ZIP_PARTS_H_

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "clients/office/office_reader.h"

struct archive;

namespace hoso::office {

// The parts of an Office document (a zip), one at a time, as libarchive
// streams them: nothing but the part being read is in memory, and a part's
// uncompressed bytes are counted as they come, so a zip bomb stops at the cap.
class ZipParts {
 public:
  // `name` names the file in messages; `data` (when not null) is read instead
  // of the file at `path`.
  ZipParts(std::string name, const ReadLimits& limits);
  ~ZipParts();
  ZipParts(const ZipParts&) = delete;
  ZipParts& operator=(const ZipParts&) = delete;

  absl::Status OpenFile(const std::string& path);
  absl::Status OpenMemory(std::string_view data);

  // `want(part)` says whether a part is read; each wanted part's bytes go to
  // `chunk(part, bytes)` in order (a non-OK status stops everything).
  using Want = std::function<bool(const std::string& part)>;
  using Chunk = std::function<absl::Status(const std::string& part, std::string_view bytes)>;
  // Parts that end after `chunk` returned OK for all their bytes get `done(part)`.
  using Done = std::function<absl::Status(const std::string& part)>;
  absl::Status ForEach(const Want& want, const Chunk& chunk, const Done& done);

  // "tệp X.docx, mục word/document.xml: <why>".
  absl::Status Refuse(const std::string& part, const std::string& why) const;

 private:
  absl::Status Opened(int result);

  std::string name_;
  ReadLimits limits_;
  archive* archive_ = nullptr;
};

}  // namespace hoso::office

#endif  // HOSO_CLIENTS_OFFICE_ZIP_PARTS_H_
