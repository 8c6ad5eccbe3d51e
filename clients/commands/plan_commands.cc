// hoso framework …, hoso plan …: frameworks and the improvement plan.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "clients/app/commands.h"
#include "clients/app/exit_codes.h"
#include "clients/app/output.h"
#include "clients/app/table.h"
#include "clients/commands/command_groups.h"
#include "clients/commands/document_tables.h"
#include "clients/commands/framework_print.h"

namespace hoso::cli {
namespace {

bool ReadWhole(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

const char* StatusName(v1::TaskStatus s) {
  switch (s) {
    case v1::TASK_STATUS_PLANNED:
      return "planned";
    case v1::TASK_STATUS_IN_PROGRESS:
      return "in-progress";
    case v1::TASK_STATUS_DONE:
      return "done";
    case v1::TASK_STATUS_DROPPED:
      return "dropped";
    default:
      return "-";
  }
}

v1::TaskStatus ParseStatus(const std::string& s) {
  if (s == "planned") return v1::TASK_STATUS_PLANNED;
  if (s == "in-progress" || s == "in_progress") return v1::TASK_STATUS_IN_PROGRESS;
  if (s == "done") return v1::TASK_STATUS_DONE;
  if (s == "dropped") return v1::TASK_STATUS_DROPPED;
  return v1::TASK_STATUS_UNSPECIFIED;
}

std::string Short(const std::string& s, size_t bytes) {
  if (s.size() <= bytes) return s;
  size_t cut = bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return s.substr(0, cut) + "…";
}

void PrintTask(const v1::PlanTask& t) {
  std::printf("%s  [%s]%s  tiêu chí %s\n", t.code().c_str(), StatusName(t.status()),
              t.overdue() ? " OVERDUE" : "", t.criterion().c_str());
  std::printf("  content:    %s\n", t.content().c_str());
  auto line = [](const char* label, const std::string& v) {
    if (!v.empty()) std::printf("  %-11s %s\n", label, v.c_str());
  };
  line("solution:", t.solution());
  line("owners:", t.owners());
  line("time:", t.time_text());
  if (!t.start().empty() || !t.due().empty()) {
    std::printf("  months:     %s .. %s%s\n", t.start().empty() ? "?" : t.start().c_str(),
                t.due().empty() ? "?" : t.due().c_str(), t.recurring() ? " (recurring)" : "");
  }
  std::string budget = t.budget_vnd() > 0 ? std::to_string(t.budget_vnd()) + " VND" : "";
  if (!t.budget_text().empty() && t.budget_text() != std::to_string(t.budget_vnd()))
    budget += budget.empty() ? t.budget_text() : " (" + t.budget_text() + ")";
  line("budget:", budget);
  line("funding:", t.funding());
  line("supervisor:", t.supervisor());
  line("report:", t.report());
  if (!t.note().empty()) {
    std::string note = t.note();
    for (size_t at = note.find('\n'); at != std::string::npos; at = note.find('\n', at + 1))
      note.replace(at, 1, "\n             ");
    line("note:", note);
  }
  std::string evidence;
  for (const auto& code : t.evidence_codes()) evidence += (evidence.empty() ? "" : ", ") + code;
  std::printf("  evidence:   %s\n", evidence.empty() ? "none yet" : evidence.c_str());
}

int PrintTaskOr(const GlobalOptions& options, const v1::PlanTask& task) {
  if (options.json) {
    PrintJson(task);
  } else {
    PrintTask(task);
  }
  return kOk;
}

}  // namespace

int RunFrameworkList(Connection& c, const GlobalOptions& options) {
  v1::ListFrameworksResponse response;
  if (grpc::Status s = c.frameworks().ListFrameworks(c.Context().get(), {}, &response); !s.ok()) {
    return ReportRpcError("framework ls", s);
  }
  if (options.json) {
    PrintJson(response);
    return kOk;
  }
  const Table table({Left(16), Left(9), Left(9), Left(0)});
  table.Print({"ID", "CRITERIA", "SOURCE", "TITLE"});
  for (const auto& f : response.frameworks()) {
    int criteria = 0;
    for (const auto& s : f.standards()) criteria += s.criteria_size();
    table.Print(
        {f.id(), std::to_string(criteria), f.built_in() ? "built-in" : "imported", f.title()});
  }
  return kOk;
}

int RunFrameworkShow(Connection& c, const GlobalOptions& options, const std::string& id) {
  v1::GetFrameworkRequest request;
  request.set_id(id);
  v1::Framework f;
  if (grpc::Status s = c.frameworks().GetFramework(c.Context().get(), request, &f); !s.ok()) {
    return ReportRpcError("framework show", s);
  }
  if (options.json) {
    PrintJson(f);
    return kOk;
  }
  PrintFramework(f);
  return kOk;
}

int RunFrameworkImport(Connection& c, const GlobalOptions& options, const std::string& path) {
  v1::ImportFrameworkRequest request;
  if (!ReadWhole(path, request.mutable_json())) return ReportError("cannot read " + path, kLocalIo);
  v1::Framework f;
  if (grpc::Status s = c.frameworks().ImportFramework(c.Context().get(), request, &f); !s.ok()) {
    return ReportRpcError("framework import " + path, s);
  }
  if (options.json) {
    PrintJson(f);
  } else {
    std::printf("imported framework %s (%d standards)\n", f.id().c_str(), f.standards_size());
  }
  return kOk;
}

int RunPlanAdd(Connection& c, const GlobalOptions& options, TaskArgs args) {
  v1::AddTaskRequest request;
  *request.mutable_task() = args.task;
  request.mutable_task()->set_school(options.school);
  if (!args.status.empty()) {
    request.mutable_task()->set_status(ParseStatus(args.status));
    if (request.task().status() == v1::TASK_STATUS_UNSPECIFIED) {
      return ReportError("--status is planned, in-progress, done or dropped", kUsage);
    }
  }
  v1::PlanTask task;
  if (grpc::Status s = c.plan().AddTask(c.Context().get(), request, &task); !s.ok()) {
    return ReportRpcError("plan add", s);
  }
  return PrintTaskOr(options, task);
}

int RunPlanSet(Connection& c, const GlobalOptions& options, TaskArgs args) {
  v1::UpdateTaskRequest request;
  request.set_school(options.school);
  request.set_code(args.code);
  *request.mutable_task() = args.task;
  for (const auto& field : args.set) request.add_fields(field);
  if (!args.status.empty()) {
    request.mutable_task()->set_status(ParseStatus(args.status));
    if (request.task().status() == v1::TASK_STATUS_UNSPECIFIED) {
      return ReportError("--status is planned, in-progress, done or dropped", kUsage);
    }
    request.add_fields("status");
  }
  if (request.fields().empty())
    return ReportError("nothing to change: give a field to set", kUsage);
  v1::PlanTask task;
  if (grpc::Status s = c.plan().UpdateTask(c.Context().get(), request, &task); !s.ok()) {
    return ReportRpcError("plan set " + args.code, s);
  }
  return PrintTaskOr(options, task);
}

int RunPlanShow(Connection& c, const GlobalOptions& options, const std::string& code) {
  v1::GetTaskRequest request;
  request.set_school(options.school);
  request.set_code(code);
  v1::PlanTask task;
  if (grpc::Status s = c.plan().GetTask(c.Context().get(), request, &task); !s.ok()) {
    return ReportRpcError("plan show " + code, s);
  }
  return PrintTaskOr(options, task);
}

int RunPlanList(Connection& c, const GlobalOptions& options, const PlanListArgs& args) {
  v1::ListTasksRequest request;
  request.set_school(options.school);
  request.set_criterion(args.criterion);
  request.set_owner(args.owner);
  request.set_overdue(args.overdue);
  request.set_without_evidence(args.without_evidence);
  v1::ListTasksResponse response;
  if (grpc::Status s = c.plan().ListTasks(c.Context().get(), request, &response); !s.ok()) {
    return ReportRpcError("plan ls", s);
  }
  if (options.json) {
    PrintJson(response);
    return kOk;
  }
  const Table table({Left(9), Left(12), Left(8), Left(9), Left(0)});
  table.Print({"CODE", "STATUS", "DUE", "EVIDENCE", "CONTENT"});
  for (const auto& t : response.tasks()) {
    table.Print({t.code(), t.overdue() ? "OVERDUE" : StatusName(t.status()),
                 t.recurring() ? "yearly" : (t.due().empty() ? "-" : t.due()),
                 std::to_string(t.evidence_size()), Short(t.content(), 90)});
  }
  std::printf("%d task(s)\n", response.tasks_size());
  return kOk;
}

int RunPlanImport(Connection& c, const GlobalOptions& options, const std::string& path,
                  bool dry_run) {
  v1::ImportPlanRequest request;
  request.set_school(options.school);
  request.set_dry_run(dry_run);
  if (IsOfficeDocument(path)) {  // Word and Excel are read here; the server interprets
    if (int code = ReadDocumentTables("plan import", path, request.mutable_tables()); code != kOk) {
      return code;
    }
  } else if (!ReadWhole(path, request.mutable_text())) {
    return ReportError("cannot read " + path, kLocalIo);
  }
  v1::ImportPlanResponse response;
  if (grpc::Status s =
          c.plan().ImportPlan(c.Context(std::chrono::seconds(120)).get(), request, &response);
      !s.ok()) {
    return ReportRpcError("plan import " + path, s);
  }
  int refused = 0;
  for (const auto& p : response.problems()) refused += p.imported() ? 0 : 1;
  // Rows there were, none taken: an error, not a quiet "0 tasks".
  const bool none = response.tasks().empty() && refused > 0;
  std::string why;
  for (const auto& p : response.problems()) {
    if (!none || !why.empty() || p.imported()) continue;
    why = "plan import " + path + ": nothing imported: all " + std::to_string(refused) +
          " row(s) with plan text were refused (first: " + p.reason() + ")";
  }
  if (options.json) {
    PrintJson(response);
    return none ? ReportError(why, kRejected) : kOk;
  }
  for (const auto& p : response.problems()) {
    std::fprintf(stderr, "%s:%s%u: %s\n", path.c_str(),
                 p.source().empty() ? "" : (p.source() + ", row ").c_str(), p.line(),
                 p.reason().c_str());
  }
  if (none) return ReportError(why, kRejected);
  std::printf("%s %d task(s)%s:", response.imported() ? "imported" : "would import",
              response.tasks_size(), response.imported() ? "" : " (dry run)");
  for (const auto& s : response.summary()) std::printf(" %s:%u", s.criterion().c_str(), s.tasks());
  std::printf("\n%d row(s) not imported%s\n", refused,
              refused == 0 ? "" : " (listed above with their lines)");
  if (const int notes = response.problems_size() - refused; notes > 0)
    std::printf("%d remark(s) on imported rows (listed above)\n", notes);
  return kOk;
}

namespace {

// The flags of plan add and plan set: a plan task's fields, and which were given.
struct TaskFlags {
  TaskArgs args;
  int64_t budget = 0;
  // The arguments to run with: the budget goes into the task.
  TaskArgs Resolved() const {
    TaskArgs resolved = args;
    resolved.task.set_budget_vnd(budget);
    return resolved;
  }
};

void AddTaskFields(CLI::App& c, TaskFlags& flags) {
  TaskArgs& args = flags.args;
  v1::PlanTask& t = args.task;
  auto field = [&](const char* flag, std::string* target, const char* name, const char* help) {
    c.add_option(flag, *target, help)->each([&args, name](const std::string&) {
      args.set.push_back(name);
    });
  };
  field("--content", t.mutable_content(), "content", "what is to be done (Nội dung)");
  field("--solution", t.mutable_solution(), "solution", "how (Giải pháp thực hiện)");
  field("--owners", t.mutable_owners(), "owners", "who does it (Phân công thực hiện)");
  field("--time", t.mutable_time_text(), "time",
        "when, as written: \"9/2024\", \"Năm học 2024 - 2025 và các năm tiếp theo\"");
  field("--start", t.mutable_start(), "start", "start month, YYYY-MM");
  field("--due", t.mutable_due(), "due", "due month, YYYY-MM");
  field("--funding", t.mutable_funding(), "funding", "funding source (Ngân sách, Xã hội hóa, …)");
  field("--supervisor", t.mutable_supervisor(), "supervisor", "who supervises");
  field("--report", t.mutable_report(), "report", "when it is reported");
  c.add_option("--budget", flags.budget, "budget in VND")->each([&args](const std::string&) {
    args.set.push_back("budget");
  });
  c.add_option("--status", args.status, "planned, in-progress, done or dropped");
}

void AddPlanTaskCommands(Registry& registry) {
  auto add = std::make_shared<TaskFlags>();
  registry.Add({
      .path = "plan add",
      .help = "add a task",
      .school = SchoolFlag::kRequired,
      .flags =
          [add](CLI::App& c) {
            c.add_option("--criterion", *add->args.task.mutable_criterion(), "criterion, e.g. 1.1")
                ->required();
            AddTaskFields(c, *add);
          },
      .run = [add](Connection& c,
                   const GlobalOptions& o) { return RunPlanAdd(c, o, add->Resolved()); },
  });
  auto set = std::make_shared<TaskFlags>();
  registry.Add({
      .path = "plan set",
      .help = "change a task's fields",
      .school = SchoolFlag::kRequired,
      .flags =
          [set](CLI::App& c) {
            c.add_option("CODE", set->args.code, "task code, e.g. 1.1.02")->required();
            AddTaskFields(c, *set);
          },
      .run = [set](Connection& c,
                   const GlobalOptions& o) { return RunPlanSet(c, o, set->Resolved()); },
  });
  auto done = std::make_shared<TaskFlags>();
  registry.Add({
      .path = "plan done",
      .help = "mark a task done",
      .school = SchoolFlag::kRequired,
      .flags =
          [done](CLI::App& c) { c.add_option("CODE", done->args.code, "task code")->required(); },
      .run =
          [done](Connection& c, const GlobalOptions& o) {
            TaskArgs args = done->Resolved();
            args.status = "done";
            return RunPlanSet(c, o, args);
          },
  });
}

void AddPlanListCommand(Registry& registry) {
  auto args = std::make_shared<PlanListArgs>();
  registry.Add({
      .path = "plan ls",
      .help = "list tasks",
      .school = SchoolFlag::kRequired,
      .flags =
          [args](CLI::App& c) {
            c.add_option("--criterion", args->criterion, "only this criterion");
            c.add_option("--owner", args->owner, "only tasks whose owners mention this");
            c.add_flag("--overdue", args->overdue, "only tasks past their due month");
            c.add_flag("--without-evidence", args->without_evidence,
                       "only tasks no evidence names");
          },
      .run = [args](Connection& c, const GlobalOptions& o) { return RunPlanList(c, o, *args); },
  });
}

// The headers hosod recognises (storage/plan/plan_columns.h, kept in step).
constexpr const char* kPlanColumnsHelp =
    "A plan table starts at a header row with a Tiêu chí (or TT) column and a Nội dung column.\n"
    "Columns, by the words in their header (case and spaces do not matter):\n"
    "  criterion   Tiêu chí, Tiêu chuẩn/tiêu chí (TT, STT: the task's number)\n"
    "  content     Nội dung (kế hoạch, cải tiến, công việc…), Kế hoạch cải tiến, Hoạt động "
    "cải tiến\n"
    "  solution    Giải pháp, Biện pháp (thực hiện, khắc phục), Cách thức thực hiện\n"
    "  owners      Phân công thực hiện, Người phụ trách, Người thực hiện, Người chịu trách "
    "nhiệm,\n"
    "              Bộ phận thực hiện, Đơn vị thực hiện, Lực lượng thực hiện, Chủ trì, Trách "
    "nhiệm\n"
    "  time        Thời gian (thực hiện), Thời điểm, Tiến độ; Thời gian hoàn thành, Thời hạn: "
    "the due month\n"
    "  budget      Kinh phí (thực hiện), Dự kiến kinh phí, Dự toán, Chi phí: kept as written,\n"
    "              the amount read from 5.000.000 đ, 5 triệu, 2,5 triệu đồng, 1.200 nghìn\n"
    "  funding     Điều kiện thực hiện, Nguồn lực, Nguồn kinh phí (Ngân sách, Xã hội hóa, Tự "
    "túc…)\n"
    "  supervisor  Phân công giám sát, Người giám sát, Kiểm tra\n"
    "  report      Thời điểm báo cáo, Báo cáo\n"
    "  note        Ghi chú, Minh chứng, Điểm mạnh, Điểm yếu, Tồn tại, Hạn chế, Mục tiêu, Kết "
    "quả,\n"
    "              Sản phẩm, Chỉ số, Phối hợp, Mức: kept as \"Header: text\" in the task's note\n"
    "Any other column is reported by its header and its text kept in the note. A cell of\n"
    "numbered items 1. 2. … gives one task each; the other cells are matched item by item\n"
    "(one paragraph or number per item, row by row across page breaks), else each task keeps\n"
    "the whole text and the import says so.";

void AddPlanShowImportCommands(Registry& registry) {
  auto code = std::make_shared<std::string>();
  registry.Add({
      .path = "plan show",
      .help = "show a task and its evidence",
      .school = SchoolFlag::kRequired,
      .flags = [code](CLI::App& c) { c.add_option("CODE", *code, "task code")->required(); },
      .run = [code](Connection& c, const GlobalOptions& o) { return RunPlanShow(c, o, *code); },
  });
  struct ImportArgs {
    std::string path;
    bool dry_run = false;
  };
  auto import = std::make_shared<ImportArgs>();
  registry.Add({
      .path = "plan import",
      .help = "import the plan table of a Word or Excel file (.docx, .xlsx) or one exported "
              "as tab-separated text or CSV",
      .school = SchoolFlag::kRequired,
      .flags =
          [import](CLI::App& c) {
            c.add_option("FILE", import->path, "the plan: .docx, .xlsx, .tsv, .csv or .txt")
                ->required()
                ->check(CLI::ExistingFile);
            c.add_flag("--dry-run", import->dry_run, "read and report, store nothing");
            c.footer(kPlanColumnsHelp);
          },
      .run =
          [import](Connection& c, const GlobalOptions& o) {
            return RunPlanImport(c, o, import->path, import->dry_run);
          },
  });
}

}  // namespace

void AddFrameworkCommands(Registry& registry) {
  registry.AddGroup("framework", "accreditation frameworks (circular editions)");
  registry.Add({.path = "framework ls", .help = "list the frameworks", .run = RunFrameworkList});
  auto id = std::make_shared<std::string>();
  registry.Add({
      .path = "framework show",
      .help = "show a framework's criteria, their indicators per level and the level rules",
      .flags =
          [id](CLI::App& c) {
            c.add_option("ID", *id, "framework id, e.g. tt17-2018")->required();
          },
      .run = [id](Connection& c, const GlobalOptions& o) { return RunFrameworkShow(c, o, *id); },
  });
  auto path = std::make_shared<std::string>();
  registry.Add({
      .path = "framework import",
      .help = "load an edition from a JSON file (admin)",
      .flags =
          [path](CLI::App& c) {
            c.add_option("FILE", *path, "framework file (format in the README)")
                ->required()
                ->check(CLI::ExistingFile);
          },
      .run = [path](Connection& c,
                    const GlobalOptions& o) { return RunFrameworkImport(c, o, *path); },
  });
}

void AddPlanCommands(Registry& registry) {
  registry.AddGroup("plan", "the improvement plan (kế hoạch cải tiến chất lượng)");
  AddPlanTaskCommands(registry);
  AddPlanListCommand(registry);
  AddPlanShowImportCommands(registry);
}

}  // namespace hoso::cli
