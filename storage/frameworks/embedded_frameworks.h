#ifndef HOSO_STORAGE_FRAMEWORKS_EMBEDDED_FRAMEWORKS_H_
#define HOSO_STORAGE_FRAMEWORKS_EMBEDDED_FRAMEWORKS_H_

#include <string_view>
#include <vector>

namespace hoso::storage {

// The JSON text of storage/frameworks/*.json, compiled in by CMake.
std::vector<std::string_view> EmbeddedFrameworkFiles();

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_FRAMEWORKS_EMBEDDED_FRAMEWORKS_H_
