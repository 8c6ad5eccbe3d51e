#include "services/runtime/content_flags.h"

namespace hoso {
namespace {

// Options people try for keys. They are accepted by the parser only so that
// hosod can refuse them with a reason instead of "unknown option": a key on
// a command line is readable by every user of the machine (ps, /proc).
constexpr const char* kKeyFlags[] = {
    "--s3-access-key",     "--s3-secret-key",        "--s3-key",
    "--s3-secret",         "--access-key",           "--secret-key",
    "--aws-access-key-id", "--aws-secret-access-key"};

bool HasUserInfo(const std::string& url) {
  const auto scheme = url.find("://");
  const size_t host_start = scheme == std::string::npos ? 0 : scheme + 3;
  const size_t host_end = url.find('/', host_start);
  return url.substr(host_start,
                    host_end == std::string::npos ? std::string::npos : host_end - host_start)
             .find('@') != std::string::npos;
}

}  // namespace

void AddContentFlags(CLI::App& app, ContentFlags& flags) {
  app.add_option("--content", flags.content,
                 "where the content bytes go: packs (files under DATA/packs) or "
                 "s3://BUCKET[/PREFIX] on an S3 service such as Ceph's radosgw (with "
                 "--s3-endpoint)")
      ->capture_default_str();
  app.add_option("--s3-endpoint", flags.endpoint,
                 "the S3 service's URL, e.g. http://127.0.0.1:7480 or https://s3.so-gd.vn");
  app.add_option("--s3-region", flags.region,
                 "the region signed into requests (radosgw accepts any; default us-east-1)");
  app.add_flag("--s3-virtual-hosted", flags.virtual_hosted,
               "address the bucket as BUCKET.HOST (default: path style HOST/BUCKET, as radosgw "
               "wants)");
  app.add_option("--s3-credentials", flags.credentials_file,
                 "an AWS shared-credentials file ([default] aws_access_key_id = ..., "
                 "aws_secret_access_key = ...; mode 600); default: env AWS_ACCESS_KEY_ID and "
                 "AWS_SECRET_ACCESS_KEY. Never give a key on the command line");
  app.add_option("--s3-ca", flags.ca_file, "trust this CA (PEM) for the S3 service's TLS")
      ->check(CLI::ExistingFile);
  app.add_option("--s3-parallel", flags.parallel,
                 "requests to the S3 service in flight at once (uploads and read-ahead)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  app.add_option("--s3-cache-dir", flags.cache_dir,
                 "keep chunks read or written lately here, so downloads go on while the S3 "
                 "service is down (default DATA/cache)");
  app.add_option("--s3-cache-size", flags.cache_bytes, "the cache's size, e.g. 2G (0: no cache)")
      ->transform(CLI::AsSizeValue(false))
      ->default_str("2G");
  app.add_option("--s3-keep-deleted-days", flags.keep_deleted_days,
                 "on a bucket hosod creates: keep the old versions of deleted chunk objects this "
                 "many days, so a backup that old can still be restored (0: keep them until an "
                 "operator removes them)")
      ->check(CLI::Range(0, 36500))
      ->capture_default_str();
  for (const char* name : kKeyFlags) {
    const std::string flag = name;
    app.add_option_function<std::string>(
           name, [&flags, flag](const std::string&) { flags.key_flag = flag; }, "")
        ->group("");  // hidden: only here to be refused
  }
}

absl::StatusOr<std::optional<storage::S3ChunkStoreOptions>> ResolveContent(
    const ContentFlags& flags, const std::string& data_dir) {
  if (!flags.key_flag.empty()) {
    return absl::InvalidArgumentError(
        flags.key_flag +
        ": hosod takes no key on the command line (every user of the machine can read it). "
        "Put the keys in a file of mode 600 given with --s3-credentials, or in the environment "
        "(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY; with systemd an EnvironmentFile)");
  }
  const bool s3_flags = !flags.endpoint.empty() || !flags.region.empty() || flags.virtual_hosted ||
                        !flags.credentials_file.empty() || !flags.ca_file.empty() ||
                        !flags.cache_dir.empty();
  if (flags.content == "packs") {
    if (s3_flags) {
      return absl::InvalidArgumentError(
          "the --s3-* options need --content s3://BUCKET; without it the bytes go to pack "
          "files");
    }
    return std::nullopt;
  }
  if (flags.content.rfind("s3://", 0) != 0) {
    return absl::InvalidArgumentError("--content " + flags.content +
                                      ": give packs or s3://BUCKET[/PREFIX]");
  }
  if (flags.content.find('@') != std::string::npos || HasUserInfo(flags.endpoint)) {
    return absl::InvalidArgumentError(
        "keys do not go into a URL (every user of the machine can read the command line): put "
        "them in --s3-credentials FILE or the environment");
  }
  auto target = storage::ParseS3Url(flags.content);
  if (!target.ok()) return target.status();
  if (flags.endpoint.empty()) {
    return absl::InvalidArgumentError(
        "--content " + flags.content +
        " needs --s3-endpoint URL, the S3 service's address (e.g. http://127.0.0.1:7480)");
  }
  if (flags.endpoint.rfind("http://", 0) != 0 && flags.endpoint.rfind("https://", 0) != 0) {
    return absl::InvalidArgumentError("--s3-endpoint " + flags.endpoint +
                                      ": give a URL starting with http:// or https://");
  }
  target->endpoint = flags.endpoint;
  while (target->endpoint.size() > 8 && target->endpoint.back() == '/') target->endpoint.pop_back();
  if (!flags.region.empty()) target->region = flags.region;
  target->path_style = !flags.virtual_hosted;
  target->ca_file = flags.ca_file;
  auto credentials = storage::LoadS3Credentials(flags.credentials_file);
  if (!credentials.ok()) {
    return absl::Status(credentials.status().code(),
                        std::string("no keys for ") + flags.content + ": " +
                            std::string(credentials.status().message()));
  }
  storage::S3ChunkStoreOptions options;
  options.target = *target;
  options.credentials = *credentials;
  options.parallel_requests = flags.parallel;
  options.cache_dir = flags.cache_dir.empty() ? data_dir + "/cache" : flags.cache_dir;
  options.cache_bytes = flags.cache_bytes;
  options.keep_deleted_days = flags.keep_deleted_days;
  return options;
}

}  // namespace hoso
