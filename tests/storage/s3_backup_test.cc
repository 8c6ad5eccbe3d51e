// hoso admin backup with the content in an S3 bucket (label ceph): the
// backup names the objects its index needs, and a restore refuses, listing
// them, while any is missing from the bucket.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "storage/content/content_backend.h"
#include "storage/maintenance/backup_manifest.h"
#include "storage/objects/s3_client.h"
#include "storage/store.h"
#include "tests/support/process.h"
#include "tests/support/s3_test_env.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace hoso::storage {
namespace {

std::string Bytes(size_t n, uint32_t seed) {
  std::mt19937 gen(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(gen());
  return out;
}

class S3BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(testing::LoadS3TestEnv(&env_));
    s3_.target = env_.FreshTarget();
    s3_.credentials = env_.credentials;
  }
  StoreOptions OnS3() const {
    StoreOptions options;
    options.s3 = s3_;
    return options;
  }
  Sha256Digest Store3Chunks(Store& store, uint32_t seed) {
    const std::string data = Bytes((3 << 20) + 77, seed);
    UploadRequest request;
    request.declared = Sha256Of(data);
    request.declared_size = data.size();
    auto upload = store.content().BeginUpload(request);
    EXPECT_OK(upload);
    EXPECT_OK((*upload)->Append(data));
    EXPECT_OK((*upload)->Finish());
    return Sha256Of(data);
  }

  testing::S3TestEnv env_;
  S3ChunkStoreOptions s3_;
  testing::TempDir dir_;
};

TEST_F(S3BackupTest, BackupListsObjectsAndRestoreRefusesAMissingOne) {
  const std::string backup = dir_.Sub("sao-luu");
  {
    ASSERT_OK_AND_ASSIGN(auto store, Store::Open(dir_.Sub("data"), OnS3()));
    Store3Chunks(*store, 1);
    Store3Chunks(*store, 2);
    ASSERT_OK_AND_ASSIGN(auto report, store->Backup(backup));
    EXPECT_EQ(report.objects, 8u);  // 4 chunks each
  }
  const std::string listed = testing::ReadFile(BackupObjectsPath(backup));
  EXPECT_EQ(std::count(listed.begin(), listed.end(), '\n'), 8);
  EXPECT_NE(testing::ReadFile(BackupManifestPath(backup)).find("objects 8 "), std::string::npos);

  // All there: restored.
  ASSERT_OK(Restore(backup, dir_.Sub("restored"), s3_));
  { ASSERT_OK_AND_ASSIGN(auto store, Store::Open(dir_.Sub("restored"), OnS3())); }
  // Without the bucket: refused, saying where the content is.
  auto blind = Restore(backup, dir_.Sub("blind"));
  EXPECT_EQ(blind.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(blind.message()).find(S3BackendName(s3_.target)), std::string::npos)
      << blind;

  // An object deleted from the bucket: refused, naming it; nothing restored.
  const std::string gone = listed.substr(0, listed.find('\n'));
  S3Client client(s3_.target, s3_.credentials);
  ASSERT_OK(client.DeleteObject(gone));
  absl::Status refused = Restore(backup, dir_.Sub("again"), s3_);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition) << refused;
  EXPECT_NE(std::string(refused.message()).find("1 of the 8 objects"), std::string::npos)
      << refused;
  EXPECT_NE(std::string(refused.message()).find(gone), std::string::npos) << refused;
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("again") + "/db"));
}

}  // namespace
}  // namespace hoso::storage
