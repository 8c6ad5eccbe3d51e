#ifndef HOSO_STORAGE_BASE_SCRATCH_FILE_H_
#define HOSO_STORAGE_BASE_SCRATCH_FILE_H_

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace hoso {

// The bytes a library writes only to a named file (libxlsxwriter, a zip by
// libarchive): `write` fills a fresh file in `scratch_dir`, whose bytes are
// returned; the file is gone afterwards, whether or not it worked.
absl::StatusOr<std::string> WriteThroughScratchFile(
    const std::string& scratch_dir, std::string_view prefix,
    const std::function<absl::Status(const std::string& path)>& write);

}  // namespace hoso

#endif  // HOSO_STORAGE_BASE_SCRATCH_FILE_H_
