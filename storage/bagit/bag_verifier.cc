#include "storage/bagit/bag_verifier.h"

#include <map>
#include <string>

#include "storage/bagit/bag_assessment.h"
#include "storage/bagit/bag_format.h"
#include "storage/base/cms.h"
#include "storage/base/sha256.h"

namespace hoso::cli {
namespace {

using storage::ParsedManifest;

// The report's problem list, capped so a bag of a million extra files does
// not print a million lines.
class Problems {
 public:
  explicit Problems(VerifyReport& report) : report_(report) {}
  void Add(const std::string& problem) {
    if (report_.problems.size() < kMaxListedProblems) {
      report_.problems.push_back(problem);
    } else {
      report_.unlisted_problems++;
    }
  }
  void Add(const std::vector<std::string>& more) {
    for (const std::string& p : more) Add(p);
  }
  bool any() const { return !report_.problems.empty(); }

 private:
  VerifyReport& report_;
};

const std::string* FindTag(const BagContents& bag, const std::string& name) {
  auto it = bag.tags.find(name);
  return it == bag.tags.end() ? nullptr : &it->second;
}

bool IsPayload(const std::string& path) { return path.rfind(storage::kPayloadDir, 0) == 0; }

void CheckDeclaration(const BagContents& bag, Problems& problems) {
  const std::string* bagit = FindTag(bag, storage::kBagitFile);
  bool declared = false;
  const std::string_view text = bagit != nullptr ? std::string_view(*bagit) : "";
  for (std::string_view line : storage::TagFileLines(text)) {
    declared = declared || line == storage::kBagitVersionLine;
  }
  if (!declared) problems.Add("bagit.txt is missing or not BagIt 1.0");
}

// Every file the manifest names is there with its hash.
void CheckPayload(BagContents& bag, const ParsedManifest& manifest, Problems& problems) {
  for (const auto& [file, hex] : manifest.files) {
    if (!IsPayload(file)) {
      problems.Add("manifest-sha256.txt lists " + file + ", which is not under data/");
      continue;
    }
    auto it = bag.files.find(file);
    if (it == bag.files.end()) {
      problems.Add("missing file: " + file);
      continue;
    }
    it->second.covered = true;
    if (ToHex(it->second.sha256) != hex) problems.Add("altered file: " + file);
  }
}

// Every code the self-assessment cites (data/tu-danh-gia/danh-gia.json) has
// its files in the bag: listed in the manifest and present. Assessors follow
// the report's citations to the evidence; a citation leading nowhere is a
// problem even when the manifests agree with the files.
void CheckCitedCodes(const BagContents& bag, const ParsedManifest& manifest, Problems& problems) {
  if (!bag.assessment_json) return;
  auto assessment = storage::ParseBagAssessment(*bag.assessment_json);
  if (!assessment.ok()) {
    problems.Add(std::string(assessment.status().message()));
    return;
  }
  struct Cited {
    std::string criteria;  // "1.1, 2.3"
    std::string missing;   // why its evidence is not in the bag; "" when it is
    int more = 0;          // further files missing
  };
  std::vector<std::string> order;  // codes in order of first citation
  std::map<std::string, Cited> cited;
  for (const storage::bag::BagCriterion& criterion : assessment->criteria()) {
    for (const storage::bag::BagCitation& citation : criterion.citations()) {
      auto [it, added] = cited.try_emplace(citation.code());
      if (added) order.push_back(citation.code());
      Cited& c = it->second;
      c.criteria += (c.criteria.empty() ? "" : ", ") + criterion.criterion();
      if (citation.files().empty() && c.missing.empty()) c.missing = "no file of it is named";
      for (const std::string& file : citation.files()) {
        std::string why;
        if (!manifest.files.count(file)) {
          why = file + " is not in manifest-sha256.txt";
        } else if (!bag.files.count(file)) {
          why = file + " is missing";
        }
        if (why.empty()) continue;
        if (c.missing.empty()) {
          c.missing = why;
        } else if (c.missing != why) {
          c.more++;
        }
      }
    }
  }
  for (const std::string& code : order) {
    const Cited& c = cited[code];
    if (c.missing.empty()) continue;
    problems.Add("the self-assessment cites " + code + " (criterion " + c.criteria +
                 ") but its evidence is not in the bag: " + c.missing +
                 (c.more ? " (and " + std::to_string(c.more) + " more file(s))" : ""));
  }
}

// Every tag file the tag manifest names has its hash.
void CheckTagFiles(BagContents& bag, const ParsedManifest& tags, Problems& problems) {
  for (const auto& [file, hex] : tags.files) {
    if (IsPayload(file)) {
      problems.Add("tagmanifest-sha256.txt lists the payload file " + file);
      continue;
    }
    std::string actual;
    if (const std::string* text = FindTag(bag, file)) {
      actual = ToHex(Sha256Of(*text));
    } else if (auto it = bag.files.find(file); it != bag.files.end()) {
      it->second.covered = true;
      actual = ToHex(it->second.sha256);
    } else {
      problems.Add("missing tag file: " + file);
      continue;
    }
    if (actual != hex) problems.Add("altered tag file: " + file);
  }
  // The tag files read whole must be signed too, but for the signature's own.
  for (const auto& [file, text] : bag.tags) {
    const bool own = file == storage::kTagManifest || file == storage::kSignatureFile ||
                     file == storage::kSignerCertFile;
    if (!own && !tags.files.count(file)) {
      problems.Add("file not covered by the signature: " + file);
    }
  }
}

// What no signed manifest lists is named: it could be anything, put there
// by anyone. Also counts the payload.
void CheckUncovered(const BagContents& bag, VerifyReport& report, Problems& problems) {
  for (const auto& [file, seen] : bag.files) {
    if (IsPayload(file)) {
      report.files++;
      report.bytes += seen.size;
    }
    if (seen.covered) continue;
    if (IsPayload(file)) {
      problems.Add("extra file not in the manifest: " + file);
    } else if (file == "fetch.txt") {
      problems.Add(
          "file not covered by the signature: fetch.txt (it would fetch files from "
          "elsewhere)");
    } else {
      problems.Add("file not covered by the signature: " + file);
    }
  }
}

// REQUIRES: CheckUncovered counted the payload.
void CheckOxum(const BagContents& bag, const VerifyReport& report, Problems& problems) {
  const std::string* info = FindTag(bag, storage::kBagInfoFile);
  const std::string oxum = storage::BagInfoField(info ? *info : "", storage::kPayloadOxum);
  const std::string actual = storage::PayloadOxum(report.bytes, report.files);
  if (oxum != actual) {
    problems.Add("Payload-Oxum is " + (oxum.empty() ? std::string("missing") : oxum) +
                 " but the payload is " + actual);
  }
}

// The CMS signature over the tag manifest, its certificate file, and
// whether the signer is one `trust` names.
void CheckSignature(const BagContents& bag, const std::string& tagmanifest,
                    const TrustAnchors& trust, VerifyReport& report, Problems& problems) {
  const std::string* signature = FindTag(bag, storage::kSignatureFile);
  if (signature == nullptr) {
    problems.Add("no signature (tagmanifest-sha256.txt.p7s): the dossier is not sealed");
    return;
  }
  auto check = VerifyDetached(*signature, tagmanifest, trust.ca_pem);
  if (!check.ok()) {
    problems.Add("bad signature: " + std::string(check.status().message()));
    return;
  }
  report.signer = check->signer;
  report.signer_sha256 = check->signer_sha256;
  report.chain_checked = check->chain_checked;
  if (const std::string* pem = FindTag(bag, storage::kSignerCertFile)) {
    auto file = CertificateSha256(*pem);
    if (!file.ok() || *file != check->signer_sha256) {
      problems.Add("signer-cert.pem is not the certificate that made the signature");
    }
  }
  if (!trust.signer_sha256.empty()) {
    if (check->signer_sha256 == trust.signer_sha256) {
      report.pin_checked = true;
    } else {
      problems.Add("the signer's certificate SHA-256 is " + check->signer_sha256 +
                   ", not the expected " + trust.signer_sha256);
    }
  }
}

// The tag manifest's lines and files; then the signature.
void CheckTagManifest(BagContents& bag, const TrustAnchors& trust, VerifyReport& report,
                      Problems& problems) {
  const std::string* tagmanifest = FindTag(bag, storage::kTagManifest);
  if (tagmanifest == nullptr) {
    problems.Add("tagmanifest-sha256.txt is missing");
    return;
  }
  const ParsedManifest tags = storage::ParseManifest(storage::kTagManifest, *tagmanifest);
  problems.Add(tags.problems);
  CheckTagFiles(bag, tags, problems);
  CheckSignature(bag, *tagmanifest, trust, report, problems);
}

}  // namespace

VerifyReport VerifyBag(const std::string& path, const TrustAnchors& trust,
                       const VerifyLimits& limits) {
  VerifyReport report;
  Problems problems(report);
  auto refuse = [&](const std::string& why) {
    problems.Add(why);
    report.refused = true;
    return report;
  };
  absl::StatusOr<BagContents> bag = ReadBagArchive(path, limits);
  if (!bag.ok()) return refuse(std::string(bag.status().message()));

  CheckDeclaration(*bag, problems);
  const std::string* manifest_text = FindTag(*bag, storage::kManifestFile);
  if (manifest_text == nullptr) return refuse("manifest-sha256.txt is missing");
  const ParsedManifest manifest = storage::ParseManifest(storage::kManifestFile, *manifest_text);
  problems.Add(manifest.problems);
  CheckPayload(*bag, manifest, problems);
  CheckCitedCodes(*bag, manifest, problems);
  CheckTagManifest(*bag, trust, report, problems);
  CheckUncovered(*bag, report, problems);
  CheckOxum(*bag, report, problems);
  report.intact = !problems.any();
  const bool anchored = !trust.ca_pem.empty() || !trust.signer_sha256.empty();
  report.verified = report.intact && anchored;
  return report;
}

}  // namespace hoso::cli
