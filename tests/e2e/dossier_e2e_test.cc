// The sealed dossier end to end: build, seal, download and verify offline
// with the real binaries; tampering and hostile archives are caught.
#include <archive.h>
#include <archive_entry.h>

#include <functional>

#include "storage/base/cms.h"
#include "storage/base/sha256.h"
#include "storage/base/utf8_locale.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/status_matchers.h"

namespace hoso {
namespace {

struct Entry {
  std::string path;
  std::string data;
  int type = AE_IFREG;
  std::string link;
};

// Dossier 1's archives hold the bag in this folder.
constexpr char kTop[] = "LQD-dossier-1/";

// Reads every entry of a dossier 1 archive into memory (test archives are
// small), the top folder taken off the paths: tampered copies are written
// back with the bag at the top, as an older hosod wrote it (verify reads both).
std::vector<Entry> ReadAll(const std::string& path) {
  ScopedUtf8Locale utf8;
  std::vector<Entry> out;
  archive* a = archive_read_new();
  archive_read_support_format_all(a);
  archive_read_open_filename(a, path.c_str(), 1 << 16);
  archive_entry* e;
  int r;
  while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
    Entry entry{archive_entry_pathname_utf8(e)};
    EXPECT_EQ(entry.path.rfind(kTop, 0), 0u) << entry.path << " is outside " << kTop;
    entry.path.erase(0, std::min(entry.path.size(), sizeof kTop - 1));
    char buffer[65536];
    la_ssize_t n;
    while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0) entry.data.append(buffer, n);
    out.push_back(std::move(entry));
  }
  archive_read_free(a);
  return out;
}

// Writes entries as a pax tar, as an attacker or a careless copy might.
void WriteTar(const std::string& path, const std::vector<Entry>& entries) {
  ScopedUtf8Locale utf8;
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_open_filename(a, path.c_str());
  for (const Entry& x : entries) {
    archive_entry* e = archive_entry_new();
    archive_entry_update_pathname_utf8(e, x.path.c_str());
    archive_entry_set_filetype(e, x.type);
    archive_entry_set_perm(e, 0644);
    if (x.type == AE_IFLNK) archive_entry_set_symlink(e, x.link.c_str());
    archive_entry_set_size(e, x.type == AE_IFREG ? static_cast<la_int64_t>(x.data.size()) : 0);
    archive_write_header(a, e);
    if (x.type == AE_IFREG) archive_write_data(a, x.data.data(), x.data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

std::string& Find(std::vector<Entry>& entries, const std::string& path) {
  for (Entry& e : entries) {
    if (e.path == path) return e.data;
  }
  ADD_FAILURE() << "no entry " << path;
  static std::string none;
  return none;
}

class DossierTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    keys_ = dir_.Sub("keys");
    std::filesystem::create_directories(keys_);
    MakeCa("ca");
    MakeCa("other-ca");
    MakeSigner("principal", "ca");
    MakeSigner("stranger", "other-ca");
    photo_ = RandomBytes(3 << 20, 7);
    WriteFile(dir_.Sub("Ảnh lễ khai giảng.jpg"), photo_);
    WriteFile(dir_.Sub("Biên bản họp.txt"), "Biên bản họp Hội đồng trường");
    CommandResult uploaded =
        Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--criterion", "2.1", "--title",
              "Kế hoạch chiến lược", "--year", "2024-2025", dir_.Sub("Ảnh lễ khai giảng.jpg"),
              dir_.Sub("Biên bản họp.txt")});
    ASSERT_EQ(uploaded.exit_code, 0) << uploaded.err;
    // Dossiers take approved items.
    ASSERT_EQ(Hoso({"review", "approve", "H1-1.1-01", "--school", "LQD"}).exit_code, 0);
    ASSERT_EQ(Hoso({"dossier", "build", "--school", "LQD"}).exit_code, 0);
  }

  void OpenSsl(const std::string& args) {
    ASSERT_EQ(std::system(("cd " + keys_ + " && openssl " + args + " >/dev/null 2>&1").c_str()), 0)
        << args;
  }
  void MakeCa(const std::string& name) {
    OpenSsl("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + name +
            ".key -out " + name + ".pem -subj /CN=" + name + " -days 30");
  }
  void MakeSigner(const std::string& name, const std::string& ca) {
    OpenSsl("req -newkey rsa:2048 -nodes -keyout " + name + ".key -out " + name +
            ".csr -subj /CN=" + name);
    OpenSsl("x509 -req -in " + name + ".csr -CA " + ca + ".pem -CAkey " + ca +
            ".key -CAcreateserial -out " + name + ".pem -days 30");
  }
  std::string Key(const std::string& name, const char* ext) { return keys_ + "/" + name + ext; }

  // Seals dossier 1 with the principal's key and downloads it.
  std::string SealedArchive(const std::string& format) {
    Hoso({"dossier", "seal", "1", "--school", "LQD", "--key", Key("principal", ".key"), "--cert",
          Key("principal", ".pem")});
    const std::string out = dir_.Sub("dossier." + format);
    CommandResult r =
        Hoso({"dossier", "download", "1", "--school", "LQD", "--format", format, "-o", out});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
  }

  CommandResult Verify(const std::string& path, const std::string& ca = "") {
    std::vector<std::string> args = {"verify", path};
    if (!ca.empty()) {
      args.push_back("--ca");
      args.push_back(Key(ca, ".pem"));
    }
    return HosoWithToken(args, "");  // offline: no token, no server needed
  }

  std::string keys_, photo_;
};

TEST_F(DossierTest, SealedZipAndTarVerifyAndDownloadByteIdentical) {
  for (const std::string format : {"zip", "tar"}) {
    const std::string archive = SealedArchive(format);
    CommandResult ok = Verify(archive, "ca");
    EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
    EXPECT_NE(ok.out.find("VERIFIED"), std::string::npos);
    EXPECT_NE(ok.out.find("signed by CN = principal"), std::string::npos) << ok.out;
    EXPECT_NE(ok.out.find("chain checked"), std::string::npos);
    // Without a CA or a pinned signer, intact is all it can say (exit 9).
    CommandResult unchecked = Verify(archive);
    EXPECT_EQ(unchecked.exit_code, 9);
    EXPECT_NE(unchecked.out.find("INTACT"), std::string::npos);
    EXPECT_NE(unchecked.out.find("NOT checked"), std::string::npos);
    const std::string again = dir_.Sub("again." + format);
    ASSERT_EQ(Hoso({"dossier", "download", "1", "--school", "LQD", "--format", format, "-o", again})
                  .exit_code,
              0);
    EXPECT_EQ(ReadFile(archive), ReadFile(again)) << format << " downloads differ";
    CommandResult ls = Hoso({"--json", "dossier", "ls", "--school", "LQD"});
    EXPECT_NE(ls.out.find(ToHex(Sha256Of(ReadFile(archive)))), std::string::npos)
        << "the digest recorded at sealing does not match the download";
  }
  auto entries = ReadAll(dir_.Sub("dossier.zip"));
  EXPECT_EQ(Find(entries,
                 "data/Tiêu chuẩn 1/Tiêu chí 1.1/[H1-1.1-01] Kế hoạch chiến lược/"
                 "Ảnh lễ khai giảng.jpg"),
            photo_);
  const std::string info = Find(entries, "bag-info.txt");
  EXPECT_NE(info.find("Payload-Oxum: "), std::string::npos);
  EXPECT_NE(info.find("External-Identifier: LQD-dossier-1"), std::string::npos);
  EXPECT_NE(Find(entries, "data/index.html").find("Tiêu chí 1.1"), std::string::npos);
  EXPECT_NE(Find(entries, "data/danh-muc-minh-chung.csv").find("[H1-1.1-01]"), std::string::npos);
  // The chain of custody, signed with the rest: who uploaded which bytes, who approved.
  const std::string custody = Find(entries, "custody.tsv");
  EXPECT_NE(custody.find("\tadmin\tadmin\tevidence.create\t"), std::string::npos) << custody;
  EXPECT_NE(custody.find(ToHex(Sha256Of(photo_))), std::string::npos) << custody;
  EXPECT_NE(custody.find("\treview.approve\t"), std::string::npos) << custody;
  EXPECT_NE(Find(entries, "tagmanifest-sha256.txt").find("  custody.tsv"), std::string::npos);
  EXPECT_EQ(Hoso({"dossier", "seal", "1", "--school", "LQD", "--key", Key("principal", ".key"),
                  "--cert", Key("principal", ".pem")})
                .exit_code,
            5)
      << "a sealed version was sealed again";
}

TEST_F(DossierTest, CodesInASealedDossierAreNotRenumbered) {
  for (const char* title : {"Nghị quyết", "Quyết định"}) {
    WriteFile(dir_.Sub("x.pdf"), title);
    ASSERT_EQ(Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title", title,
                    dir_.Sub("x.pdf")})
                  .exit_code,
              0);
  }
  // The school lets dossiers take unreviewed items too.
  ASSERT_EQ(Hoso({"school", "set", "LQD", "--dossier-items", "all"}).exit_code, 0);
  ASSERT_EQ(Hoso({"dossier", "build", "--school", "LQD"}).exit_code, 0);  // dossier 2: 3 items
  ASSERT_EQ(Hoso({"dossier", "seal", "2", "--school", "LQD", "--key", Key("principal", ".key"),
                  "--cert", Key("principal", ".pem")})
                .exit_code,
            0);
  ASSERT_EQ(Hoso({"rm", "H1-1.1-02", "--school", "LQD"}).exit_code, 0);
  CommandResult dry = Hoso({"codes", "renumber", "--school", "LQD"});
  EXPECT_NE(dry.out.find("[H1-1.1-03]      -> [H1-1.1-02]"), std::string::npos) << dry.out;
  CommandResult refused = Hoso({"codes", "renumber", "--school", "LQD", "--apply"});
  EXPECT_EQ(refused.exit_code, 5);
  EXPECT_NE(refused.err.find("code [H1-1.1-03] is in sealed dossier 2"), std::string::npos)
      << refused.err;
  EXPECT_NE(Hoso({"show", "H1-1.1-03", "--school", "LQD"}).out.find("Quyết định"),
            std::string::npos);
}

TEST_F(DossierTest, StockToolsReadTheArchives) {
  const std::string zip = SealedArchive("zip");
  const std::string tar = SealedArchive("tar");
  const std::string list = dir_.Sub("list.txt");
  const std::string name = "Tiêu chí 1.1/[H1-1.1-01] Kế hoạch chiến lược/Ảnh lễ khai giảng.jpg";
  if (std::system("command -v unzip >/dev/null") == 0) {
    ASSERT_EQ(std::system(("unzip -l '" + zip + "' > " + list).c_str()), 0);
    EXPECT_NE(ReadFile(list).find(name), std::string::npos) << ReadFile(list);
  }
  if (std::system("command -v bsdtar >/dev/null") == 0) {
    ASSERT_EQ(std::system(("bsdtar -tf '" + tar + "' > " + list).c_str()), 0);
    EXPECT_NE(ReadFile(list).find(name), std::string::npos) << ReadFile(list);
  }
  // The assessor's command from the README.
  const std::string bag = dir_.Sub("bag");
  std::filesystem::create_directories(bag);
  ASSERT_EQ(std::system(("cd " + bag + " && bsdtar -xf '" + tar + "'").c_str()), 0);
  EXPECT_EQ(std::system(("cd " + bag + "/" + kTop +
                         " && openssl cms -verify -binary -inform DER -in "
                         "tagmanifest-sha256.txt.p7s -content tagmanifest-sha256.txt -CAfile " +
                         Key("ca", ".pem") + " -purpose any >/dev/null 2>&1")
                            .c_str()),
            0);
}

TEST_F(DossierTest, EveryTamperingIsCaught) {
  const std::string sealed = SealedArchive("tar");
  const std::string photo_path =
      "data/Tiêu chuẩn 1/Tiêu chí 1.1/[H1-1.1-01] Kế hoạch chiến lược/Ảnh lễ khai giảng.jpg";
  struct Case {
    std::string name, expected;
    std::function<void(std::vector<Entry>&)> change;
    std::string ca = "ca";
  };
  const std::vector<Case> cases = {
      {"byte changed", "altered file: " + photo_path,
       [&](auto& e) { Find(e, photo_path)[1000] ^= 1; }},
      {"file removed", "missing file: " + photo_path,
       [&](auto& e) {
         e.erase(std::remove_if(e.begin(), e.end(), [&](auto& x) { return x.path == photo_path; }),
                 e.end());
       }},
      {"file added", "extra file not in the manifest: data/thêm.txt",
       [&](auto& e) {
         e.push_back({"data/thêm.txt", "x"});
       }},
      {"manifest edited consistently, signature not", "bad signature",
       [&](auto& e) {
         std::string& photo = Find(e, photo_path);
         const std::string old_hex = ToHex(Sha256Of(photo));
         photo[0] ^= 1;
         std::string& manifest = Find(e, "manifest-sha256.txt");
         manifest.replace(manifest.find(old_hex), 64, ToHex(Sha256Of(photo)));
         std::string& tags = Find(e, "tagmanifest-sha256.txt");
         std::string rebuilt;
         for (const char* name : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"}) {
           rebuilt += ToHex(Sha256Of(Find(e, name))) + "  " + name + "\n";
         }
         tags = rebuilt;
       }},
      {"signature from another key", "bad signature",
       [&](auto& e) {
         auto sig = SignDetached(Key("stranger", ".key"), Key("stranger", ".pem"),
                                 Find(e, "tagmanifest-sha256.txt"));
         ASSERT_OK(sig);
         Find(e, "tagmanifest-sha256.txt.p7s") = *sig;
       }},
      {"wrong CA", "bad signature", [](auto&) {}, "other-ca"},
      {"signature removed", "no signature",
       [&](auto& e) {
         e.erase(std::remove_if(e.begin(), e.end(),
                                [](auto& x) { return x.path == "tagmanifest-sha256.txt.p7s"; }),
                 e.end());
       }},
  };
  for (const Case& c : cases) {
    std::vector<Entry> entries = ReadAll(sealed);
    c.change(entries);
    const std::string tampered = dir_.Sub("tampered.tar");
    WriteTar(tampered, entries);
    CommandResult r = Verify(tampered, c.ca);
    EXPECT_EQ(r.exit_code, 7) << c.name << "\n" << r.out;
    EXPECT_NE(r.out.find("NOT VERIFIED"), std::string::npos) << c.name;
    EXPECT_NE(r.out.find(c.expected), std::string::npos) << c.name << "\n" << r.out;
  }
  // A zip with one byte changed fails too (its CRC or our hash notices).
  const std::string zip = SealedArchive("zip");
  std::string bytes = ReadFile(zip);
  const size_t at = bytes.find(photo_.substr(5000, 32));
  ASSERT_NE(at, std::string::npos);
  bytes[at + 3] ^= 1;
  WriteFile(dir_.Sub("tampered.zip"), bytes);
  EXPECT_EQ(Verify(dir_.Sub("tampered.zip"), "ca").exit_code, 7);
}

TEST_F(DossierTest, HostileArchivesAreRefusedWithAReason) {
  const std::vector<std::pair<std::vector<Entry>, std::string>> cases = {
      {{{"../evil.txt", "x"}}, "path escapes the bag"},
      {{{"data/../../evil.txt", "x"}}, "path escapes the bag"},
      {{{"/etc/evil", "x"}}, "absolute path"},
      {{{"data/link", "", AE_IFLNK, "/etc/passwd"}}, "link or special file"},
      {{{"data/a.txt", "x"}, {"data/a.txt", "y"}}, "duplicate entry"},
  };
  for (const auto& [entries, reason] : cases) {
    const std::string path = dir_.Sub("hostile.tar");
    WriteTar(path, entries);
    CommandResult r = Verify(path);
    EXPECT_EQ(r.exit_code, 7) << reason;
    EXPECT_NE(r.out.find("archive refused"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(reason), std::string::npos) << r.out;
  }
  // A compression bomb: 200 MiB of zeros gzip to a few hundred KiB.
  const std::string bomb = dir_.Sub("bomb.tar.gz");
  ASSERT_EQ(std::system(("cd " + dir_.path() +
                         " && mkdir -p bombdir/data && head -c 200M /dev/zero > "
                         "bombdir/data/zero && tar -czf bomb.tar.gz -C bombdir . && rm -r bombdir")
                            .c_str()),
            0);
  CommandResult r = Verify(bomb);
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_NE(r.out.find("compression bomb"), std::string::npos) << r.out;
  WriteFile(dir_.Sub("not-an-archive.zip"), "hello");
  EXPECT_EQ(Verify(dir_.Sub("not-an-archive.zip")).exit_code, 7);
}

}  // namespace
}  // namespace hoso
