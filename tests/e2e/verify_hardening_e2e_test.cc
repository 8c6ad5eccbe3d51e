// hoso verify, hardened (issue 14, findings 8, 9, 14, 15): a verdict of
// VERIFIED needs a trusted signer, every file in the archive must be signed,
// memory stays bounded, dossier paths extract on Windows, and bags that
// other tools rewrote the way RFC 8493 allows still verify. Drives the real
// hosod and hoso; archives are taken apart and rebuilt as another tool (or an
// attacker) would.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unistd.h>

#include <cctype>
#include <functional>
#include <regex>
#include <set>

#include "storage/base/cms.h"
#include "storage/base/sha256.h"
#include "tests/support/archive_entries.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/status_matchers.h"

namespace hoso {
namespace {

using testing::ArchiveEntry;
using testing::EntryData;
using testing::ReadBagEntries;
using testing::WriteEntries;

// Dossier 1's archives hold the bag in this folder; the tests take it apart
// inside it, and write it back with the bag at the top (as an older hosod did).
constexpr char kTop[] = "LQD-dossier-1/";
constexpr char kPhoto[] =
    "data/Tiêu chuẩn 1/Tiêu chí 1.1/[H1-1.1-01] Kế hoạch chiến lược/Ảnh lễ khai giảng.jpg";

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string Nfd(const std::string& s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  std::string out;
  nfd->normalize(icu::UnicodeString::fromUTF8(s), err).toUTF8String(out);
  return out;
}

// What a child's run cost: its exit status and its peak resident memory.
struct Measured {
  int exit_code = -1;
  uint64_t peak_rss_bytes = 0;
  std::string out;
};

// Runs argv with its address space capped at `max_address_space` bytes, so a
// verifier that holds the archive dies instead of taking the machine's memory.
// The peak RSS the kernel reports includes what the child was forked with
// (this process, up to exec): an upper bound on the program's own.
Measured RunBounded(const std::vector<std::string>& argv, const std::string& home,
                    uint64_t max_address_space, const std::string& out_path) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    rlimit limit{max_address_space, max_address_space};
    ::setrlimit(RLIMIT_AS, &limit);
    const int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    std::vector<char*> args;
    std::vector<std::string> copy = argv;
    for (auto& a : copy) args.push_back(a.data());
    args.push_back(nullptr);
    std::string env_home = "HOME=" + home;
    char* envp[] = {env_home.data(), nullptr};
    ::execve(args[0], args.data(), envp);
    ::_exit(127);
  }
  Measured m;
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0) {
  }
  m.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  m.peak_rss_bytes = static_cast<uint64_t>(usage.ru_maxrss) * 1024;  // KiB on Linux
  m.out = ReadFile(out_path);
  return m;
}

class VerifyHardeningTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    keys_ = dir_.Sub("keys");
    std::filesystem::create_directories(keys_);
    OpenSsl(
        "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out "
        "ca.pem -subj /CN=ca -days 30");
    OpenSsl(
        "req -newkey rsa:2048 -nodes -keyout principal.key -out principal.csr "
        "-subj /CN=principal");
    OpenSsl(
        "x509 -req -in principal.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out "
        "principal.pem -days 30");
    // Anyone can make a key and a certificate that says anything.
    OpenSsl(
        "req -x509 -newkey rsa:2048 -nodes -keyout forger.key -out forger.pem "
        "-subj /CN=principal -days 30");
    WriteFile(dir_.Sub("Ảnh lễ khai giảng.jpg"), RandomBytes(64 << 10, 3));
    WriteFile(dir_.Sub("Biên bản họp.txt"), "Biên bản họp Hội đồng trường");
    CommandResult up =
        Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title", "Kế hoạch chiến lược",
              dir_.Sub("Ảnh lễ khai giảng.jpg"), dir_.Sub("Biên bản họp.txt")});
    ASSERT_EQ(up.exit_code, 0) << up.err;
    ASSERT_EQ(Hoso({"review", "approve", "H1-1.1-01", "--school", "LQD"}).exit_code, 0);
    ASSERT_EQ(Hoso({"dossier", "build", "--school", "LQD"}).exit_code, 0);
    seal_ = Hoso({"dossier", "seal", "1", "--school", "LQD", "--key", Key("principal.key"),
                  "--cert", Key("principal.pem")});
    ASSERT_EQ(seal_.exit_code, 0) << seal_.err;
    tar_ = Download(1, "tar");
    zip_ = Download(1, "zip");
  }

  void OpenSsl(const std::string& args) {
    ASSERT_EQ(std::system(("cd " + keys_ + " && openssl " + args + " >/dev/null 2>&1").c_str()), 0)
        << args;
  }
  std::string Key(const std::string& name) { return keys_ + "/" + name; }
  std::string Download(int id, const std::string& format) {
    const std::string out = dir_.Sub("dossier-" + std::to_string(id) + "." + format);
    CommandResult r = Hoso({"dossier", "download", std::to_string(id), "--school", "LQD",
                            "--format", format, "-o", out});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
  }
  // The principal's fingerprint, computed by stock OpenSSL.
  std::string PrincipalSha256() {
    const std::string der = dir_.Sub("principal.der");
    OpenSsl("x509 -in principal.pem -outform DER -out " + der);
    return ToHex(Sha256Of(ReadFile(der)));
  }

  CommandResult Verify(const std::string& path, std::vector<std::string> flags = {}) {
    std::vector<std::string> args = {"verify", path};
    args.insert(args.end(), flags.begin(), flags.end());
    return HosoWithToken(args, "");  // offline: no token, no server
  }
  std::vector<std::string> WithCa() { return {"--ca", Key("ca.pem")}; }

  // Rebuilds the tag manifest over the tag files (lines ending in `eol`) and
  // signs it with `signer`'s key, as someone re-sealing the bag would.
  void Resign(std::vector<ArchiveEntry>& entries, const std::string& signer = "principal",
              const std::string& eol = "\n") {
    std::string tags;
    for (const char* name : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "custody.tsv"}) {
      tags += ToHex(Sha256Of(EntryData(entries, name))) + "  " + name + eol;
    }
    EntryData(entries, "tagmanifest-sha256.txt") = tags;
    auto sig = SignDetached(Key(signer + ".key"), Key(signer + ".pem"), tags);
    ASSERT_OK(sig);
    EntryData(entries, "tagmanifest-sha256.txt.p7s") = *sig;
    EntryData(entries, "signer-cert.pem") = ReadFile(Key(signer + ".pem"));
  }
  // `entries` written as a tar (or zip) named `name`.
  std::string Write(const std::vector<ArchiveEntry>& entries, const std::string& name) {
    const std::string path = dir_.Sub(name);
    WriteEntries(path, entries, name.size() > 4 && name.substr(name.size() - 4) == ".zip");
    return path;
  }

  std::string keys_, tar_, zip_;
  CommandResult seal_;
};

// Finding 8: a signature anyone can make proves nothing by itself.
TEST_F(VerifyHardeningTest, VerifyWithoutTrustAnchorIsNotVerified) {
  CommandResult genuine = Verify(zip_);
  EXPECT_EQ(genuine.exit_code, 9) << genuine.out;
  EXPECT_EQ(genuine.out.rfind("INTACT ", 0), 0u) << genuine.out;
  EXPECT_FALSE(Contains(genuine.out, "VERIFIED")) << genuine.out;
  EXPECT_TRUE(Contains(genuine.out, "signer is NOT checked")) << genuine.out;
  EXPECT_TRUE(Contains(genuine.out, PrincipalSha256())) << genuine.out;

  // Altered and re-signed with a self-signed key claiming to be the principal.
  std::vector<ArchiveEntry> entries = ReadBagEntries(tar_, kTop);
  std::string& photo = EntryData(entries, kPhoto);
  std::string& manifest = EntryData(entries, "manifest-sha256.txt");
  const std::string old_hex = ToHex(Sha256Of(photo));
  photo[10] ^= 1;
  manifest.replace(manifest.find(old_hex), 64, ToHex(Sha256Of(photo)));
  Resign(entries, "forger");
  const std::string forged = Write(entries, "forged.tar");
  CommandResult r = Verify(forged);
  EXPECT_EQ(r.exit_code, 9) << r.out;
  EXPECT_FALSE(Contains(r.out, "VERIFIED")) << r.out;
  EXPECT_EQ(Verify(forged, WithCa()).exit_code, 7);
  EXPECT_EQ(Verify(forged, {"--signer-sha256", PrincipalSha256()}).exit_code, 7);
}

// Finding 8: the fingerprint hoso prints when sealing and listing is a trust anchor.
TEST_F(VerifyHardeningTest, SignerPinTrustsAndWrongPinFails) {
  const std::string pin = PrincipalSha256();
  EXPECT_TRUE(Contains(seal_.out, "signer sha256: " + pin)) << seal_.out;
  EXPECT_TRUE(Contains(Hoso({"dossier", "ls", "--school", "LQD"}).out, pin));
  EXPECT_TRUE(Contains(Hoso({"--json", "dossier", "ls", "--school", "LQD"}).out,
                       "\"signer_sha256\":\"" + pin + "\""));

  CommandResult ok = Verify(zip_, {"--signer-sha256", pin});
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_EQ(ok.out.rfind("VERIFIED ", 0), 0u) << ok.out;
  EXPECT_TRUE(Contains(ok.out, "the one given by --signer-sha256")) << ok.out;
  // As `openssl x509 -fingerprint -sha256` writes it.
  std::string colons;
  for (size_t i = 0; i < pin.size(); i += 2) {
    colons += (i ? ":" : "") + pin.substr(i, 2);
  }
  for (char& c : colons) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(Verify(zip_, {"--signer-sha256", colons}).exit_code, 0);
  EXPECT_EQ(Verify(zip_, {"--signer-sha256", pin, "--ca", Key("ca.pem")}).exit_code, 0);

  std::string wrong = pin;
  wrong[0] = wrong[0] == '0' ? '1' : '0';
  CommandResult bad = Verify(zip_, {"--signer-sha256", wrong});
  EXPECT_EQ(bad.exit_code, 7) << bad.out;
  EXPECT_TRUE(Contains(bad.out, "NOT VERIFIED")) << bad.out;
  EXPECT_TRUE(Contains(bad.out, "not the expected " + wrong)) << bad.out;
  EXPECT_EQ(Verify(zip_, {"--signer-sha256", "abc"}).exit_code, 2);
}

// Finding 8: the certificate file beside the signature is the one that signed.
TEST_F(VerifyHardeningTest, SwappedSignerCertFails) {
  std::vector<ArchiveEntry> entries = ReadBagEntries(tar_, kTop);
  EntryData(entries, "signer-cert.pem") = ReadFile(Key("forger.pem"));
  const std::string swapped = Write(entries, "swapped.tar");
  for (const auto& flags : {WithCa(), std::vector<std::string>{}}) {
    CommandResult r = Verify(swapped, flags);
    EXPECT_EQ(r.exit_code, 7) << r.out;
    EXPECT_TRUE(Contains(r.out, "signer-cert.pem is not the certificate that made the signature"))
        << r.out;
  }
}

// Finding 9: nothing the signature does not cover passes unnamed.
TEST_F(VerifyHardeningTest, ExtraFilesNotCoveredFailVerification) {
  const std::vector<std::pair<ArchiveEntry, std::string>> cases = {
      {{"index.html", "<script>phish()</script>"}, "file not covered by the signature: index.html"},
      {{"extra/evil.exe", "MZ"}, "file not covered by the signature: extra/evil.exe"},
      {{"fetch.txt", "https://example.invalid/x 1 data/x\n"}, "fetch.txt"},
      {{"C:/evil.txt", "x"}, "absolute path C:/evil.txt"},
      {{"manifest-md5.txt", ""}, "file not covered by the signature: manifest-md5.txt"},
      // A name that would drive the assessor's terminal is shown, not obeyed.
      {{"extra/\x1b[2Jok\u202Etxt.exe", ""},
       "file not covered by the signature: extra/\\x1B[2Jok[U+202E]txt.exe"},
  };
  for (const auto& [extra, expected] : cases) {
    for (const char* format : {"tar", "zip"}) {
      std::vector<ArchiveEntry> entries = ReadBagEntries(tar_, kTop);
      entries.push_back(extra);
      const std::string path = Write(entries, std::string("extra.") + format);
      CommandResult r = Verify(path, WithCa());
      EXPECT_EQ(r.exit_code, 7) << extra.path << " " << format << "\n" << r.out;
      EXPECT_TRUE(Contains(r.out, "NOT VERIFIED")) << r.out;
      EXPECT_TRUE(Contains(r.out, expected)) << r.out;
      EXPECT_FALSE(Contains(r.out, "\x1b")) << "an escape sequence reached the terminal";
    }
  }
}

// Finding 9: a 20+ MB zip of many entries that unpacks to 1.5 GB is
// verified in bounded memory (it was held whole: about 100 × the archive).
TEST_F(VerifyHardeningTest, VerifyMemoryStaysBounded) {
  const std::string big = dir_.Sub("big.zip");
  {  // freed before the child starts: its peak RSS counts what it was forked with
    const std::string zeros(60 << 20, '\0');
    WriteEntries(big, ReadBagEntries(tar_, kTop), /*zip=*/true, [&](auto& add) {
      for (int i = 0; i < 21000; ++i) {
        add(ArchiveEntry{"extra/many/" + std::to_string(i) + ".bin", RandomBytes(1024, i)});
      }
      for (int i = 0; i < 25; ++i) add(ArchiveEntry{"extra/zeros-" + std::to_string(i), zeros});
    });
  }
  ASSERT_GT(std::filesystem::file_size(big), 20u << 20);
  const Measured m = RunBounded({HOSO_PATH, "verify", big, "--ca", Key("ca.pem")}, dir_.path(),
                                1ull << 30, dir_.Sub("big.out"));
  EXPECT_EQ(m.exit_code, 7) << m.out.substr(0, 2000);
  EXPECT_TRUE(Contains(m.out, "file not covered by the signature: extra/"))
      << m.out.substr(0, 2000);
  EXPECT_TRUE(Contains(m.out, "more")) << "the problem list is capped";
  RecordProperty("peak_rss_mib", static_cast<int>(m.peak_rss_bytes >> 20));
  std::fprintf(stderr, "hoso verify of a %llu MiB zip: peak RSS %llu MiB\n",
               static_cast<unsigned long long>(std::filesystem::file_size(big) >> 20),
               static_cast<unsigned long long>(m.peak_rss_bytes >> 20));
  EXPECT_LT(m.peak_rss_bytes, 64ull << 20) << "peak RSS " << (m.peak_rss_bytes >> 20) << " MiB";
}

// Finding 14: paths in the bag extract on Windows; index.html shows the originals.
TEST_F(VerifyHardeningTest, WindowsUnsafeNamesGetSafeBagPaths) {
  const std::vector<std::string> names = {
      "báo cáo: \"quý\" 1?.pdf", "a<b>*|.txt", "CON",     "nul.txt", "dấu chấm cuối.",
      "khoảng trắng cuối ",      "Hoa.pdf",    "hoa.pdf", "HOA.PDF"};
  std::vector<std::string> args = {
      "upload", "--school", "LQD", "--criterion", "1.2", "--title", "Báo cáo: quý 1? <nháp>"};
  const std::string local = dir_.Sub("names");
  std::filesystem::create_directories(local);
  for (size_t i = 0; i < names.size(); ++i) {
    WriteFile(local + "/" + names[i], "tệp " + std::to_string(i));
    args.push_back(local + "/" + names[i]);
  }
  CommandResult up = Hoso(args);
  ASSERT_EQ(up.exit_code, 0) << up.err;
  ASSERT_EQ(Hoso({"school", "set", "LQD", "--dossier-items", "all"}).exit_code, 0);
  ASSERT_EQ(Hoso({"dossier", "build", "--school", "LQD"}).exit_code, 0);
  ASSERT_EQ(Hoso({"dossier", "seal", "2", "--school", "LQD", "--key", Key("principal.key"),
                  "--cert", Key("principal.pem")})
                .exit_code,
            0);
  const std::string zip = Download(2, "zip");
  std::vector<ArchiveEntry> entries = ReadBagEntries(zip, "LQD-dossier-2/");
  std::set<std::string> folded;
  size_t payload = 0;
  for (const ArchiveEntry& e : entries) {
    std::string lower = e.path;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(folded.insert(lower).second) << "two paths differ only in case: " << e.path;
    if (e.path.rfind("data/", 0) == 0) ++payload;
    std::stringstream parts(e.path);
    std::string part;
    while (std::getline(parts, part, '/')) {
      EXPECT_EQ(part.find_first_of("\":?<>*|\\"), std::string::npos) << e.path;
      EXPECT_TRUE(part.back() != ' ' && part.back() != '.') << e.path;
      std::string stem = part.substr(0, part.find('.'));
      for (char& c : stem) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      EXPECT_TRUE(stem != "CON" && stem != "NUL") << e.path;
    }
  }
  EXPECT_EQ(payload, 2 + names.size() + 3) << "a file lost to a name clash";  // + index, catalogue
  const std::string index = EntryData(entries, "data/index.html");
  for (const char* original : {"CON", "nul.txt", "Hoa.pdf", "hoa.pdf", "HOA.PDF"}) {
    EXPECT_TRUE(Contains(index, std::string(">") + original + "</a>")) << original;
  }
  EXPECT_TRUE(Contains(index, "a&lt;b&gt;*|.txt</a>"));
  CommandResult r = Verify(zip, WithCa());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  // Stock tools read the bag as they find it (Debian 12 has no bagit-python).
  const std::string bag = dir_.Sub("unpacked");
  std::filesystem::create_directories(bag);
  EXPECT_EQ(std::system(("cd " + bag + " && bsdtar -xf '" + zip +
                         "' && cd LQD-dossier-2 && sha256sum --quiet -c tagmanifest-sha256.txt && "
                         "sha256sum --quiet -c manifest-sha256.txt")
                            .c_str()),
            0);
}

// Finding 14: a right-to-left override cannot disguise a name in index.html.
TEST_F(VerifyHardeningTest, BidiControlsAreEscapedInIndexHtml) {
  const std::string rlo = "\u202E";
  const std::string name = "invoice" + rlo + "fdp.exe";
  WriteFile(dir_.Sub(name), "MZ");
  ASSERT_EQ(Hoso({"upload", "--school", "LQD", "--criterion", "1.2", "--title",
                  "Hóa đơn " + rlo + "gnp.exe", dir_.Sub(name)})
                .exit_code,
            0);
  ASSERT_EQ(Hoso({"school", "set", "LQD", "--dossier-items", "all"}).exit_code, 0);
  ASSERT_EQ(Hoso({"dossier", "build", "--school", "LQD"}).exit_code, 0);
  std::vector<ArchiveEntry> entries = ReadBagEntries(Download(2, "tar"), "LQD-dossier-2/");
  const std::string index = EntryData(entries, "data/index.html");
  EXPECT_FALSE(Contains(index, rlo)) << "index.html shows a reversed name";
  EXPECT_TRUE(Contains(index, "invoice[U+202E]fdp.exe")) << index;
  EXPECT_TRUE(Contains(index, "Hóa đơn [U+202E]gnp.exe")) << index;
  const std::string csv = EntryData(entries, "data/danh-muc-minh-chung.csv");
  EXPECT_FALSE(Contains(csv, rlo)) << "the catalogue shows a reversed title";
  EXPECT_TRUE(Contains(csv, "Hóa đơn [U+202E]gnp.exe")) << csv;
  for (const ArchiveEntry& e : entries) EXPECT_FALSE(Contains(e.path, rlo)) << e.path;
}

// Finding 15: RFC 8493 lets the hex be in either case.
TEST_F(VerifyHardeningTest, UpperCaseHexVerifies) {
  std::vector<ArchiveEntry> entries = ReadBagEntries(tar_, kTop);
  std::string& manifest = EntryData(entries, "manifest-sha256.txt");
  std::stringstream lines(manifest);
  std::string line, upper;
  while (std::getline(lines, line)) {
    for (size_t i = 0; i < 64; ++i) {
      line[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(line[i])));
    }
    upper += line + "\n";
  }
  ASSERT_NE(upper, manifest);
  manifest = upper;
  Resign(entries);
  CommandResult r = Verify(Write(entries, "upper.tar"), WithCa());
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

// Finding 15: tag files may end their lines in CRLF (a bag edited on Windows).
TEST_F(VerifyHardeningTest, CrlfManifestVerifies) {
  std::vector<ArchiveEntry> entries = ReadBagEntries(tar_, kTop);
  for (const char* name : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"}) {
    std::string& text = EntryData(entries, name);
    text = std::regex_replace(text, std::regex("\n"), "\r\n");
  }
  Resign(entries, "principal", "\r\n");
  CommandResult r = Verify(Write(entries, "crlf.zip"), WithCa());
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

// Finding 15: a bag made or re-packed on a Mac has NFD names, in its
// entries or in its manifest; the other side has NFC ones.
TEST_F(VerifyHardeningTest, NfdNamesVerify) {
  ASSERT_NE(Nfd(kPhoto), kPhoto);
  for (const char* format : {"tar", "zip"}) {
    std::vector<ArchiveEntry> entries = ReadBagEntries(tar_, kTop);
    for (ArchiveEntry& e : entries) e.path = Nfd(e.path);
    CommandResult r = Verify(Write(entries, std::string("nfd-entries.") + format), WithCa());
    EXPECT_EQ(r.exit_code, 0) << format << "\n" << r.out;
  }
  std::vector<ArchiveEntry> entries = ReadBagEntries(tar_, kTop);
  EntryData(entries, "manifest-sha256.txt") = Nfd(EntryData(entries, "manifest-sha256.txt"));
  Resign(entries);
  CommandResult r = Verify(Write(entries, "nfd-manifest.tar"), WithCa());
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

// Finding 15: one line per file; a second line for it is an error, not a choice.
TEST_F(VerifyHardeningTest, DuplicateManifestLineWithWrongHashFails) {
  std::vector<ArchiveEntry> entries = ReadBagEntries(tar_, kTop);
  std::string& manifest = EntryData(entries, "manifest-sha256.txt");
  manifest.insert(0, std::string(64, 'a') + "  " + kPhoto + "\n");
  // The right hash first and the wrong one after fails too.
  manifest += std::string(64, 'b') + "  " + kPhoto + "\n";
  Resign(entries);
  CommandResult r = Verify(Write(entries, "dup.tar"), WithCa());
  EXPECT_EQ(r.exit_code, 7) << r.out;
  EXPECT_TRUE(Contains(r.out, std::string("lists ") + kPhoto + " more than once")) << r.out;
}

// Finding 15: Windows' "send to compressed folder" puts the bag in one folder.
TEST_F(VerifyHardeningTest, BagInsideOneTopFolderVerifies) {
  std::vector<ArchiveEntry> entries = ReadBagEntries(zip_, kTop);
  for (ArchiveEntry& e : entries) e.path = "ho-so-LQD/" + e.path;
  entries.insert(entries.begin(), ArchiveEntry{"ho-so-LQD/", "", AE_IFDIR});
  CommandResult r = Verify(Write(entries, "folder.zip"), WithCa());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.rfind("VERIFIED ", 0), 0u) << r.out;
  // A file beside that folder is refused.
  entries.push_back({"readme.html", "x"});
  CommandResult beside = Verify(Write(entries, "beside.zip"), WithCa());
  EXPECT_EQ(beside.exit_code, 7) << beside.out;
  EXPECT_TRUE(Contains(beside.out, "lies outside it")) << beside.out;
}

}  // namespace
}  // namespace hoso
