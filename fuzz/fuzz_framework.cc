// Framework files come from outside (hoso framework import).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "storage/frameworks/framework_catalog.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto framework = hoso::storage::FrameworkCatalog::Parse(
      std::string_view(reinterpret_cast<const char*>(data), size));
  if (framework.ok()) {
    // A framework that parses must be usable by a catalogue.
    auto catalog = hoso::storage::FrameworkCatalog::BuiltIn();
    if (catalog.ok()) (*catalog)->Add(*framework, false).IgnoreError();
  }
  return 0;
}
