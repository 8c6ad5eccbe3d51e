// hoso upload FOLDER...: a whole tree in one process. Plans one item per
// folder, hashes on all cores (skipping unchanged files through the hash
// cache), leaves out items already there unchanged, checks the new ones,
// asks the server once which contents it lacks, sends those over parallel
// streams and batches, then creates the items; so running it again after an
// interruption finishes the job. The phases live in clients/transfer/tree_upload.h.
#include <cstdio>
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

// One run of the command. Each phase returns kOk to go on, or the exit code
// after reporting why not; Run calls them in order.
class TreeUpload {
 public:
  TreeUpload(Connection& c, const GlobalOptions& options, const UploadArgs& args)
      : c_(c), options_(options), args_(args) {}

  int Run() {
    for (int (TreeUpload::*phase)() :
         {&TreeUpload::PlanFolders, &TreeUpload::Hash, &TreeUpload::FindNewItems,
          &TreeUpload::CheckNewItems, &TreeUpload::Send, &TreeUpload::CreateItems}) {
      if (const int code = (this->*phase)(); code != kOk) return code;
    }
    PrintSummary();
    return kOk;
  }

 private:
  int PlanFolders();
  int Hash();
  int FindNewItems();
  int CheckNewItems();
  int Send();
  int CreateItems();
  void PrintSummary() const;

  Connection& c_;
  const GlobalOptions& options_;
  const UploadArgs& args_;

  TreePlan plan_;
  HashedTree hashed_;
  std::vector<size_t> new_items_;                    // indexes into plan_.items
  std::vector<v1::CreateEvidenceRequest> requests_;  // one per new item, checked
  SendPlan sending_;
  uint64_t sent_ = 0;
  std::vector<v1::Evidence> created_;
};

int TreeUpload::PlanFolders() {
  if (!args_.title.empty()) {
    return ReportError("--title names one item; a folder upload titles each item by its folder",
                       kUsage);
  }
  auto plan = PlanTree(args_.files, args_.criteria, v1::kDefaultMaxFilesPerItem);
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
  new_items_ = NewItems(plan_, hashed_, existing);
  return kOk;
}

// Every new item is checked (validate only) before any byte is sent.
int TreeUpload::CheckNewItems() {
  for (size_t i : new_items_) {
    v1::CreateEvidenceRequest request = ItemRequest(options_, args_, plan_.items[i].title,
                                                    plan_.items[i].criteria, hashed_.item_files[i]);
    request.set_validate_only(true);
    v1::Evidence checked;
    if (grpc::Status s = c_.evidence().CreateEvidence(c_.Context().get(), request, &checked);
        !s.ok()) {
      return ReportRpcError("checking " + plan_.items[i].folder, s);
    }
    request.set_validate_only(false);
    requests_.push_back(std::move(request));
  }
  return kOk;
}

// The contents the server lacks, each once, over parallel streams.
int TreeUpload::Send() {
  std::vector<std::vector<const LocalFile*>> items;
  for (size_t i : new_items_) items.push_back(hashed_.item_files[i]);
  auto sending = PlanSending(c_, options_.school, items);
  if (!sending.ok()) return ReportRpcError("upload", sending.status());
  sending_ = std::move(*sending);
  auto sent = SendContents(c_, options_.school, sending_, args_.parallel, args_.limit_rate);
  if (!sent.ok()) return ReportRpcError("uploading", sent.status());
  sent_ = *sent;
  return kOk;
}

int TreeUpload::CreateItems() {
  for (size_t k = 0; k < requests_.size(); ++k) {
    v1::Evidence evidence;
    if (grpc::Status s = c_.evidence().CreateEvidence(c_.Context().get(), requests_[k], &evidence);
        !s.ok()) {
      std::fprintf(stderr,
                   "hoso: %zu of %zu new items were created before this error; "
                   "run the same command again to finish\n",
                   k, requests_.size());
      return ReportRpcError("creating the item for " + plan_.items[new_items_[k]].folder, s);
    }
    if (!options_.json) {
      std::printf("#%llu %s %s (%d files)\n", static_cast<unsigned long long>(evidence.id()),
                  evidence.code().c_str(), evidence.title().c_str(), evidence.files_size());
    }
    created_.push_back(std::move(evidence));
  }
  return kOk;
}

// One line on stderr; with --json, the summary (TreeUploadSummary) on stdout.
void TreeUpload::PrintSummary() const {
  const size_t files = hashed_.files.size();
  const size_t unchanged = plan_.items.size() - new_items_.size();
  std::fprintf(stderr,
               "%zu item(s) created, %zu already there unchanged; %zu file(s) (%zu hashed, %zu "
               "unchanged since the last hashing); sent %s of %s; %zu content(s) already on the "
               "server; %zu hidden or special file(s) skipped\n",
               created_.size(), unchanged, files, files - hashed_.from_cache, hashed_.from_cache,
               HumanBytes(sent_).c_str(), HumanBytes(sending_.bytes).c_str(), sending_.present,
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
  PrintJson(summary);
}

}  // namespace

int RunTreeUpload(Connection& c, const GlobalOptions& options, const UploadArgs& args) {
  return TreeUpload(c, options, args).Run();
}

}  // namespace hoso::cli
