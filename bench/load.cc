// hoso_load: many teachers uploading small files at once (minutes, 10-50 KB)
// while a secretary lists and opens items; reports uploads/s, errors and
// latency percentiles. Speaks only the proto, like any client.
//
//   hoso_load --server HOST:PORT --token ADMIN_TOKEN [--clients 64] [--files 40]
//
// It creates school LOAD (if missing), one teacher per client with a token
// of their own, and a secretary; each client uploads its files (UploadContent,
// then CreateEvidence); the secretary meanwhile calls ListEvidence
// --criterion and GetEvidence in a loop.
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
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
using hoso::v1::ContentService;
using hoso::v1::EvidenceService;

struct Result {
  std::vector<double> upload_ms;  // UploadContent + CreateEvidence of one file
  int errors = 0;
  std::string first_error;
};

// One teacher: uploads `files` random minutes of 10-50 KB under criterion 1.x.
void Teacher(std::shared_ptr<grpc::Channel> channel, const std::string& token, int index, int files,
             Result* out) {
  auto content = ContentService::NewStub(channel);
  auto evidence = EvidenceService::NewStub(channel);
  std::mt19937_64 gen(1000 + index);
  for (int f = 0; f < files; ++f) {
    std::string data(10240 + gen() % 40960, '\0');
    for (char& c : data) c = static_cast<char>(gen());
    const std::string hex = hoso::ToHex(hoso::Sha256Of(data));
    const auto start = Clock::now();
    hoso::v1::UploadContentResponse uploaded;
    auto context = Context(token);
    auto writer = content->UploadContent(context.get(), &uploaded);
    hoso::v1::UploadChunk message;
    message.mutable_header()->set_sha256(hex);
    message.mutable_header()->set_size(data.size());
    writer->Write(message);
    message.set_data(data);
    writer->Write(message);
    writer->WritesDone();
    grpc::Status s = writer->Finish();
    if (s.ok()) {
      hoso::v1::CreateEvidenceRequest request;
      request.mutable_evidence()->set_school("LOAD");
      request.mutable_evidence()->set_title("Biên bản sinh hoạt tổ " + std::to_string(index) + "-" +
                                            std::to_string(f));
      request.mutable_evidence()->add_criteria("1." + std::to_string(1 + (index + f) % 5));
      request.mutable_evidence()->set_kind(hoso::v1::EVIDENCE_KIND_MINUTES);
      auto* file = request.add_files();
      file->set_name("bien-ban-" + std::to_string(index) + "-" + std::to_string(f) + ".txt");
      file->set_sha256(hex);
      hoso::v1::Evidence created;
      s = evidence->CreateEvidence(Context(token).get(), request, &created);
    }
    if (s.ok()) {
      out->upload_ms.push_back(Ms(Clock::now() - start));
    } else {
      if (out->errors++ == 0) out->first_error = s.error_message();
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hoso_load: concurrent small uploads with listings alongside"};
  std::string server = "127.0.0.1:50051", token;
  int clients = 64, files = 40;
  app.add_option("--server", server, "hosod address")->capture_default_str();
  app.add_option("--token", token, "a server admin's token")->required();
  app.add_option("--clients", clients, "concurrent teachers")->capture_default_str();
  app.add_option("--files", files, "files per teacher")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  // Each client has its own channel (its own connection), as separate machines would.
  auto admin_channel = grpc::CreateChannel(server, grpc::InsecureChannelCredentials());
  auto schools = hoso::v1::SchoolService::NewStub(admin_channel);
  auto users = hoso::v1::UserService::NewStub(admin_channel);
  {
    hoso::v1::CreateSchoolRequest r;
    r.mutable_school()->set_code("LOAD");
    r.mutable_school()->set_name("Trường Tiểu học Tải Thử");
    r.mutable_school()->set_framework("tt17-2018");
    hoso::v1::School s;
    grpc::Status st = schools->CreateSchool(Context(token).get(), r, &s);
    if (!st.ok() && st.error_code() != grpc::StatusCode::ALREADY_EXISTS) {
      std::fprintf(stderr, "hoso_load: %s\n", st.error_message().c_str());
      return 1;
    }
  }
  auto person = [&](const std::string& name, const std::string& role) -> std::string {
    hoso::v1::AddUserRequest add;
    add.set_name(name);
    add.set_school("LOAD");
    add.set_role(role);
    hoso::v1::User user;
    grpc::Status st = users->AddUser(Context(token).get(), add, &user);
    hoso::v1::IssueTokenRequest issue;
    issue.set_user(name);
    hoso::v1::IssueTokenResponse issued;
    if (st.ok()) st = users->IssueToken(Context(token).get(), issue, &issued);
    if (!st.ok()) {
      std::fprintf(stderr, "hoso_load: %s: %s\n", name.c_str(), st.error_message().c_str());
      std::exit(1);
    }
    return issued.token();
  };
  std::vector<std::string> tokens;
  for (int i = 0; i < clients; ++i) tokens.push_back(person("gv" + std::to_string(i), "teacher"));
  const std::string secretary = person("thu.ky", "secretary");

  std::atomic<bool> done{false};
  std::vector<double> list_ms, show_ms;
  int read_errors = 0;
  std::thread reader([&] {
    auto channel = grpc::CreateChannel(server, grpc::InsecureChannelCredentials());
    auto evidence = EvidenceService::NewStub(channel);
    for (int i = 0; !done; ++i) {
      hoso::v1::ListEvidenceRequest list;
      list.set_school("LOAD");
      list.set_criterion("1." + std::to_string(1 + i % 5));
      hoso::v1::ListEvidenceResponse listed;
      auto start = Clock::now();
      grpc::Status s = evidence->ListEvidence(Context(secretary).get(), list, &listed);
      list_ms.push_back(Ms(Clock::now() - start));
      read_errors += !s.ok();
      hoso::v1::GetEvidenceRequest get;
      get.set_school("LOAD");
      get.set_id(1 + i % std::max(1, listed.evidence_size()));
      hoso::v1::Evidence shown;
      start = Clock::now();
      s = evidence->GetEvidence(Context(secretary).get(), get, &shown);
      show_ms.push_back(Ms(Clock::now() - start));
      read_errors += !s.ok() && s.error_code() != grpc::StatusCode::NOT_FOUND;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });

  std::vector<Result> results(clients);
  std::vector<std::thread> teachers;
  const auto start = Clock::now();
  for (int i = 0; i < clients; ++i) {
    auto channel = grpc::CreateChannel(server, grpc::InsecureChannelCredentials());
    teachers.emplace_back(Teacher, channel, tokens[i], i, files, &results[i]);
  }
  for (auto& t : teachers) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  done = true;
  reader.join();

  std::vector<double> all;
  int errors = 0;
  std::string first_error;
  for (const Result& r : results) {
    all.insert(all.end(), r.upload_ms.begin(), r.upload_ms.end());
    if (r.errors > 0 && first_error.empty()) first_error = r.first_error;
    errors += r.errors;
  }
  std::printf(
      "| clients | uploads | errors | seconds | uploads/s | upload p50 ms | upload p99 ms | "
      "ls --criterion p50 / p99 ms | show p50 / p99 ms | read errors |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  std::printf("| %d | %zu | %d | %.1f | %.0f | %.1f | %.1f | %.1f / %.1f | %.1f / %.1f | %d |\n",
              clients, all.size(), errors, seconds, static_cast<double>(all.size()) / seconds,
              Percentile(all, 0.5), Percentile(all, 0.99), Percentile(list_ms, 0.5),
              Percentile(list_ms, 0.99), Percentile(show_ms, 0.5), Percentile(show_ms, 0.99),
              read_errors);
  if (!first_error.empty()) std::fprintf(stderr, "first error: %s\n", first_error.c_str());
  return errors == 0 && read_errors == 0 ? 0 : 1;
}
