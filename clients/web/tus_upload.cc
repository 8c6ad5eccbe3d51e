#include "clients/web/tus_upload.h"

#include <cstdlib>
#include <optional>

#include "clients/web/error_json.h"
#include "clients/web/hosod_channel.h"
#include "clients/web/session_cookie.h"
#include "clients/web/tus_id.h"
#include "hoso/v1/hoso.grpc.pb.h"
#include "hoso/v1/limits.h"

namespace hoso::web {
namespace {

constexpr char kTusVersion[] = "1.0.0";
constexpr char kOffsetType[] = "application/offset+octet-stream";

Reply& Tus(Reply& reply) {
  reply.Header("Tus-Resumable", kTusVersion).Header("Cache-Control", "no-store");
  return reply;
}

Reply TusError(grpc::StatusCode code, const char* reason, const std::string& message,
               int http_status = 0) {
  Reply reply = ErrorReply(code, reason, message, {}, http_status);
  return std::move(Tus(reply));
}

Reply TusError(const grpc::Status& status) {
  Reply reply = ErrorReply(status);
  return std::move(Tus(reply));
}

std::optional<uint64_t> ParseCount(const std::string& text) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::strtoull(text.c_str(), nullptr, 10);
}

std::optional<std::string> FromBase64(const std::string& text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=') break;
    const size_t v = kAlphabet.find(c);
    if (v == std::string::npos) return std::nullopt;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  return out;
}

// Upload-Metadata: "key base64,key base64"; the value of `key` or "".
std::string MetadataValue(const std::string& header, const std::string& key) {
  size_t start = 0;
  while (start < header.size()) {
    size_t end = header.find(',', start);
    if (end == std::string::npos) end = header.size();
    std::string pair = header.substr(start, end - start);
    while (!pair.empty() && pair.front() == ' ') pair.erase(0, 1);
    const size_t space = pair.find(' ');
    if (pair.substr(0, space) == key) {
      if (space == std::string::npos) return "";
      return FromBase64(pair.substr(space + 1)).value_or("");
    }
    start = end + 1;
  }
  return "";
}

// Where hosod stands with the upload: the durable offset, the size when present.
struct Standing {
  grpc::Status status;
  uint64_t offset = 0;
  bool present = false;
};

Standing Stat(const std::shared_ptr<grpc::Channel>& channel, const std::string& token,
              const TusId& id) {
  v1::StatContentRequest request;
  if (id.upload_id.empty()) {
    request.add_sha256(id.sha256);
  } else {
    request.add_upload_id(id.upload_id);
  }
  request.set_school(id.school);
  v1::StatContentResponse response;
  auto context = UnaryContext(token);
  Standing standing;
  standing.status =
      v1::ContentService::NewStub(channel)->StatContent(context.get(), request, &response);
  if (standing.status.ok() && !id.upload_id.empty() && response.uploads_size() == 1) {
    standing.offset = response.uploads(0).resume_offset();
  } else if (standing.status.ok() && response.states_size() == 1) {
    const v1::ContentState& state = response.states(0);
    standing.present = state.present();
    standing.offset = state.present() ? state.size() : state.resume_offset();
  }
  return standing;
}

// One ContentService.UploadContent stream fed from an HTTP body: pieces
// gathered into messages of at most 1 MiB; each Write waits for hosod's flow
// control, which holds the browser's body back in turn.
class HosodUpload {
 public:
  HosodUpload(const std::shared_ptr<grpc::Channel>& channel, const std::string& token,
              const TusId& id, uint64_t offset)
      : stub_(v1::ContentService::NewStub(channel)), context_(StreamContext(token)) {
    writer_ = stub_->UploadContent(context_.get(), &response_);
    v1::UploadChunk header;
    if (id.upload_id.empty()) {
      header.mutable_header()->set_sha256(id.sha256);
    } else {
      header.mutable_header()->set_upload_id(id.upload_id);
    }
    header.mutable_header()->set_size(id.size);
    header.mutable_header()->set_offset(offset);
    header.mutable_header()->set_school(id.school);
    open_ = writer_->Write(header);
    piece_.mutable_data()->reserve(v1::kDataMessageBytes);
  }

  void Write(std::string_view data) {
    while (!data.empty() && open_) {
      std::string& buffer = *piece_.mutable_data();
      const size_t n = std::min(data.size(), v1::kDataMessageBytes - buffer.size());
      buffer.append(data.data(), n);
      data.remove_prefix(n);
      forwarded_ += n;
      if (buffer.size() == v1::kDataMessageBytes) Flush();
    }
  }

  // Ends the stream: hosod commits a whole upload, or keeps the durable part
  // of one cut short. `end`: how an upload hashed while sent ends (its hash,
  // or none).
  grpc::Status Finish(const std::optional<v1::UploadTrailer>& end = std::nullopt) {
    if (open_ && !piece_.data().empty()) Flush();
    if (open_ && end) {
      v1::UploadChunk trailer;
      *trailer.mutable_trailer() = *end;
      open_ = writer_->Write(trailer);
    }
    writer_->WritesDone();
    return writer_->Finish();
  }

  uint64_t forwarded() const { return forwarded_; }
  const v1::UploadContentResponse& response() const { return response_; }

 private:
  void Flush() {
    open_ = writer_->Write(piece_);  // false: hosod ended the stream; Finish says why
    piece_.mutable_data()->clear();
  }

  std::unique_ptr<v1::ContentService::Stub> stub_;
  std::unique_ptr<grpc::ClientContext> context_;
  v1::UploadContentResponse response_;
  std::unique_ptr<grpc::ClientWriter<v1::UploadChunk>> writer_;
  v1::UploadChunk piece_;
  bool open_ = false;
  uint64_t forwarded_ = 0;
};

// A body that carries upload data: PATCH, or POST with creation-with-upload.
class UploadBody : public Exchange {
 public:
  // `client_offset`: where the body starts; `hosod_offset` (>= it): where
  // hosod stands, so the bytes before it are skipped (only on creation).
  // `end`: for an upload hashed while sent, what its last body declares.
  UploadBody(std::shared_ptr<grpc::Channel> channel, std::string token, TusId id,
             uint64_t client_offset, uint64_t hosod_offset, bool present, std::string location,
             std::optional<v1::UploadTrailer> end = std::nullopt)
      : channel_(std::move(channel)),
        token_(std::move(token)),
        id_(std::move(id)),
        skip_(hosod_offset - client_offset),
        start_(hosod_offset),
        present_(present),
        location_(std::move(location)),
        end_(std::move(end)) {}

  std::optional<Reply> Start() override { return std::nullopt; }

  void OnBody(std::string_view piece) override {
    if (present_) return;  // hosod has it all: nothing goes on
    const size_t skipped = std::min<uint64_t>(skip_, piece.size());
    skip_ -= skipped;
    piece.remove_prefix(skipped);
    if (piece.empty()) return;
    if (!upload_) upload_.emplace(channel_, token_, id_, start_);
    upload_->Write(piece);
  }

  Reply Finish() override {
    if (present_) return Done(id_.size, 0);
    if (!upload_) {
      // Nothing came, and nothing is to be committed now: an empty body at
      // the durable offset. An empty file, or the end of an upload hashed
      // while sent whose bytes all arrived before, is committed now.
      const bool commit = (start_ == 0 && id_.size == 0) || (end_ && start_ == id_.size);
      if (!commit) return Done(start_, 0);
      upload_.emplace(channel_, token_, id_, start_);
    }
    const grpc::Status status = upload_->Finish(end_);
    const uint64_t forwarded = upload_->forwarded();
    if (status.ok()) {
      Reply reply = Done(start_ + forwarded, upload_->response().bytes_received());
      reply.Header("Hoso-Sha256", upload_->response().sha256());
      return reply;
    }
    if (start_ + forwarded < id_.size &&
        status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
      // A body that carried part of the rest: hosod kept the durable part.
      Standing now = Stat(channel_, token_, id_);
      if (now.status.ok()) return Done(now.offset, forwarded);
    }
    return TusError(status);
  }

  void Abort() override {
    // The browser went away mid-body: end the stream so hosod keeps what is durable.
    if (upload_) upload_->Finish();
  }

 private:
  Reply Done(uint64_t offset, uint64_t received) {
    Reply reply = Reply::Empty(location_.empty() ? 204 : 201);
    Tus(reply).Header("Upload-Offset", std::to_string(offset));
    reply.Header("Hoso-Bytes-Received", std::to_string(received));
    if (!location_.empty()) reply.Header("Location", location_);
    return reply;
  }

  std::shared_ptr<grpc::Channel> channel_;
  std::string token_;
  TusId id_;
  uint64_t skip_;
  uint64_t start_;
  bool present_;
  std::string location_;
  std::optional<v1::UploadTrailer> end_;
  std::optional<HosodUpload> upload_;
};

class TusRequest {
 public:
  TusRequest(const std::shared_ptr<grpc::Channel>& channel, uint64_t max_size,
             const Request& request)
      : channel_(channel), max_size_(max_size), request_(request) {}

  std::unique_ptr<Exchange> Options() const {
    Reply reply = Reply::Empty(204);
    Tus(reply)
        .Header("Tus-Version", kTusVersion)
        .Header("Tus-Extension", "creation,creation-with-upload")
        .Header("Tus-Max-Size", std::to_string(max_size_));
    return Answer(std::move(reply));
  }

  // Refusals common to every method but OPTIONS; nullopt when it may go on.
  std::optional<Reply> Refusal(std::string* token) const {
    if (request_.Header("Tus-Resumable") != kTusVersion) {
      Reply reply = TusError(grpc::StatusCode::FAILED_PRECONDITION, reason::kInvalidArgument,
                             "Cần Tus-Resumable: 1.0.0.", 412);
      reply.Header("Tus-Version", kTusVersion);
      return reply;
    }
    *token = SessionToken(request_);
    if (token->empty()) {
      return TusError(grpc::StatusCode::UNAUTHENTICATED, reason::kNotSignedIn,
                      "Chưa đăng nhập, hoặc phiên đã hết hạn: hãy đăng nhập lại.");
    }
    return std::nullopt;
  }

  std::unique_ptr<Exchange> Create() const {
    std::string token;
    if (auto refused = Refusal(&token)) return Answer(std::move(*refused));
    const auto length = ParseCount(request_.Header("Upload-Length"));
    if (!length) {
      return Answer(TusError(grpc::StatusCode::INVALID_ARGUMENT, reason::kInvalidArgument,
                             "Cần Upload-Length (kích thước tệp)."));
    }
    if (*length > max_size_) {
      return Answer(
          TusError(grpc::StatusCode::INVALID_ARGUMENT, reason::kBodyTooLarge, "Tệp quá lớn.", 413));
    }
    const std::string metadata = request_.Header("Upload-Metadata");
    const auto sha256 = NormalizedSha256(MetadataValue(metadata, "sha256"));
    // Without a sha256: an upload hashed while it is sent, named by the page.
    const std::string upload_id = sha256 ? "" : MetadataValue(metadata, "uploadId");
    const std::string school = MetadataValue(metadata, "school");
    if ((!sha256 && !IsUploadId(upload_id)) || !IsSchoolCode(school)) {
      return Answer(TusError(grpc::StatusCode::INVALID_ARGUMENT, reason::kInvalidArgument,
                             "Upload-Metadata cần sha256 (64 chữ số hex) hoặc uploadId (16–64 ký "
                             "tự a-z, 0-9, - và _), và school (mã trường)."));
    }
    const TusId id{sha256.value_or(""), upload_id, *length, school};
    Standing standing = Stat(channel_, token, id);
    if (!standing.status.ok()) return Answer(TusError(standing.status));
    const std::string location = "/files/" + EncodeTusId(id);
    if (request_.Header("Content-Type") == kOffsetType) {
      // creation-with-upload: the body starts at 0; hosod may already hold more.
      std::optional<v1::UploadTrailer> end;
      if (auto refused = DeclaredEnd(id, &end)) return Answer(std::move(*refused));
      return std::make_unique<UploadBody>(channel_, token, id, 0, standing.offset, standing.present,
                                          location, std::move(end));
    }
    if (!standing.present && id.size == 0 && id.upload_id.empty()) {
      return std::make_unique<UploadBody>(channel_, token, id, 0, 0, false, location);
    }
    Reply reply = Reply::Empty(201);
    Tus(reply).Header("Location", location);
    return Answer(std::move(reply));
  }

  std::unique_ptr<Exchange> Head(const std::string& text) const {
    std::string token;
    if (auto refused = Refusal(&token)) return Answer(std::move(*refused));
    const auto id = DecodeTusId(text);
    if (!id) return Answer(UnknownUpload());
    Standing standing = Stat(channel_, token, *id);
    if (!standing.status.ok()) return Answer(TusError(standing.status));
    Reply reply = Reply::Empty(200);
    Tus(reply)
        .Header("Upload-Offset", std::to_string(standing.offset))
        .Header("Upload-Length", std::to_string(id->size));
    return Answer(std::move(reply));
  }

  std::unique_ptr<Exchange> Patch(const std::string& text) const {
    std::string token;
    if (auto refused = Refusal(&token)) return Answer(std::move(*refused));
    const auto id = DecodeTusId(text);
    if (!id) return Answer(UnknownUpload());
    if (request_.Header("Content-Type") != kOffsetType) {
      return Answer(TusError(grpc::StatusCode::INVALID_ARGUMENT, reason::kUnsupportedMedia,
                             "Cần Content-Type: application/offset+octet-stream.", 415));
    }
    const auto offset = ParseCount(request_.Header("Upload-Offset"));
    const auto length = ParseCount(request_.Header("Content-Length"));
    if (!offset) {
      return Answer(TusError(grpc::StatusCode::INVALID_ARGUMENT, reason::kInvalidArgument,
                             "Cần Upload-Offset."));
    }
    if (length && *offset + *length > id->size) {
      return Answer(TusError(grpc::StatusCode::INVALID_ARGUMENT, reason::kInvalidArgument,
                             "Phần gửi vượt quá kích thước tệp (the body passes the file's end)."));
    }
    Standing standing = Stat(channel_, token, *id);
    if (!standing.status.ok()) return Answer(TusError(standing.status));
    if (*offset != standing.offset) {
      Reply reply = ErrorReply(grpc::StatusCode::ABORTED, reason::kUploadOffsetMismatch,
                               "Máy chủ đã giữ " + std::to_string(standing.offset) +
                                   " byte của tệp, không phải " + std::to_string(*offset) +
                                   ": hỏi lại (HEAD) rồi gửi tiếp từ đó.",
                               {{"offset", std::to_string(standing.offset)}}, 409);
      Tus(reply).Header("Upload-Offset", std::to_string(standing.offset));
      return Answer(std::move(reply));
    }
    std::optional<v1::UploadTrailer> end;
    if (auto refused = DeclaredEnd(*id, &end)) return Answer(std::move(*refused));
    return std::make_unique<UploadBody>(channel_, token, *id, *offset, *offset, standing.present,
                                        "", std::move(end));
  }

 private:
  // The last body of an upload hashed while sent declares its end in
  // Hoso-Sha256: the hash (64 hex digits), or "server" when the page has none
  // (hosod's hash of what arrived names the file). Sets `end`, or refuses.
  std::optional<Reply> DeclaredEnd(const TusId& id, std::optional<v1::UploadTrailer>* end) const {
    const std::string hash = request_.Header("Hoso-Sha256");
    if (hash.empty()) return std::nullopt;
    end->emplace();
    if (hash == "server") {
      (*end)->set_unhashed(true);
    } else if (const auto normalized = NormalizedSha256(hash)) {
      (*end)->set_sha256(*normalized);
    }
    if (id.upload_id.empty() || (!(*end)->unhashed() && (*end)->sha256().empty())) {
      return TusError(grpc::StatusCode::INVALID_ARGUMENT, reason::kInvalidArgument,
                      "Hoso-Sha256 (64 chữ số hex, hoặc server) chỉ dùng cho tệp tải lên có "
                      "uploadId.");
    }
    return std::nullopt;
  }

  static Reply UnknownUpload() {
    return TusError(grpc::StatusCode::NOT_FOUND, reason::kNotFound,
                    "Không có tệp tải lên này (no such upload).");
  }

  const std::shared_ptr<grpc::Channel>& channel_;
  uint64_t max_size_;
  const Request& request_;
};

}  // namespace

std::unique_ptr<Exchange> TusUploads::Open(const Request& request, const std::string& rest) const {
  TusRequest tus(channel_, max_size_, request);
  const std::string& method = request.method();
  if (method == "OPTIONS") return tus.Options();
  if (rest.empty() && method == "POST") return tus.Create();
  if (!rest.empty() && method == "HEAD") return tus.Head(rest);
  if (!rest.empty() && method == "PATCH") return tus.Patch(rest);
  Reply reply =
      ErrorReply(grpc::StatusCode::UNIMPLEMENTED, reason::kUnimplemented,
                 "Phương thức HTTP này không dùng được ở đây (method not allowed).", {}, 405);
  return Answer(std::move(Tus(reply)));
}

}  // namespace hoso::web
