#ifndef HOSO_STORAGE_OBJECTS_S3_TARGET_H_
#define HOSO_STORAGE_OBJECTS_S3_TARGET_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace hoso::storage {

// Which bucket of which S3 service (radosgw, Ceph's S3 gateway) holds the
// content bytes: hosod --content s3://BUCKET[/PREFIX] --s3-endpoint URL.
struct S3Target {
  std::string endpoint;  // "http://127.0.0.1:7480" or "https://s3.so-gd.example.vn"
  std::string bucket;
  std::string prefix;                // object names start with it: "" or ending in '/'
  std::string region = "us-east-1";  // signed into every request; radosgw accepts any
  bool path_style = true;            // endpoint/bucket/key (radosgw); false: bucket.endpoint/key
  std::string ca_file;               // TLS to a private CA; empty: the system's CAs
};

// The access key pair. Never logged, never on a command line.
struct S3Credentials {
  std::string access_key;
  std::string secret_key;
};

// "s3://BUCKET" or "s3://BUCKET/PREFIX" (a '/' is added to the prefix);
// InvalidArgument with a person's message otherwise (bucket names as S3
// allows them: 3-63 of a-z 0-9 . -).
absl::StatusOr<S3Target> ParseS3Url(std::string_view url);

// From a shared-credentials file as the AWS tools write it ([default]
// aws_access_key_id = ..., aws_secret_access_key = ...; `profile` picks
// another section), or, with `file` empty, from the environment
// (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY). The file must not be readable
// by others (FailedPrecondition otherwise, like ssh).
absl::StatusOr<S3Credentials> LoadS3Credentials(const std::string& file,
                                                std::string_view profile = "default");

}  // namespace hoso::storage

#endif  // HOSO_STORAGE_OBJECTS_S3_TARGET_H_
