// The self-assessment a dossier carries (issue 16): danh-gia.json made from
// the approved revisions and read back as hostile input, the cited codes
// checked against the dossier, index.html linking each cited code, and the
// verifier naming a cited code whose file is not in the bag.
#include "storage/dossier/dossier_assessment.h"

#include <gtest/gtest.h>

#include "storage/bagit/bag_assessment.h"
#include "storage/bagit/bag_format.h"
#include "storage/bagit/bag_verifier.h"
#include "storage/base/sha256.h"
#include "storage/dossier/dossier_index.h"
#include "tests/support/archive_entries.h"
#include "tests/support/temp_dir.h"

namespace hoso {
namespace {

using storage::bag::BagAssessment;

struct Fixture {
  storage::SchoolRecord school;
  storage::Framework framework;
  storage::AssessmentRecord assessment;
  std::vector<storage::EvidenceRecord> items;
  storage::PayloadPaths paths;
  std::vector<storage::CriterionAssessmentRecord> approved;

  Fixture() {
    school.set_code("LQD");
    school.set_name("Trường Tiểu học Lê Quý Đôn");
    framework.set_id("mini");
    framework.set_title("Khung thử");
    for (int s = 1; s <= 2; ++s) {
      storage::Standard* standard = framework.add_standards();
      standard->set_number(s);
      standard->set_name("Tiêu chuẩn " + std::to_string(s));
      storage::Criterion* c = standard->add_criteria();
      c->set_code(std::to_string(s) + ".1");
      c->set_name("Tiêu chí " + std::to_string(s) + ".1");
    }
    assessment.set_school("LQD");
    assessment.set_id(1);
    assessment.set_title("Báo cáo tự đánh giá");
    assessment.set_first_year("2020-2021");
    assessment.set_last_year("2024-2025");
    Item(1, "[H1-1.1-01]", {"1.1", "2.1"},
         {"data/Tiêu chuẩn 1/Tiêu chí 1.1/[H1-1.1-01] KH/a.pdf",
          "data/Tiêu chuẩn 1/Tiêu chí 1.1/[H1-1.1-01] KH/b.jpg"});
    Item(2, "[H2-2.1-01]", {"2.1"}, {"data/Tiêu chuẩn 2/Tiêu chí 2.1/[H2-2.1-01] QĐ/q.pdf"});
    Judged("1.1", "Nhà trường có kế hoạch [H1-1.1-01]. Đã rà soát [H1-1.1-01].", {1});
    Judged("2.1", "Có quyết định [H2-2.1-01; H1-1.1-01].", {2, 1});
  }
  void Item(uint64_t id, const std::string& code, std::vector<std::string> criteria,
            std::vector<std::string> files) {
    storage::EvidenceRecord e;
    e.set_id(id);
    e.set_code(code);
    e.set_title("Minh chứng " + code);
    for (const auto& c : criteria) e.add_criteria(c);
    for (const auto& f : files) {
      e.add_files()->set_name(f.substr(f.rfind('/') + 1));
      paths[id].push_back(f);
    }
    items.push_back(e);
  }
  void Judged(const std::string& criterion, const std::string& text, std::vector<uint64_t> cites) {
    storage::CriterionAssessmentRecord r;
    r.set_school("LQD");
    r.set_assessment(1);
    r.set_criterion(criterion);
    r.set_revision(2);
    r.set_description(text);
    r.set_level(1);
    r.set_state(storage::ASSESSMENT_APPROVED);
    r.set_writer("lan");
    r.set_reviewed_by("hieu");
    r.set_reviewed_unix(1747728000);
    storage::IndicatorResult* i = r.add_indicators();
    i->set_level(1);
    i->set_code("a");
    i->set_judgement(storage::JUDGEMENT_MET);
    for (uint64_t id : cites) {
      storage::CitationRecord* c = r.add_citations();
      c->set_evidence_id(id);
      c->set_code(items[id - 1].code());
      c->set_written(items[id - 1].code().substr(1, items[id - 1].code().size() - 2));
      c->set_part("description");
    }
    approved.push_back(r);
  }
  absl::StatusOr<BagAssessment> Make() const {
    storage::DossierAssessmentInput input{&school, &framework, &assessment, approved, 2};
    return storage::MakeBagAssessment(input, items, paths);
  }
};

TEST(DossierAssessmentTest, EncodesTheApprovedRevisionsWithTheirFilesAndReadsBack) {
  const Fixture f;
  auto made = f.Make();
  ASSERT_TRUE(made.ok()) << made.status();
  ASSERT_EQ(made->criteria_size(), 2);
  const auto& c11 = made->criteria(0);
  EXPECT_EQ(c11.criterion(), "1.1");
  EXPECT_EQ(c11.name(), "Tiêu chí 1.1");
  EXPECT_EQ(c11.approved_by(), "hieu");
  EXPECT_EQ(c11.approved_utc(), "2025-05-20T08:00:00Z");
  EXPECT_EQ(c11.indicators(0).judgement(), "dat");
  ASSERT_EQ(c11.citations_size(), 1) << "one citation per item, however often cited";
  EXPECT_EQ(c11.citations(0).code(), "[H1-1.1-01]");
  EXPECT_EQ(c11.citations(0).files_size(), 2);
  ASSERT_EQ(made->criteria(1).citations_size(), 2);
  EXPECT_EQ(made->criteria(1).citations(0).files(0),
            "data/Tiêu chuẩn 2/Tiêu chí 2.1/[H2-2.1-01] QĐ/q.pdf");
  EXPECT_EQ(made->school_level(), 2);

  const std::string json = storage::BagAssessmentJson(*made);
  EXPECT_NE(json.find("\"format\": \"hoso-danh-gia/1\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"approved_by\": \"hieu\""), std::string::npos)
      << "field names as in the proto";
  auto read = storage::ParseBagAssessment(json);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->SerializeAsString(), made->SerializeAsString());
}

TEST(DossierAssessmentTest, ACitedItemOutsideTheDossierRefusesNamingItsCodeAndCriteria) {
  Fixture f;
  f.items.pop_back();  // [H2-2.1-01] is not in the dossier
  f.paths.erase(2);
  auto made = f.Make();
  ASSERT_EQ(made.status().code(), absl::StatusCode::kFailedPrecondition) << made.status();
  EXPECT_NE(made.status().message().find("[H2-2.1-01] (tiêu chí 2.1)"), std::string::npos)
      << made.status();
  EXPECT_EQ(made.status().message().find("[H1-1.1-01]"), std::string::npos) << made.status();
  EXPECT_NE(made.status().message().find("--without-assessment"), std::string::npos);

  Fixture without_files;  // an item listed by a catalogue import, no document yet
  without_files.paths.erase(1);
  made = without_files.Make();
  ASSERT_EQ(made.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(made.status().message().find("[H1-1.1-01] (tiêu chí 1.1, 2.1)"), std::string::npos)
      << made.status();
}

std::string WithFile(const std::string& path) {
  return R"({"format": "hoso-danh-gia/1", "criteria": [{"criterion": "1.1", "citations": [
      {"code": "[H1-1.1-01]", "files": [")" +
         path + R"("]}]}]})";
}

TEST(DossierAssessmentTest, HostileJsonIsRefusedWithTheReason) {
  auto refused = [](const std::string& json, const std::string& why) {
    auto r = storage::ParseBagAssessment(json);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << json.substr(0, 200);
    EXPECT_NE(r.status().message().find(why), std::string::npos) << r.status();
  };
  EXPECT_TRUE(storage::ParseBagAssessment(WithFile("data/a/b.pdf")).ok());
  refused(WithFile("data/../../etc/passwd"), "leaves data/");
  refused(WithFile("/etc/passwd"), "is not under data/");
  refused(WithFile("bagit.txt"), "is not under data/");
  refused(WithFile("data//x"), "empty part");
  refused(WithFile("data/./x"), "leaves data/");
  refused(WithFile("data/a\\\\b"), "backslash");
  refused(WithFile("data/a\\u0001b"), "control");
  refused("{\"format\": \"hoso-danh-gia/2\"}", "is not hoso-danh-gia/1");
  refused("{\"format\": ", "not readable");
  refused("[1, 2]", "not readable");
  refused("{\"format\": \"hoso-danh-gia/1\", \"criteria\": [{\"citations\": []}]}", "no code");
  refused(std::string(storage::kMaxAssessmentBytes + 1, ' '), "larger than 32 MiB");
  // An unknown field (a newer minor version) is read past; nesting deeper
  // than the parser's limit is refused, not a stack overflow.
  const std::string head = "{\"format\": \"hoso-danh-gia/1\", \"x\": ";
  EXPECT_TRUE(
      storage::ParseBagAssessment(head + std::string(100000, '[') + std::string(100000, ']') + "}")
          .ok());
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "{\"x\": ";
  refused(head + deep + "1" + std::string(100001, '}'), "not readable");
  EXPECT_TRUE(
      storage::ParseBagAssessment("{\"format\": \"hoso-danh-gia/1\", \"signatures\": {\"a\": [1]}}")
          .ok());
  // NFD paths (written on a Mac) are read as NFC, as manifests are.
  auto nfd = storage::ParseBagAssessment(WithFile("data/Tie\u0302\u0301u chi\u0301"));
  ASSERT_TRUE(nfd.ok()) << nfd.status();
  EXPECT_EQ(nfd->criteria(0).citations(0).files(0), "data/Tiếu chí");
}

TEST(DossierIndexTest, EveryCitedCodeLinksToItsEntryAndEntriesNameTheirCitingCriteria) {
  const Fixture f;
  auto made = f.Make();
  ASSERT_TRUE(made.ok()) << made.status();
  storage::DossierRecord d;
  d.set_school_name(f.school.name());
  const std::string page = storage::RenderDossierIndex(f.framework, d, f.items, f.paths, &*made);
  // Each entry is an anchor once, on its root criterion.
  for (const char* anchor : {"<tr id=\"e1\">", "<tr id=\"e2\">"}) {
    const size_t at = page.find(anchor);
    ASSERT_NE(at, std::string::npos) << anchor;
    EXPECT_EQ(page.find(anchor, at + 1), std::string::npos) << anchor << " twice";
  }
  // The report's section: each criterion's cited codes link to the entries.
  const size_t section = page.find("<h2 id=\"tu-danh-gia\">Tự đánh giá</h2>");
  ASSERT_NE(section, std::string::npos) << page;
  const size_t row21 = page.find("<tr id=\"tdg2.1\">", section);
  ASSERT_NE(row21, std::string::npos) << page;
  EXPECT_NE(page.find("<a class=\"code\" href=\"#e2\">[H2-2.1-01]</a>", row21), std::string::npos);
  EXPECT_NE(page.find("<a class=\"code\" href=\"#e1\">[H1-1.1-01]</a>", row21), std::string::npos);
  EXPECT_NE(page.find("href=\"tu-danh-gia/bao-cao-tu-danh-gia.html\""), std::string::npos);
  EXPECT_NE(page.find("Trường đạt Mức 2"), std::string::npos);
  EXPECT_NE(page.find("Được dẫn ở tiêu chí 1.1, 2.1"), std::string::npos) << page;
  EXPECT_NE(page.find("Được dẫn ở tiêu chí 2.1<"), std::string::npos) << page;

  // Without an assessment the page stays as it was.
  const std::string plain = storage::RenderDossierIndex(f.framework, d, f.items, f.paths);
  EXPECT_EQ(plain.find("Tự đánh giá"), std::string::npos);
  EXPECT_EQ(plain.find("Được dẫn"), std::string::npos);
}

// An unsigned bag (so never VERIFIED) holding the assessment and `files`.
std::string UnsignedBag(const testing::TempDir& dir, const BagAssessment& assessment,
                        const std::vector<std::pair<std::string, std::string>>& files,
                        const std::vector<std::string>& in_manifest) {
  std::vector<testing::ArchiveEntry> entries;
  std::string manifest;
  const std::string json = storage::BagAssessmentJson(assessment);
  entries.push_back({storage::kAssessmentFile, json});
  manifest += storage::ManifestLine(ToHex(Sha256Of(json)), storage::kAssessmentFile);
  for (const auto& [path, data] : files) entries.push_back({path, data});
  for (const std::string& path : in_manifest) {
    for (const auto& [p, data] : files) {
      if (p == path) manifest += storage::ManifestLine(ToHex(Sha256Of(data)), path);
    }
  }
  entries.push_back({storage::kBagitFile, storage::kBagitDeclaration});
  entries.push_back({storage::kManifestFile, manifest});
  const std::string path = dir.Sub("bag.tar");
  testing::WriteEntries(path, entries);
  return path;
}

bool Mentions(const cli::VerifyReport& report, const std::string& what) {
  for (const auto& p : report.problems) {
    if (p.find(what) != std::string::npos) return true;
  }
  return false;
}

TEST(DossierVerifyTest, ACitedCodeWhoseFileIsNotInTheBagIsNamed) {
  const Fixture f;
  auto made = f.Make();
  ASSERT_TRUE(made.ok()) << made.status();
  testing::TempDir dir;
  std::vector<std::pair<std::string, std::string>> files;
  std::vector<std::string> listed;
  for (const auto& [id, paths] : f.paths) {
    for (const auto& p : paths) {
      files.push_back({p, "bytes of " + p});
      listed.push_back(p);
    }
  }
  // Everything cited is there: no problem about citations.
  cli::VerifyReport whole = cli::VerifyBag(UnsignedBag(dir, *made, files, listed), {});
  EXPECT_FALSE(Mentions(whole, "cites")) << whole.problems[0];
  EXPECT_TRUE(Mentions(whole, "tagmanifest-sha256.txt is missing"));

  // [H2-2.1-01]'s only file removed with its manifest line: the manifests
  // agree with the files, but the report cites what is not there.
  files.erase(
      std::remove_if(files.begin(), files.end(),
                     [](const auto& p) { return p.first.find("q.pdf") != std::string::npos; }),
      files.end());
  listed.erase(std::remove_if(listed.begin(), listed.end(),
                              [](const auto& p) { return p.find("q.pdf") != std::string::npos; }),
               listed.end());
  cli::VerifyReport gone = cli::VerifyBag(UnsignedBag(dir, *made, files, listed), {});
  EXPECT_FALSE(gone.intact);
  EXPECT_TRUE(Mentions(gone,
                       "the self-assessment cites [H2-2.1-01] (criterion 2.1) but its "
                       "evidence is not in the bag: data/Tiêu chuẩn 2/Tiêu chí 2.1/"
                       "[H2-2.1-01] QĐ/q.pdf is not in manifest-sha256.txt"));
  EXPECT_FALSE(Mentions(gone, "[H1-1.1-01]"));

  // A malformed assessment file is itself a problem.
  BagAssessment bad = *made;
  bad.set_format("other/9");
  cli::VerifyReport unreadable = cli::VerifyBag(UnsignedBag(dir, bad, files, listed), {});
  EXPECT_TRUE(Mentions(unreadable, "danh-gia.json: format \"other/9\""));
}

}  // namespace
}  // namespace hoso
