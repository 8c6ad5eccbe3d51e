#include "storage/objects/s3_client.h"

#include <curl/curl.h>
#include <expat.h>
#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <mutex>
#include <random>
#include <thread>
#include <utility>

#include "storage/base/error_reason.h"
#include "storage/base/text.h"

namespace hoso::storage {

Md5Digest Md5Of(std::string_view data) {
  Md5Digest out{};
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_md5(), nullptr);
  return out;
}

namespace {

std::string Base64(const uint8_t* data, size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, size);
  out.resize(n);
  return out;
}

// AWS's UriEncode: unreserved characters as they are, the rest %XX; '/'
// kept in paths.
std::string UriEncode(std::string_view in, bool keep_slash) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// An XML document as the closed elements in document order, each with its
// path ("ListBucketResult/Contents/Key") and its text.
struct XmlElement {
  std::string path;
  std::string text;
};

struct XmlParse {
  std::vector<std::string> stack;
  std::string text;
  std::vector<XmlElement> elements;
};

bool ParseXml(std::string_view document, std::vector<XmlElement>* out) {
  XML_Parser parser = XML_ParserCreate("UTF-8");
  XmlParse state;
  XML_SetUserData(parser, &state);
  XML_SetElementHandler(
      parser,
      [](void* data, const XML_Char* name, const XML_Char**) {
        auto* s = static_cast<XmlParse*>(data);
        s->stack.emplace_back(name);
        s->text.clear();
      },
      [](void* data, const XML_Char*) {
        auto* s = static_cast<XmlParse*>(data);
        std::string path;
        for (const std::string& part : s->stack) {
          if (!path.empty()) path += '/';
          path += part;
        }
        s->elements.push_back({std::move(path), std::move(s->text)});
        s->text.clear();
        s->stack.pop_back();
      });
  XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* chars, int len) {
    static_cast<XmlParse*>(data)->text.append(chars, len);
  });
  const bool ok =
      XML_Parse(parser, document.data(), static_cast<int>(document.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(parser);
  if (ok) *out = std::move(state.elements);
  return ok;
}

std::string ErrorCode(std::string_view body) {
  std::vector<XmlElement> elements;
  if (body.empty() || !ParseXml(body, &elements)) return "";
  for (const XmlElement& e : elements) {
    if (e.path == "Error/Code") return e.text;
  }
  return "";
}

void EnsureCurlGlobal() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool Transient(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

}  // namespace

struct S3Client::Request {
  std::string method = "GET";  // GET HEAD PUT POST DELETE
  std::string key;             // "" for the bucket itself
  // name=value pairs, sorted here (SigV4 signs them in order; curl 7.88
  // signs the query as written).
  std::vector<std::pair<std::string, std::string>> query;
  std::string_view body;
  bool has_body = false;
  std::string sha256_hex;  // of the body ("" body included)
  std::string md5_base64;  // of the body, when there is one
  std::vector<std::string> headers;
  bool idempotent = true;
  int timeout_seconds = 0;  // > 0: a health check, never retried
};

struct S3Client::Response {
  long status = 0;
  std::string body;
  std::string etag;
  std::string last_modified;
  uint64_t content_length = 0;
};

class S3Client::HandlePool {
 public:
  ~HandlePool() {
    for (CURL* handle : idle_) curl_easy_cleanup(handle);
  }
  CURL* Acquire() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        CURL* handle = idle_.back();
        idle_.pop_back();
        return handle;
      }
    }
    return curl_easy_init();
  }
  // The handle keeps its connection for the next request.
  void Release(CURL* handle) {
    std::lock_guard<std::mutex> lock(mu_);
    if (idle_.size() < 64) {
      idle_.push_back(handle);
    } else {
      curl_easy_cleanup(handle);
    }
  }

 private:
  std::mutex mu_;
  std::vector<CURL*> idle_;
};

S3Client::S3Client(S3Target target, S3Credentials credentials, S3ClientOptions options)
    : target_(std::move(target)),
      credentials_(std::move(credentials)),
      options_(options),
      pool_(std::make_unique<HandlePool>()) {
  EnsureCurlGlobal();
}

S3Client::~S3Client() = default;

std::string S3Client::Describe() const {
  return "s3://" + target_.bucket + "/" + target_.prefix + " at " + target_.endpoint;
}

namespace {

struct ReadState {
  std::string_view body;
  size_t offset = 0;
};

size_t ReadBody(char* buffer, size_t size, size_t count, void* user) {
  auto* state = static_cast<ReadState*>(user);
  const size_t n = std::min(size * count, state->body.size() - state->offset);
  std::memcpy(buffer, state->body.data() + state->offset, n);
  state->offset += n;
  return n;
}

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::string HeaderValue(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return "";
  for (size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return "";
  }
  std::string_view value = line.substr(name.size() + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
    value.remove_suffix(1);
  }
  return std::string(value);
}

}  // namespace

absl::StatusOr<S3Client::Response> S3Client::PerformOnce(const Request& request,
                                                         int timeout_seconds, bool* transient) {
  *transient = false;
  // The URL: path style endpoint/bucket/key, or bucket.host/key.
  std::string url;
  const std::string encoded_key = UriEncode(request.key, /*keep_slash=*/true);
  if (target_.path_style) {
    url = target_.endpoint + "/" + target_.bucket + "/" + encoded_key;
  } else {
    const size_t scheme_end = target_.endpoint.find("://");
    const size_t host_start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
    url = target_.endpoint.substr(0, host_start) + target_.bucket + "." +
          target_.endpoint.substr(host_start) + "/" + encoded_key;
  }
  if (request.key.empty() && target_.path_style) url.pop_back();  // ".../bucket"
  if (!request.query.empty()) {
    auto query = request.query;
    std::sort(query.begin(), query.end());
    char separator = '?';
    for (const auto& [name, value] : query) {
      url += separator;
      url += UriEncode(name, false) + "=" + UriEncode(value, false);
      separator = '&';
    }
  }

  CURL* curl = pool_->Acquire();
  if (curl == nullptr) return absl::ResourceExhaustedError("libcurl could not start a request");
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  const std::string sigv4 = "aws:amz:" + target_.region + ":s3";
  curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, sigv4.c_str());
  curl_easy_setopt(curl, CURLOPT_USERNAME, credentials_.access_key.c_str());
  curl_easy_setopt(curl, CURLOPT_PASSWORD, credentials_.secret_key.c_str());
  if (!target_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, target_.ca_file.c_str());
  const long connect_timeout = timeout_seconds > 0
                                   ? std::min(timeout_seconds, options_.connect_timeout_seconds)
                                   : options_.connect_timeout_seconds;
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, connect_timeout);
  if (timeout_seconds > 0) {
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(timeout_seconds));
  } else {
    // A store that sends nothing for the request's timeout is down; a slow
    // but moving transfer goes on.
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
                     static_cast<long>(options_.request_timeout_seconds));
  }

  curl_slist* headers = nullptr;
  const std::string content_sha = "x-amz-content-sha256: " + request.sha256_hex;
  headers = curl_slist_append(headers, content_sha.c_str());
  std::string md5_header;
  if (!request.md5_base64.empty()) {
    md5_header = "Content-MD5: " + request.md5_base64;
    headers = curl_slist_append(headers, md5_header.c_str());
  }
  // (No "Expect:" here to save curl's 100-continue round trip: curl 7.88
  // signs the empty header it then does not send, and radosgw refuses.)
  for (const std::string& header : request.headers) {
    headers = curl_slist_append(headers, header.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

  ReadState read{request.body, 0};
  if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (request.has_body) {
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadBody);
    curl_easy_setopt(curl, CURLOPT_READDATA, &read);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    if (request.method != "PUT")
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  } else if (request.method != "GET") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  Response response;
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(
      curl, CURLOPT_HEADERFUNCTION, +[](char* data, size_t size, size_t count, void* user) {
        auto* r = static_cast<Response*>(user);
        const std::string_view line(data, size * count);
        if (std::string v = HeaderValue(line, "etag"); !v.empty()) r->etag = v;
        if (std::string v = HeaderValue(line, "last-modified"); !v.empty()) r->last_modified = v;
        if (std::string v = HeaderValue(line, "content-length"); !v.empty()) {
          r->content_length = std::strtoull(v.c_str(), nullptr, 10);
          // One allocation for a chunk's megabyte instead of a dozen.
          if (r->content_length <= (64u << 20)) r->body.reserve(r->content_length);
        }
        return size * count;
      });
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);

  const CURLcode code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  curl_slist_free_all(headers);
  if (code != CURLE_OK) {
    // A failed transfer leaves the connection in an unknown state: not reused.
    curl_easy_cleanup(curl);
    absl::Status status = absl::UnavailableError("không kết nối được kho đối tượng " + Describe() +
                                                 ": " + curl_easy_strerror(code) +
                                                 "; hãy thử lại sau, những gì đã lưu không bị mất");
    *transient = Transient(code);
    return WithReason(status, reason::kObjectStoreUnavailable);
  }
  pool_->Release(curl);
  return response;
}

namespace {

// The status a store's answer means, OK for 2xx.
absl::Status StatusOf(const std::string& what, const std::string& where, long status,
                      const std::string& body) {
  if (status >= 200 && status < 300) return absl::OkStatus();
  const std::string code = ErrorCode(body);
  const std::string detail =
      " (HTTP " + std::to_string(status) + (code.empty() ? "" : " " + code) + ")";
  if (status == 403) {
    return WithReason(
        absl::PermissionDeniedError("kho đối tượng " + where + " từ chối " + what + detail +
                                    ": hãy kiểm tra khóa truy cập và quyền trên "
                                    "bucket"),
        reason::kObjectStoreDenied);
  }
  if (status == 404) {
    return absl::NotFoundError("kho đối tượng " + where + " không có " + what + detail);
  }
  if (status == 412) {
    return absl::FailedPreconditionError("kho đối tượng " + where + " đã có " + what + detail);
  }
  if (code == "BadDigest" || code == "XAmzContentSHA256Mismatch" || code == "InvalidDigest") {
    return absl::DataLossError("kho đối tượng " + where + " từ chối " + what +
                               ": các byte gửi đi không khớp mã băm của chúng" + detail);
  }
  if (status == 416) {
    return absl::OutOfRangeError("kho đối tượng " + where + ": đoạn yêu cầu của " + what +
                                 " nằm ngoài đối tượng" + detail);
  }
  if (status >= 500 || status == 429) {
    return WithReason(absl::UnavailableError("kho đối tượng " + where + " đang lỗi hoặc quá tải" +
                                             detail + " khi xử lý " + what +
                                             "; hãy thử lại sau, những gì đã lưu không bị mất"),
                      reason::kObjectStoreUnavailable);
  }
  if (status == 409) {
    return absl::FailedPreconditionError("kho đối tượng " + where + " từ chối " + what + detail);
  }
  return absl::InternalError("kho đối tượng " + where + " trả lời bất thường cho " + what + detail);
}

}  // namespace

absl::StatusOr<S3Client::Response> S3Client::Perform(const Request& request) {
  const std::string what =
      request.key.empty() ? "bucket " + target_.bucket : "đối tượng " + request.key;
  const int attempts =
      request.timeout_seconds > 0 || !request.idempotent ? 1 : 1 + options_.retries;
  thread_local std::mt19937 random(std::random_device{}());
  absl::Status last;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    if (attempt > 0) {
      // Exponential backoff with jitter: 100, 200, 400 ms ... (at most 2 s).
      const int base = std::min(2000, 100 << (attempt - 1));
      std::uniform_int_distribution<int> jitter(base / 2, base);
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(random)));
    }
    bool transient = false;
    auto response = PerformOnce(request, request.timeout_seconds, &transient);
    if (!response.ok()) {
      last = response.status();
    } else {
      last = StatusOf(what, Describe(), response->status, response->body);
      if (last.ok()) return response;
      transient = absl::IsUnavailable(last);  // 5xx, 503 SlowDown
    }
    if (!transient) break;
  }
  return last;
}

// A bucket subresource (?versioning, ?lifecycle, ?delete) with an XML body,
// which S3 wants with its Content-MD5.
absl::StatusOr<S3Client::Response> S3Client::SendXml(const char* method, const char* subresource,
                                                     const std::string& body) {
  Request request;
  request.method = method;
  request.query = {{subresource, ""}};
  request.body = body;
  request.has_body = true;
  request.sha256_hex = ToHex(Sha256Of(body));
  const Md5Digest md5 = Md5Of(body);
  request.md5_base64 = Base64(md5.data(), md5.size());
  return Perform(request);
}

absl::Status S3Client::PutObject(std::string_view key, std::string_view body,
                                 const Sha256Digest& sha256, const std::optional<Md5Digest>& md5,
                                 bool if_none_match) {
  Request request;
  request.method = "PUT";
  request.key = std::string(key);
  request.body = body;
  request.has_body = true;
  request.sha256_hex = ToHex(sha256);
  if (md5) request.md5_base64 = Base64(md5->data(), md5->size());
  if (if_none_match) request.headers.push_back("If-None-Match: *");
  return Perform(request).status();
}

absl::StatusOr<std::string> S3Client::GetObject(
    std::string_view key, std::optional<std::pair<uint64_t, uint64_t>> range) {
  Request request;
  request.key = std::string(key);
  request.sha256_hex = ToHex(Sha256Of(""));
  if (range) {
    request.headers.push_back("Range: bytes=" + std::to_string(range->first) + "-" +
                              std::to_string(range->second));
  }
  auto response = Perform(request);
  if (!response.ok()) return response.status();
  return std::move(response->body);
}

absl::StatusOr<S3ObjectInfo> S3Client::HeadObject(std::string_view key) {
  Request request;
  request.method = "HEAD";
  request.key = std::string(key);
  request.sha256_hex = ToHex(Sha256Of(""));
  auto response = Perform(request);
  if (!response.ok()) return response.status();
  S3ObjectInfo info;
  info.size = response->content_length;
  info.etag = response->etag;
  info.last_modified = response->last_modified;
  return info;
}

absl::Status S3Client::DeleteObject(std::string_view key) {
  Request request;
  request.method = "DELETE";
  request.key = std::string(key);
  request.sha256_hex = ToHex(Sha256Of(""));
  auto response = Perform(request);
  if (absl::IsNotFound(response.status())) return absl::OkStatus();
  return response.status();
}

absl::Status S3Client::DeleteObjects(const std::vector<std::string>& keys) {
  for (size_t begin = 0; begin < keys.size(); begin += 1000) {
    const size_t end = std::min(keys.size(), begin + 1000);
    std::string body = "<Delete><Quiet>true</Quiet>";
    for (size_t i = begin; i < end; ++i)
      body += "<Object><Key>" + text::EscapeMarkup(keys[i]) + "</Key></Object>";
    body += "</Delete>";
    auto response = SendXml("POST", "delete", body);
    if (!response.ok()) return response.status();
    std::vector<XmlElement> elements;
    if (!ParseXml(response->body, &elements)) {
      return absl::InternalError("kho đối tượng " + Describe() +
                                 " trả lời DeleteObjects không đọc được");
    }
    std::string failed_key;
    for (const XmlElement& e : elements) {
      if (e.path == "DeleteResult/Error/Key") failed_key = e.text;
      if (e.path == "DeleteResult/Error/Code") {
        return absl::InternalError("kho đối tượng " + Describe() + " không xóa được đối tượng " +
                                   failed_key + " (" + e.text + ")");
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<S3ObjectVersion>> S3Client::ListObjectVersions(std::string_view key) {
  Request request;
  request.query = {{"max-keys", "1000"}, {"prefix", std::string(key)}, {"versions", ""}};
  request.sha256_hex = ToHex(Sha256Of(""));
  auto response = Perform(request);
  if (!response.ok()) return response.status();
  std::vector<XmlElement> elements;
  if (!ParseXml(response->body, &elements)) {
    return absl::InternalError("kho đối tượng " + Describe() +
                               " trả lời danh sách phiên bản không đọc được");
  }
  // Listed newest first; names under the prefix longer than `key` are other objects.
  std::vector<S3ObjectVersion> versions;
  std::string listed_key;
  S3ObjectVersion current;
  for (const XmlElement& e : elements) {
    const bool version = e.path.rfind("ListVersionsResult/Version", 0) == 0;
    const bool marker = e.path.rfind("ListVersionsResult/DeleteMarker", 0) == 0;
    if (!version && !marker) continue;
    const std::string field = e.path.substr(e.path.rfind('/') + 1);
    if (field == "Key") listed_key = e.text;
    if (field == "VersionId") current.version_id = e.text;
    if (e.path == "ListVersionsResult/Version" || e.path == "ListVersionsResult/DeleteMarker") {
      current.delete_marker = marker;
      if (listed_key == key) versions.push_back(current);
      listed_key.clear();
      current = {};
    }
  }
  return versions;
}

absl::Status S3Client::DeleteObjectVersion(std::string_view key, std::string_view version_id) {
  Request request;
  request.method = "DELETE";
  request.key = std::string(key);
  request.query = {{"versionId", std::string(version_id)}};
  request.sha256_hex = ToHex(Sha256Of(""));
  auto response = Perform(request);
  if (absl::IsNotFound(response.status())) return absl::OkStatus();
  return response.status();
}

absl::StatusOr<bool> S3Client::RestoreDeletedObject(std::string_view key) {
  auto versions = ListObjectVersions(key);
  if (!versions.ok()) return versions.status();
  // The delete markers above the newest version hide it.
  bool kept = false;
  for (const S3ObjectVersion& v : *versions) {
    if (!v.delete_marker) {
      kept = true;
      break;
    }
  }
  if (!kept) return false;
  for (const S3ObjectVersion& v : *versions) {
    if (!v.delete_marker) break;
    if (absl::Status s = DeleteObjectVersion(key, v.version_id); !s.ok()) return s;
  }
  auto head = HeadObject(key);
  if (absl::IsNotFound(head.status())) return false;
  if (!head.ok()) return head.status();
  return true;
}

absl::StatusOr<S3ListPage> S3Client::ListObjectsV2(std::string_view prefix,
                                                   std::string_view continuation_token,
                                                   int max_keys) {
  Request request;
  request.query = {
      {"list-type", "2"}, {"max-keys", std::to_string(max_keys)}, {"prefix", std::string(prefix)}};
  if (!continuation_token.empty()) {
    request.query.emplace_back("continuation-token", std::string(continuation_token));
  }
  request.sha256_hex = ToHex(Sha256Of(""));
  auto response = Perform(request);
  if (!response.ok()) return response.status();
  std::vector<XmlElement> elements;
  if (!ParseXml(response->body, &elements)) {
    return absl::InternalError("kho đối tượng " + Describe() + " trả lời danh sách không đọc được");
  }
  S3ListPage page;
  S3ListedObject current;
  bool truncated = false;
  for (const XmlElement& e : elements) {
    if (e.path == "ListBucketResult/Contents/Key") current.key = e.text;
    if (e.path == "ListBucketResult/Contents/Size") {
      current.size = std::strtoull(e.text.c_str(), nullptr, 10);
    }
    if (e.path == "ListBucketResult/Contents/LastModified") current.last_modified = e.text;
    if (e.path == "ListBucketResult/Contents") page.objects.push_back(std::exchange(current, {}));
    if (e.path == "ListBucketResult/IsTruncated") truncated = e.text == "true";
    if (e.path == "ListBucketResult/NextContinuationToken") page.next_continuation_token = e.text;
  }
  if (!truncated) page.next_continuation_token.clear();
  return page;
}

absl::Status S3Client::CreateBucket() {
  Request request;
  request.method = "PUT";
  request.has_body = true;  // empty
  request.sha256_hex = ToHex(Sha256Of(""));
  auto response = Perform(request);
  if (response.ok()) return absl::OkStatus();
  // Ours already (AWS says BucketAlreadyOwnedByYou; radosgw may say
  // BucketAlreadyExists for its own user): the bucket answers our keys.
  if (absl::IsFailedPrecondition(response.status()) && HeadBucket().ok()) return absl::OkStatus();
  return response.status();
}

absl::Status S3Client::PutBucketVersioning(bool enabled) {
  const std::string body =
      std::string(
          "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
          "<Status>") +
      (enabled ? "Enabled" : "Suspended") + "</Status></VersioningConfiguration>";
  return SendXml("PUT", "versioning", body).status();
}

absl::Status S3Client::PutNoncurrentVersionExpiration(std::string_view prefix, int days) {
  const std::string body =
      "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule>"
      "<ID>hoso-deleted-chunks</ID><Filter><Prefix>" +
      text::EscapeMarkup(prefix) +
      "</Prefix></Filter><Status>Enabled</Status><NoncurrentVersionExpiration><NoncurrentDays>" +
      std::to_string(days) + "</NoncurrentDays></NoncurrentVersionExpiration></Rule>" +
      "</LifecycleConfiguration>";
  return SendXml("PUT", "lifecycle", body).status();
}

absl::StatusOr<int> S3Client::NoncurrentVersionExpirationDays(std::string_view prefix) {
  Request request;
  request.query = {{"lifecycle", ""}};
  request.sha256_hex = ToHex(Sha256Of(""));
  auto response = Perform(request);
  if (absl::IsNotFound(response.status())) return 0;  // NoSuchLifecycleConfiguration
  if (!response.ok()) return response.status();
  std::vector<XmlElement> elements;
  if (!ParseXml(response->body, &elements)) {
    return absl::InternalError("kho đối tượng " + Describe() +
                               " trả lời vòng đời bucket không đọc được");
  }
  std::string rule_prefix, days;
  for (const XmlElement& e : elements) {
    if (e.path == "LifecycleConfiguration/Rule/Filter/Prefix" ||
        e.path == "LifecycleConfiguration/Rule/Prefix") {
      rule_prefix = e.text;
    }
    if (e.path == "LifecycleConfiguration/Rule/NoncurrentVersionExpiration/NoncurrentDays") {
      days = e.text;
    }
    if (e.path == "LifecycleConfiguration/Rule") {
      if (rule_prefix == prefix && !days.empty()) return std::atoi(days.c_str());
      rule_prefix.clear();
      days.clear();
    }
  }
  return 0;
}

absl::Status S3Client::HeadBucket(int timeout_seconds) {
  Request request;
  request.method = "HEAD";
  request.sha256_hex = ToHex(Sha256Of(""));
  request.timeout_seconds = timeout_seconds;
  return Perform(request).status();
}

}  // namespace hoso::storage
