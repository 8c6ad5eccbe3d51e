// hoso_scale: metadata at scale. Loads ITEMS evidence items over SCHOOLS
// schools through the API (the code paths every upload takes), then measures
// `ls --criterion` and coverage latencies. The script beside it restarts
// hosod to time its start and measures the index size.
//
//   hoso_scale load    --server HOST:PORT --token ADMIN [--items 100000] [--schools 50]
//                      [--clients 16] [--batch 1]   (--batch N: N items per CreateEvidenceBatch)
//   hoso_scale measure --server HOST:PORT --token ADMIN [--schools 50] [--calls 2000]
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_util.h"
#include "hoso/v1/hoso.grpc.pb.h"
#include "storage/base/sha256.h"

namespace {

using hoso::bench::Clock;
using hoso::bench::Context;
using hoso::bench::Ms;
using hoso::bench::Percentile;

std::string School(int i) {
  char code[16];
  std::snprintf(code, sizeof code, "SC%02d", i);
  return code;
}

// tt17-2018's criteria: 1.1-1.10, 2.1-2.4, 3.1-3.6, 4.1-4.2, 5.1-5.5.
std::vector<std::string> Criteria() {
  std::vector<std::string> out;
  const int counts[] = {10, 4, 6, 2, 5};
  for (int s = 0; s < 5; ++s) {
    for (int c = 1; c <= counts[s]; ++c)
      out.push_back(std::to_string(s + 1) + "." + std::to_string(c));
  }
  return out;
}

void Fail(const std::string& what, const grpc::Status& s) {
  std::fprintf(stderr, "hoso_scale: %s: %s\n", what.c_str(), s.error_message().c_str());
  std::exit(1);
}

int Load(const std::string& server, const std::string& token, int items, int schools, int clients,
         int batch) {
  auto channel = grpc::CreateChannel(server, grpc::InsecureChannelCredentials());
  auto school_stub = hoso::v1::SchoolService::NewStub(channel);
  auto users = hoso::v1::UserService::NewStub(channel);
  for (int i = 0; i < schools; ++i) {
    hoso::v1::CreateSchoolRequest r;
    r.mutable_school()->set_code(School(i));
    r.mutable_school()->set_name("Trường Tiểu học số " + std::to_string(i + 1));
    r.mutable_school()->set_framework("tt17-2018");
    hoso::v1::School s;
    grpc::Status st = school_stub->CreateSchool(Context(token).get(), r, &s);
    if (!st.ok() && st.error_code() != grpc::StatusCode::ALREADY_EXISTS) Fail("school", st);
  }
  // One teacher per client, a teacher in every school.
  std::vector<std::string> tokens;
  for (int c = 0; c < clients; ++c) {
    const std::string name = "gv" + std::to_string(c);
    for (int i = 0; i < schools; ++i) {
      hoso::v1::AddUserRequest add;
      add.set_name(name);
      add.set_school(School(i));
      add.set_role("teacher");
      hoso::v1::User user;
      if (grpc::Status st = users->AddUser(Context(token).get(), add, &user); !st.ok())
        Fail("user", st);
    }
    hoso::v1::IssueTokenRequest issue;
    issue.set_user(name);
    hoso::v1::IssueTokenResponse issued;
    if (grpc::Status st = users->IssueToken(Context(token).get(), issue, &issued); !st.ok()) {
      Fail("token", st);
    }
    tokens.push_back(issued.token());
  }
  const std::vector<std::string> criteria = Criteria();
  std::atomic<int> next{0}, errors{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      auto ch = grpc::CreateChannel(server, grpc::InsecureChannelCredentials());
      auto content = hoso::v1::ContentService::NewStub(ch);
      auto evidence = hoso::v1::EvidenceService::NewStub(ch);
      // Each client's own small file, uploaded once; its items all name it.
      const std::string data = "Biên bản họp tổ chuyên môn số " + std::to_string(c) + "\n";
      const std::string hex = hoso::ToHex(hoso::Sha256Of(data));
      hoso::v1::UploadContentResponse uploaded;
      auto context = Context(tokens[c]);
      auto writer = content->UploadContent(context.get(), &uploaded);
      hoso::v1::UploadChunk m;
      m.mutable_header()->set_sha256(hex);
      m.mutable_header()->set_size(data.size());
      writer->Write(m);
      m.set_data(data);
      writer->Write(m);
      writer->WritesDone();
      if (grpc::Status st = writer->Finish(); !st.ok()) Fail("upload", st);
      // Item i: school i % schools, criteria from i / schools (the same items either way).
      auto item = [&](int i) {
        hoso::v1::CreateEvidenceRequest r;
        r.mutable_evidence()->set_school(School(i % schools));
        r.mutable_evidence()->set_title("Minh chứng " + std::to_string(i));
        r.mutable_evidence()->set_year(i % 2 ? "2023-2024" : "2024-2025");
        r.mutable_evidence()->add_criteria(criteria[(i / schools) % criteria.size()]);
        if (i % 3 == 0)
          r.mutable_evidence()->add_criteria(criteria[(i / schools + 7) % criteria.size()]);
        auto* f = r.add_files();
        f->set_name("bien-ban-" + std::to_string(i) + ".txt");
        f->set_sha256(hex);
        return r;
      };
      if (batch <= 1) {
        for (int i = next++; i < items; i = next++) {
          hoso::v1::Evidence e;
          if (!evidence->CreateEvidence(Context(tokens[c]).get(), item(i), &e).ok()) ++errors;
        }
        return;
      }
      // Block b: `batch` items of school b % schools in one CreateEvidenceBatch
      // (one synced write, as `hoso upload FOLDER` sends them).
      const int blocks = (items + batch - 1) / batch;
      for (int b = next++; b < blocks; b = next++) {
        const int s = b % schools, first = (b / schools) * batch;
        hoso::v1::CreateEvidenceBatchRequest r;
        r.set_school(School(s));
        for (int k = 0; k < batch; ++k) {
          const long long i = static_cast<long long>(first + k) * schools + s;
          if (i < items) *r.add_items() = item(static_cast<int>(i));
        }
        if (r.items_size() == 0) continue;
        hoso::v1::CreateEvidenceBatchResponse out;
        grpc::Status st = evidence->CreateEvidenceBatch(Context(tokens[c]).get(), r, &out);
        if (!st.ok()) {
          errors += r.items_size();
          continue;
        }
        for (const auto& result : out.results()) errors += result.status_code() != 0;
      }
    });
  }
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf(
      "loaded %d items over %d schools with %d clients (%d per call) in %.1f s (%.0f items/s), %d "
      "errors\n",
      items, schools, clients, batch < 1 ? 1 : batch, seconds, items / seconds, errors.load());
  return errors == 0 ? 0 : 1;
}

int Measure(const std::string& server, const std::string& token, int schools, int calls) {
  auto channel = grpc::CreateChannel(server, grpc::InsecureChannelCredentials());
  auto evidence = hoso::v1::EvidenceService::NewStub(channel);
  auto reports = hoso::v1::ReportService::NewStub(channel);
  const std::vector<std::string> criteria = Criteria();
  std::vector<double> ls_ms, coverage_ms;
  size_t listed = 0;
  for (int i = 0; i < calls; ++i) {
    hoso::v1::ListEvidenceRequest r;
    r.set_school(School(i % schools));
    r.set_criterion(criteria[(i * 7) % criteria.size()]);
    hoso::v1::ListEvidenceResponse out;
    const auto start = Clock::now();
    if (grpc::Status st = evidence->ListEvidence(Context(token).get(), r, &out); !st.ok())
      Fail("ls", st);
    ls_ms.push_back(Ms(Clock::now() - start));
    listed += out.evidence_size();
  }
  for (int i = 0; i < schools; ++i) {
    hoso::v1::CoverageRequest r;
    r.set_school(School(i));
    hoso::v1::CoverageResponse out;
    const auto start = Clock::now();
    if (grpc::Status st = reports->Coverage(Context(token).get(), r, &out); !st.ok())
      Fail("coverage", st);
    coverage_ms.push_back(Ms(Clock::now() - start));
  }
  std::printf(
      "| ls --criterion p50 ms | p99 ms | items per listing (mean) | coverage p50 ms | coverage "
      "p99 ms |\n");
  std::printf("|---:|---:|---:|---:|---:|\n");
  std::printf("| %.2f | %.2f | %.0f | %.1f | %.1f |\n", Percentile(ls_ms, 0.5),
              Percentile(ls_ms, 0.99), static_cast<double>(listed) / calls,
              Percentile(coverage_ms, 0.5), Percentile(coverage_ms, 0.99));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hoso_scale: metadata at scale"};
  app.require_subcommand(1);
  std::string server = "127.0.0.1:50051", token;
  int items = 100000, schools = 50, clients = 16, calls = 2000, batch = 1;
  app.add_option("--server", server, "hosod address")->capture_default_str();
  app.add_option("--token", token, "a server admin's token")->required();
  app.add_option("--schools", schools, "schools")->capture_default_str();
  auto* load = app.add_subcommand("load", "create the schools, teachers and items");
  load->add_option("--items", items, "evidence items in all")->capture_default_str();
  load->add_option("--clients", clients, "concurrent loaders")->capture_default_str();
  load->add_option("--batch", batch, "items per CreateEvidenceBatch call (1: CreateEvidence)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  auto* measure = app.add_subcommand("measure", "time ls --criterion and coverage");
  measure->add_option("--calls", calls, "ls calls")->capture_default_str();
  app.fallthrough();
  CLI11_PARSE(app, argc, argv);
  if (load->parsed()) return Load(server, token, items, schools, clients, batch);
  return Measure(server, token, schools, calls);
}
