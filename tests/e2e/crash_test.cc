// Crash safety: concurrent uploads while hosod is killed with SIGKILL at
// random moments and restarted. Every upload whose acknowledgement arrived
// must then be present and byte-identical, and fsck must find nothing wrong.
// HOSO_CRASH_KILLS sets the number of kills (default 6; the long run uses 200).
#include <atomic>
#include <mutex>

#include "storage/base/sha256.h"
#include "tests/support/hosod_fixture.h"
#include "tests/support/rpc_client.h"
#include "tests/support/status_matchers.h"

namespace hoso {
namespace {

using CrashTest = HosodTest;

struct Acked {
  uint64_t id;
  std::string sha256;
};

// Uploads one item through the raw API; true only when both calls were acknowledged.
bool UploadItem(const std::string& address, const std::string& token, const std::string& data,
                int n, Acked* acked) {
  hoso::testing::RpcClient rpc(address, token);
  v1::UploadContentResponse uploaded;
  if (!rpc.Upload(data, ToHex(Sha256Of(data)), &uploaded).ok()) return false;
  v1::CreateEvidenceRequest request;
  request.mutable_evidence()->set_school("LQD");
  request.mutable_evidence()->set_title("Ảnh " + std::to_string(n));
  request.mutable_evidence()->add_criteria("1.1");
  request.add_files()->set_name("ảnh-" + std::to_string(n) + ".jpg");
  request.mutable_files(0)->set_sha256(ToHex(Sha256Of(data)));
  v1::Evidence evidence;
  if (!rpc.evidence->CreateEvidence(rpc.Context().get(), request, &evidence).ok()) return false;
  *acked = {evidence.id(), ToHex(Sha256Of(data))};
  return true;
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

TEST_F(CrashTest, AcknowledgedUploadsSurviveSigkill) {
  const char* env = std::getenv("HOSO_CRASH_KILLS");
  const int kills = env ? std::atoi(env) : 6;
  std::mutex mu;
  std::vector<Acked> acked;
  std::atomic<int> counter{0}, attempts{0};
  std::mt19937 rng(42);
  for (int round = 0; round < kills; ++round) {
    std::atomic<bool> stop{false};
    const std::string address = address_;
    std::vector<std::thread> clients;
    for (int t = 0; t < 3; ++t) {
      clients.emplace_back([&, t] {
        std::mt19937 local(static_cast<uint32_t>(round * 10 + t));
        while (!stop) {
          const int n = counter++;
          const size_t size = 1000 + local() % (3 << 20);
          const std::string data = RandomBytes(size, static_cast<uint32_t>(n) + 1000);
          ++attempts;
          Acked a;
          if (UploadItem(address, token_, data, n, &a)) {
            std::lock_guard<std::mutex> lock(mu);
            acked.push_back(a);
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200 + rng() % 800));
    ::kill(server_pid_, SIGKILL);
    hoso::testing::WaitFor(server_pid_);
    server_pid_ = -1;
    stop = true;
    for (auto& c : clients) c.join();
    StartServer();
  }
  ASSERT_FALSE(acked.empty());
  for (const Acked& a : acked) {
    grpc::Status status;
    const std::string bytes = Download(address_, token_, a.id, &status);
    ASSERT_OK(status) << "acknowledged item " << a.id << " is gone: " << status.error_message();
    ASSERT_EQ(ToHex(Sha256Of(bytes)), a.sha256) << "acknowledged item " << a.id << " changed";
  }
  CommandResult fsck = Hoso({"admin", "fsck"});
  EXPECT_EQ(fsck.exit_code, 0) << fsck.out;
  std::printf("crash test: %d kills, %d uploads tried, %zu acknowledged, all present and intact\n",
              kills, attempts.load(), acked.size());
}

}  // namespace
}  // namespace hoso
