#include "storage/bagit/bag_verifier.h"

#include <map>
#include <string>

#include "storage/bagit/bag_format.h"
#include "storage/base/cms.h"
#include "storage/base/sha256.h"

namespace hoso::cli {
namespace {

using storage::ParsedManifest;

const std::string* Find(const BagContents& bag, const std::string& name) {
  auto it = bag.tags.find(name);
  return it == bag.tags.end() ? nullptr : &it->second;
}

void Add(std::vector<std::string>& problems, const std::vector<std::string>& more) {
  problems.insert(problems.end(), more.begin(), more.end());
}

void CheckDeclaration(const BagContents& bag, VerifyReport& report) {
  const std::string* bagit = Find(bag, storage::kBagitFile);
  if (bagit == nullptr || bagit->find(storage::kBagitVersionLine) == std::string::npos) {
    report.problems.push_back("bagit.txt is missing or not BagIt 1.0");
  }
}

// Every file the manifest names is there with its hash, and nothing else is.
void CheckPayload(const BagContents& bag, const ParsedManifest& manifest, VerifyReport& report) {
  for (const auto& [file, hex] : manifest.files) {
    auto it = bag.payload.find(file);
    if (it == bag.payload.end()) {
      report.problems.push_back("missing file: " + file);
    } else if (it->second.sha256 != hex) {
      report.problems.push_back("altered file: " + file);
    }
  }
  for (const auto& [file, seen] : bag.payload) {
    report.files++;
    report.bytes += seen.size;
    if (!manifest.files.count(file)) {
      report.problems.push_back("extra file not in the manifest: " + file);
    }
  }
}

// REQUIRES: CheckPayload counted the payload.
void CheckOxum(const BagContents& bag, VerifyReport& report) {
  const std::string* info = Find(bag, storage::kBagInfoFile);
  const std::string oxum = storage::BagInfoField(info ? *info : "", storage::kPayloadOxum);
  const std::string actual = storage::PayloadOxum(report.bytes, report.files);
  if (oxum != actual) {
    report.problems.push_back("Payload-Oxum is " + (oxum.empty() ? std::string("missing") : oxum) +
                              " but the payload is " + actual);
  }
}

// The CMS signature over the tag manifest, against `ca_pem` when given.
void CheckSignature(const BagContents& bag, const std::string& tagmanifest,
                    const std::string& ca_pem, VerifyReport& report) {
  const std::string* signature = Find(bag, storage::kSignatureFile);
  if (signature == nullptr) {
    report.problems.push_back(
        "no signature (tagmanifest-sha256.txt.p7s): the dossier is not sealed");
    return;
  }
  auto check = VerifyDetached(*signature, tagmanifest, ca_pem);
  if (!check.ok()) {
    report.problems.push_back("bad signature: " + std::string(check.status().message()));
    return;
  }
  report.signer = check->signer;
  report.chain_checked = check->chain_checked;
}

// Every tag file the tag manifest names has its hash; then the signature.
void CheckTagManifest(const BagContents& bag, const std::string& ca_pem, VerifyReport& report) {
  const std::string* tagmanifest = Find(bag, storage::kTagManifest);
  if (tagmanifest == nullptr) {
    report.problems.push_back("tagmanifest-sha256.txt is missing");
    return;
  }
  const ParsedManifest tags = storage::ParseManifest(storage::kTagManifest, *tagmanifest);
  Add(report.problems, tags.problems);
  for (const auto& [file, hex] : tags.files) {
    const std::string* text = Find(bag, file);
    if (text == nullptr) {
      report.problems.push_back("missing tag file: " + file);
    } else if (ToHex(Sha256Of(*text)) != hex) {
      report.problems.push_back("altered tag file: " + file);
    }
  }
  CheckSignature(bag, *tagmanifest, ca_pem, report);
}

}  // namespace

VerifyReport VerifyBag(const std::string& path, const std::string& ca_pem,
                       const VerifyLimits& limits) {
  VerifyReport report;
  auto refuse = [&](const std::string& why) {
    report.problems.push_back(why);
    report.refused = true;
    return report;
  };
  absl::StatusOr<BagContents> bag = ReadBagArchive(path, limits);
  if (!bag.ok()) return refuse(std::string(bag.status().message()));

  CheckDeclaration(*bag, report);
  const std::string* manifest_text = Find(*bag, storage::kManifestFile);
  if (manifest_text == nullptr) return refuse("manifest-sha256.txt is missing");
  const ParsedManifest manifest = storage::ParseManifest(storage::kManifestFile, *manifest_text);
  Add(report.problems, manifest.problems);
  CheckPayload(*bag, manifest, report);
  CheckOxum(*bag, report);
  CheckTagManifest(*bag, ca_pem, report);
  report.verified = report.problems.empty();
  return report;
}

}  // namespace hoso::cli
