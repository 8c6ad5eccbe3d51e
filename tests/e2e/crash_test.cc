// Crash safety: concurrent uploads, deletes and gc (repacking small packs)
// while hosod is killed with SIGKILL at random moments and restarted. Every
// upload whose acknowledgement arrived must then be present and
// byte-identical, and fsck must find nothing wrong.
// HOSO_CRASH_KILLS sets the number of kills (default 6; the long run uses 200).
#include <atomic>
#include <mutex>
#include <regex>
#include <set>

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

// Dead space for gc: content stored and never linked, or refused for a wrong hash.
void UploadGarbage(const std::string& address, const std::string& token, const std::string& data,
                   bool refused) {
  hoso::testing::RpcClient rpc(address, token);
  v1::UploadContentResponse uploaded;
  (void)rpc.Upload(data, ToHex(Sha256Of(refused ? data + "x" : data)), &uploaded);
}

bool DeleteItem(const std::string& address, const std::string& token, uint64_t id) {
  hoso::testing::RpcClient rpc(address, token);
  v1::DeleteEvidenceRequest request;
  request.set_school("LQD");
  request.set_id(id);
  v1::Evidence evidence;
  return rpc.evidence->DeleteEvidence(rpc.Context().get(), request, &evidence).ok();
}

// One gc that collects at once and repacks packs a quarter dead; packs repacked.
uint32_t CollectGarbage(const std::string& address, const std::string& token) {
  hoso::testing::RpcClient rpc(address, token);
  auto admin = v1::AdminService::NewStub(rpc.channel());
  v1::GcRequest request;
  request.set_unlinked_min_age_seconds(0);
  request.set_min_dead_percent(25);
  v1::GcReport report;
  auto context = rpc.Context();
  return admin->Gc(context.get(), request, &report).ok() ? report.packs_repacked() : 0;
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
  StopServer();
  server_args_ = {"--pack-size", "4M"};  // many packs, so that gc really repacks
  StartServer();
  std::mutex mu;
  std::vector<Acked> acked;
  // Items to delete, and those deleted: fsck still checks their files.
  std::set<uint64_t> deleted, gone;
  std::atomic<int> counter{0}, attempts{0};
  std::atomic<uint32_t> repacked{0};
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
          if (t == 2) {
            UploadGarbage(address, token_, data, n % 2 == 0);
            continue;
          }
          ++attempts;
          Acked a;
          if (!UploadItem(address, token_, data, n, &a)) continue;
          std::lock_guard<std::mutex> lock(mu);
          acked.push_back(a);
          // A delete may land even when the kill takes its answer away.
          if (t == 1 && n % 3 == 0) deleted.insert(a.id);
        }
      });
    }
    clients.emplace_back([&] {
      while (!stop) {
        uint64_t id = 0;
        {
          std::lock_guard<std::mutex> lock(mu);
          for (uint64_t d : deleted) {
            if (!gone.count(d)) id = d;
          }
        }
        if (id != 0 && DeleteItem(address, token_, id)) {
          std::lock_guard<std::mutex> lock(mu);
          gone.insert(id);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
    clients.emplace_back([&] {
      while (!stop) {
        repacked += CollectGarbage(address, token_);
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200 + rng() % 800));
    ::kill(server_pid_, SIGKILL);
    hoso::testing::WaitFor(server_pid_);
    server_pid_ = -1;
    stop = true;
    for (auto& c : clients) c.join();
    StartServer();
  }
  ASSERT_FALSE(acked.empty());
  CommandResult gc = Hoso({"admin", "gc", "--min-age-days", "0", "--min-dead", "1"});
  EXPECT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  for (const Acked& a : acked) {
    if (deleted.count(a.id)) continue;
    grpc::Status status;
    const std::string bytes = Download(address_, token_, a.id, &status);
    ASSERT_OK(status) << "acknowledged item " << a.id << " is gone: " << status.error_message();
    ASSERT_EQ(ToHex(Sha256Of(bytes)), a.sha256) << "acknowledged item " << a.id << " changed";
  }
  CommandResult fsck = Hoso({"admin", "fsck"});
  EXPECT_EQ(fsck.exit_code, 0) << fsck.out;
  // What gc left: at most the tails of records a kill cut short, under 1% of a pack.
  CommandResult space = Hoso({"--json", "admin", "fsck"});
  std::smatch dead, total;
  ASSERT_TRUE(std::regex_search(space.out, dead, std::regex("\"dead_bytes\":\"([0-9]+)")));
  ASSERT_TRUE(std::regex_search(space.out, total, std::regex("\"pack_bytes\":\"([0-9]+)")));
  EXPECT_LT(std::stoull(dead[1].str()) * 100, std::stoull(total[1].str())) << fsck.out;
  EXPECT_GT(repacked.load(), 0u) << "gc never repacked a pack during the kills";
  std::printf(
      "crash test: %d kills, %d uploads tried, %zu acknowledged (%zu then deleted), all present "
      "and intact; %u pack(s) repacked during the kills\n",
      kills, attempts.load(), acked.size(), gone.size(), repacked.load());
}

}  // namespace
}  // namespace hoso
