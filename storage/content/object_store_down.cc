#include "storage/content/object_store_down.h"

#include <string>

#include "storage/base/error_reason.h"

namespace hoso::storage {

absl::Status ObjectStoreDown(absl::Status status, StoreDownDuring during) {
  if (!absl::IsUnavailable(status)) return status;
  const std::string reason = ReasonOf(status);
  if (!reason.empty() && reason != reason::kObjectStoreUnavailable) return status;
  std::string sentence = "Kho lưu trữ tệp của máy chủ đang không trả lời. ";
  switch (during) {
    case StoreDownDuring::kResumableUpload:
      sentence +=
          "Phần tệp đã gửi được giữ lại; hãy chạy lại lệnh tải lên sau ít phút để gửi tiếp "
          "phần còn lại.";
      break;
    case StoreDownDuring::kUpload:
      sentence += "Các tệp này chưa được lưu; hãy gửi lại sau ít phút.";
      break;
    case StoreDownDuring::kRead:
      sentence +=
          "Tệp này chưa có trong bộ nhớ đệm của máy chủ nên chưa đọc được; hãy thử lại sau ít "
          "phút.";
      break;
  }
  return WithReason(absl::UnavailableError(sentence + " (" + std::string(status.message()) + ")"),
                    reason::kObjectStoreUnavailable);
}

}  // namespace hoso::storage
