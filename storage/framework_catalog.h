#ifndef HOSO_STORAGE_FRAMEWORK_CATALOG_H_
#define HOSO_STORAGE_FRAMEWORK_CATALOG_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/records.pb.h"

namespace hoso::storage {

// The accreditation frameworks (standards and criteria) the server knows.
// Immutable after construction, so thread-safe.
class FrameworkCatalog {
 public:
  // The frameworks shipped inside the binary (storage/frameworks/*.json).
  static absl::StatusOr<std::unique_ptr<FrameworkCatalog>> BuiltIn();
  // Parses and checks one framework file; the error names what is wrong.
  static absl::StatusOr<Framework> Parse(std::string_view json);

  // nullptr when unknown.
  const Framework* Find(std::string_view id) const;
  std::vector<std::string> Ids() const;

  // InvalidArgument naming the valid range unless `criterion` is in `framework`:
  // "criterion 7.1 is not in framework tt17-2018 (1.1–5.5)".
  static absl::Status CheckCriterion(const Framework& framework, std::string_view criterion);

 private:
  std::map<std::string, Framework, std::less<>> frameworks_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_FRAMEWORK_CATALOG_H_
