#include "clients/web/downloads.h"

#include <cstring>
#include <vector>

#include "clients/web/error_json.h"
#include "clients/web/hosod_channel.h"
#include "clients/web/session_cookie.h"
#include "clients/web/tus_id.h"
#include "hoso/v1/hoso.grpc.pb.h"

namespace hoso::web {
namespace {

constexpr size_t kSniffBytes = 16;

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() > suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool AllDigits(const std::string& text) {
  return !text.empty() && text.size() <= 19 &&
         text.find_first_not_of("0123456789") == std::string::npos;
}

Reply NotFound() {
  return ErrorReply(grpc::StatusCode::NOT_FOUND, reason::kNotFound,
                    "Không có tệp này (no such file).");
}

// The rest of a gRPC download stream as an HTTP body. `expected`: the size
// the body must have (kUnknownSize: any); a short or failed stream breaks it.
template <typename Chunk>
class StreamBody : public BodySource {
 public:
  StreamBody(std::unique_ptr<grpc::ClientContext> context,
             std::unique_ptr<grpc::ClientReader<Chunk>> reader, std::string first,
             uint64_t expected)
      : context_(std::move(context)),
        reader_(std::move(reader)),
        data_(std::move(first)),
        expected_(expected) {}

  ~StreamBody() override {
    if (!done_) {
      context_->TryCancel();
      (void)reader_->Finish();
    }
  }

  long Read(char* out, size_t max) override {
    while (pos_ >= data_.size()) {
      if (done_) return -1;
      Chunk chunk;
      if (!reader_->Read(&chunk)) {
        done_ = true;
        const grpc::Status status = reader_->Finish();
        if (!status.ok()) {
          std::fprintf(stderr, "hoso-web: download broken: %s\n", status.error_message().c_str());
          return -1;
        }
        if (expected_ != kUnknownSize && sent_ != expected_) return -1;
        return 0;
      }
      data_ = std::move(*chunk.mutable_data());
      pos_ = 0;
    }
    const size_t n = std::min(max, data_.size() - pos_);
    std::memcpy(out, data_.data() + pos_, n);
    pos_ += n;
    sent_ += n;
    return static_cast<long>(n);
  }

 private:
  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<grpc::ClientReader<Chunk>> reader_;
  std::string data_;
  size_t pos_ = 0;
  uint64_t expected_;
  uint64_t sent_ = 0;
  bool done_ = false;
};

// An opened download: the first message read (so that errors come before any header).
template <typename Chunk>
struct Opened {
  std::unique_ptr<grpc::ClientContext> context;
  std::unique_ptr<grpc::ClientReader<Chunk>> reader;
  Chunk first;
  grpc::Status status;  // not OK: nothing came
};

template <typename Chunk, typename Call>
Opened<Chunk> Open(const std::string& token, Call call) {
  Opened<Chunk> opened;
  opened.context = StreamContext(token);
  opened.reader = call(opened.context.get());
  if (!opened.reader->Read(&opened.first)) {
    opened.status = opened.reader->Finish();
    if (opened.status.ok()) opened.status = grpc::Status(grpc::StatusCode::DATA_LOSS, "empty");
  }
  return opened;
}

template <typename Chunk>
Reply Attachment(Opened<Chunk> opened, const std::string& name, uint64_t size) {
  std::string first = std::move(*opened.first.mutable_data());
  Reply reply = Reply::Stream(
      200, size,
      std::make_unique<StreamBody<Chunk>>(std::move(opened.context), std::move(opened.reader),
                                          std::move(first), size),
      "application/octet-stream");
  reply.Header("Content-Disposition", ContentDisposition("attachment", name))
      .Kind(ReplyKind::kDownload);
  return reply;
}

class DownloadRequest {
 public:
  DownloadRequest(const std::shared_ptr<grpc::Channel>& channel, std::string token)
      : stub_(v1::EvidenceService::NewStub(channel)),
        dossiers_(v1::DossierService::NewStub(channel)),
        reports_(v1::ReportService::NewStub(channel)),
        assessments_(v1::AssessmentReportService::NewStub(channel)),
        token_(std::move(token)) {}

  // /download/<school>/<item>/<sha256> and /preview/…: the item's file with that content.
  Reply EvidenceFile(const std::vector<std::string>& parts, bool preview) {
    if (parts.size() != 3 || !IsSchoolCode(parts[0]) || !NormalizedSha256(parts[2])) {
      return NotFound();
    }
    const std::string sha256 = *NormalizedSha256(parts[2]);
    v1::GetEvidenceRequest get;
    get.set_school(parts[0]);
    AllDigits(parts[1]) ? get.set_id(std::stoull(parts[1])) : get.set_ref(parts[1]);
    v1::Evidence item;
    auto context = UnaryContext(token_);
    if (grpc::Status s = stub_->GetEvidence(context.get(), get, &item); !s.ok()) {
      return ErrorReply(s);
    }
    int index = -1;
    for (int i = 0; i < item.files_size() && index < 0; ++i) {
      if (item.files(i).sha256() == sha256) index = i;
    }
    if (index < 0) return NotFound();
    v1::DownloadFileRequest request;
    request.set_school(item.school());
    request.set_id(item.id());
    request.set_file_index(static_cast<uint32_t>(index));
    auto opened = Open<v1::DownloadChunk>(
        token_, [&](grpc::ClientContext* c) { return stub_->DownloadFile(c, request); });
    if (!opened.status.ok()) return ErrorReply(opened.status);
    const v1::EvidenceFile file = opened.first.file();
    if (file.sha256() != sha256) return NotFound();  // edited meanwhile
    if (!preview) return Attachment(std::move(opened), file.name(), file.size());
    return Preview(std::move(opened), file);
  }

  // /dossier/<school>/<id>.zip or .tar
  Reply Dossier(const std::vector<std::string>& parts) {
    if (parts.size() != 2 || !IsSchoolCode(parts[0])) return NotFound();
    const std::string& file = parts[1];
    const bool zip = EndsWith(file, ".zip"), tar = EndsWith(file, ".tar");
    const std::string id = file.substr(0, file.size() - 4);
    if ((!zip && !tar) || !AllDigits(id)) return NotFound();
    v1::DownloadDossierRequest request;
    request.set_school(parts[0]);
    request.set_id(std::stoull(id));
    request.set_format(zip ? v1::ARCHIVE_FORMAT_ZIP : v1::ARCHIVE_FORMAT_TAR);
    auto opened = Open<v1::ArchiveChunk>(
        token_, [&](grpc::ClientContext* c) { return dossiers_->DownloadDossier(c, request); });
    if (!opened.status.ok()) return ErrorReply(opened.status);
    return Attachment(std::move(opened), "ho-so-" + parts[0] + "-" + file, kUnknownSize);
  }

  // /catalogue/<school>.xlsx or .csv [?year=2024-2025]
  Reply Catalogue(const std::vector<std::string>& parts, const std::string& year) {
    if (parts.size() != 1) return NotFound();
    const std::string& file = parts[0];
    const bool xlsx = EndsWith(file, ".xlsx"), csv = EndsWith(file, ".csv");
    const std::string school = file.substr(0, file.size() - (xlsx ? 5 : 4));
    if ((!xlsx && !csv) || !IsSchoolCode(school)) return NotFound();
    v1::CatalogueRequest request;
    request.set_school(school);
    request.set_format(xlsx ? v1::CATALOGUE_FORMAT_XLSX : v1::CATALOGUE_FORMAT_CSV);
    request.set_year(year);
    auto opened = Open<v1::CatalogueChunk>(
        token_, [&](grpc::ClientContext* c) { return reports_->Catalogue(c, request); });
    if (!opened.status.ok()) return ErrorReply(opened.status);
    return Attachment(std::move(opened), "danh-muc-minh-chung-" + file, kUnknownSize);
  }

  // /report/<school>/<assessment>.docx or .html [?criterion=1.1]
  Reply Report(const std::vector<std::string>& parts, const std::string& criterion) {
    if (parts.size() != 2 || !IsSchoolCode(parts[0])) return NotFound();
    const std::string& file = parts[1];
    const bool docx = EndsWith(file, ".docx"), html = EndsWith(file, ".html");
    const std::string id = file.substr(0, file.size() - 5);  // .docx, .html
    if ((!docx && !html) || !AllDigits(id)) return NotFound();
    v1::RenderReportRequest request;
    request.set_school(parts[0]);
    request.set_assessment(std::stoull(id));
    request.set_format(docx ? v1::REPORT_DOCX : v1::REPORT_HTML);
    request.set_criterion(criterion);
    auto opened = Open<v1::ReportChunk>(
        token_, [&](grpc::ClientContext* c) { return assessments_->RenderReport(c, request); });
    if (!opened.status.ok()) return ErrorReply(opened.status);
    std::string name = opened.first.file_name();
    if (name.empty()) name = "bao-cao-" + parts[0] + "-" + file;
    return Attachment(std::move(opened), name, kUnknownSize);
  }

 private:
  Reply Preview(Opened<v1::DownloadChunk> opened, const v1::EvidenceFile& file) {
    std::string head = std::move(*opened.first.mutable_data());
    v1::DownloadChunk chunk;
    while (head.size() < kSniffBytes && head.size() < file.size() && opened.reader->Read(&chunk)) {
      head += chunk.data();
    }
    const std::string type = PreviewType(head);
    if (type.empty()) {
      opened.context->TryCancel();
      (void)opened.reader->Finish();
      return ErrorReply(grpc::StatusCode::INVALID_ARGUMENT, reason::kUnsupportedMedia,
                        "Chỉ xem trước được ảnh (PNG, JPEG, GIF, WebP) và PDF; hãy tải tệp về.", {},
                        415);
    }
    Reply reply = Reply::Stream(
        200, file.size(),
        std::make_unique<StreamBody<v1::DownloadChunk>>(
            std::move(opened.context), std::move(opened.reader), std::move(head), file.size()),
        type);
    reply.Header("Content-Disposition", ContentDisposition("inline", file.name()))
        .Kind(ReplyKind::kPreview);
    return reply;
  }

  std::unique_ptr<v1::EvidenceService::Stub> stub_;
  std::unique_ptr<v1::DossierService::Stub> dossiers_;
  std::unique_ptr<v1::ReportService::Stub> reports_;
  std::unique_ptr<v1::AssessmentReportService::Stub> assessments_;
  std::string token_;
};

}  // namespace

std::string ContentDisposition(const std::string& kind, const std::string& name) {
  std::string ascii, encoded;
  static const char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : name) {
    const bool plain = std::isalnum(c) || std::strchr("!#$&+-.^_`|~", c) != nullptr;
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
    ascii +=
        (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%') ? static_cast<char>(c) : '_';
  }
  if (ascii.empty()) ascii = "tep";
  return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

std::string PreviewType(std::string_view head) {
  auto begins = [&](std::string_view magic, size_t at = 0) {
    return head.size() >= at + magic.size() && head.substr(at, magic.size()) == magic;
  };
  if (begins("\x89PNG\r\n\x1a\n")) return "image/png";
  if (begins("\xff\xd8\xff")) return "image/jpeg";
  if (begins("GIF87a") || begins("GIF89a")) return "image/gif";
  if (begins("RIFF") && begins("WEBP", 8)) return "image/webp";
  if (begins("%PDF-")) return "application/pdf";
  return "";
}

std::unique_ptr<Exchange> Downloads::Open(const Request& request) const {
  static const char* const kRoots[] = {"/download/", "/preview/", "/dossier/", "/catalogue/",
                                       "/report/"};
  const std::string& path = request.path();
  int root = -1;
  for (int i = 0; i < 5 && root < 0; ++i) {
    if (path.rfind(kRoots[i], 0) == 0) root = i;
  }
  if (root < 0) return nullptr;
  if (request.method() != "GET" && request.method() != "HEAD") {
    return Answer(ErrorReply(grpc::StatusCode::UNIMPLEMENTED, reason::kUnimplemented,
                             "Phương thức HTTP này không dùng được ở đây (method not allowed).", {},
                             405));
  }
  const std::string token = SessionToken(request);
  if (token.empty()) {
    return Answer(ErrorReply(grpc::StatusCode::UNAUTHENTICATED, reason::kNotSignedIn,
                             "Chưa đăng nhập, hoặc phiên đã hết hạn: hãy đăng nhập lại."));
  }
  const std::vector<std::string> parts = Split(path.substr(std::strlen(kRoots[root])));
  DownloadRequest download(channel_, token);
  switch (root) {
    case 0:
      return Answer(download.EvidenceFile(parts, false));
    case 1:
      return Answer(download.EvidenceFile(parts, true));
    case 2:
      return Answer(download.Dossier(parts));
    case 3:
      return Answer(download.Catalogue(parts, request.Query("year")));
    default:
      return Answer(download.Report(parts, request.Query("criterion")));
  }
}

}  // namespace hoso::web
