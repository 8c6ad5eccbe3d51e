#include "bench/corpus/vocabulary.h"

// Evidence titles as a school files them; the words and people of the minutes.

namespace hoso::corpus {

const std::vector<std::string>& PhotoTitles() {
  static const auto* v = new std::vector<std::string>{
      "Ảnh lễ khai giảng",
      "Ảnh hoạt động ngoại khóa",
      "Ảnh cơ sở vật chất",
      "Ảnh phòng học bộ môn",
      "Ảnh thư viện",
      "Ảnh sân trường",
      "Ảnh hội khỏe Phù Đổng",
      "Ảnh ngày hội đọc sách",
      "Ảnh tập huấn giáo viên",
      "Ảnh buổi sinh hoạt chuyên đề",
      "Ảnh trao học bổng",
      "Ảnh hội nghị cán bộ viên chức",
      "Ảnh lễ tổng kết năm học",
      "Ảnh phòng y tế",
      "Ảnh nhà vệ sinh học sinh",
      "Ảnh khu vui chơi",
      "Ảnh hoạt động trải nghiệm",
      "Ảnh tuyên truyền an toàn giao thông",
  };
  return *v;
}

const std::vector<std::string>& ReportTitles() {
  static const auto* v = new std::vector<std::string>{
      "Báo cáo tổng kết năm học",
      "Báo cáo tự đánh giá",
      "Kế hoạch năm học",
      "Kế hoạch chiến lược phát triển nhà trường",
      "Quyết định thành lập trường",
      "Quyết định công nhận Hội đồng trường",
      "Quy chế chi tiêu nội bộ",
      "Quy chế dân chủ cơ sở",
      "Báo cáo kiểm tra nội bộ",
      "Hồ sơ phổ cập giáo dục",
      "Báo cáo công khai chất lượng giáo dục",
      "Danh sách cán bộ, giáo viên, nhân viên",
      "Kế hoạch bồi dưỡng thường xuyên",
      "Báo cáo kết quả thi đua khen thưởng",
      "Đề án vị trí việc làm",
      "Báo cáo thống kê cơ sở vật chất",
      "Sổ đăng bộ học sinh",
      "Hồ sơ kiểm định chất lượng",
      "Nghị quyết Hội đồng trường",
  };
  return *v;
}

const std::vector<std::string>& MinuteTitles() {
  static const auto* v = new std::vector<std::string>{
      "Biên bản họp hội đồng sư phạm",
      "Biên bản sinh hoạt tổ chuyên môn",
      "Biên bản họp chi bộ",
      "Biên bản họp Ban đại diện cha mẹ học sinh",
      "Biên bản kiểm tra hồ sơ",
      "Thông báo",
      "Tờ trình",
      "Công văn",
      "Biên bản họp Công đoàn",
      "Biên bản họp Đoàn Thanh niên",
      "Giấy mời họp",
      "Biên bản bàn giao",
      "Biên bản kiểm kê tài sản",
      "Biên bản họp xét thi đua",
  };
  return *v;
}

const std::vector<std::string>& Qualifiers() {
  static const auto* v = new std::vector<std::string>{
      "tổ Toán – Tin", "tổ Ngữ văn", "tổ Khoa học tự nhiên",
      "tổ Ngoại ngữ",  "học kỳ I",   "học kỳ II",
      "tháng 9",       "tháng 10",   "tháng 11",
      "tháng 12",      "lớp 6A1",    "lớp 7A2",
      "lớp 8A3",       "lớp 9A4",    "khối 6",
      "khối 9",        "đợt 1",      "đợt 2",
      "bổ sung",       "đã ký",      "bản chính thức",
      "(bản scan)",    "lần 2",
  };
  return *v;
}

const std::vector<std::string>& Words() {
  static const auto* v = new std::vector<std::string>{
      "nhà",    "trường", "giáo",   "viên",   "học",    "sinh",   "cán",    "bộ",    "nhân",
      "viên",   "hội",    "đồng",   "kế",     "hoạch",  "năm",    "học",    "thực",  "hiện",
      "tổ",     "chức",   "đánh",   "giá",    "kết",    "quả",    "chất",   "lượng", "giáo",
      "dục",    "chuyên", "môn",    "đổi",    "mới",    "phương", "pháp",   "dạy",   "học",
      "kiểm",   "tra",    "bồi",    "dưỡng",  "thường", "xuyên",  "cơ",     "sở",    "vật",
      "chất",   "thiết",  "bị",     "thư",    "viện",   "phòng",  "học",    "bộ",    "môn",
      "an",     "toàn",   "vệ",     "sinh",   "trường", "lớp",    "xanh",   "sạch",  "đẹp",
      "phụ",    "huynh",  "cha",    "mẹ",     "ban",    "đại",    "diện",   "công",  "đoàn",
      "đoàn",   "thanh",  "niên",   "đội",    "thiếu",  "niên",   "tiền",   "phong", "hồ",
      "chí",    "minh",   "nghị",   "quyết",  "chi",    "bộ",     "đảng",   "ủy",    "xã",
      "phường", "ủy",     "ban",    "nhân",   "dân",    "phòng",  "giáo",   "dục",   "và",
      "đào",    "tạo",    "sở",     "thông",  "tư",     "quyết",  "định",   "công",  "văn",
      "hướng",  "dẫn",    "tiêu",   "chuẩn",  "tiêu",   "chí",    "minh",   "chứng", "tự",
      "đánh",   "giá",    "kiểm",   "định",   "công",   "nhận",   "đạt",    "chuẩn", "quốc",
      "gia",    "mức",    "độ",     "điểm",   "mạnh",   "điểm",   "yếu",    "biện",  "pháp",
      "cải",    "tiến",   "tồn",    "tại",    "hạn",    "chế",    "nguyên", "nhân",  "đã",
      "được",   "đang",   "sẽ",     "cần",    "phải",   "tiếp",   "tục",    "tăng",  "cường",
      "nâng",   "cao",    "hiệu",   "quả",    "đúng",   "quy",    "định",   "đầy",   "đủ",
      "kịp",    "thời",   "nghiêm", "túc",    "tích",   "cực",    "chủ",    "động",  "sáng",
      "tạo",    "phối",   "hợp",    "triển",  "khai",   "họp",    "thống",  "nhất",  "biểu",
      "quyết",  "tán",    "thành",  "ý",      "kiến",   "thảo",   "luận",   "kết",   "luận",
      "chủ",    "tọa",    "thư",    "ký",     "tỷ",     "lệ",     "phần",   "trăm",  "khá",
      "giỏi",   "trung",  "bình",   "yếu",    "kém",    "lên",    "lớp",    "tốt",   "nghiệp",
      "tuyển",  "sinh",   "hạnh",   "kiểm",   "học",    "lực",    "rèn",    "luyện", "năng",
      "lực",    "phẩm",   "chất",   "chương", "trình",  "giáo",   "dục",    "phổ",   "thông",
      "sách",   "giáo",   "khoa",   "kế",     "hoạch",  "bài",    "dạy",    "sinh",  "hoạt",
      "chuyên", "đề",     "nghiên", "cứu",    "bài",    "học",    "kinh",   "phí",   "ngân",
      "sách",   "thu",    "chi",    "công",   "khai",   "minh",   "bạch",   "tài",   "sản",
      "kiểm",   "kê",     "thanh",  "lý",
  };
  return *v;
}

const std::vector<std::string>& People() {
  static const auto* v = new std::vector<std::string>{
      "Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thị Dung",
      "Hoàng Văn Đức", "Vũ Thị Hạnh",   "Đặng Quốc Huy",  "Bùi Thị Lan",
      "Đỗ Minh Khoa",  "Ngô Thị Mai",   "Dương Văn Nam",  "Lý Thị Oanh",
  };
  return *v;
}

const std::vector<std::string>& SchoolYears() {
  static const auto* v = new std::vector<std::string>{
      "Năm học 2019-2020", "Năm học 2020-2021", "Năm học 2021-2022",
      "Năm học 2022-2023", "Năm học 2023-2024",
  };
  return *v;
}

}  // namespace hoso::corpus
