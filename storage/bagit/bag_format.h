#ifndef HOSO_STORAGE_BAGIT_BAG_FORMAT_H_
#define HOSO_STORAGE_BAGIT_BAG_FORMAT_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace hoso::storage {

// The one definition of hoso's BagIt 1.0 bags (RFC 8493): what the server
// writes (bag.h) and the offline verifier reads (bag_verifier.h).

// The tag files, at the top of the bag.
inline constexpr char kBagitFile[] = "bagit.txt";
inline constexpr char kBagInfoFile[] = "bag-info.txt";
inline constexpr char kManifestFile[] = "manifest-sha256.txt";
inline constexpr char kTagManifest[] = "tagmanifest-sha256.txt";
inline constexpr char kSignatureFile[] = "tagmanifest-sha256.txt.p7s";
inline constexpr char kSignerCertFile[] = "signer-cert.pem";
// The chain of custody: the audit entries of every item in the payload.
inline constexpr char kCustodyFile[] = "custody.tsv";
// Payload files are under this directory.
inline constexpr char kPayloadDir[] = "data/";

// bagit.txt's whole text, and the line of it a reader requires.
inline constexpr char kBagitDeclaration[] =
    "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
inline constexpr char kBagitVersionLine[] = "BagIt-Version: 1.0";

// bag-info.txt labels.
inline constexpr char kPayloadOxum[] = "Payload-Oxum";

// Paths in a manifest escape CR, LF and % (RFC 8493 §2.1.3) ...
std::string ManifestPath(std::string_view path);
// ... and readers undo exactly that (%0A, %0D, %25 in either case; anything
// else stays).
std::string UnescapeManifestPath(std::string_view escaped);

// "<64 hex digits>  <escaped path>\n": one line of a manifest or tag manifest.
std::string ManifestLine(std::string_view sha256_hex, std::string_view path);

// The lines of a tag file as RFC 8493 allows them to end: LF, CRLF or CR.
std::vector<std::string_view> TagFileLines(std::string_view text);

// A manifest read back as RFC 8493 §2.1.3 has it: "<hex> <whitespace> <path>"
// lines ending in LF, CRLF or CR; hex in either case. Paths are unescaped
// and in NFC (a bag re-zipped on a Mac has NFD names), hashes in lower case.
// Problems: "<name> line <n> is malformed", and a path listed twice (the
// RFC allows one line per file; which hash would count?). Empty lines are
// skipped.
struct ParsedManifest {
  std::map<std::string, std::string> files;
  std::vector<std::string> problems;
};
ParsedManifest ParseManifest(std::string_view name, std::string_view text);

// "<bytes>.<files>": the Payload-Oxum of a payload.
std::string PayloadOxum(uint64_t bytes, uint64_t files);
// The value of the first "Label: value" line in bag-info.txt's text (label
// matched regardless of case, any line ending); "" when absent.
std::string BagInfoField(const std::string& info, std::string_view label);

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_BAGIT_BAG_FORMAT_H_
