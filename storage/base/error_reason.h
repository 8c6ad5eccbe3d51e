#ifndef HOSO_STORAGE_BASE_ERROR_REASON_H_
#define HOSO_STORAGE_BASE_ERROR_REASON_H_

// A stable reason on a status, for clients that show people their own
// sentence (the web app) instead of the server's message. Storage and
// services attach it where the error is made; the RPC gate turns it into a
// google.rpc.ErrorInfo (domain "hoso.vn") in the gRPC status details.
// Storage knows nothing of google.rpc: the reason travels as an absl::Status
// payload. A status without one gets its code's name ("NOT_FOUND") there.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace hoso {

// The reasons a client can count on, UPPER_SNAKE_CASE, never renamed.
// web/src/reasons.js gives each its Vietnamese and English sentence.
namespace reason {
inline constexpr std::string_view kBadPassword = "BAD_PASSWORD";        // or no such user
inline constexpr std::string_view kLoginThrottled = "LOGIN_THROTTLED";  // retry_after_seconds
inline constexpr std::string_view kLoginCodeInvalid =
    "LOGIN_CODE_INVALID";  // unknown, used, expired
inline constexpr std::string_view kPasswordTooShort = "PASSWORD_TOO_SHORT";  // min_length
inline constexpr std::string_view kSessionExpired = "SESSION_EXPIRED";
inline constexpr std::string_view kNoToken = "NO_TOKEN";
inline constexpr std::string_view kRoleRequired = "ROLE_REQUIRED";  // what, school
inline constexpr std::string_view kNotOwnItem = "NOT_OWN_ITEM";
inline constexpr std::string_view kItemApproved = "ITEM_APPROVED";  // locked once approved
inline constexpr std::string_view kStandardNotAllowed = "STANDARD_NOT_ALLOWED";  // standards
inline constexpr std::string_view kOwnUploadReview = "OWN_UPLOAD_REVIEW";  // code: a 2nd person
inline constexpr std::string_view kChairOnly = "CHAIR_ONLY";  // criterion: the principal reviews
inline constexpr std::string_view kServerAdminOnly = "SERVER_ADMIN_ONLY";             // user
inline constexpr std::string_view kPersonInOtherSchools = "PERSON_IN_OTHER_SCHOOLS";  // user
inline constexpr std::string_view kUnknownCriterion = "UNKNOWN_CRITERION";            // criterion
inline constexpr std::string_view kUnknownSchool = "UNKNOWN_SCHOOL";                  // school
inline constexpr std::string_view kItemNotFound = "ITEM_NOT_FOUND";              // item, school
inline constexpr std::string_view kTaskNotFound = "TASK_NOT_FOUND";              // task, school
inline constexpr std::string_view kDossierNotFound = "DOSSIER_NOT_FOUND";        // dossier, school
inline constexpr std::string_view kAssessmentNotFound = "ASSESSMENT_NOT_FOUND";  // assessment
inline constexpr std::string_view kContentMissing = "CONTENT_MISSING";  // sha256: upload first
inline constexpr std::string_view kHashMismatch = "HASH_MISMATCH";  // sha256: what arrived differs
inline constexpr std::string_view kUploadBusy = "UPLOAD_BUSY";      // file: the same upload runs
inline constexpr std::string_view kUnfinishedUploadsFull =
    "UNFINISHED_UPLOADS_FULL";                                                // limit_bytes
inline constexpr std::string_view kDiskFull = "DISK_FULL";                    // the server's disk
inline constexpr std::string_view kStaleRevision = "STALE_REVISION";          // criterion, latest
inline constexpr std::string_view kCriterionApproved = "CRITERION_APPROVED";  // criterion
inline constexpr std::string_view kCitationRefused = "CITATION_REFUSED";      // criterion, codes
inline constexpr std::string_view kNoCitation = "NO_CITATION";                // criterion
inline constexpr std::string_view kReturnNeedsReason = "RETURN_NEEDS_REASON";
inline constexpr std::string_view kTooLarge = "TOO_LARGE";           // limit_bytes
inline constexpr std::string_view kTooManyFiles = "TOO_MANY_FILES";  // limit
inline constexpr std::string_view kTooManyCalls = "TOO_MANY_CALLS";
inline constexpr std::string_view kInvalidArgument = "INVALID_ARGUMENT";  // field
inline constexpr std::string_view kNotSealed = "NOT_SEALED";              // dossier
inline constexpr std::string_view kDossierSealed = "DOSSIER_SEALED";  // dossier: build a new one
inline constexpr std::string_view kDuplicateCode = "DUPLICATE_CODE";  // code

// The object store holding content bytes (issue 17).
inline constexpr std::string_view kObjectStoreUnavailable = "OBJECT_STORE_UNAVAILABLE";  // down
inline constexpr std::string_view kObjectStoreDenied = "OBJECT_STORE_DENIED";  // refuses our keys
}  // namespace reason

using ReasonMetadata = std::vector<std::pair<std::string, std::string>>;

// `status` with `reason` (and metadata, e.g. {"criterion", "1.1"}) attached;
// an OK status is returned unchanged.
absl::Status WithReason(
    absl::Status status, std::string_view reason,
    std::initializer_list<std::pair<std::string_view, std::string>> metadata = {});
// The attached reason, or "" when there is none.
std::string ReasonOf(const absl::Status& status);
// The attached metadata, in the order given.
ReasonMetadata MetadataOf(const absl::Status& status);

}  // namespace hoso

#endif  // HOSO_STORAGE_BASE_ERROR_REASON_H_
