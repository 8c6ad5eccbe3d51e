// hoso admin backup with the content in an S3 bucket (label ceph): the
// backup names the objects its index needs; a restore brings back those
// deleted since from the versioned bucket's last version, and refuses,
// listing them, while any is gone for good.
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
  Sha256Digest first, second;
  {
    ASSERT_OK_AND_ASSIGN(auto store, Store::Open(dir_.Sub("data"), OnS3()));
    first = Store3Chunks(*store, 1);
    second = Store3Chunks(*store, 2);
    ASSERT_OK_AND_ASSIGN(auto report, store->Backup(backup));
    EXPECT_EQ(report.objects, 8u);  // 4 chunks each
  }
  const std::string listed = testing::ReadFile(BackupObjectsPath(backup));
  EXPECT_EQ(std::count(listed.begin(), listed.end(), '\n'), 8);
  EXPECT_NE(testing::ReadFile(BackupManifestPath(backup)).find("objects 8 "), std::string::npos);

  // All there: restored.
  ASSERT_OK_AND_ASSIGN(RestoreReport all_there, Restore(backup, dir_.Sub("restored"), s3_));
  EXPECT_EQ(all_there.objects_checked, 8u);
  EXPECT_EQ(all_there.objects_brought_back, 0u);
  { ASSERT_OK_AND_ASSIGN(auto store, Store::Open(dir_.Sub("restored"), OnS3())); }
  // Without the bucket: refused, saying where the content is.
  auto blind = Restore(backup, dir_.Sub("blind"));
  EXPECT_EQ(blind.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(blind.status().message()).find(S3BackendName(s3_.target)),
            std::string::npos)
      << blind.status();

  // Two objects deleted from the bucket since the backup (as a sweep
  // deletes): the versioned bucket keeps their bytes, and the restore
  // brings them back; the restored store reads both contents whole.
  std::vector<std::string> names;
  for (size_t at = 0; at < listed.size(); at = listed.find('\n', at) + 1) {
    names.push_back(listed.substr(at, listed.find('\n', at) - at));
  }
  S3Client client(s3_.target, s3_.credentials);
  ASSERT_OK(client.DeleteObject(names[0]));
  ASSERT_OK(client.DeleteObject(names[5]));
  EXPECT_TRUE(absl::IsNotFound(client.HeadObject(names[0]).status()));
  ASSERT_OK_AND_ASSIGN(RestoreReport back, Restore(backup, dir_.Sub("back"), s3_));
  EXPECT_EQ(back.objects_brought_back, 2u);
  ASSERT_OK(client.HeadObject(names[0]));
  {
    ASSERT_OK_AND_ASSIGN(auto store, Store::Open(dir_.Sub("back"), OnS3()));
    for (const Sha256Digest& sha256 : {first, second}) {
      ASSERT_OK_AND_ASSIGN(auto reader, store->content().Open(sha256));
      std::string all;
      for (;;) {
        ASSERT_OK_AND_ASSIGN(std::string piece, reader->Next());
        if (piece.empty()) break;
        all += piece;
      }
      EXPECT_EQ(Sha256Of(all), sha256);
    }
  }

  // An object gone for good (every version of it removed): refused, naming
  // it; nothing restored.
  const std::string gone = names[0];
  ASSERT_OK(client.DeleteObject(gone));
  ASSERT_OK_AND_ASSIGN(auto versions, client.ListObjectVersions(gone));
  ASSERT_GE(versions.size(), 2u);  // the version and the delete marker on it
  for (const S3ObjectVersion& v : versions)
    ASSERT_OK(client.DeleteObjectVersion(gone, v.version_id));
  auto refused = Restore(backup, dir_.Sub("again"), s3_);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition) << refused.status();
  EXPECT_NE(std::string(refused.status().message()).find("1 of the 8 objects"), std::string::npos)
      << refused.status();
  EXPECT_NE(std::string(refused.status().message()).find(gone), std::string::npos)
      << refused.status();
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("again") + "/db"));
}

}  // namespace
}  // namespace hoso::storage
