#ifndef HOSO_STORAGE_SCHOOLS_SCHOOL_STORE_H_
#define HOSO_STORAGE_SCHOOLS_SCHOOL_STORE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/base/text.h"
#include "storage/index/audit_log.h"
#include "storage/index/records.pb.h"

namespace hoso::storage {

class Database;
class FrameworkCatalog;

// Schools hosted by this server. Thread-safe.
class SchoolStore {
 public:
  // Neither pointer is owned.
  SchoolStore(Database* database, const FrameworkCatalog* frameworks);

  // Code: 2..32 of A-Z, 0-9, '-', '_' (lower case is upper-cased). AlreadyExists
  // for a taken code; InvalidArgument for an unknown framework or bad name.
  // `code_format` may be empty (the framework's format applies).
  absl::StatusOr<SchoolRecord> Create(const Actor& actor, std::string_view code,
                                      std::string_view name, std::string_view framework,
                                      std::string_view code_format = "");
  // Whether dossiers take every live item (true) or approved ones only.
  absl::StatusOr<SchoolRecord> SetDossierIncludesUnapproved(const Actor& actor,
                                                            std::string_view code, bool all);
  // NotFound: "no school LQD".
  absl::StatusOr<SchoolRecord> Get(std::string_view code) const;
  // Sorted by name in Vietnamese order.
  absl::StatusOr<std::vector<SchoolRecord>> List() const;

  // The code as stored, or InvalidArgument.
  static absl::StatusOr<std::string> NormalizeCode(std::string_view code);

 private:
  Database* const database_;
  const FrameworkCatalog* const frameworks_;
  text::VietnameseCollator collator_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_SCHOOLS_SCHOOL_STORE_H_
