// Downloads through hoso-web: evidence always as an attachment, previews
// only of images and PDFs (sniffed) in a sandbox, dossiers and the catalogue
// streamed as attachments.
#include <regex>

#include "tests/web/web_fixture.h"

namespace hoso {
namespace {

constexpr char kPng[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

class WebDownloadTest : public WebTest {
 protected:
  // Uploads `data` as `name` with the CLI: the item's id and the file's sha256.
  std::pair<std::string, std::string> Item(const std::string& name, const std::string& data) {
    const std::string path = dir_.Sub(name);
    WriteFile(path, data);
    const std::string id = Upload(path, "Minh chứng " + name);
    HttpResult item = Api("hoso.v1.EvidenceService/GetEvidence",
                          R"({"school": "LQD", "id": ")" + id + R"("})", token_);
    std::smatch m;
    EXPECT_TRUE(std::regex_search(item.body, m, std::regex("\"sha256\":\"([0-9a-f]{64})\"")))
        << item.body;
    return {id, m.size() > 1 ? m[1].str() : ""};
  }
};

TEST_F(WebDownloadTest, EvidenceAlwaysAnAttachmentWithItsVietnameseName) {
  const std::string data = RandomBytes(3 << 20, 21);
  auto [id, sha] = Item(kNameNfc, data);
  HttpResult r = Http("GET", "/download/LQD/" + id + "/" + sha, "", {}, token_);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.body == data) << "the bytes differ (" << r.body.size() << " bytes)";
  EXPECT_EQ(r.Header("content-type"), "application/octet-stream");
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  EXPECT_EQ(Number(r.Header("content-length")), data.size());
  const std::string disposition = r.Header("content-disposition");
  EXPECT_EQ(disposition.rfind("attachment; ", 0), 0u) << disposition;
  EXPECT_NE(disposition.find("filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp%20"),
            std::string::npos)
      << disposition;
  // Anything that renders (HTML) is an attachment too.
  auto [page, page_sha] = Item("trang.html", "<script>document.title='pwned'</script>");
  HttpResult html = Http("GET", "/download/LQD/" + page + "/" + page_sha, "", {}, token_);
  EXPECT_EQ(html.status, 200);
  EXPECT_EQ(html.Header("content-type"), "application/octet-stream");
  EXPECT_EQ(html.Header("content-disposition").rfind("attachment; ", 0), 0u);
  EXPECT_NE(html.Header("content-security-policy").find("sandbox"), std::string::npos);
}

TEST_F(WebDownloadTest, PreviewOnlyImagesAndPdfsInASandbox) {
  auto [png, png_sha] = Item("anh.png", std::string(kPng, sizeof(kPng) - 1) + RandomBytes(5000, 1));
  HttpResult r = Http("GET", "/preview/LQD/" + png + "/" + png_sha, "", {}, token_);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "image/png");
  EXPECT_EQ(r.Header("content-disposition").rfind("inline; ", 0), 0u);
  EXPECT_EQ(r.Header("content-security-policy"),
            "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.body.size(), sizeof(kPng) - 1 + 5000);
  auto [pdf, pdf_sha] = Item("ke-hoach.pdf", "%PDF-1.4\n%\xe2\xe3\n1 0 obj\n");
  HttpResult p = Http("GET", "/preview/LQD/" + pdf + "/" + pdf_sha, "", {}, token_);
  EXPECT_EQ(p.status, 200);
  EXPECT_EQ(p.Header("content-type"), "application/pdf");
  // HTML and SVG never show, whatever their name says.
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"trang.html", "<html><script>alert(1)</script></html>"},
           {"hinh.svg", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"},
           {"gia-anh.png", "<html><script>alert(1)</script></html><!-- png -->"},
           {"rong.jpg", ""}}) {
    auto [item, sha] = Item(name, bytes);
    HttpResult refused = Http("GET", "/preview/LQD/" + item + "/" + sha, "", {}, token_);
    EXPECT_EQ(refused.status, 415) << name;
    EXPECT_EQ(refused.body.find("<script>"), std::string::npos) << name;
    EXPECT_EQ(refused.Header("content-type"), "application/json") << name;
  }
}

TEST_F(WebDownloadTest, OnlyForASignedInCallerOfTheSchool) {
  auto [id, sha] = Item("bien-ban.pdf", "%PDF-1.4 biên bản");
  EXPECT_EQ(Http("GET", "/download/LQD/" + id + "/" + sha).status, 401);
  ASSERT_EQ(Hoso({"school", "add", "NTMK", "--name", "Trường Nguyễn Thị Minh Khai", "--framework",
                  "tt17-2018"})
                .exit_code,
            0);
  ASSERT_EQ(Hoso({"user", "add", "lan", "--school", "NTMK", "--role", "teacher"}).exit_code, 0);
  CommandResult issued = Hoso({"token", "issue", "lan"});
  const std::string lan = issued.out.substr(0, issued.out.find('\n'));
  HttpResult other = Http("GET", "/download/LQD/" + id + "/" + sha, "", {}, lan);
  EXPECT_TRUE(other.status == 403 || other.status == 404) << other.status << other.body;
  EXPECT_EQ(other.body.find("biên bản"), std::string::npos);
  // A file the item does not have, a malformed path.
  EXPECT_EQ(Http("GET", "/download/LQD/" + id + "/" + std::string(64, 'a'), "", {}, token_).status,
            404);
  EXPECT_EQ(Http("GET", "/download/LQD/" + id, "", {}, token_).status, 404);
  EXPECT_EQ(Http("GET", "/download/LQD/999/" + sha, "", {}, token_).status, 404);
  EXPECT_EQ(Http("POST", "/download/LQD/" + id + "/" + sha, "", {}, token_).status, 405);
}

TEST_F(WebDownloadTest, DossierAndCatalogueStreamedAsAttachments) {
  Item("ke-hoach.pdf", "%PDF-1.4 kế hoạch");
  ASSERT_EQ(Hoso({"school", "set", "LQD", "--dossier-items", "all"}).exit_code, 0);
  CommandResult built = Hoso({"--json", "dossier", "build", "--school", "LQD"});
  ASSERT_EQ(built.exit_code, 0) << built.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(built.out, m, std::regex("\"id\":\"?([0-9]+)"))) << built.out;
  HttpResult zip = Http("GET", "/dossier/LQD/" + m[1].str() + ".zip", "", {}, token_);
  EXPECT_EQ(zip.status, 200) << zip.body;
  EXPECT_EQ(zip.body.substr(0, 2), "PK");
  EXPECT_EQ(zip.Header("content-type"), "application/octet-stream");
  EXPECT_EQ(zip.Header("content-disposition").rfind("attachment; ", 0), 0u);
  HttpResult missing = Http("GET", "/dossier/LQD/999.zip", "", {}, token_);
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_EQ(missing.Header("content-type"), "application/json");
  HttpResult csv = Http("GET", "/catalogue/LQD.csv", "", {}, token_);
  EXPECT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("H1-1.1-01"), std::string::npos) << csv.body;
  EXPECT_NE(csv.Header("content-disposition").find("danh-muc-minh-chung-LQD.csv"),
            std::string::npos);
  HttpResult xlsx = Http("GET", "/catalogue/LQD.xlsx", "", {}, token_);
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(Http("GET", "/catalogue/LQD.pdf", "", {}, token_).status, 404);
}

TEST_F(WebDownloadTest, SelfAssessmentReportAsAnAttachment) {
  CommandResult created =
      Hoso({"--json", "assess", "new", "--school", "LQD", "--years", "2020-2021..2024-2025"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(created.out, m, std::regex("\"id\":\"?([0-9]+)"))) << created.out;
  HttpResult docx = Http("GET", "/report/LQD/" + m[1].str() + ".docx", "", {}, token_);
  EXPECT_EQ(docx.status, 200) << docx.body;
  EXPECT_EQ(docx.body.substr(0, 2), "PK");
  EXPECT_EQ(docx.Header("content-type"), "application/octet-stream");
  EXPECT_NE(docx.Header("content-disposition").find("attachment; "), std::string::npos);
  EXPECT_NE(docx.Header("content-disposition").find(".docx"), std::string::npos);
  // The HTML form is an attachment too: it never renders on the app's origin.
  HttpResult html = Http("GET", "/report/LQD/" + m[1].str() + ".html", "", {}, token_);
  EXPECT_EQ(html.status, 200) << html.body;
  EXPECT_EQ(html.Header("content-type"), "application/octet-stream");
  EXPECT_EQ(Http("GET", "/report/LQD/999.docx", "", {}, token_).status, 404);
}

}  // namespace
}  // namespace hoso
