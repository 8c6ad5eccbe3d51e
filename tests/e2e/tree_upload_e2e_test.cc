// hoso upload FOLDER: one item per file, small files in committed batches,
// reruns that resend nothing, against the real hosod and hoso binaries.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>

#include "storage/base/sha256.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/rpc_client.h"
#include "tests/support/status_matchers.h"

namespace hoso {
namespace {

using TreeUploadTest = HosodTest;

// A number field of hoso's --json summary.
long JsonNumber(const std::string& json, const std::string& field) {
  std::smatch m;
  if (!std::regex_search(json, m, std::regex("\"" + field + "\":([0-9]+)"))) return -1;
  return std::stol(m[1].str());
}

class TreeUploadFixture : public HosodTest {
 protected:
  // Tiêu chuẩn 1/Tiêu chí 1.1: 300 small minutes (two batches) and a photo;
  // Tiêu chuẩn 1/Tiêu chí 1.2/Năm học 2023-2024: a name in NFC and in NFD
  // (the same name to a person) and a report; Tiêu chuẩn 2/TC 2.1: one file;
  // and litter a phone or Windows leaves.
  void MakeTree() {
    root_ = dir_.Sub("Minh chứng");
    const std::string c11 = root_ + "/Tiêu chuẩn 1/Tiêu chí 1.1";
    const std::string c12 = root_ + "/Tiêu chuẩn 1/Tiêu chí 1.2/Năm học 2023-2024";
    const std::string c21 = root_ + "/Tiêu chuẩn 2/TC 2.1";
    for (const auto& d : {c11, c12, c21}) std::filesystem::create_directories(d);
    for (int i = 0; i < 300; ++i) {
      WriteFile(c11 + "/Biên bản họp tổ " + std::to_string(i) + ".txt",
                RandomBytes(2000 + 37 * i, 100 + i));
    }
    WriteFile(c11 + "/Ảnh lễ khai giảng.jpg", RandomBytes(3 << 20, 7));
    WriteFile(c12 + "/" + kNameNfc, RandomBytes(5000, 8));
    WriteFile(c12 + "/" + kNameNfd, RandomBytes(6000, 9));
    WriteFile(c12 + "/Báo cáo tự đánh giá.pdf", RandomBytes(1 << 20, 10));
    WriteFile(c21 + "/Quyết định thành lập.pdf", RandomBytes(40000, 11));
    WriteFile(root_ + "/.DS_Store", "x");
    WriteFile(c11 + "/Thumbs.db", "x");
  }
  std::string root_;
};

TEST_F(TreeUploadFixture, EachFileBecomesAnItemAndARerunSendsNothing) {
  MakeTree();
  CommandResult first = Hoso({"--json", "upload", "--school", "LQD", root_});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  // One item per document (the NFC and NFD twins are two documents).
  EXPECT_EQ(JsonNumber(first.out, "items_created"), 305) << first.out;
  EXPECT_EQ(JsonNumber(first.out, "files"), 305) << first.out;
  EXPECT_EQ(JsonNumber(first.out, "skipped"), 2) << first.out;
  EXPECT_EQ(JsonNumber(first.out, "hashed"), 305) << first.out;

  CommandResult listed = Hoso({"ls", "--school", "LQD", "--criterion", "1.2"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("Báo cáo tự đánh giá"), std::string::npos) << listed.out;
  EXPECT_EQ(listed.out.find("Tiêu chuẩn 1 / Tiêu chí 1.2"), std::string::npos) << listed.out;
  CommandResult c21 = Hoso({"ls", "--school", "LQD", "--criterion", "2.1"});
  EXPECT_NE(c21.out.find("Quyết định thành lập"), std::string::npos) << c21.out;

  // Every byte came through: download items and compare.
  const std::string c11 = root_ + "/Tiêu chuẩn 1/Tiêu chí 1.1";
  CommandResult got = Hoso({"get", "H1-1.1-01", "--school", "LQD", "-o", dir_.Sub("out")});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(ReadFile(dir_.Sub("out/Biên bản họp tổ 0.txt")),
            ReadFile(c11 + "/Biên bản họp tổ 0.txt"));
  CommandResult photo = Hoso({"get", "H1-1.1-301", "--school", "LQD", "-o", dir_.Sub("out")});
  ASSERT_EQ(photo.exit_code, 0) << photo.err;
  EXPECT_EQ(ReadFile(dir_.Sub("out/Ảnh lễ khai giảng.jpg")),
            ReadFile(c11 + "/Ảnh lễ khai giảng.jpg"));
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("out/Thumbs.db")));

  // Again: nothing hashed (the cache), nothing sent, nothing created.
  CommandResult again = Hoso({"--json", "upload", "--school", "LQD", root_});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(JsonNumber(again.out, "items_created"), 0) << again.out;
  EXPECT_EQ(JsonNumber(again.out, "items_unchanged"), 305) << again.out;
  EXPECT_EQ(JsonNumber(again.out, "bytes_sent"), 0) << again.out;
  EXPECT_EQ(JsonNumber(again.out, "hashed"), 0) << again.out;

  // One file changed: only it is hashed and sent, and it is a new item.
  const std::string changed = root_ + "/Tiêu chuẩn 2/TC 2.1/Quyết định thành lập.pdf";
  WriteFile(changed, RandomBytes(41000, 12));
  CommandResult third = Hoso({"--json", "upload", "--school", "LQD", root_});
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_EQ(JsonNumber(third.out, "items_created"), 1) << third.out;
  EXPECT_EQ(JsonNumber(third.out, "hashed"), 1) << third.out;
  EXPECT_EQ(JsonNumber(third.out, "bytes_sent"), 41000) << third.out;

  // --rehash reads every file again, and still sends nothing.
  CommandResult rehash = Hoso({"--json", "upload", "--school", "LQD", "--rehash", root_});
  ASSERT_EQ(rehash.exit_code, 0) << rehash.err;
  EXPECT_EQ(JsonNumber(rehash.out, "hashed"), 305) << rehash.out;
  EXPECT_EQ(JsonNumber(rehash.out, "bytes_sent"), 0) << rehash.out;
}

TEST_F(TreeUploadFixture, FolderWithoutCriterionIsRefusedBeforeAnythingIsSent) {
  MakeTree();
  std::filesystem::create_directories(root_ + "/Ảnh hoạt động");
  WriteFile(root_ + "/Ảnh hoạt động/trung thu.jpg", RandomBytes(10000, 13));
  CommandResult r = Hoso({"upload", "--school", "LQD", root_});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("Ảnh hoạt động: no criterion in its path"), std::string::npos) << r.err;
  hoso::testing::RpcClient rpc(address_, token_);
  EXPECT_FALSE(
      rpc.Stat(ToHex(Sha256Of(ReadFile(root_ + "/Ảnh hoạt động/trung thu.jpg")))).present());
  CommandResult listed = Hoso({"--json", "ls", "--school", "LQD"});
  EXPECT_EQ(listed.out.find("\"id\""), std::string::npos) << listed.out;

  // --criterion puts every folder under the criterion given.
  CommandResult given =
      Hoso({"--json", "upload", "--school", "LQD", "--criterion", "3.1", root_ + "/Ảnh hoạt động"});
  ASSERT_EQ(given.exit_code, 0) << given.err;
  CommandResult c31 = Hoso({"ls", "--school", "LQD", "--criterion", "3.1"});
  EXPECT_NE(c31.out.find("trung thu"), std::string::npos) << c31.out;
  // Files and folders are not mixed in one command.
  CommandResult mixed = Hoso({"upload", "--school", "LQD", "--criterion", "1.1", "--title", "x",
                              root_ + "/Ảnh hoạt động/trung thu.jpg", root_});
  EXPECT_EQ(mixed.exit_code, 2) << mixed.err;
}

// A batch is all or nothing: one file with a wrong hash, and none of the
// batch is stored.
TEST_F(TreeUploadTest, BatchWithOneBadFileAcknowledgesNone) {
  hoso::testing::RpcClient rpc(address_, token_);
  const std::string good = RandomBytes(3000, 20), bad = RandomBytes(4000, 21);
  auto context = rpc.Context();
  v1::UploadBatchResponse response;
  auto writer = rpc.content->UploadBatch(context.get(), &response);
  v1::UploadChunk header, data;
  header.mutable_header()->set_sha256(ToHex(Sha256Of(good)));
  header.mutable_header()->set_size(good.size());
  data.set_data(good);
  writer->Write(header);
  writer->Write(data);
  header.mutable_header()->set_sha256(ToHex(Sha256Of("something else")));
  header.mutable_header()->set_size(bad.size());
  data.set_data(bad);
  writer->Write(header);
  writer->Write(data);
  writer->WritesDone();
  grpc::Status s = writer->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_FALSE(rpc.Stat(ToHex(Sha256Of(good))).present());
  EXPECT_FALSE(rpc.Stat(ToHex(Sha256Of(bad))).present());

  // The same batch with the right hash is stored whole.
  auto context2 = rpc.Context();
  auto writer2 = rpc.content->UploadBatch(context2.get(), &response);
  for (const std::string* bytes : {&good, &bad}) {
    header.mutable_header()->set_sha256(ToHex(Sha256Of(*bytes)));
    header.mutable_header()->set_size(bytes->size());
    data.set_data(*bytes);
    writer2->Write(header);
    writer2->Write(data);
  }
  writer2->WritesDone();
  s = writer2->Finish();
  ASSERT_OK(s);
  ASSERT_EQ(response.files_size(), 2);
  EXPECT_TRUE(rpc.Stat(ToHex(Sha256Of(good))).present());
  EXPECT_TRUE(rpc.Stat(ToHex(Sha256Of(bad))).present());

  // A file over 1 MiB belongs in UploadContent.
  auto context3 = rpc.Context();
  auto writer3 = rpc.content->UploadBatch(context3.get(), &response);
  header.mutable_header()->set_sha256(ToHex(Sha256Of("x")));
  header.mutable_header()->set_size(2 << 20);
  writer3->Write(header);
  writer3->WritesDone();
  s = writer3->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("with UploadContent"), std::string::npos) << s.error_message();
}

}  // namespace
}  // namespace hoso
