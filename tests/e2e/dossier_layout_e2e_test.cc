// The dossier archive's layout (issue 13): the bag comes in one top folder
// named like its External-Identifier, so unpacking it in an empty folder
// gives one entry; stock tools and `hoso verify` accept it, and archives
// laid out as an older hosod wrote them (files at the top) still verify.
#include <filesystem>
#include <set>

#include "storage/index/database.h"
#include "storage/index/keys.h"
#include "storage/index/records.pb.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/status_matchers.h"

namespace hoso {
namespace {

// What `dir` holds at its top: names, "/" after folders.
std::set<std::string> TopEntries(const std::string& dir) {
  std::set<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    out.insert(e.path().filename().string() + (e.is_directory() ? "/" : ""));
  }
  return out;
}

class DossierLayoutTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    keys_ = dir_.Sub("keys");
    std::filesystem::create_directories(keys_);
    Shell("cd " + keys_ +
          " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "
          "ca.key -out ca.pem -subj /CN=ca -days 30 && openssl req -newkey rsa:2048 -nodes "
          "-keyout principal.key -out principal.csr -subj /CN=principal && openssl x509 -req -in "
          "principal.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out principal.pem -days 30");
    WriteFile(dir_.Sub("Biên bản họp.txt"), "Biên bản họp Hội đồng trường");
    ASSERT_EQ(Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title",
                    "Kế hoạch chiến lược", dir_.Sub("Biên bản họp.txt")})
                  .exit_code,
              0);
    ASSERT_EQ(Hoso({"review", "approve", "H1-1.1-01", "--school", "LQD"}).exit_code, 0);
    ASSERT_EQ(Hoso({"dossier", "build", "--school", "LQD"}).exit_code, 0);
  }

  void Shell(const std::string& command) {
    ASSERT_EQ(std::system((command + " >/dev/null 2>&1").c_str()), 0) << command;
  }
  void Seal() {
    CommandResult r = Hoso({"dossier", "seal", "1", "--school", "LQD", "--key",
                            keys_ + "/principal.key", "--cert", keys_ + "/principal.pem"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string Download(const std::string& format) {
    const std::string out = dir_.Sub("dossier-1." + format);
    CommandResult r =
        Hoso({"dossier", "download", "1", "--school", "LQD", "--format", format, "-o", out});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
  }
  // `archive` unpacked with stock bsdtar into a new empty folder.
  std::string Unpack(const std::string& archive, const std::string& name) {
    const std::string into = dir_.Sub(name);
    std::filesystem::create_directories(into);
    Shell("cd '" + into + "' && bsdtar -xf '" + archive + "'");
    return into;
  }
  CommandResult Verify(const std::string& archive) {
    return HosoWithToken({"verify", archive, "--ca", keys_ + "/ca.pem"}, "");
  }

  std::string keys_;
};

TEST_F(DossierLayoutTest, SealedArchiveUnpacksIntoOneFolderThatStockToolsAccept) {
  Seal();
  for (const std::string format : {"zip", "tar"}) {
    const std::string archive = Download(format);
    const std::string into = Unpack(archive, "unpacked-" + format);
    EXPECT_EQ(TopEntries(into), std::set<std::string>{"LQD-dossier-1/"}) << format;
    const std::string bag = into + "/LQD-dossier-1";
    for (const char* name :
         {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt",
          "tagmanifest-sha256.txt.p7s", "signer-cert.pem", "custody.tsv", "data/"}) {
      EXPECT_EQ(TopEntries(bag).count(name), 1u) << format << ": no " << name << " in the bag";
    }
    // The seal checks with OpenSSL alone, and the manifests with sha256sum.
    Shell("cd '" + bag +
          "' && openssl cms -verify -binary -inform DER -in tagmanifest-sha256.txt.p7s -content "
          "tagmanifest-sha256.txt -CAfile " +
          keys_ + "/ca.pem -purpose any -out /dev/null");
    Shell("cd '" + bag +
          "' && sha256sum --quiet -c tagmanifest-sha256.txt && sha256sum --quiet -c "
          "manifest-sha256.txt");
    CommandResult verified = Verify(archive);
    EXPECT_EQ(verified.exit_code, 0) << format << "\n" << verified.out;
    EXPECT_EQ(verified.out.rfind("VERIFIED ", 0), 0u) << verified.out;
  }
}

TEST_F(DossierLayoutTest, DraftArchiveUnpacksIntoOneFolder) {
  const std::string into = Unpack(Download("zip"), "draft");
  EXPECT_EQ(TopEntries(into), std::set<std::string>{"LQD-dossier-1/"});
}

// An archive as an older hosod wrote it: the bag's files at the top.
TEST_F(DossierLayoutTest, ArchiveWithTheBagAtItsTopStillVerifies) {
  Seal();
  const std::string bag = Unpack(Download("tar"), "unpacked") + "/LQD-dossier-1";
  const std::string flat = dir_.Sub("flat.tar");
  Shell("bsdtar -cf '" + flat + "' -C '" + bag + "' .");
  const std::string into = Unpack(flat, "flat");
  EXPECT_EQ(TopEntries(into).count("bagit.txt"), 1u);
  CommandResult r = Verify(flat);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.rfind("VERIFIED ", 0), 0u) << r.out;
}

// A version sealed by an older hosod keeps its layout, so its downloads stay
// byte-identical to the digests recorded when it was sealed.
TEST_F(DossierLayoutTest, VersionSealedBeforeTheFolderKeepsItsFilesAtTheTop) {
  Seal();
  const std::string before = ReadFile(Download("tar"));
  StopServer();
  {
    auto db = storage::Database::Open(data_ + "/db", {});
    ASSERT_OK(db);
    const std::string key = storage::keys::Dossier("LQD", 1);
    auto value = (*db)->Get(key);
    ASSERT_OK(value);
    ASSERT_TRUE(value->has_value());
    storage::DossierRecord record;
    ASSERT_TRUE(record.ParseFromString(**value));
    EXPECT_TRUE(record.bag_in_folder());
    record.clear_bag_in_folder();  // as an older hosod recorded it
    ASSERT_OK((*db)->Put(key, record.SerializeAsString(), storage::Durability::kDurable,
                         "an older hosod's seal"));
  }
  StartServer();
  for (const std::string format : {"zip", "tar"}) {
    const std::string archive = Download(format);
    const std::set<std::string> top = TopEntries(Unpack(archive, "old-" + format));
    EXPECT_EQ(top.count("bagit.txt"), 1u) << format;
    EXPECT_EQ(top.count("LQD-dossier-1/"), 0u) << format;
    EXPECT_EQ(Verify(archive).exit_code, 0) << format;
  }
  EXPECT_NE(ReadFile(dir_.Sub("dossier-1.tar")), before);
}

}  // namespace
}  // namespace hoso
