// hoso dossier …, hoso verify: the sealed dossier assessors receive.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "clients/app/commands.h"
#include "clients/app/exit_codes.h"
#include "clients/app/output.h"
#include "clients/app/table.h"
#include "clients/commands/command_groups.h"
#include "clients/transfer/receive_file.h"
#include "storage/bagit/bag_verifier.h"
#include "storage/base/cms.h"
#include "storage/base/portable_name.h"

namespace hoso::cli {
namespace {

void PrintDossier(const v1::Dossier& d) {
  std::printf("dossier %llu of %s: %s, %u item(s), %u file(s), %s\n",
              static_cast<unsigned long long>(d.id()), d.school().c_str(),
              d.state() == v1::DOSSIER_STATE_SEALED ? "sealed" : "draft", d.items(), d.files(),
              HumanBytes(d.bytes()).c_str());
  std::printf("  scope: %s\n", d.scope().c_str());
  if (d.assessment() != 0) {
    std::printf(
        "  self-assessment %llu inside: data/tu-danh-gia/ (report .html, .docx, data .json)\n",
        static_cast<unsigned long long>(d.assessment()));
  } else if (!d.assessment_note().empty()) {
    std::printf("  self-assessment not inside: %s\n", d.assessment_note().c_str());
  }
  if (d.state() == v1::DOSSIER_STATE_SEALED) {
    std::printf(
        "  signed by: %s\n  signer sha256: %s\n  zip sha256: %s\n  tar sha256: %s\n"
        "  (assessors check it with: hoso verify FILE --signer-sha256 %s)\n",
        d.signer().c_str(), d.signer_sha256().c_str(), d.zip_sha256().c_str(),
        d.tar_sha256().c_str(), d.signer_sha256().c_str());
  }
}

bool ParseYears(const std::string& years, std::string* first, std::string* last) {
  if (years.empty()) return true;
  const size_t dots = years.find("..");
  if (dots == std::string::npos) {
    *first = *last = years;
  } else {
    *first = years.substr(0, dots);
    *last = years.substr(dots + 2);
  }
  return !first->empty() || !last->empty();
}

}  // namespace

int RunDossierBuild(Connection& c, const GlobalOptions& options, const DossierArgs& args) {
  v1::BuildDossierRequest request;
  request.set_school(options.school);
  std::string first, last;
  if (!ParseYears(args.years, &first, &last)) {
    return ReportError("--years is YYYY-YYYY or YYYY-YYYY..YYYY-YYYY", kUsage);
  }
  request.set_first_year(first);
  request.set_last_year(last);
  for (int s : args.standards) request.add_standards(s);
  for (const auto& cr : args.criteria) request.add_criteria(cr);
  request.set_without_assessment(args.without_assessment);
  v1::Dossier d;
  if (grpc::Status s =
          c.dossiers().BuildDossier(c.Context(std::chrono::seconds(600)).get(), request, &d);
      !s.ok()) {
    return ReportRpcError("dossier build", s);
  }
  if (options.json) {
    PrintJson(d);
  } else {
    PrintDossier(d);
  }
  return kOk;
}

int RunDossierList(Connection& c, const GlobalOptions& options) {
  v1::ListDossiersRequest request;
  request.set_school(options.school);
  v1::ListDossiersResponse response;
  if (grpc::Status s = c.dossiers().ListDossiers(c.Context().get(), request, &response); !s.ok()) {
    return ReportRpcError("dossier ls", s);
  }
  if (options.json) {
    PrintJson(response);
    return kOk;
  }
  const Table table({Left(4), Left(7), Right(6), Right(6), Right(10), Left(64, "  "), Left(6, "  "),
                     Left(0, "  ")});
  table.Print({"ID", "STATE", "ITEMS", "FILES", "SIZE", "SIGNER SHA-256", "REPORT", "SCOPE"});
  for (const auto& d : response.dossiers()) {
    const bool sealed = d.state() == v1::DOSSIER_STATE_SEALED;
    // REPORT: the self-assessment (report and data) the version carries.
    table.Print({std::to_string(d.id()), sealed ? "sealed" : "draft", std::to_string(d.items()),
                 std::to_string(d.files()), HumanBytes(d.bytes()), sealed ? d.signer_sha256() : "-",
                 d.assessment() != 0 ? "yes" : "-", d.scope()});
  }
  return kOk;
}

int RunDossierSeal(Connection& c, const GlobalOptions& options, const DossierArgs& args) {
  v1::DossierRef ref;
  ref.set_school(options.school);
  ref.set_id(args.id);
  v1::TagManifest manifest;
  if (grpc::Status s = c.dossiers().GetTagManifest(c.Context().get(), ref, &manifest); !s.ok()) {
    return ReportRpcError("dossier seal", s);
  }
  // The private key is used here, on this machine, and never sent.
  auto signature = SignDetached(args.key, args.cert, manifest.data());
  if (!signature.ok()) return ReportError(std::string(signature.status().message()), kLocalIo);
  v1::SealDossierRequest request;
  request.set_school(options.school);
  request.set_id(args.id);
  request.set_signature(*signature);
  v1::Dossier d;
  if (grpc::Status s =
          c.dossiers().SealDossier(c.Context(std::chrono::seconds(3600)).get(), request, &d);
      !s.ok()) {
    return ReportRpcError("dossier seal", s);
  }
  if (options.json) {
    PrintJson(d);
  } else {
    PrintDossier(d);
  }
  return kOk;
}

int RunDossierDownload(Connection& c, const GlobalOptions& options, const DossierArgs& args) {
  v1::DownloadDossierRequest request;
  request.set_school(options.school);
  request.set_id(args.id);
  if (args.format == "tar") {
    request.set_format(v1::ARCHIVE_FORMAT_TAR);
  } else if (args.format != "zip") {
    return ReportError("--format is zip or tar", kUsage);
  }
  auto context = c.StreamContext();
  auto reader = c.dossiers().DownloadDossier(context.get(), request);
  uint64_t total = 0;
  if (int code = ReceiveFile(*context, *reader, args.output, "dossier download", &total);
      code != kOk) {
    return code;
  }
  std::fprintf(stderr, "wrote %s (%s)\n", args.output.c_str(), HumanBytes(total).c_str());
  return kOk;
}

namespace {

// A problem as the terminal may show it: names come from the archive, so
// control characters (escape sequences) and bidirectional controls are
// written out rather than obeyed.
std::string Printable(const std::string& problem) {
  std::string out;
  for (char c : text::EscapeBidiControls(problem)) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      char code[8];
      std::snprintf(code, sizeof code, "\\x%02X", u);
      out += code;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

// hoso verify's verdicts: VERIFIED (0) only when the signer is trusted;
// INTACT (9) when everything matches but nothing says who may sign;
// NOT VERIFIED (7) otherwise.
int RunVerify(const std::string& path, const std::string& ca_path, const std::string& pin) {
  TrustAnchors trust;
  if (!ca_path.empty()) {
    std::ifstream in(ca_path, std::ios::binary);
    if (!in) return ReportError("cannot read " + ca_path, kLocalIo);
    trust.ca_pem.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (!pin.empty()) {
    trust.signer_sha256 = NormalizeFingerprint(pin);
    if (trust.signer_sha256.empty()) {
      return ReportError("--signer-sha256 is the 64 hex digits `hoso dossier ls` shows", kUsage);
    }
  }
  const VerifyReport report = VerifyBag(path, trust);
  const std::string totals = std::to_string(report.files) + " file(s), " +
                             HumanBytes(report.bytes) + ", all match the signed manifests";
  if (report.verified) {
    std::printf("VERIFIED %s: %s\n", path.c_str(), totals.c_str());
    std::printf("signed by %s\nsigner certificate SHA-256 %s\n", report.signer.c_str(),
                report.signer_sha256.c_str());
    if (report.chain_checked) std::printf("certificate chain checked against the given CA\n");
    if (report.pin_checked) std::printf("signer certificate is the one given by --signer-sha256\n");
    return kOk;
  }
  if (report.intact) {
    std::printf("INTACT %s: %s; the signer is NOT checked\n", path.c_str(), totals.c_str());
    std::printf("signed by %s\nsigner certificate SHA-256 %s\n", report.signer.c_str(),
                report.signer_sha256.c_str());
    std::printf(
        "anyone can make such a signature: give --ca CA.pem, or --signer-sha256 with the "
        "fingerprint the school gave you (hoso dossier ls), to check who signed\n");
    return kUntrusted;
  }
  std::printf("NOT VERIFIED %s: %zu problem(s)%s\n", path.c_str(),
              report.problems.size() + static_cast<size_t>(report.unlisted_problems),
              report.refused ? " (archive refused)" : "");
  for (const auto& problem : report.problems) {
    std::printf("  - %s\n", Printable(problem).c_str());
  }
  if (report.unlisted_problems > 0) {
    std::printf("  … and %llu more\n", static_cast<unsigned long long>(report.unlisted_problems));
  }
  if (!report.signer.empty()) std::printf("signature by %s holds\n", report.signer.c_str());
  return kCorrupt;
}

void AddDossierCommands(Registry& registry) {
  registry.AddGroup("dossier", "the dossier (hồ sơ) assessors receive");
  auto build = std::make_shared<DossierArgs>();
  registry.Add({
      .path = "dossier build",
      .help = "snapshot the evidence into a new version",
      .school = SchoolFlag::kRequired,
      .flags =
          [build](CLI::App& c) {
            c.add_option("--years", build->years, "school years, e.g. 2020-2021..2024-2025");
            c.add_option("--standard", build->standards, "only this standard (repeatable)");
            c.add_option("--criterion", build->criteria, "only this criterion (repeatable)");
            c.add_flag("--without-assessment", build->without_assessment,
                       "leave the approved self-assessment (report and data) out");
          },
      .run = [build](Connection& c,
                     const GlobalOptions& o) { return RunDossierBuild(c, o, *build); },
  });
  registry.Add({.path = "dossier ls",
                .help = "list the versions",
                .school = SchoolFlag::kRequired,
                .run = RunDossierList});
  auto seal = std::make_shared<DossierArgs>();
  registry.Add({
      .path = "dossier seal",
      .help = "sign the version with the principal's key (the key never leaves this machine)",
      .school = SchoolFlag::kRequired,
      .flags =
          [seal](CLI::App& c) {
            c.add_option("ID", seal->id, "dossier id")->required();
            c.add_option("--key", seal->key, "private key, PEM")
                ->required()
                ->check(CLI::ExistingFile);
            c.add_option("--cert", seal->cert, "certificate, PEM")
                ->required()
                ->check(CLI::ExistingFile);
          },
      .run = [seal](Connection& c, const GlobalOptions& o) { return RunDossierSeal(c, o, *seal); },
  });
  auto download = std::make_shared<DossierArgs>();
  registry.Add({
      .path = "dossier download",
      .help = "download a version as one archive",
      .school = SchoolFlag::kRequired,
      .flags =
          [download](CLI::App& c) {
            c.add_option("ID", download->id, "dossier id")->required();
            c.add_option("-o,--output", download->output, "file to write")->required();
            c.add_option("--format", download->format, "zip or tar")->capture_default_str();
          },
      .run = [download](Connection& c,
                        const GlobalOptions& o) { return RunDossierDownload(c, o, *download); },
  });
}

void AddVerifyCommand(Registry& registry) {
  struct VerifyArgs {
    std::string path, ca, signer_sha256;
  };
  auto args = std::make_shared<VerifyArgs>();
  registry.Add({
      .path = "verify",
      .help = "check a dossier archive offline (no server needed)",
      .flags =
          [args](CLI::App& c) {
            c.add_option("FILE", args->path, "the .zip or .tar")
                ->required()
                ->check(CLI::ExistingFile);
            c.add_option("--ca", args->ca, "CA certificate(s), PEM, to check the signer against")
                ->check(CLI::ExistingFile);
            c.add_option("--signer-sha256", args->signer_sha256,
                         "the signer certificate's SHA-256 (from hoso dossier ls) to trust");
          },
      .run_offline =
          [args](const GlobalOptions&) {
            return RunVerify(args->path, args->ca, args->signer_sha256);
          },
  });
}

}  // namespace hoso::cli
