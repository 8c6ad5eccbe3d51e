#ifndef HOSO_STORAGE_INDEX_KEYS_H_
#define HOSO_STORAGE_INDEX_KEYS_H_

// Key layout of the index column family. One letter and a slash name the
// record kind; integers are big-endian so keys sort numerically.
//   s/<school code>                 SchoolRecord
//   e/<school code>/<id:8>          EvidenceRecord
//   c/<sha256:32>                   ContentRecord
//   u/<user>/<upload id>            UploadSessionRecord (an unfinished upload, its owner's;
//                                   user empty: the server's own). Written before 2026-12 as
//                                   u/<sha256:32>: expired at the next start.
//   h/<school code>/<sha256:32>     the school holds this content (empty value): it references
//                                   it or one of its users uploaded the bytes for it
//   o/<user>/<sha256:32>            the user uploaded these bytes (empty value): possession
//   z/<school code>/<size:8><sha256:32>  the same holding by size (a probe for likely duplicates)
//   Z/<user>/<size:8><sha256:32>    the same for the user's uploads
//   q/<sha256:32>                   QuarantineRecord (content fsck --repair set aside)
//   t/<sha256(token):32>            TokenRecord
//   k/<school code>/<code>          evidence id (uint64) by normalised code
//   p/<school code>/<task code>     TaskRecord
//   d/<school code>/<id:8>          DossierRecord
//   f/<framework id>                Framework (imported ones)
//   A/<school code>/<id:8>          AssessmentRecord (a self-assessment over a span of years)
//   j/<school code>/<id:8>/<criterion>/<revision:4>  CriterionAssessmentRecord: one revision
//                                   of a criterion's judgement ("1.1", "M4"); never overwritten
//                                   but for its review state
//   U/<user name>                   UserRecord
//   P/<user name>                   PasswordRecord (Argon2id hash)
//   L/<sha256(code):32>             LoginCodeRecord (one-time login code)
//   a/<seq:8>                       AuditRecord (the hash chain)
//   x/<school code>/<id:8>/<seq:8>  audit entries of an evidence item (empty)
//   m/<name>                        counters (uint64, big-endian); m/audit_head
//                                   holds <seq:8><hash:32> of the last entry;
//                                   m/content_backend where the bytes are (content_backend.h),
//                                   m/migration_batch the pointers a migration batch replaces
// The chunk column family holds <location:8><index:4> -> bytes.
// This file is the only place that spells these prefixes.

#include <cstdint>
#include <string>
#include <string_view>

namespace hoso::storage::keys {

inline void AppendBigEndian(std::string& out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

inline uint64_t ReadBigEndian(std::string_view in) {
  uint64_t v = 0;
  for (unsigned char c : in) v = v << 8 | c;
  return v;
}

// The 8-byte big-endian form of counters and of the ids under k/.
inline std::string EncodeUint64(uint64_t v) {
  std::string out;
  AppendBigEndian(out, v, 8);
  return out;
}

// `key` for a message: printable ASCII as it is, other bytes as \xNN.
inline std::string Printable(std::string_view key) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : key) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'\\', 'x', kHex[c >> 4], kHex[c & 0xf]};
    }
  }
  return out;
}

inline constexpr std::string_view kSchoolPrefix = "s/";
inline constexpr std::string_view kEvidencePrefix = "e/";
inline constexpr std::string_view kContentPrefix = "c/";
inline constexpr std::string_view kUploadPrefix = "u/";
inline constexpr std::string_view kSchoolHoldingPrefix = "h/";
inline constexpr std::string_view kUserHoldingPrefix = "o/";
inline constexpr std::string_view kSchoolSizePrefix = "z/";
inline constexpr std::string_view kUserSizePrefix = "Z/";
inline constexpr std::string_view kQuarantinePrefix = "q/";
inline constexpr std::string_view kTokenPrefix = "t/";
inline constexpr std::string_view kCodeIndexPrefix = "k/";
inline constexpr std::string_view kTaskPrefix = "p/";
inline constexpr std::string_view kDossierPrefix = "d/";
inline constexpr std::string_view kFrameworkPrefix = "f/";
inline constexpr std::string_view kAssessmentPrefix = "A/";
inline constexpr std::string_view kCriterionAssessmentPrefix = "j/";
inline constexpr std::string_view kUserPrefix = "U/";
inline constexpr std::string_view kPasswordPrefix = "P/";
inline constexpr std::string_view kLoginCodePrefix = "L/";
inline constexpr std::string_view kAuditPrefix = "a/";
inline constexpr std::string_view kAuditByItemPrefix = "x/";
inline constexpr std::string_view kCounterPrefix = "m/";

// `prefix` followed by `rest`.
inline std::string Join(std::string_view prefix, std::string_view rest) {
  std::string k;
  k.reserve(prefix.size() + rest.size());
  k.append(prefix);
  k.append(rest);
  return k;
}

// `prefix`, `school` and a slash: the keys of one school's records.
inline std::string SchoolScoped(std::string_view prefix, std::string_view school) {
  std::string k = Join(prefix, school);
  k.push_back('/');
  return k;
}

inline std::string School(std::string_view code) { return Join(kSchoolPrefix, code); }
inline std::string EvidencePrefix(std::string_view school) {
  return SchoolScoped(kEvidencePrefix, school);
}
inline std::string Evidence(std::string_view school, uint64_t id) {
  std::string k = EvidencePrefix(school);
  AppendBigEndian(k, id, 8);
  return k;
}
inline std::string Content(std::string_view sha_bytes) { return Join(kContentPrefix, sha_bytes); }
inline std::string Quarantine(std::string_view sha_bytes) {
  return Join(kQuarantinePrefix, sha_bytes);
}
// The upload sessions of one user, and one of them.
inline std::string UploadsOf(std::string_view user) { return SchoolScoped(kUploadPrefix, user); }
inline std::string Upload(std::string_view user, std::string_view upload_id) {
  return UploadsOf(user) + std::string(upload_id);
}
inline std::string SchoolHolding(std::string_view school, std::string_view sha_bytes) {
  return SchoolScoped(kSchoolHoldingPrefix, school) + std::string(sha_bytes);
}
inline std::string UserHolding(std::string_view user, std::string_view sha_bytes) {
  return SchoolScoped(kUserHoldingPrefix, user) + std::string(sha_bytes);
}
// Holdings by size: `prefix` is kSchoolSizePrefix or kUserSizePrefix, `owner` the school or user.
inline std::string HeldSizePrefix(std::string_view prefix, std::string_view owner, uint64_t size) {
  std::string k = SchoolScoped(prefix, owner);
  AppendBigEndian(k, size, 8);
  return k;
}
inline std::string HeldSize(std::string_view prefix, std::string_view owner, uint64_t size,
                            std::string_view sha_bytes) {
  return HeldSizePrefix(prefix, owner, size) + std::string(sha_bytes);
}
inline std::string Token(std::string_view hash_bytes) { return Join(kTokenPrefix, hash_bytes); }
inline std::string Counter(std::string_view name) { return Join(kCounterPrefix, name); }
inline std::string TaskPrefix(std::string_view school) { return SchoolScoped(kTaskPrefix, school); }
inline std::string Task(std::string_view school, std::string_view code) {
  return TaskPrefix(school) + std::string(code);
}
inline std::string CodeIndex(std::string_view school, std::string_view normalized_code) {
  return SchoolScoped(kCodeIndexPrefix, school) + std::string(normalized_code);
}
inline std::string DossierPrefix(std::string_view school) {
  return SchoolScoped(kDossierPrefix, school);
}
inline std::string Dossier(std::string_view school, uint64_t id) {
  std::string k = DossierPrefix(school);
  AppendBigEndian(k, id, 8);
  return k;
}
inline std::string AssessmentPrefix(std::string_view school) {
  return SchoolScoped(kAssessmentPrefix, school);
}
inline std::string Assessment(std::string_view school, uint64_t id) {
  std::string k = AssessmentPrefix(school);
  AppendBigEndian(k, id, 8);
  return k;
}
// Every revision of every criterion of one assessment.
inline std::string CriterionAssessmentsOf(std::string_view school, uint64_t assessment) {
  std::string k = SchoolScoped(kCriterionAssessmentPrefix, school);
  AppendBigEndian(k, assessment, 8);
  k.push_back('/');
  return k;
}
// The revisions of one criterion (the slash keeps "1.1" apart from "1.10").
inline std::string CriterionRevisionsOf(std::string_view school, uint64_t assessment,
                                        std::string_view criterion) {
  std::string k = CriterionAssessmentsOf(school, assessment) + std::string(criterion);
  k.push_back('/');
  return k;
}
inline std::string CriterionRevision(std::string_view school, uint64_t assessment,
                                     std::string_view criterion, uint32_t revision) {
  std::string k = CriterionRevisionsOf(school, assessment, criterion);
  AppendBigEndian(k, revision, 4);
  return k;
}
inline std::string Framework(std::string_view id) { return Join(kFrameworkPrefix, id); }
inline std::string User(std::string_view name) { return Join(kUserPrefix, name); }
inline std::string Password(std::string_view user) { return Join(kPasswordPrefix, user); }
inline std::string LoginCode(std::string_view hash_bytes) {
  return Join(kLoginCodePrefix, hash_bytes);
}

// Counters: the last number handed out.
inline std::string EvidenceIdCounter() { return Counter("evidence_id"); }
inline std::string SeqCounter(std::string_view school, std::string_view criterion) {
  return Counter("seq/" + std::string(school) + "/" + std::string(criterion));
}
inline std::string TaskCounter(std::string_view school, std::string_view criterion) {
  return Counter("task/" + std::string(school) + "/" + std::string(criterion));
}
inline std::string DossierCounter(std::string_view school) {
  return Counter("dossier/" + std::string(school));
}
inline std::string AssessmentCounter(std::string_view school) {
  return Counter("assessment/" + std::string(school));
}

inline std::string Audit(uint64_t seq) {
  std::string k(kAuditPrefix);
  AppendBigEndian(k, seq, 8);
  return k;
}
inline std::string AuditByItemPrefix(std::string_view school, uint64_t id) {
  std::string k = SchoolScoped(kAuditByItemPrefix, school);
  AppendBigEndian(k, id, 8);
  k.push_back('/');
  return k;
}
inline std::string AuditByItem(std::string_view school, uint64_t id, uint64_t seq) {
  std::string k = AuditByItemPrefix(school, id);
  AppendBigEndian(k, seq, 8);
  return k;
}
inline std::string AuditHead() { return Counter("audit_head"); }
inline std::string ContentBackend() { return Counter("content_backend"); }
inline std::string MigrationBatch() { return Counter("migration_batch"); }

inline std::string Chunk(uint64_t location, uint32_t index) {
  std::string k;
  AppendBigEndian(k, location, 8);
  AppendBigEndian(k, index, 4);
  return k;
}
inline std::string ChunkLocationStart(uint64_t location) { return Chunk(location, 0); }
// Exclusive end of a location's chunks; location + 1 never overflows in use
// because locations are random values below 2^63.
inline std::string ChunkLocationEnd(uint64_t location) { return Chunk(location + 1, 0); }
// The location and the index a chunk key names.
inline uint64_t ChunkKeyLocation(std::string_view key) { return ReadBigEndian(key.substr(0, 8)); }
inline uint32_t ChunkKeyIndex(std::string_view key) {
  return static_cast<uint32_t>(ReadBigEndian(key.substr(8, 4)));
}

}  // namespace hoso::storage::keys

#endif  // HOSO_STORAGE_INDEX_KEYS_H_
