// The pieces of the bag format and of portable names the verifier and the
// dossier builder share (issue 14, findings 14 and 15); the whole verifier
// runs against real archives in tests/e2e/verify_hardening_e2e_test.cc.
#include <gtest/gtest.h>

#include "storage/bagit/bag_format.h"
#include "storage/base/cms.h"
#include "storage/base/portable_name.h"

namespace hoso {
namespace {

const std::string kHex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

TEST(PortableSegmentTest, WindowsUnsafeNamesBecomeSafe) {
  EXPECT_EQ(text::PortableSegment("báo cáo: \"quý\" 1?.pdf"), "báo cáo_ _quý_ 1_.pdf");
  EXPECT_EQ(text::PortableSegment("a<b>*|\\.txt"), "a_b____.txt");
  EXPECT_EQ(text::PortableSegment("CON"), "_CON");
  EXPECT_EQ(text::PortableSegment("nul.tar.gz"), "_nul.tar.gz");
  EXPECT_EQ(text::PortableSegment("COM7.txt"), "_COM7.txt");
  EXPECT_EQ(text::PortableSegment("CONSOLE.txt"), "CONSOLE.txt");
  EXPECT_EQ(text::PortableSegment("cuối."), "cuối_");
  EXPECT_EQ(text::PortableSegment("cuối "), "cuối_");
  EXPECT_EQ(text::PortableSegment("invoice\u202Efdp.exe"), "invoice_fdp.exe");
  EXPECT_EQ(text::PortableSegment("Kế hoạch chiến lược.pdf"), "Kế hoạch chiến lược.pdf");
}

TEST(PortableSegmentTest, BidiControlsAreWrittenOut) {
  EXPECT_TRUE(text::HasBidiControl("a\u2067b"));
  EXPECT_FALSE(text::HasBidiControl("Tiêu chí 1.1"));
  EXPECT_EQ(text::EscapeBidiControls("invoice\u202Efdp.exe"), "invoice[U+202E]fdp.exe");
  EXPECT_EQ(text::EscapeBidiControls("\u200Fx\u061C"), "[U+200F]x[U+061C]");
}

TEST(ParseManifestTest, UpperCaseHexAndCrlfAreRfc8493) {
  const auto m = storage::ParseManifest(
      "m", Upper(kHex) + "  data/a.txt\r\n" + kHex + "\tdata/b%0Dc%25.txt\r" + kHex + " data/d\n");
  EXPECT_TRUE(m.problems.empty());
  ASSERT_EQ(m.files.size(), 3u);
  EXPECT_EQ(m.files.at("data/a.txt"), kHex);
  EXPECT_EQ(m.files.at("data/b\rc%.txt"), kHex);
  EXPECT_EQ(m.files.at("data/d"), kHex);
}

TEST(ParseManifestTest, NfdPathsAreReadAsNfc) {
  const auto m = storage::ParseManifest("m", kHex + "  data/Tie\u0302\u0301u chi\u0301\n");
  EXPECT_EQ(m.files.count("data/Tiếu chí"), 1u);
}

TEST(ParseManifestTest, DuplicateLineIsAProblem) {
  const auto m = storage::ParseManifest("manifest-sha256.txt",
                                        std::string(64, 'a') + "  data/x\n" + kHex + "  data/x\n");
  ASSERT_EQ(m.problems.size(), 1u);
  EXPECT_EQ(m.problems[0], "manifest-sha256.txt lists data/x more than once (line 2)");
}

TEST(BagInfoFieldTest, LabelAtLineStartAnyEnding) {
  const std::string info = "X-Note: Payload-Oxum: 9.9\r\npayload-oxum: 12.3 \r\n";
  EXPECT_EQ(storage::BagInfoField(info, "Payload-Oxum"), "12.3");
}

TEST(FingerprintTest, AsPeopleWriteIt) {
  std::string colons;
  for (size_t i = 0; i < kHex.size(); i += 2) colons += (i ? ":" : "") + Upper(kHex.substr(i, 2));
  EXPECT_EQ(NormalizeFingerprint(colons), kHex);
  EXPECT_EQ(NormalizeFingerprint(kHex.substr(2)), "");
  EXPECT_EQ(NormalizeFingerprint("zz" + kHex.substr(2)), "");
}

}  // namespace
}  // namespace hoso
