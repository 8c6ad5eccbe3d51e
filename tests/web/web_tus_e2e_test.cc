// tus 1.0 uploads through hoso-web into hosod's resumable uploads: creation,
// HEAD, PATCH, a PATCH cut mid-body resumed from hosod's durable offset,
// content the school already holds linked without sending it.
#include <unistd.h>

#include <fstream>

#include "tests/web/web_fixture.h"

namespace hoso {
namespace {

class WebTusTest : public WebTest {
 protected:
  const std::vector<std::string> kTus = {"Tus-Resumable: 1.0.0"};

  std::vector<std::string> With(std::vector<std::string> more) const {
    more.insert(more.begin(), kTus.begin(), kTus.end());
    return more;
  }
  // POST /files/: the upload's path ("/files/<id>").
  std::string Create(const std::string& data, const std::string& school = "LQD",
                     const std::string& token = "") {
    HttpResult r = Http("POST", "/files/", "",
                        With({"Upload-Length: " + std::to_string(data.size()),
                              "Upload-Metadata: sha256 " + Base64(Sha256Hex(data)) + ",school " +
                                  Base64(school) + ",filename " + Base64("ảnh lớp 1A.jpg")}),
                        token.empty() ? token_ : token);
    EXPECT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.Header("tus-resumable"), "1.0.0");
    const std::string location = r.Header("location");
    EXPECT_EQ(location.rfind("/files/", 0), 0u) << location;
    return location;
  }
  uint64_t Offset(const std::string& path) {
    HttpResult r = Http("HEAD", path, "", kTus, token_);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.Header("cache-control"), "no-store");
    return Number(r.Header("upload-offset"));
  }
  HttpResult Patch(const std::string& path, uint64_t offset, const std::string& body) {
    return Http("PATCH", path, body,
                With({"Upload-Offset: " + std::to_string(offset),
                      "Content-Type: application/offset+octet-stream"}),
                token_);
  }
  // Whether the school holds the content now (hosod's own answer).
  bool SchoolHolds(const std::string& data) {
    HttpResult r = Api("hoso.v1.ContentService/StatContent",
                       R"({"sha256": [")" + Sha256Hex(data) + R"("], "school": "LQD"})", token_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.body.find("\"present\":true") != std::string::npos;
  }
  // Sends a PATCH's headers and the first `sent` bytes of `body`, then drops the connection.
  void CutPatch(const std::string& path, const std::string& body, size_t sent) {
    const int fd = ConnectToWeb();
    SendAll(fd, RawPatchHead(path, 0, body.size()) + body.substr(0, sent));
    ::close(fd);
  }
};

TEST_F(WebTusTest, OptionsAdvertiseTheProtocol) {
  HttpResult r = Http("OPTIONS", "/files/");
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.Header("tus-version"), "1.0.0");
  EXPECT_EQ(r.Header("tus-extension"), "creation,creation-with-upload");
  EXPECT_GT(Number(r.Header("tus-max-size")), 1ull << 30);
}

TEST_F(WebTusTest, CreateHeadPatchStoresTheContent) {
  const std::string data = RandomBytes(3 << 20, 7);
  const std::string path = Create(data);
  EXPECT_EQ(Offset(path), 0u);
  HttpResult head = Http("HEAD", path, "", kTus, token_);
  EXPECT_EQ(Number(head.Header("upload-length")), data.size());
  EXPECT_FALSE(SchoolHolds(data));
  HttpResult patched = Patch(path, 0, data);
  EXPECT_EQ(patched.status, 204) << patched.body << ReadFile(dir_.Sub("web.err"));
  EXPECT_EQ(Number(patched.Header("upload-offset")), data.size());
  EXPECT_EQ(Number(patched.Header("hoso-bytes-received")), data.size());
  EXPECT_EQ(Offset(path), data.size());
  EXPECT_TRUE(SchoolHolds(data));
  // The same file again is linked, not sent.
  EXPECT_EQ(Offset(Create(data)), data.size());
}

TEST_F(WebTusTest, PiecesContinueFromTheOffsetHosodKept) {
  const std::string data = RandomBytes(5 << 19, 8);
  const std::string path = Create(data);
  HttpResult first = Patch(path, 0, data.substr(0, 3 << 19));
  EXPECT_EQ(first.status, 204) << first.body;
  const uint64_t kept = Number(first.Header("upload-offset"));
  EXPECT_GT(kept, 0u);
  EXPECT_LE(kept, 3u << 19);
  EXPECT_EQ(Offset(path), kept);
  HttpResult rest = Patch(path, kept, data.substr(kept));
  EXPECT_EQ(rest.status, 204) << rest.body;
  EXPECT_EQ(Number(rest.Header("upload-offset")), data.size());
  EXPECT_EQ(Number(rest.Header("hoso-bytes-received")), data.size() - kept);
  EXPECT_TRUE(SchoolHolds(data));
}

// A large file is sent while the page hashes it: created with an upload id,
// sent in pieces, its last PATCH declaring the SHA-256 that hosod checks.
TEST_F(WebTusTest, AnUploadHashedWhileSentEndsWithItsHash) {
  const std::string data = RandomBytes(5 << 20, 12);
  HttpResult created =
      Http("POST", "/files/", "",
           With({"Upload-Length: " + std::to_string(data.size()),
                 "Upload-Metadata: uploadId " + Base64("trang-tai-len-0123456789") + ",school " +
                     Base64("LQD") + ",filename " + Base64("Video lễ khai giảng.mp4")}),
           token_);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = created.Header("location");
  EXPECT_EQ(path.rfind("/files/u.", 0), 0u) << path;
  EXPECT_EQ(Offset(path), 0u);
  const size_t part = 3 << 20;
  HttpResult first = Patch(path, 0, data.substr(0, part));
  ASSERT_EQ(first.status, 204) << first.body << ReadFile(dir_.Sub("web.err"));
  const uint64_t kept = Number(first.Header("upload-offset"));
  EXPECT_EQ(kept, part);
  EXPECT_EQ(Offset(path), kept) << "the durable part of an upload hashed while sent";
  EXPECT_FALSE(SchoolHolds(data));

  // A wrong hash on the last PATCH: refused, nothing kept as that content.
  HttpResult lying = Http("PATCH", path, data.substr(kept),
                          With({"Upload-Offset: " + std::to_string(kept),
                                "Content-Type: application/offset+octet-stream",
                                "Hoso-Sha256: " + Sha256Hex("something else")}),
                          token_);
  EXPECT_EQ(lying.status, 400) << lying.body;
  EXPECT_NE(lying.body.find("HASH_MISMATCH"), std::string::npos) << lying.body;
  EXPECT_FALSE(SchoolHolds(data));

  // Sent again from hosod's offset with the right hash: committed.
  const std::string again = created.Header("location");
  const uint64_t from = Offset(again);
  EXPECT_LE(from, data.size());
  HttpResult last = Http(
      "PATCH", again, data.substr(from),
      With({"Upload-Offset: " + std::to_string(from),
            "Content-Type: application/offset+octet-stream", "Hoso-Sha256: " + Sha256Hex(data)}),
      token_);
  EXPECT_EQ(last.status, 204) << last.body << ReadFile(dir_.Sub("web.err"));
  EXPECT_EQ(Number(last.Header("upload-offset")), data.size());
  EXPECT_EQ(last.Header("hoso-sha256"), Sha256Hex(data));
  EXPECT_TRUE(SchoolHolds(data));
}

// A file of a size the school holds nowhere, which the page sends without
// hashing it: its end says `Hoso-Sha256: server` and hosod's hash of what
// arrived names it. An end that says nothing is refused and keeps the
// durable part; an empty PATCH at the end then commits it.
TEST_F(WebTusTest, AnUploadThePageDidNotHashIsNamedByHosodsHash) {
  const std::string data = RandomBytes(5 << 20, 14);
  HttpResult created =
      Http("POST", "/files/", "",
           With({"Upload-Length: " + std::to_string(data.size()),
                 "Upload-Metadata: uploadId " + Base64("trang-khong-bam-0123456789") + ",school " +
                     Base64("LQD") + ",filename " + Base64("Ảnh hoạt động.jpg")}),
           token_);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = created.Header("location");
  HttpResult first = Patch(path, 0, data.substr(0, 2 << 20));
  ASSERT_EQ(first.status, 204) << first.body;
  const uint64_t kept = Number(first.Header("upload-offset"));
  ASSERT_EQ(kept, 2u << 20);

  HttpResult silent = Patch(path, kept, data.substr(kept));
  EXPECT_EQ(silent.status, 400) << "an upload id's end must say how it ends: " << silent.body;
  EXPECT_FALSE(SchoolHolds(data));
  EXPECT_EQ(Offset(path), data.size()) << "every byte is durable, none committed";

  HttpResult end =
      Http("PATCH", path, "",
           With({"Upload-Offset: " + std::to_string(data.size()),
                 "Content-Type: application/offset+octet-stream", "Hoso-Sha256: server"}),
           token_);
  EXPECT_EQ(end.status, 204) << end.body << ReadFile(dir_.Sub("web.err"));
  EXPECT_EQ(Number(end.Header("upload-offset")), data.size());
  EXPECT_EQ(end.Header("hoso-sha256"), Sha256Hex(data));
  EXPECT_TRUE(SchoolHolds(data));
}

TEST_F(WebTusTest, AHashOnlyForUploadsHashedWhileSentAndAnUploadIdHosodTakes) {
  const std::string data = RandomBytes(1 << 20, 13);
  HttpResult hashed = Patch(Create(data), 0, data);
  ASSERT_EQ(hashed.status, 204);
  HttpResult declared =
      Http("PATCH", Create(data + "x"), data + "x",
           With({"Upload-Offset: 0", "Content-Type: application/offset+octet-stream",
                 "Hoso-Sha256: " + Sha256Hex(data + "x")}),
           token_);
  EXPECT_EQ(declared.status, 400) << declared.body;
  HttpResult unhashed =
      Http("PATCH", Create(data + "y"), data + "y",
           With({"Upload-Offset: 0", "Content-Type: application/offset+octet-stream",
                 "Hoso-Sha256: server"}),
           token_);
  EXPECT_EQ(unhashed.status, 400) << "a file named by its hash is checked: " << unhashed.body;
  for (const std::string& bad : {std::string("short"), std::string("CHỮ-HOA-0123456789")}) {
    HttpResult r = Http("POST", "/files/", "",
                        With({"Upload-Length: 10", "Upload-Metadata: uploadId " + Base64(bad) +
                                                       ",school " + Base64("LQD")}),
                        token_);
    EXPECT_EQ(r.status, 400) << bad << ": " << r.body;
  }
}

TEST_F(WebTusTest, AWrongOffsetConflicts) {
  const std::string data = RandomBytes(1 << 20, 9);
  const std::string path = Create(data);
  HttpResult r = Patch(path, 4096, data.substr(4096));
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("UPLOAD_OFFSET_MISMATCH"), std::string::npos) << r.body;
  EXPECT_EQ(r.Header("upload-offset"), "0");
  EXPECT_FALSE(SchoolHolds(data));
}

TEST_F(WebTusTest, ACutPatchResumesWhereHosodsDurableCopyEnds) {
  const std::string data = RandomBytes(6 << 20, 10);
  const std::string path = Create(data);
  const size_t half = data.size() / 2;
  CutPatch(path, data, half);
  // hoso-web ends its gRPC stream once it sees the cut; hosod keeps what came.
  uint64_t offset = 0;
  for (int i = 0; i < 400 && offset != half; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    offset = Offset(path);
  }
  ASSERT_EQ(offset, half) << ReadFile(dir_.Sub("web.err"));
  HttpResult rest = Patch(path, offset, data.substr(offset));
  for (int i = 0; i < 20 && rest.status == 409; ++i)
    rest = Patch(path, offset, data.substr(offset));
  EXPECT_EQ(rest.status, 204) << rest.body;
  EXPECT_EQ(Number(rest.Header("hoso-bytes-received")), data.size() - half)
      << "the durable part was sent again";
  EXPECT_EQ(Number(rest.Header("upload-offset")), data.size());
  EXPECT_TRUE(SchoolHolds(data));
}

TEST_F(WebTusTest, CreationWithUploadAndContentAlreadyHeld) {
  const std::string data = RandomBytes(300000, 11);
  const std::string metadata =
      "Upload-Metadata: sha256 " + Base64(Sha256Hex(data)) + ",school " + Base64("LQD");
  const std::vector<std::string> headers =
      With({"Upload-Length: " + std::to_string(data.size()), metadata,
            "Content-Type: application/offset+octet-stream"});
  HttpResult created = Http("POST", "/files/", data, headers, token_);
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Number(created.Header("upload-offset")), data.size());
  EXPECT_EQ(Number(created.Header("hoso-bytes-received")), data.size());
  EXPECT_TRUE(SchoolHolds(data));
  // Held: the body goes nowhere, the offset is the size.
  HttpResult again = Http("POST", "/files/", data, headers, token_);
  EXPECT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(Number(again.Header("upload-offset")), data.size());
  EXPECT_EQ(Number(again.Header("hoso-bytes-received")), 0u);
  HttpResult patch = Patch(created.Header("location"), data.size(), "");
  EXPECT_EQ(patch.status, 204) << patch.body;
  // A file uploaded with the CLI is held too.
  const std::string other = RandomBytes(200000, 12);
  WriteFile(dir_.Sub("bien-ban.pdf"), other);
  Upload(dir_.Sub("bien-ban.pdf"), "Biên bản");
  EXPECT_EQ(Offset(Create(other)), other.size());
}

TEST_F(WebTusTest, RefusedWithoutTheProtocolASessionOrAValidId) {
  const std::string data = RandomBytes(1000, 13);
  const std::string metadata =
      "Upload-Metadata: sha256 " + Base64(Sha256Hex(data)) + ",school " + Base64("LQD");
  const std::string length = "Upload-Length: 1000";
  EXPECT_EQ(Http("POST", "/files/", "", {length, metadata}, token_).status, 412);
  EXPECT_EQ(Http("POST", "/files/", "", With({length, metadata})).status, 401);
  EXPECT_EQ(Http("POST", "/files/", "", With({length}), token_).status, 400);
  EXPECT_EQ(Http("POST", "/files/", "", With({metadata}), token_).status, 400);
  EXPECT_EQ(
      Http("POST", "/files/", "",
           With({length, "Upload-Metadata: sha256 " + Base64("abc") + ",school " + Base64("LQD")}),
           token_)
          .status,
      400);
  EXPECT_EQ(Http("HEAD", "/files/not-an-id", "", kTus, token_).status, 404);
  EXPECT_EQ(Http("HEAD", "/files/" + std::string(60, 'A'), "", kTus, token_).status, 404);
  const std::string path = Create(data);
  EXPECT_EQ(Http("PATCH", path, data, With({"Upload-Offset: 0"}), token_).status, 415);
  EXPECT_EQ(
      Http("PATCH", path, data + "x",
           With({"Upload-Offset: 0", "Content-Type: application/offset+octet-stream"}), token_)
          .status,
      400);
  // Cross-site PATCH refused before anything reaches hosod.
  EXPECT_EQ(Http("PATCH", path, data,
                 With({"Upload-Offset: 0", "Content-Type: application/offset+octet-stream",
                       "Sec-Fetch-Site: cross-site"}),
                 token_)
                .status,
            403);
  EXPECT_EQ(Offset(path), 0u);
}

TEST_F(WebTusTest, OnlyForASchoolTheCallerWorksIn) {
  ASSERT_EQ(Hoso({"school", "add", "NTMK", "--name", "Trường Nguyễn Thị Minh Khai", "--framework",
                  "tt17-2018"})
                .exit_code,
            0);
  ASSERT_EQ(Hoso({"user", "add", "lan", "--school", "NTMK", "--role", "teacher"}).exit_code, 0);
  CommandResult issued = Hoso({"token", "issue", "lan"});
  std::string lan = issued.out.substr(0, issued.out.find('\n'));
  const std::string data = RandomBytes(1000, 14);
  HttpResult r =
      Http("POST", "/files/", "",
           With({"Upload-Length: 1000", "Upload-Metadata: sha256 " + Base64(Sha256Hex(data)) +
                                            ",school " + Base64("LQD")}),
           lan);
  EXPECT_EQ(r.status, 403) << r.body;
}

// A large PATCH goes through in pieces: hoso-web never holds it whole.
TEST_F(WebTusTest, ALargeUploadKeepsTheFrontSmall) {
  const std::string data = RandomBytes(192 << 20, 15);
  const std::string path = Create(data);
  HttpResult r = Patch(path, 0, data);
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(Number(r.Header("upload-offset")), data.size());
  std::ifstream status("/proc/" + std::to_string(web_pid_) + "/status");
  std::string line;
  uint64_t peak_kib = 0;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) peak_kib = std::stoull(line.substr(6));
  }
  EXPECT_GT(peak_kib, 0u);
  EXPECT_LT(peak_kib, 64u << 10) << "hoso-web's peak RSS in KiB for a 192 MiB upload";
}

}  // namespace
}  // namespace hoso
