// Importing a school's existing archive with hoso upload FOLDER: one item per
// document, the school's codes kept, code clashes reported, a dry run that
// moves nothing; against the real hosod, hoso and the corpus generator.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "hoso/v1/hoso.pb.h"
#include "storage/base/sha256.h"
#include "storage/base/text.h"
#include "storage/base/utf8_locale.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/rpc_client.h"
#include "tests/support/status_matchers.h"

// After hoso.pb.h: libarchive's macros (ARCHIVE_FORMAT_ZIP) clash with its enum.
#include <archive.h>
#include <archive_entry.h>

namespace hoso {
namespace {

namespace fs = std::filesystem;

template <typename Message>
Message ParseJson(const std::string& json) {
  Message m;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &m).ok()) << json.substr(0, 500);
  return m;
}

// One entry of an archive whose path ends with `suffix`.
std::string EntryEndingWith(const std::string& archive_path, const std::string& suffix) {
  ScopedUtf8Locale utf8;
  archive* a = archive_read_new();
  archive_read_support_format_all(a);
  archive_read_open_filename(a, archive_path.c_str(), 1 << 16);
  archive_entry* e;
  std::string found;
  while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
    const std::string path = archive_entry_pathname_utf8(e);
    if (path.size() < suffix.size() ||
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    char buffer[65536];
    la_ssize_t n;
    while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0) found.append(buffer, n);
  }
  archive_read_free(a);
  return found;
}

class ArchiveImportTest : public HosodTest {
 protected:
  void SetUp() override {
    HosodTest::SetUp();
    ASSERT_EQ(
        Hoso({"school", "add", "BENCH", "--name", "Trường THCS Thử", "--framework", "tt18-2018"})
            .exit_code,
        0);
  }
  v1::ListEvidenceResponse Listed(const std::string& school) {
    CommandResult listed = Hoso({"--json", "ls", "--school", school});
    EXPECT_EQ(listed.exit_code, 0) << listed.err;
    return ParseJson<v1::ListEvidenceResponse>(listed.out);
  }
};

TEST_F(ArchiveImportTest, TheCorpusBecomesOneItemPerDocumentWithTheSchoolsCodes) {
  const std::string corpus = dir_.Sub("corpus");
  ASSERT_EQ(
      std::system(
          (std::string(HOSO_CORPUS_PATH) + " '" + corpus + "' --scale 0.02 >/dev/null").c_str()),
      0);
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    if (e.is_regular_file()) files.push_back(e.path().string());
  }
  ASSERT_GT(files.size(), 100u);

  // The dry run: the mapping as the message, nothing stored.
  CommandResult dry = Hoso({"--json", "upload", "--school", "BENCH", "--dry-run", corpus});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  const auto plan = ParseJson<v1::ArchivePlan>(dry.out);
  EXPECT_EQ(plan.items_size() + plan.duplicates_size(), static_cast<int>(files.size()));
  EXPECT_GE(plan.duplicates_size(), 1) << "the corpus has Windows copies";
  EXPECT_EQ(plan.clashes_size(), 0);
  EXPECT_EQ(Listed("BENCH").evidence_size(), 0);
  hoso::testing::RpcClient rpc(address_, token_);
  EXPECT_FALSE(rpc.Stat(ToHex(Sha256Of(ReadFile(files.front())))).present());

  CommandResult imported = Hoso({"--json", "upload", "--school", "BENCH", corpus});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const auto summary = ParseJson<v1::TreeUploadSummary>(imported.out);
  EXPECT_EQ(static_cast<int>(summary.items_created()), plan.items_size());

  // Every coded file is the item of its code, titled by its name.
  const auto listed = Listed("BENCH");
  std::map<std::string, std::string> title_of;  // code -> title
  std::map<std::string, int> highest;           // criterion -> highest number
  for (const v1::Evidence& e : listed.evidence()) title_of[e.code()] = e.title();
  const std::regex coded(R"(^H([0-9])-([0-9]\.[0-9]+)-([0-9]+) (.*)\.[a-z]+$)");
  int checked = 0;
  for (const std::string& path : files) {
    std::smatch m;
    const std::string name = text::Nfc(fs::path(path).filename().string());
    if (!std::regex_match(name, m, coded)) continue;
    const std::string code = "[H" + m[1].str() + "-" + m[2].str() + "-" + m[3].str() + "]";
    ASSERT_TRUE(title_of.count(code)) << code << " for " << path;
    std::string title = m[4].str();
    if (title.size() > 4 && title.compare(title.size() - 4, 4, " (2)") == 0) {
      title = title.substr(0, title.size() - 4);  // the copy is the original's item
    }
    EXPECT_EQ(title_of[code], title) << path;
    highest[m[2].str()] = std::max(highest[m[2].str()], std::stoi(m[3].str()));
    ++checked;
  }
  EXPECT_GT(checked, 100);

  // The catalogue and the dossier list documents, not folder paths.
  const std::string csv = dir_.Sub("catalogue.csv");
  ASSERT_EQ(Hoso({"catalogue", "--school", "BENCH", "-o", csv}).exit_code, 0);
  const std::string catalogue = ReadFile(csv);
  const v1::Evidence& sample = listed.evidence(0);
  EXPECT_NE(catalogue.find(sample.title()), std::string::npos) << sample.title();
  EXPECT_EQ(catalogue.find("Tiêu chuẩn 1 / Tiêu chí"), std::string::npos);
  ASSERT_EQ(Hoso({"school", "set", "BENCH", "--dossier-items", "all"}).exit_code, 0);
  ASSERT_EQ(Hoso({"dossier", "build", "--school", "BENCH"}).exit_code, 0);
  const std::string zip = dir_.Sub("dossier.zip");
  CommandResult got = Hoso({"dossier", "download", "1", "--school", "BENCH", "-o", zip});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  const std::string index = EntryEndingWith(zip, "data/index.html");
  EXPECT_NE(index.find(sample.title()), std::string::npos) << sample.title();
  EXPECT_EQ(index.find("Tiêu chuẩn 1 / Tiêu chí"), std::string::npos);

  // A new item of a criterion continues after the highest imported number
  // (the corpus's two uncoded decisions of 1.1 took the two after the codes).
  int last_11 = 0;
  for (const v1::Evidence& e : listed.evidence()) {
    std::smatch m;
    if (std::regex_match(e.code(), m, std::regex(R"(\[H1-1\.1-([0-9]+)\])"))) {
      last_11 = std::max(last_11, std::stoi(m[1].str()));
    }
  }
  EXPECT_EQ(last_11, highest["1.1"] + 2);
  const std::string extra = dir_.Sub("Biên bản mới.txt");
  WriteFile(extra, "biên bản mới");
  CommandResult added = Hoso({"--json", "upload", "--school", "BENCH", "--criterion", "1.1",
                              "--title", "Biên bản mới", extra});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  char expected[32];
  std::snprintf(expected, sizeof expected, "[H1-1.1-%02d]", last_11 + 1);
  EXPECT_NE(added.out.find(expected), std::string::npos) << added.out;

  // Again: nothing sent, nothing created.
  CommandResult again = Hoso({"--json", "upload", "--school", "BENCH", corpus});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const auto rerun = ParseJson<v1::TreeUploadSummary>(again.out);
  EXPECT_EQ(rerun.items_created(), 0u);
  EXPECT_EQ(rerun.bytes_sent(), 0);
}

TEST_F(ArchiveImportTest, OneCodeOnTwoDocumentsIsReportedAndTheRestImported) {
  const std::string root = dir_.Sub("Lưu trữ");
  const std::string c11 = root + "/Tiêu chuẩn 1/Tiêu chí 1.1/Năm học 2021-2022";
  const std::string named = root + "/Phương hướng, chiến lược xây dựng và phát triển nhà trường";
  const std::string c21 = root + "/TC 2.1/2022-2023";
  for (const auto& d : {c11, named, c21}) fs::create_directories(d);
  WriteFile(c11 + "/H1-1.1-05 Kế hoạch năm học.docx", RandomBytes(5000, 1));
  WriteFile(c11 + "/[H1-1.1-05] Báo cáo tổng kết.pdf", RandomBytes(6000, 2));
  WriteFile(c11 + "/H1.1.1.06 Quyết định.pdf", RandomBytes(7000, 3));
  WriteFile(c11 + "/H1.1.1.06 Quyết định (2).pdf", RandomBytes(7000, 3));  // the same bytes
  WriteFile(c11 + "/H2-2.1-01 Công văn.txt", "công văn");                  // the code says 2.1
  WriteFile(named + "/Biên bản họp.txt", "biên bản");  // a criterion's name as folder
  fs::create_directories(c21 + "/[H2-2.1-02] Biên bản kiểm tra");
  WriteFile(c21 + "/[H2-2.1-02] Biên bản kiểm tra/trang 1.jpg", RandomBytes(3000, 4));
  WriteFile(c21 + "/[H2-2.1-02] Biên bản kiểm tra/trang 2.jpg", RandomBytes(3000, 5));
  WriteFile(c21 + "/H9-9.9-01 Ngoài bộ tiêu chuẩn.txt", "x");  // refused by the server

  CommandResult dry = Hoso({"upload", "--school", "BENCH", "--dry-run", root});
  EXPECT_EQ(dry.exit_code, 10) << dry.err;
  EXPECT_NE(dry.out.find("ghi tiêu chí 2.1, thư mục ghi tiêu chí 1.1: theo mã"), std::string::npos)
      << dry.out;
  EXPECT_NE(dry.out.find("tiêu chí 9.9"), std::string::npos) << dry.out;
  EXPECT_EQ(Listed("BENCH").evidence_size(), 0);

  CommandResult r = Hoso({"--json", "upload", "--school", "BENCH", root});
  EXPECT_EQ(r.exit_code, 10) << r.err;
  EXPECT_NE(r.err.find("H1-1.1-05 Kế hoạch năm học.docx"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[H1-1.1-05] Báo cáo tổng kết.pdf"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bản sao giống hệt"), std::string::npos) << r.err;
  const auto summary = ParseJson<v1::TreeUploadSummary>(r.out);
  ASSERT_EQ(summary.clashes_size(), 1);
  EXPECT_EQ(summary.clashes(0).paths_size(), 2);
  EXPECT_EQ(summary.duplicates_size(), 1);
  ASSERT_EQ(summary.refused_size(), 1);
  EXPECT_EQ(summary.items_created(), 4u);

  std::map<std::string, v1::Evidence> by_code;
  const auto imported = Listed("BENCH");
  for (const v1::Evidence& e : imported.evidence()) by_code[e.code()] = e;
  ASSERT_TRUE(by_code.count("[H1-1.1-06]"));
  EXPECT_EQ(by_code["[H1-1.1-06]"].title(), "Quyết định");
  EXPECT_EQ(by_code["[H1-1.1-06]"].year(), "2021-2022");
  ASSERT_TRUE(by_code.count("[H2-2.1-01]"));
  EXPECT_EQ(by_code["[H2-2.1-01]"].criteria(0), "2.1");
  ASSERT_TRUE(by_code.count("[H2-2.1-02]"));
  EXPECT_EQ(by_code["[H2-2.1-02]"].files_size(), 2);
  EXPECT_EQ(by_code["[H2-2.1-02]"].title(), "Biên bản kiểm tra");
  EXPECT_EQ(by_code["[H2-2.1-02]"].year(), "2022-2023");
  // The uncoded minutes took the next number of criterion 1.1.
  ASSERT_TRUE(by_code.count("[H1-1.1-07]"));
  EXPECT_EQ(by_code["[H1-1.1-07]"].title(), "Biên bản họp");

  // Renamed, the clash is gone: a rerun imports what is left.
  fs::rename(c11 + "/[H1-1.1-05] Báo cáo tổng kết.pdf", c11 + "/H1-1.1-08 Báo cáo tổng kết.pdf");
  fs::remove(c21 + "/H9-9.9-01 Ngoài bộ tiêu chuẩn.txt");
  CommandResult again = Hoso({"--json", "upload", "--school", "BENCH", root});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(ParseJson<v1::TreeUploadSummary>(again.out).items_created(), 2u);
  by_code.clear();
  const auto finished = Listed("BENCH");
  for (const v1::Evidence& e : finished.evidence()) by_code[e.code()] = e;
  EXPECT_EQ(by_code["[H1-1.1-05]"].title(), "Kế hoạch năm học");
  EXPECT_EQ(by_code["[H1-1.1-08]"].title(), "Báo cáo tổng kết");
}

// The batch RPC keeps to one school and to the protocol's limits, and
// answers each item on its own.
TEST_F(ArchiveImportTest, ABatchIsOneSchoolsWithinLimitsAndAnswersEachItem) {
  hoso::testing::RpcClient rpc(address_, token_);
  v1::CreateEvidenceBatchRequest request;
  request.set_school("BENCH");
  request.set_validate_only(true);
  auto add = [&](const std::string& school, const std::string& code) {
    v1::CreateEvidenceRequest* item = request.add_items();
    item->mutable_evidence()->set_school(school);
    item->mutable_evidence()->set_title("Kế hoạch");
    item->mutable_evidence()->set_code(code);
    v1::NewFile* file = item->add_files();
    file->set_name("a.pdf");
    file->set_sha256(ToHex(Sha256Of("a")));
  };
  add("", "H1-1.1-01");
  add("", "H1-1.1");
  add("", "[H1-1.1-01]");
  v1::CreateEvidenceBatchResponse response;
  ASSERT_OK(rpc.evidence->CreateEvidenceBatch(rpc.Context().get(), request, &response));
  ASSERT_EQ(response.results_size(), 3);
  EXPECT_EQ(response.results(0).status_code(), 0) << response.results(0).message();
  EXPECT_EQ(response.results(0).evidence().code(), "[H1-1.1-01]");
  EXPECT_EQ(response.results(1).status_code(),
            static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_NE(response.results(1).message().find("không đúng dạng"), std::string::npos);
  EXPECT_EQ(response.results(2).status_code(), static_cast<int>(grpc::StatusCode::ALREADY_EXISTS));

  add("LQD", "H1-1.1-02");  // another school's item in BENCH's batch
  grpc::Status mixed = rpc.evidence->CreateEvidenceBatch(rpc.Context().get(), request, &response);
  EXPECT_EQ(mixed.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << mixed.error_message();

  request.clear_items();
  for (int i = 0; i <= 1000; ++i) add("", "");
  grpc::Status big = rpc.evidence->CreateEvidenceBatch(rpc.Context().get(), request, &response);
  EXPECT_EQ(big.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << big.error_message();
  EXPECT_EQ(Listed("BENCH").evidence_size(), 0);
}

}  // namespace
}  // namespace hoso
