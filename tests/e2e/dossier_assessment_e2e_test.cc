// The self-assessment in the sealed dossier (issue 16), with the real hosod
// and hoso: a small framework with indicators, an assessment with every
// criterion approved, a dossier carrying its report and data, sealed and
// verified; index.html links every cited code; a bag rebuilt without a cited
// file fails verify naming the code; a build that would cite evidence outside
// its scope is refused; --without-assessment builds without it.
#include <regex>
#include <set>

// Before libarchive's headers, whose ARCHIVE_FORMAT_* macros clash with the
// proto's enum values.
#include "tests/support/rpc_client.h"
// clang-format off
#include "storage/base/cms.h"
#include "storage/base/sha256.h"
#include "tests/support/archive_entries.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/status_matchers.h"
// clang-format on

namespace hoso {
namespace {

using testing::ArchiveEntry;
using testing::EntryData;
using testing::ReadBagEntries;
using testing::WriteEntries;

constexpr char kTop[] = "MINI-dossier-1/";
constexpr char kHtml[] = "data/tu-danh-gia/bao-cao-tu-danh-gia.html";
constexpr char kDocx[] = "data/tu-danh-gia/bao-cao-tu-danh-gia.docx";
constexpr char kJson[] = "data/tu-danh-gia/danh-gia.json";

// Two standards of one criterion each, indicators at levels 1 and 2, and the
// rule for the school's level 1: enough to approve a whole assessment quickly.
constexpr char kFramework[] = R"({
  "id": "mini-2026",
  "title": "Khung thử nghiệm hai tiêu chí",
  "school_level": "tiểu học",
  "levels": [1, 2, 3],
  "evidence_code": {"format": "[H{box}-{criterion}-{seq:02}]"},
  "catalogue_columns": ["TT", "Mã minh chứng", "Tên minh chứng", "Số, ngày ban hành",
                        "Nơi ban hành", "Ghi chú"],
  "provenance": "written for this test",
  "indicators_source": "written for this test",
  "standards": [
    {"number": 1, "name": "Tổ chức và quản lý nhà trường", "criteria": [
      {"code": "1.1", "name": "Phương hướng, chiến lược xây dựng và phát triển nhà trường",
       "indicators": [
         {"level": 1, "code": "a", "text": "Phù hợp với mục tiêu giáo dục"},
         {"level": 1, "code": "b", "text": "Được công bố công khai"},
         {"level": 2, "code": "a", "text": "Được rà soát, bổ sung, điều chỉnh"}]}]},
    {"number": 2, "name": "Cán bộ quản lý, giáo viên, nhân viên và học sinh", "criteria": [
      {"code": "2.1", "name": "Đối với hiệu trưởng, phó hiệu trưởng",
       "indicators": [
         {"level": 1, "code": "a", "text": "Đạt tiêu chuẩn theo quy định"}]}]}
  ],
  "school_levels": [
    {"level": 1, "text": "Mọi tiêu chí đạt Mức 1",
     "all_of": [{"criteria_level": 1, "min_percent": 100}]}
  ]
})";

v1::IndicatorResult Met(int level, const std::string& code) {
  v1::IndicatorResult r;
  r.set_level(level);
  r.set_code(code);
  r.set_judgement(v1::JUDGEMENT_MET);
  return r;
}

class DossierAssessmentTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    keys_ = dir_.Sub("keys");
    std::filesystem::create_directories(keys_);
    OpenSsl("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out "
            "ca.pem -subj /CN=ca -days 30");
    OpenSsl("req -newkey rsa:2048 -nodes -keyout principal.key -out principal.csr "
            "-subj /CN=principal");
    OpenSsl("x509 -req -in principal.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out "
            "principal.pem -days 30");

    WriteFile(dir_.Sub("mini.json"), kFramework);
    CommandResult imported = Hoso({"framework", "import", dir_.Sub("mini.json")});
    ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
    ASSERT_EQ(Hoso({"school", "add", "MINI", "--name", "Trường Tiểu học Thử Nghiệm",
                    "--framework", "mini-2026"})
                  .exit_code,
              0);
    // [H1-1.1-01] (also filed under 2.1), [H2-2.1-01] of an earlier year.
    Item("1.1", "2024-2025", "Kế hoạch chiến lược", "ke-hoach.txt", {"--criterion", "2.1"});
    Item("2.1", "2022-2023", "Quyết định bổ nhiệm hiệu trưởng", "quyet-dinh.txt", {});
    // Citations must be approved evidence, and dossiers take approved items.
    ApproveEvidence("H1-1.1-01");
    ApproveEvidence("H2-2.1-01");

    rpc_ = std::make_unique<testing::RpcClient>(address_, token_);
    auto assessments = v1::AssessmentService::NewStub(rpc_->channel());
    v1::CreateAssessmentRequest create;
    create.set_school("MINI");
    create.set_first_year("2020-2021");
    create.set_last_year("2024-2025");
    v1::Assessment created;
    ASSERT_OK(assessments->CreateAssessment(rpc_->Context().get(), create, &created));
    Approve(*assessments, "1.1",
            "Nhà trường có kế hoạch chiến lược giai đoạn 2020-2025 [H1-1.1-01]. Kế hoạch được "
            "công bố công khai [H1-1.1-01].",
            {Met(1, "a"), Met(1, "b"), Met(2, "a")});
    Approve(*assessments, "2.1",
            "Hiệu trưởng được bổ nhiệm đúng quy định [H2-2.1-01; H1-1.1-01].", {Met(1, "a")});
  }

  void OpenSsl(const std::string& args) {
    ASSERT_EQ(std::system(("cd " + keys_ + " && openssl " + args + " >/dev/null 2>&1").c_str()), 0)
        << args;
  }
  std::string Key(const std::string& name) { return keys_ + "/" + name; }

  void Item(const std::string& criterion, const std::string& year, const std::string& title,
            const std::string& file, std::vector<std::string> more) {
    WriteFile(dir_.Sub(file), title + " — nội dung");
    std::vector<std::string> args = {"upload", "--school", "MINI",  "--criterion", criterion,
                                     "--year", year,       "--title", title};
    args.insert(args.end(), more.begin(), more.end());
    args.push_back(dir_.Sub(file));
    CommandResult r = Hoso(args);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  void ApproveEvidence(const std::string& code) {
    CommandResult r = Hoso({"review", "approve", code, "--school", "MINI"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }

  // Saves the criterion, submits and approves it (the server admin chairs).
  void Approve(v1::AssessmentService::Stub& stub, const std::string& criterion,
               const std::string& description, std::vector<v1::IndicatorResult> results) {
    v1::SaveCriterionRequest save;
    save.set_school("MINI");
    v1::CriterionAssessment* c = save.mutable_criterion();
    c->set_criterion(criterion);
    c->set_description(description);
    c->set_strengths("Điểm mạnh của tiêu chí " + criterion);
    c->set_weaknesses("Điểm yếu của tiêu chí " + criterion);
    c->set_improvement("Tiếp tục rà soát hằng năm");
    for (const auto& r : results) *c->add_indicators() = r;
    v1::CriterionAssessment saved;
    ASSERT_OK(stub.SaveCriterion(rpc_->Context().get(), save, &saved));
    for (v1::ReviewAction action : {v1::REVIEW_SUBMIT, v1::REVIEW_APPROVE}) {
      v1::ReviewCriterionRequest review;
      review.set_school("MINI");
      review.set_criterion(criterion);
      review.set_action(action);
      v1::CriterionAssessment reviewed;
      ASSERT_OK(stub.ReviewCriterion(rpc_->Context().get(), review, &reviewed));
    }
  }

  CommandResult Build(std::vector<std::string> more = {}) {
    std::vector<std::string> args = {"dossier", "build", "--school", "MINI"};
    args.insert(args.end(), more.begin(), more.end());
    return Hoso(args);
  }
  std::string SealAndDownload(int id) {
    CommandResult sealed = Hoso({"dossier", "seal", std::to_string(id), "--school", "MINI", "--key",
                                 Key("principal.key"), "--cert", Key("principal.pem")});
    EXPECT_EQ(sealed.exit_code, 0) << sealed.out << sealed.err;
    const std::string out = dir_.Sub("dossier-" + std::to_string(id) + ".zip");
    CommandResult r =
        Hoso({"dossier", "download", std::to_string(id), "--school", "MINI", "-o", out});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
  }
  CommandResult Verify(const std::string& path) {
    return HosoWithToken({"verify", path, "--ca", Key("ca.pem")}, "");  // offline
  }

  std::string keys_;
  std::unique_ptr<testing::RpcClient> rpc_;
};

bool Has(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

TEST_F(DossierAssessmentTest, SealedDossierCarriesTheReportAndIndexLinksEveryCitedCode) {
  CommandResult built = Build();
  ASSERT_EQ(built.exit_code, 0) << built.out << built.err;
  EXPECT_TRUE(Has(built.out, "self-assessment 1 inside")) << built.out;
  const std::string zip = SealAndDownload(1);
  CommandResult verified = Verify(zip);
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;

  std::vector<ArchiveEntry> entries = ReadBagEntries(zip, kTop);
  const std::string manifest = EntryData(entries, "manifest-sha256.txt");
  for (const char* file : {kHtml, kDocx, kJson}) {
    const std::string& data = EntryData(entries, file);
    EXPECT_FALSE(data.empty()) << file;
    // Covered by the manifest, and so by the signed tag manifest.
    EXPECT_TRUE(Has(manifest, ToHex(Sha256Of(data)) + "  " + file)) << file;
  }
  EXPECT_EQ(EntryData(entries, kDocx).substr(0, 2), "PK") << "the docx is a zip";
  EXPECT_TRUE(Has(EntryData(entries, kHtml), "[H2-2.1-01]"));
  // The report's citations lead up out of data/tu-danh-gia/ to the files.
  EXPECT_TRUE(Has(EntryData(entries, kHtml), "href=\"../Ti%C3%AAu%20chu"))
      << EntryData(entries, kHtml).substr(0, 3000);

  const std::string json = EntryData(entries, kJson);
  EXPECT_TRUE(Has(json, "\"format\": \"hoso-danh-gia/1\"")) << json;
  EXPECT_TRUE(Has(json, "\"approved_by\": \"admin\"")) << json;
  std::set<std::string> cited;  // every code danh-gia.json cites
  const std::regex code_re("\"code\": \"(\\[H[^\"]+\\])\"");
  for (std::sregex_iterator it(json.begin(), json.end(), code_re), end; it != end; ++it) {
    cited.insert((*it)[1]);
  }
  EXPECT_EQ(cited, (std::set<std::string>{"[H1-1.1-01]", "[H2-2.1-01]"})) << json;

  // index.html: every cited code a link to an entry of the page, and each
  // entry saying which criteria cite it.
  const std::string index = EntryData(entries, "data/index.html");
  const size_t section = index.find("<h2 id=\"tu-danh-gia\">");
  ASSERT_NE(section, std::string::npos) << index;
  std::set<std::string> linked;
  const std::regex link_re("<a class=\"code\" href=\"#(e[0-9]+)\">(\\[[^<]+\\])</a>");
  const std::string part = index.substr(section);
  for (std::sregex_iterator it(part.begin(), part.end(), link_re), end; it != end; ++it) {
    linked.insert((*it)[2]);
    const std::string anchor = "<tr id=\"" + (*it)[1].str() + "\"><td class=\"code\">" +
                               (*it)[2].str() + "</td>";
    EXPECT_TRUE(Has(index, anchor)) << "no entry for the link to " << (*it)[2];
  }
  EXPECT_EQ(linked, cited);
  EXPECT_TRUE(Has(index, "Được dẫn ở tiêu chí 1.1, 2.1")) << "[H1-1.1-01]";
  EXPECT_TRUE(Has(index, "Được dẫn ở tiêu chí 2.1<")) << "[H2-2.1-01]";

  CommandResult ls = Hoso({"--json", "dossier", "ls", "--school", "MINI"});
  EXPECT_TRUE(Has(ls.out, "\"assessment\":\"1\"")) << ls.out;
}

TEST_F(DossierAssessmentTest, VerifyFailsNamingACitedCodeWhoseFileWasRemoved) {
  ASSERT_EQ(Build().exit_code, 0);
  std::vector<ArchiveEntry> entries = ReadBagEntries(SealAndDownload(1), kTop);
  // Rebuild the bag without [H2-2.1-01]'s file: the file and its manifest
  // line go, Payload-Oxum and the tag manifest are made to agree, and the
  // principal's key signs it again. Only the citation is left pointing nowhere.
  std::string removed;
  uint64_t bytes = 0, files = 0;
  std::vector<ArchiveEntry> kept;
  for (ArchiveEntry& e : entries) {
    if (Has(e.path, "[H2-2.1-01]")) {
      removed = e.path;
      continue;
    }
    if (e.path.rfind("data/", 0) == 0 && e.type == AE_IFREG) {
      bytes += e.data.size();
      files++;
    }
    kept.push_back(std::move(e));
  }
  ASSERT_FALSE(removed.empty());
  std::string& manifest = EntryData(kept, "manifest-sha256.txt");
  const size_t line = manifest.find("  " + removed + "\n");
  ASSERT_NE(line, std::string::npos) << manifest;
  manifest.erase(line - 64, 64 + 2 + removed.size() + 1);
  std::string& info = EntryData(kept, "bag-info.txt");
  info = std::regex_replace(info, std::regex("Payload-Oxum: [0-9.]+"),
                            "Payload-Oxum: " + std::to_string(bytes) + "." + std::to_string(files));
  std::string tags;
  for (const char* name : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "custody.tsv"}) {
    tags += ToHex(Sha256Of(EntryData(kept, name))) + "  " + name + "\n";
  }
  EntryData(kept, "tagmanifest-sha256.txt") = tags;
  auto signature = SignDetached(Key("principal.key"), Key("principal.pem"), tags);
  ASSERT_OK(signature);
  EntryData(kept, "tagmanifest-sha256.txt.p7s") = *signature;
  const std::string resigned = dir_.Sub("resigned.tar");
  WriteEntries(resigned, kept);
  CommandResult r = Verify(resigned);
  EXPECT_EQ(r.exit_code, 7) << r.out;
  EXPECT_TRUE(Has(r.out, "NOT VERIFIED")) << r.out;
  EXPECT_TRUE(Has(r.out, "1 problem(s)")) << r.out;
  EXPECT_TRUE(Has(r.out, "the self-assessment cites [H2-2.1-01] (criterion 2.1) but its evidence "
                         "is not in the bag"))
      << r.out;

  // Left unsigned, it fails the same way, also naming the code.
  std::vector<ArchiveEntry> unsigned_bag;
  for (ArchiveEntry& e : kept) {
    if (e.path != "tagmanifest-sha256.txt.p7s" && e.path != "signer-cert.pem") {
      unsigned_bag.push_back(e);
    }
  }
  const std::string bare = dir_.Sub("unsigned.zip");
  WriteEntries(bare, unsigned_bag, /*zip=*/true);
  r = Verify(bare);
  EXPECT_EQ(r.exit_code, 7) << r.out;
  EXPECT_TRUE(Has(r.out, "cites [H2-2.1-01]")) << r.out;
}

TEST_F(DossierAssessmentTest, ACitedItemOutsideTheScopeRefusesTheBuild) {
  // [H2-2.1-01] is of 2022-2023: a dossier of the last two years lacks it.
  CommandResult r = Build({"--years", "2023-2024..2024-2025"});
  EXPECT_EQ(r.exit_code, 5) << r.out << r.err;
  EXPECT_TRUE(Has(r.err, "[H2-2.1-01] (tiêu chí 2.1)")) << r.err;
  EXPECT_FALSE(Has(r.err, "[H1-1.1-01]")) << r.err;
  CommandResult ls = Hoso({"dossier", "ls", "--school", "MINI"});
  EXPECT_FALSE(Has(ls.out, "draft")) << "a refused build left a version: " << ls.out;
}

TEST_F(DossierAssessmentTest, WithoutAssessmentAndScopedDossiersGoWithoutTheReport) {
  for (const std::vector<std::string>& flags :
       {std::vector<std::string>{"--without-assessment"},
        std::vector<std::string>{"--years", "2023-2024..2024-2025", "--without-assessment"},
        std::vector<std::string>{"--standard", "1"}}) {
    CommandResult r = Build(flags);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(Has(r.out, "self-assessment not inside")) << r.out;
  }
  const std::string zip = SealAndDownload(1);
  EXPECT_EQ(Verify(zip).exit_code, 0);
  std::vector<ArchiveEntry> entries = ReadBagEntries(zip, kTop);
  for (const ArchiveEntry& e : entries) {
    EXPECT_FALSE(Has(e.path, "tu-danh-gia")) << e.path;
  }
  EXPECT_FALSE(Has(EntryData(entries, "data/index.html"), "Được dẫn"));
  CommandResult ls = Hoso({"dossier", "ls", "--school", "MINI"});
  EXPECT_TRUE(Has(ls.out, "REPORT")) << ls.out;
  EXPECT_FALSE(Has(ls.out, " yes ")) << ls.out;
  // The whole framework again: now it goes in.
  ASSERT_EQ(Build().exit_code, 0);
  EXPECT_TRUE(Has(Hoso({"dossier", "ls", "--school", "MINI"}).out, " yes ")) << ls.out;
}

}  // namespace
}  // namespace hoso
