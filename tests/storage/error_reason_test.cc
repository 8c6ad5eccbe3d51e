// Stable error reasons (storage/base/error_reason.h) and their trip into a
// gRPC status as a google.rpc.ErrorInfo (services/access/grpc_status.h);
// the record rules of services/access/policy and the storage checks that a
// person of the web app meets attach them.
#include "storage/base/error_reason.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "services/access/grpc_status.h"
#include "services/access/policy.h"
#include "storage/base/text.h"
#include "storage/frameworks/framework_catalog.h"
#include "storage/people/user_store.h"

namespace hoso {
namespace {

// The one ErrorInfo of a gRPC status's binary details.
google::rpc::ErrorInfo ErrorInfoOf(const grpc::Status& status, const absl::Status& from) {
  google::rpc::Status details;
  EXPECT_TRUE(details.ParseFromString(status.error_details()));
  EXPECT_EQ(details.code(), static_cast<int>(from.code()));
  EXPECT_EQ(details.message(), std::string(from.message()));
  EXPECT_EQ(details.details_size(), 1);
  google::rpc::ErrorInfo info;
  if (details.details_size() == 1) {
    EXPECT_TRUE(details.details(0).Is<google::rpc::ErrorInfo>());
    EXPECT_TRUE(details.details(0).UnpackTo(&info));
  }
  return info;
}

std::map<std::string, std::string> AsMap(const ReasonMetadata& metadata) {
  return {metadata.begin(), metadata.end()};
}

TEST(ErrorReasonTest, ReasonAndMetadataRoundTripInOrder) {
  const absl::Status status =
      WithReason(absl::InvalidArgumentError("criterion 9.9 is not in framework tt17-2018"),
                 reason::kUnknownCriterion, {{"criterion", "9.9"}, {"framework", "tt17-2018"}});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "criterion 9.9 is not in framework tt17-2018");
  EXPECT_EQ(ReasonOf(status), "UNKNOWN_CRITERION");
  const ReasonMetadata expected = {{"criterion", "9.9"}, {"framework", "tt17-2018"}};
  EXPECT_EQ(MetadataOf(status), expected);
  // A copy keeps them: statuses travel by value through the layers.
  const absl::Status copy = status;
  EXPECT_EQ(ReasonOf(copy), "UNKNOWN_CRITERION");
}

TEST(ErrorReasonTest, VietnameseAndOddBytesInMetadataSurvive) {
  const std::string name = "Nguyễn Thị Lan";
  const absl::Status status = WithReason(absl::PermissionDeniedError("x"), reason::kNotOwnItem,
                                         {{"uploader", name}, {"note", "tiêu chí 1.1 — Mức 4"}});
  EXPECT_EQ(AsMap(MetadataOf(status)), (std::map<std::string, std::string>{
                                           {"uploader", name}, {"note", "tiêu chí 1.1 — Mức 4"}}));
  // Separators of other encodings are plain bytes here.
  const absl::Status odd = WithReason(absl::InvalidArgumentError("x"), reason::kInvalidArgument,
                                      {{"field", "a=b;c,\n\""}});
  EXPECT_EQ(MetadataOf(odd), (ReasonMetadata{{"field", "a=b;c,\n\""}}));
  // An empty value stays a key with an empty value.
  const absl::Status empty = WithReason(absl::NotFoundError("x"), reason::kItemNotFound,
                                        {{"item", ""}, {"school", "THLQD"}});
  EXPECT_EQ(MetadataOf(empty), (ReasonMetadata{{"item", ""}, {"school", "THLQD"}}));
}

TEST(ErrorReasonTest, OkStaysOkAndAStatusWithoutReasonHasNone) {
  EXPECT_TRUE(WithReason(absl::OkStatus(), reason::kTooLarge, {{"limit_bytes", "1"}}).ok());
  EXPECT_EQ(ReasonOf(absl::OkStatus()), "");
  const absl::Status plain = absl::NotFoundError("no evidence 4");
  EXPECT_EQ(ReasonOf(plain), "");
  EXPECT_TRUE(MetadataOf(plain).empty());
}

TEST(ErrorReasonTest, ANewReasonReplacesTheOldAndItsMetadata) {
  absl::Status status =
      WithReason(absl::InvalidArgumentError("x"), reason::kInvalidArgument, {{"field", "title"}});
  status = WithReason(status, reason::kReturnNeedsReason);
  EXPECT_EQ(ReasonOf(status), "RETURN_NEEDS_REASON");
  EXPECT_TRUE(MetadataOf(status).empty());
}

TEST(ErrorReasonTest, ToGrpcCarriesOneErrorInfoInTheHosoDomain) {
  const absl::Status status =
      WithReason(absl::InvalidArgumentError("the file is 30 MiB; this server takes 25 MiB"),
                 reason::kTooLarge, {{"limit_bytes", "26214400"}, {"size_bytes", "31457280"}});
  const grpc::Status sent = ToGrpc(status);
  EXPECT_EQ(sent.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(sent.error_message(), std::string(status.message()));
  const google::rpc::ErrorInfo info = ErrorInfoOf(sent, status);
  EXPECT_EQ(info.reason(), "TOO_LARGE");
  EXPECT_EQ(info.domain(), "hoso.vn");
  EXPECT_EQ(info.metadata().size(), 2u);
  EXPECT_EQ(info.metadata().at("limit_bytes"), "26214400");
  EXPECT_EQ(info.metadata().at("size_bytes"), "31457280");
}

TEST(ErrorReasonTest, ToGrpcNamesTheCodeWhenNoReasonWasAttached) {
  for (const absl::Status& status :
       {absl::NotFoundError("no framework x"), absl::AbortedError("busy"),
        absl::InternalError("boom"), absl::PermissionDeniedError("Vai trò của bạn")}) {
    const grpc::Status sent = ToGrpc(status);
    EXPECT_EQ(static_cast<int>(sent.error_code()), static_cast<int>(status.code()));
    const google::rpc::ErrorInfo info = ErrorInfoOf(sent, status);
    EXPECT_EQ(info.reason(), absl::StatusCodeToString(status.code()));
    EXPECT_EQ(info.domain(), "hoso.vn");
    EXPECT_TRUE(info.metadata().empty());
  }
  EXPECT_TRUE(ToGrpc(absl::OkStatus()).ok());
  EXPECT_TRUE(ToGrpc(absl::OkStatus()).error_details().empty());
}

TEST(ErrorReasonTest, ToGrpcKeepsVietnameseMetadata) {
  const absl::Status status =
      WithReason(absl::PermissionDeniedError("a teacher cannot edit evidence uploaded by lan"),
                 reason::kNotOwnItem, {{"code", "H1-1.1-01"}, {"uploader", "Trần Văn Hùng"}});
  const google::rpc::ErrorInfo info = ErrorInfoOf(ToGrpc(status), status);
  EXPECT_EQ(info.reason(), "NOT_OWN_ITEM");
  EXPECT_EQ(info.metadata().at("uploader"), "Trần Văn Hùng");
}

// The record rules, from hand-built callers and items.
Caller Teacher(const std::string& name) { return Caller{name, "teacher", {}, false, {}}; }

storage::EvidenceRecord Item(const std::string& code, const std::string& uploader,
                             const std::string& criterion) {
  storage::EvidenceRecord item;
  item.set_code(code);
  item.set_uploader(uploader);
  item.add_criteria(criterion);
  return item;
}

TEST(ErrorReasonTest, RecordRulesNameWhyAndWhat) {
  const absl::Status not_own =
      MayChangeItem(Teacher("lan"), Item("H1-1.1-01", "hung", "1.1"), "edit");
  EXPECT_EQ(not_own.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(not_own), "NOT_OWN_ITEM");
  EXPECT_EQ(AsMap(MetadataOf(not_own)),
            (std::map<std::string, std::string>{{"code", "H1-1.1-01"}, {"uploader", "hung"}}));

  storage::EvidenceRecord approved = Item("H1-1.1-02", "lan", "1.1");
  approved.set_review_state(storage::REVIEW_APPROVED);
  const absl::Status locked = MayChangeItem(Teacher("lan"), approved, "edit");
  EXPECT_EQ(ReasonOf(locked), "ITEM_APPROVED");
  EXPECT_EQ(AsMap(MetadataOf(locked)).at("code"), "H1-1.1-02");

  const Caller limited{"thu", "secretary", {2, 3}, false, {}};
  const absl::Status outside = MayChangeItem(limited, Item("H1-1.1-03", "lan", "1.1"), "edit");
  EXPECT_EQ(ReasonOf(outside), "STANDARD_NOT_ALLOWED");
  EXPECT_EQ(AsMap(MetadataOf(outside)),
            (std::map<std::string, std::string>{
                {"standards", "2, 3"}, {"code", "H1-1.1-03"}, {"standard", "1"}}));
  EXPECT_EQ(ReasonOf(MayReviewItem(limited, Item("H1-1.1-03", "lan", "1.1"), true)),
            "STANDARD_NOT_ALLOWED");
  EXPECT_EQ(ReasonOf(MayWriteCriterion(limited, "1.2")), "STANDARD_NOT_ALLOWED");
  EXPECT_EQ(AsMap(MetadataOf(MayWriteCriterion(limited, "1.2"))).at("criterion"), "1.2");
  EXPECT_EQ(ReasonOf(MayBuildDossier(limited, {1})), "STANDARD_NOT_ALLOWED");

  const Caller secretary{"thu", "secretary", {}, false, {}};
  const absl::Status own = MayReviewItem(secretary, Item("H1-1.1-04", "thu", "1.1"), true);
  EXPECT_EQ(ReasonOf(own), "OWN_UPLOAD_REVIEW");
  EXPECT_EQ(ReasonOf(MayReviewCriterion(secretary, "1.1", /*submitting=*/false)), "CHAIR_ONLY");

  const Caller assessor{"dgn", "assessor", {}, false, {}};
  storage::DossierRecord draft;
  draft.set_id(3);
  const absl::Status unsealed = MaySeeDossier(assessor, draft);
  EXPECT_EQ(ReasonOf(unsealed), "NOT_SEALED");
  EXPECT_EQ(AsMap(MetadataOf(unsealed)).at("dossier"), "3");

  const absl::Status role = MayAlsoDo(Teacher("lan"), "EvidenceService/LinkCriterion", "THLQD");
  EXPECT_EQ(ReasonOf(role), "ROLE_REQUIRED");
  EXPECT_EQ(AsMap(MetadataOf(role)).at("school"), "THLQD");
  // The policy table's own words: web/src/reasons.js says them in Vietnamese.
  EXPECT_EQ(AsMap(MetadataOf(role)).at("what"), "link evidence to criteria");
  EXPECT_EQ(AsMap(MetadataOf(role)).at("role"), "teacher");
}

TEST(ErrorReasonTest, StorageChecksAttachTheirReasons) {
  auto catalog = storage::FrameworkCatalog::BuiltIn();
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  const storage::Framework* framework = (*catalog)->Find("tt17-2018");
  ASSERT_NE(framework, nullptr);
  const absl::Status unknown = storage::FrameworkCatalog::CheckCriterion(*framework, "9.9");
  EXPECT_EQ(ReasonOf(unknown), "UNKNOWN_CRITERION");
  EXPECT_EQ(AsMap(MetadataOf(unknown)),
            (std::map<std::string, std::string>{{"criterion", "9.9"}, {"framework", "tt17-2018"}}));

  const auto long_name = text::CleanText("full name", std::string(300, 'a'), 200);
  EXPECT_EQ(ReasonOf(long_name.status()), "INVALID_ARGUMENT");
  EXPECT_EQ(AsMap(MetadataOf(long_name.status())).at("field"), "full name");
  EXPECT_EQ(AsMap(MetadataOf(text::ValidateSchoolYear("2024"))).at("field"), "year");
  EXPECT_EQ(AsMap(MetadataOf(text::ValidateDate("15/09/2024"))).at("field"), "date");
}

}  // namespace
}  // namespace hoso
