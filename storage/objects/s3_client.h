#ifndef HOSO_STORAGE_OBJECTS_S3_CLIENT_H_
#define HOSO_STORAGE_OBJECTS_S3_CLIENT_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/base/sha256.h"
#include "storage/objects/s3_target.h"

namespace hoso::storage {

using Md5Digest = std::array<uint8_t, 16>;
Md5Digest Md5Of(std::string_view data);

struct S3ClientOptions {
  // A store that does not accept the connection, or sends nothing for this
  // long, is down (Unavailable).
  int connect_timeout_seconds = 5;
  int request_timeout_seconds = 30;
  // Idempotent requests that met a store down or busy (connection refused,
  // timeout, 5xx, 503 SlowDown) are tried this many more times, with backoff.
  int retries = 3;
};

struct S3ObjectInfo {
  uint64_t size = 0;
  std::string etag;
  std::string last_modified;  // as the store wrote it (RFC 1123 or ISO 8601)
};

struct S3ListedObject {
  std::string key;  // the whole name, prefix included
  uint64_t size = 0;
  std::string last_modified;  // ISO 8601, "2026-12-02T01:20:00.000Z"
};

struct S3ObjectVersion {
  std::string version_id;
  bool delete_marker = false;
};

struct S3ListPage {
  std::vector<S3ListedObject> objects;
  std::string next_continuation_token;  // empty: the last page
};

// One bucket of an S3 service, spoken to over libcurl with its own SigV4
// signing (CURLOPT_AWS_SIGV4). Every request carries x-amz-content-sha256
// (the payload's hash, which radosgw checks) and bodies carry Content-MD5.
// Connections are kept in a pool of curl handles and reused. Errors are
// statuses with a person's message (never a key) and a reason:
// Unavailable (object_store_unavailable: refused, timed out, 5xx),
// PermissionDenied (object_store_denied: 403), NotFound (404),
// DataLoss (the store refused a body that does not match its hashes),
// FailedPrecondition (412: If-None-Match met an object already there).
// Keys are object names within the bucket, the target's prefix NOT added.
// Thread-safe.
class S3Client {
 public:
  S3Client(S3Target target, S3Credentials credentials, S3ClientOptions options = {});
  ~S3Client();
  S3Client(const S3Client&) = delete;
  S3Client& operator=(const S3Client&) = delete;

  // `sha256` (signed as x-amz-content-sha256) and `md5` (Content-MD5, when
  // given) are what the body is declared to hash to; the store refuses a
  // body that does not (DataLoss). With `if_none_match` an object already
  // under `key` is kept and FailedPrecondition returned.
  absl::Status PutObject(std::string_view key, std::string_view body, const Sha256Digest& sha256,
                         const std::optional<Md5Digest>& md5, bool if_none_match);
  // The bytes [first, last] of the object with `range`, all without.
  absl::StatusOr<std::string> GetObject(std::string_view key,
                                        std::optional<std::pair<uint64_t, uint64_t>> range = {});
  absl::StatusOr<S3ObjectInfo> HeadObject(std::string_view key);
  // OK when the object is gone, also when it was never there.
  absl::Status DeleteObject(std::string_view key);
  // Any number of keys, 1000 per request; the first key the store could not
  // delete fails the call.
  absl::Status DeleteObjects(const std::vector<std::string>& keys);
  // One page of the names starting with `prefix`, in name order.
  absl::StatusOr<S3ListPage> ListObjectsV2(std::string_view prefix,
                                           std::string_view continuation_token = "",
                                           int max_keys = 1000);
  // The versions a versioned bucket keeps of exactly `key` (deleting an
  // object there only adds a delete marker), newest first.
  absl::StatusOr<std::vector<S3ObjectVersion>> ListObjectVersions(std::string_view key);
  // Removes one version for good (or one delete marker: the version below
  // it becomes the object again).
  absl::Status DeleteObjectVersion(std::string_view key, std::string_view version_id);
  // Brings back an object that was deleted from a versioned bucket by
  // removing the delete markers that hide its last version: true when it is
  // there again, false when the bucket keeps no version of it.
  absl::StatusOr<bool> RestoreDeletedObject(std::string_view key);
  // OK when the bucket exists already and is ours.
  absl::Status CreateBucket();
  absl::Status PutBucketVersioning(bool enabled);
  // The bucket's lifecycle: versions under `prefix` that stopped being
  // current (an object deleted or replaced) are expired after `days`
  // (radosgw's lifecycle thread does it). Replaces any rules the bucket had.
  absl::Status PutNoncurrentVersionExpiration(std::string_view prefix, int days);
  // The days of that rule for `prefix`; 0 when the bucket has no such rule.
  absl::StatusOr<int> NoncurrentVersionExpirationDays(std::string_view prefix);
  // Whether the bucket answers; `timeout_seconds` > 0 overrides the
  // options' timeouts, and nothing is retried (health checks).
  absl::Status HeadBucket(int timeout_seconds = 0);

  // "s3://BUCKET/PREFIX at ENDPOINT", never a key.
  std::string Describe() const;
  const S3Target& target() const { return target_; }

 private:
  struct Request;
  struct Response;
  class HandlePool;
  absl::StatusOr<Response> Perform(const Request& request);
  absl::StatusOr<Response> SendXml(const char* method, const char* subresource,
                                   const std::string& body);
  // `transient`: the failure is one a retry may cure (refused, timed out).
  absl::StatusOr<Response> PerformOnce(const Request& request, int timeout_seconds,
                                       bool* transient);

  const S3Target target_;
  const S3Credentials credentials_;
  const S3ClientOptions options_;
  std::unique_ptr<HandlePool> pool_;
};

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_OBJECTS_S3_CLIENT_H_
