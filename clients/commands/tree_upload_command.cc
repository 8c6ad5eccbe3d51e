// hoso upload FOLDER...: a whole tree (a school's archive) in one process.
// Plans one item per document (a file, or a folder named by a code) with the
// codes the school wrote in the names, hashes on all cores (skipping
// unchanged files through the hash cache), reports codes written on
// different documents and leaves those out, leaves out items already there
// unchanged, has the server check the new ones (validate only), asks it once
// which contents it lacks, sends those over parallel streams and batches,
// then creates the items in batches; so running it again after an
// interruption, or after renaming what clashed, finishes the job. With
// --dry-run it prints the mapping and stops before any byte moves. The
// phases live in clients/transfer/tree_upload.h.
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "clients/app/commands.h"
#include "clients/app/exit_codes.h"
#include "clients/app/output.h"
#include "clients/commands/item_request.h"
#include "clients/transfer/tree_plan.h"
#include "clients/transfer/tree_upload.h"
#include "hoso/v1/limits.h"

namespace hoso::cli {
namespace {

// Requests cut into calls within the batch limits of the protocol.
std::vector<std::vector<size_t>> Chunks(const std::vector<v1::CreateEvidenceRequest>& requests,
                                        const std::vector<size_t>& which) {
  std::vector<std::vector<size_t>> chunks;
  int files = 0;
  for (size_t k : which) {
    const int n = requests[k].files_size();
    if (chunks.empty() || static_cast<int>(chunks.back().size()) >= v1::kMaxBatchItems ||
        files + n > v1::kMaxBatchItemFiles) {
      chunks.emplace_back();
      files = 0;
    }
    chunks.back().push_back(k);
    files += n;
  }
  return chunks;
}

// One run of the command. Each phase returns kOk to go on, or the exit code
// after reporting why not; Run calls them in order.
class TreeUpload {
 public:
  TreeUpload(Connection& c, const GlobalOptions& options, const UploadArgs& args)
      : c_(c), options_(options), args_(args) {}

  int Run() {
    for (int (TreeUpload::*phase)() : {&TreeUpload::PlanFolders, &TreeUpload::Hash,
                                       &TreeUpload::FindNewItems, &TreeUpload::CheckNewItems}) {
      if (const int code = (this->*phase)(); code != kOk) return code;
    }
    if (args_.dry_run) return DryRun();
    for (int (TreeUpload::*phase)() : {&TreeUpload::Send, &TreeUpload::CreateItems}) {
      if (const int code = (this->*phase)(); code != kOk) return code;
    }
    PrintSummary();
    return LeftOut() ? kPartly : kOk;
  }

 private:
  int PlanFolders();
  int Hash();
  int FindNewItems();
  int CheckNewItems();
  int DryRun();
  int Send();
  int CreateItems();
  void PrintSummary() const;
  void ReportLeftOut() const;
  // The code clashes and byte-identical copies, into the dry run's plan or
  // the summary (both carry ArchivePlan's Clash and Duplicate).
  template <typename Message>
  void AddCodeReports(Message& message) const {
    for (const CodeClash& clash : codes_.clashes) {
      v1::ArchivePlan::Clash* c = message.add_clashes();
      c->set_code(clash.code);
      for (size_t i : clash.indexes) c->add_paths(plan_.items[i].files.front());
    }
    for (const auto& [copy, kept] : codes_.duplicates) {
      v1::ArchivePlan::Duplicate* d = message.add_duplicates();
      d->set_path(plan_.items[copy].files.front());
      d->set_same_as(plan_.items[kept].files.front());
    }
  }
  bool LeftOut() const { return !codes_.clashes.empty() || !refused_.empty(); }
  std::vector<CriterionName> FrameworkCriteria();
  // A batch call; the results in order, or the call's failure.
  absl::StatusOr<v1::CreateEvidenceBatchResponse> Batch(const std::vector<size_t>& chunk,
                                                        bool validate_only);
  v1::ArchivePlan::Item Describe(size_t i) const;

  Connection& c_;
  const GlobalOptions& options_;
  const UploadArgs& args_;

  TreePlan plan_;
  HashedTree hashed_;
  CodeCheck codes_;
  std::vector<size_t> new_items_;                    // indexes into plan_.items
  std::vector<v1::CreateEvidenceRequest> requests_;  // one per new item
  std::vector<size_t> accepted_;                     // indexes into requests_, checked
  std::map<size_t, std::string> refused_;            // plan item -> why the server refuses it
  std::map<size_t, std::string> checked_code_;       // plan item -> code as the server has it
  SendPlan sending_;
  uint64_t sent_ = 0;
  std::vector<v1::Evidence> created_;
};

// The criteria's names, so that folders named by them are recognised; none
// when the framework cannot be read (numbers still work).
std::vector<CriterionName> TreeUpload::FrameworkCriteria() {
  v1::ListSchoolsResponse schools;
  if (!c_.schools().ListSchools(c_.Context().get(), {}, &schools).ok()) return {};
  for (const v1::School& school : schools.schools()) {
    if (school.code() != options_.school) continue;
    v1::GetFrameworkRequest request;
    request.set_id(school.framework());
    v1::Framework framework;
    if (!c_.frameworks().GetFramework(c_.Context().get(), request, &framework).ok()) return {};
    std::vector<CriterionName> out;
    for (const auto& standard : framework.standards()) {
      for (const auto& criterion : standard.criteria()) {
        out.emplace_back(criterion.code(), criterion.name());
      }
    }
    return out;
  }
  return {};
}

int TreeUpload::PlanFolders() {
  if (!args_.title.empty()) {
    return ReportError("--title names one item; a folder upload titles each item by its name",
                       kUsage);
  }
  auto plan =
      PlanTree(args_.files, args_.criteria, FrameworkCriteria(), v1::kDefaultMaxFilesPerItem);
  if (!plan.ok()) return ReportError(std::string(plan.status().message()), kLocalIo);
  for (const std::string& problem : plan->problems) {
    std::fprintf(stderr, "hoso: %s\n", problem.c_str());
  }
  if (!plan->problems.empty()) return ReportError("nothing was uploaded", kUsage);
  if (plan->items.empty()) return ReportError("no files to upload in " + args_.files[0], kUsage);
  plan_ = std::move(*plan);
  return kOk;
}

int TreeUpload::Hash() {
  auto hashed = HashTree(plan_, args_.rehash);
  if (!hashed.ok()) return ReportError(std::string(hashed.status().message()), kLocalIo);
  hashed_ = std::move(*hashed);
  codes_ = CheckCodes(plan_, hashed_);
  return kOk;
}

// Items an earlier run created, unchanged, are left out.
int TreeUpload::FindNewItems() {
  v1::ListEvidenceRequest list;
  list.set_school(options_.school);
  v1::ListEvidenceResponse existing;
  if (grpc::Status s = c_.evidence().ListEvidence(c_.Context().get(), list, &existing); !s.ok()) {
    return ReportRpcError("listing the school's evidence", s);
  }
  new_items_ = NewItems(plan_, hashed_, existing, codes_.kept);
  return kOk;
}

absl::StatusOr<v1::CreateEvidenceBatchResponse> TreeUpload::Batch(const std::vector<size_t>& chunk,
                                                                  bool validate_only) {
  v1::CreateEvidenceBatchRequest request;
  request.set_school(options_.school);
  request.set_validate_only(validate_only);
  for (size_t k : chunk) *request.add_items() = requests_[k];
  v1::CreateEvidenceBatchResponse response;
  grpc::Status s = c_.evidence().CreateEvidenceBatch(c_.Context().get(), request, &response);
  if (!s.ok())
    return absl::Status(static_cast<absl::StatusCode>(s.error_code()), s.error_message());
  if (response.results_size() != static_cast<int>(chunk.size())) {
    return absl::InternalError("the server answered for " +
                               std::to_string(response.results_size()) + " of " +
                               std::to_string(chunk.size()) + " items");
  }
  return response;
}

// Every new item is checked by the server (validate only) before any byte
// is sent; what it refuses is left out and reported.
int TreeUpload::CheckNewItems() {
  std::vector<size_t> all;
  for (size_t i : new_items_) {
    const PlannedItem& item = plan_.items[i];
    v1::CreateEvidenceRequest request =
        ItemRequest(options_, args_, item.title, item.criteria, hashed_.item_files[i]);
    if (item.code) request.mutable_evidence()->set_code(item.written_code);
    if (args_.year.empty()) request.mutable_evidence()->set_year(item.year);
    all.push_back(requests_.size());
    requests_.push_back(std::move(request));
  }
  for (const std::vector<size_t>& chunk : Chunks(requests_, all)) {
    auto checked = Batch(chunk, /*validate_only=*/true);
    if (!checked.ok()) return ReportRpcError("checking the new items", checked.status());
    for (size_t k = 0; k < chunk.size(); ++k) {
      const auto& result = checked->results(static_cast<int>(k));
      const size_t item = new_items_[chunk[k]];
      if (result.status_code() != 0) {
        refused_[item] = result.message();
      } else {
        checked_code_[item] = result.evidence().code();
        accepted_.push_back(chunk[k]);
      }
    }
  }
  // The school's own codes first, so that no next number takes one of them.
  std::stable_partition(accepted_.begin(), accepted_.end(),
                        [&](size_t k) { return !requests_[k].evidence().code().empty(); });
  return kOk;
}

v1::ArchivePlan::Item TreeUpload::Describe(size_t i) const {
  const PlannedItem& item = plan_.items[i];
  v1::ArchivePlan::Item out;
  for (const std::string& f : item.files) out.add_files(f);
  if (auto code = checked_code_.find(i); code != checked_code_.end()) out.set_code(code->second);
  out.set_written_code(item.written_code);
  out.set_title(item.title);
  out.set_criterion(item.criteria.empty() ? "" : item.criteria.front());
  out.set_year(args_.year.empty() ? item.year : args_.year);
  out.set_note(item.note);
  if (auto why = refused_.find(i); why != refused_.end()) out.set_refused(why->second);
  return out;
}

void TreeUpload::ReportLeftOut() const {
  for (const CodeClash& clash : codes_.clashes) {
    std::fprintf(stderr, "hoso: mã %s có trên %zu tài liệu khác nhau; không tải tài liệu nào:\n",
                 clash.code.c_str(), clash.indexes.size());
    for (size_t i : clash.indexes) {
      std::fprintf(stderr, "  %s\n", plan_.items[i].files.front().c_str());
    }
  }
  for (const auto& [copy, kept] : codes_.duplicates) {
    std::fprintf(stderr, "hoso: %s: bản sao giống hệt %s (cùng mã): một minh chứng\n",
                 plan_.items[copy].files.front().c_str(), plan_.items[kept].files.front().c_str());
  }
  for (const auto& [i, why] : refused_) {
    std::fprintf(stderr, "hoso: %s: %s\n", plan_.items[i].files.front().c_str(), why.c_str());
  }
  if (LeftOut()) {
    std::fprintf(stderr,
                 "hoso: the items above were left out; rename the files and run the same "
                 "command again (exit status %d: partly done)\n",
                 kPartly);
  }
}

// --dry-run: the mapping and what is left out; nothing is sent or created.
int TreeUpload::DryRun() {
  const std::set<size_t> fresh(new_items_.begin(), new_items_.end());
  v1::ArchivePlan out;
  for (size_t i : codes_.kept) {
    v1::ArchivePlan::Item item = Describe(i);
    item.set_unchanged(fresh.count(i) == 0);
    if (!options_.json) {
      std::printf("%s → %s | %s | tiêu chí %s | %s%s%s\n", plan_.items[i].files.front().c_str(),
                  item.unchanged()          ? "(đã có, không đổi)"
                  : !item.refused().empty() ? "(bị từ chối)"
                  : item.code().empty()     ? "(mã mới)"
                                            : item.code().c_str(),
                  item.title().c_str(), item.criterion().c_str(),
                  item.year().empty() ? "-" : item.year().c_str(),
                  item.note().empty() ? "" : (" | " + item.note()).c_str(),
                  item.refused().empty() ? "" : (" | " + item.refused()).c_str());
    }
    *out.add_items() = std::move(item);
  }
  AddCodeReports(out);
  out.set_skipped(plan_.skipped.size());
  ReportLeftOut();
  if (options_.json) PrintJson(out);
  return LeftOut() ? kPartly : kOk;
}

// The contents the server lacks, each once, over parallel streams.
int TreeUpload::Send() {
  std::vector<std::vector<const LocalFile*>> items;
  for (size_t k : accepted_) items.push_back(hashed_.item_files[new_items_[k]]);
  auto sending = PlanSending(c_, options_.school, items);
  if (!sending.ok()) return ReportRpcError("upload", sending.status());
  sending_ = std::move(*sending);
  auto sent = SendContents(c_, options_.school, sending_, args_.parallel, args_.limit_rate);
  if (!sent.ok()) return ReportRpcError("uploading", sent.status());
  sent_ = *sent;
  return kOk;
}

int TreeUpload::CreateItems() {
  for (const std::vector<size_t>& chunk : Chunks(requests_, accepted_)) {
    auto done = Batch(chunk, /*validate_only=*/false);
    if (!done.ok()) {
      std::fprintf(stderr,
                   "hoso: %zu of %zu new items were created before this error; "
                   "run the same command again to finish\n",
                   created_.size(), accepted_.size());
      return ReportRpcError("creating the items", done.status());
    }
    for (size_t k = 0; k < chunk.size(); ++k) {
      const auto& result = done->results(static_cast<int>(k));
      if (result.status_code() != 0) {
        refused_[new_items_[chunk[k]]] = result.message();
        continue;
      }
      const v1::Evidence& evidence = result.evidence();
      if (!options_.json) {
        std::printf("#%llu %s %s (%d files)\n", static_cast<unsigned long long>(evidence.id()),
                    evidence.code().c_str(), evidence.title().c_str(), evidence.files_size());
      }
      created_.push_back(evidence);
    }
  }
  ReportLeftOut();
  return kOk;
}

// One line on stderr; with --json, the summary (TreeUploadSummary) on stdout.
void TreeUpload::PrintSummary() const {
  const size_t files = hashed_.files.size();
  const size_t unchanged = codes_.kept.size() - new_items_.size();
  std::fprintf(
      stderr,
      "%zu item(s) created, %zu already there unchanged, %zu left out; %zu file(s) (%zu "
      "hashed, %zu unchanged since the last hashing); sent %s of %s; %zu content(s) "
      "already on the server; %zu identical copies; %zu hidden or special file(s) "
      "skipped\n",
      created_.size(), unchanged,
      refused_.size() +
          [&] {
            size_t n = 0;
            for (const CodeClash& c : codes_.clashes) n += c.indexes.size();
            return n;
          }(),
      files, files - hashed_.from_cache, hashed_.from_cache, HumanBytes(sent_).c_str(),
      HumanBytes(sending_.bytes).c_str(), sending_.present, codes_.duplicates.size(),
      plan_.skipped.size());
  if (!options_.json) return;
  v1::TreeUploadSummary summary;
  summary.set_items_created(created_.size());
  summary.set_items_unchanged(unchanged);
  summary.set_files(files);
  summary.set_bytes(static_cast<double>(sending_.bytes));
  summary.set_bytes_sent(static_cast<double>(sent_));
  summary.set_hashed(files - hashed_.from_cache);
  summary.set_skipped(plan_.skipped.size());
  for (const v1::Evidence& e : created_) {
    v1::TreeUploadSummary::CreatedItem* item = summary.add_created();
    item->set_id(static_cast<double>(e.id()));
    item->set_code(e.code());
    item->set_title(e.title());
    item->set_files(e.files_size());
  }
  AddCodeReports(summary);
  for (const auto& [i, why] : refused_) *summary.add_refused() = Describe(i);
  PrintJson(summary);
}

}  // namespace

int RunTreeUpload(Connection& c, const GlobalOptions& options, const UploadArgs& args) {
  return TreeUpload(c, options, args).Run();
}

}  // namespace hoso::cli
