#ifndef HOSO_STORAGE_FRAMEWORKS_FRAMEWORK_CATALOG_H_
#define HOSO_STORAGE_FRAMEWORKS_FRAMEWORK_CATALOG_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

// The accreditation frameworks (standards and criteria) the server knows:
// those shipped in the binary and those an admin imported. Frameworks are
// only ever added, never changed, so pointers stay valid. Thread-safe.
class FrameworkCatalog {
 public:
  // The frameworks shipped inside the binary (storage/frameworks/*.json).
  static absl::StatusOr<std::unique_ptr<FrameworkCatalog>> BuiltIn();
  // Parses and checks one framework file; the error names the line and what
  // is wrong ("line 12: criterion 1.1 is listed twice").
  static absl::StatusOr<Framework> Parse(std::string_view json);

  // Adds a framework; AlreadyExists when its id is taken.
  absl::Status Add(Framework framework, bool built_in);
  // nullptr when unknown.
  const Framework* Find(std::string_view id) const;
  std::vector<std::string> Ids() const;
  std::vector<const Framework*> All() const;
  bool IsBuiltIn(std::string_view id) const;

  // InvalidArgument naming the valid range unless `criterion` is in `framework`:
  // "criterion 7.1 is not in framework tt17-2018 (1.1–5.5)".
  static absl::Status CheckCriterion(const Framework& framework, std::string_view criterion);

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<const Framework>, std::less<>> frameworks_;
  std::map<std::string, bool, std::less<>> built_in_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_FRAMEWORKS_FRAMEWORK_CATALOG_H_
