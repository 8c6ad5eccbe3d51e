// Crash safety on the object store (label ceph): (a) hosod killed with
// SIGKILL during many uploads into radosgw, (b) radosgw cut off (a TcpProxy
// between hosod and the shared test cluster, cut as a dead radosgw would
// be: open connections broken, new ones refused) during uploads. Every
// acknowledged upload must then be there and byte-identical, no item may be
// half-visible, uploads caught by the cut fail with UNAVAILABLE and resume
// after radosgw is back. HOSO_S3_CRASH_KILLS / HOSO_S3_CRASH_CUTS set the
// rounds (default 4 and 2).
#include <atomic>
#include <map>
#include <mutex>
#include <regex>

#include "storage/base/sha256.h"
#include "tests/e2e/s3_support.h"
#include "tests/support/rpc_client.h"
#include "tests/support/status_matchers.h"

namespace hoso {
namespace {

struct Acked {
  uint64_t id;
  std::string sha256;
};

int Rounds(const char* variable, int fallback) {
  const char* env = std::getenv(variable);
  return env ? std::atoi(env) : fallback;
}

// Streams `data` from `offset` to UploadContent (a resume when offset > 0).
grpc::Status UploadFrom(const hoso::testing::RpcClient& rpc, const std::string& data,
                        uint64_t offset) {
  auto context = rpc.Context();
  v1::UploadContentResponse response;
  auto writer = rpc.content->UploadContent(context.get(), &response);
  v1::UploadChunk message;
  message.mutable_header()->set_sha256(ToHex(Sha256Of(data)));
  message.mutable_header()->set_size(data.size());
  message.mutable_header()->set_offset(offset);
  message.mutable_header()->set_school("LQD");
  writer->Write(message);
  message.clear_header();
  for (size_t at = offset; at < data.size(); at += 1 << 20) {
    message.set_data(data.substr(at, 1 << 20));
    if (!writer->Write(message)) break;
  }
  writer->WritesDone();
  return writer->Finish();
}

grpc::Status CreateItem(const hoso::testing::RpcClient& rpc, const std::string& data, int n,
                        Acked* acked) {
  v1::CreateEvidenceRequest request;
  request.mutable_evidence()->set_school("LQD");
  request.mutable_evidence()->set_title("Biên bản " + std::to_string(n));
  request.mutable_evidence()->add_criteria("1.1");
  request.add_files()->set_name("bien-ban-" + std::to_string(n) + ".pdf");
  request.mutable_files(0)->set_sha256(ToHex(Sha256Of(data)));
  v1::Evidence evidence;
  grpc::Status s = rpc.evidence->CreateEvidence(rpc.Context().get(), request, &evidence);
  if (s.ok()) *acked = {evidence.id(), ToHex(Sha256Of(data))};
  return s;
}

std::string Download(const std::string& address, const std::string& token, uint64_t id,
                     grpc::Status* status) {
  hoso::testing::RpcClient rpc(address, token);
  v1::DownloadFileRequest request;
  request.set_school("LQD");
  request.set_id(id);
  auto context = rpc.Context();
  auto reader = rpc.evidence->DownloadFile(context.get(), request);
  v1::DownloadChunk chunk;
  std::string out;
  while (reader->Read(&chunk)) out += chunk.data();
  *status = reader->Finish();
  return out;
}

class S3CrashTest : public S3HosodTest {
 protected:
  // Every acknowledged item is there and byte-identical; every item listed
  // (acknowledged or not: an answer a kill took away) downloads whole, and
  // fsck finds nothing wrong. Returns the number of items listed.
  size_t VerifyAll(const std::vector<Acked>& acked) {
    for (const Acked& a : acked) {
      grpc::Status status;
      const std::string bytes = Download(address_, token_, a.id, &status);
      EXPECT_TRUE(status.ok()) << "acknowledged item " << a.id
                               << " is gone: " << status.error_message();
      EXPECT_EQ(ToHex(Sha256Of(bytes)), a.sha256) << "acknowledged item " << a.id << " changed";
    }
    CommandResult ls = Hoso({"--json", "ls", "--school", "LQD"});
    EXPECT_EQ(ls.exit_code, 0) << ls.err;
    size_t listed = 0;
    const std::regex id_field("\"id\":\"([0-9]+)\"");
    for (auto it = std::sregex_iterator(ls.out.begin(), ls.out.end(), id_field);
         it != std::sregex_iterator(); ++it) {
      ++listed;
      grpc::Status status;
      Download(address_, token_, std::stoull((*it)[1].str()), &status);
      EXPECT_TRUE(status.ok()) << "item " << (*it)[1].str()
                               << " is listed but its bytes are not whole: "
                               << status.error_message();
    }
    CommandResult fsck = Hoso({"admin", "fsck"});
    EXPECT_EQ(fsck.exit_code, 0) << fsck.out << fsck.err;
    return listed;
  }
};

TEST_F(S3CrashTest, AcknowledgedUploadsSurviveSigkillOfHosod) {
  const int kills = Rounds("HOSO_S3_CRASH_KILLS", 4);
  std::mutex mu;
  std::vector<Acked> acked;
  std::atomic<int> counter{0}, attempts{0}, cut_short{0};
  std::mt19937 rng(17);
  for (int round = 0; round < kills; ++round) {
    std::atomic<bool> stop{false};
    const std::string address = address_;
    std::vector<std::thread> clients;
    for (int t = 0; t < 3; ++t) {
      clients.emplace_back([&, t] {
        std::mt19937 local(static_cast<uint32_t>(round * 10 + t));
        while (!stop) {
          const int n = counter++;
          const std::string data =
              RandomBytes(1000 + local() % (3 << 20), static_cast<uint32_t>(n) + 5000);
          ++attempts;
          hoso::testing::RpcClient rpc(address, token_);
          Acked a;
          if (!UploadFrom(rpc, data, 0).ok() || !CreateItem(rpc, data, n, &a).ok()) {
            ++cut_short;
            continue;
          }
          std::lock_guard<std::mutex> lock(mu);
          acked.push_back(a);
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500 + rng() % 1500));
    ::kill(server_pid_, SIGKILL);
    hoso::testing::WaitFor(server_pid_);
    server_pid_ = -1;
    stop = true;
    for (auto& c : clients) c.join();
    StartServer();
  }
  ASSERT_FALSE(acked.empty());
  const size_t listed = VerifyAll(acked);
  std::printf(
      "s3 crash test (hosod killed): %d kills, %d uploads tried, %zu acknowledged, %d cut short, "
      "%zu items listed after, all acknowledged present and intact\n",
      kills, attempts.load(), acked.size(), cut_short.load(), listed);
}

TEST_F(S3CrashTest, UploadsCaughtByADeadStoreFailUnavailableAndResumeWhenItIsBack) {
  const int cuts = Rounds("HOSO_S3_CRASH_CUTS", 2);
  std::mutex mu;
  std::vector<Acked> acked;
  std::vector<std::pair<int, std::string>> failed;  // n, data: to resume
  std::map<std::string, int> failure_codes;
  std::atomic<int> counter{0}, attempts{0};
  for (int round = 0; round < cuts; ++round) {
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int t = 0; t < 3; ++t) {
      clients.emplace_back([&, t] {
        std::mt19937 local(static_cast<uint32_t>(round * 10 + t + 100));
        while (!stop) {
          const int n = counter++;
          const std::string data =
              RandomBytes((2 << 20) + local() % (4 << 20), static_cast<uint32_t>(n) + 9000);
          ++attempts;
          hoso::testing::RpcClient rpc(address_, token_);
          grpc::Status s = UploadFrom(rpc, data, 0);
          Acked a;
          if (s.ok()) s = CreateItem(rpc, data, n, &a);
          std::lock_guard<std::mutex> lock(mu);
          if (s.ok()) {
            acked.push_back(a);
          } else {
            failed.emplace_back(n, data);
            ++failure_codes[std::to_string(s.error_code()) + " " + s.error_message().substr(0, 60)];
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    proxy_->Cut();
    std::this_thread::sleep_for(std::chrono::seconds(3));
    stop = true;
    for (auto& c : clients) c.join();
    proxy_->Restore();
  }
  for (const auto& [code, count] : failure_codes) {
    EXPECT_EQ(code.rfind(std::to_string(grpc::StatusCode::UNAVAILABLE) + " ", 0), 0u)
        << count << " upload(s) failed otherwise than UNAVAILABLE: " << code;
  }
  ASSERT_FALSE(failed.empty()) << "no upload was in flight when radosgw was cut";
  // Resume each from where the server says its confirmed bytes end.
  int resumed_midway = 0;
  hoso::testing::RpcClient rpc(address_, token_);
  for (const auto& [n, data] : failed) {
    const v1::ContentState state = rpc.Stat(ToHex(Sha256Of(data)));
    ASSERT_LE(state.resume_offset(), data.size());
    if (state.resume_offset() > 0) ++resumed_midway;
    grpc::Status s =
        state.present() ? grpc::Status::OK : UploadFrom(rpc, data, state.resume_offset());
    ASSERT_TRUE(s.ok()) << "resume of upload " << n << " at " << state.resume_offset()
                        << " failed: " << s.error_message();
    Acked a;
    ASSERT_TRUE(CreateItem(rpc, data, n, &a).ok());
    acked.push_back(a);
  }
  StopServer();
  StartServer();
  const size_t listed = VerifyAll(acked);
  std::printf(
      "s3 crash test (radosgw cut off): %d cuts, %d uploads tried, %zu acknowledged, %zu caught "
      "by a cut (all UNAVAILABLE) and finished after (%d resumed mid-way), %zu items listed, all "
      "intact\n",
      cuts, attempts.load(), acked.size() - failed.size(), failed.size(), resumed_midway, listed);
}

}  // namespace
}  // namespace hoso
