// Every string of the interface, Vietnamese first, English second. The
// person's choice is kept in localStorage; t('key', a, b) fills {0}, {1}.
const strings = {
  'app.title': ['Hồ sơ minh chứng', 'Evidence dossier'],
  'nav.upload': ['Nộp minh chứng', 'Upload evidence'],
  'nav.mine': ['Minh chứng của tôi', 'My evidence'],
  'nav.review': ['Duyệt', 'Review'],
  'nav.coverage': ['Độ phủ', 'Coverage'],
  'nav.tasks': ['Kế hoạch', 'Plan tasks'],
  'nav.dossiers': ['Hồ sơ', 'Dossiers'],
  'nav.people': ['Người dùng', 'People'],
  'nav.assessor': ['Hồ sơ được giao', 'Assigned dossiers'],
  'nav.district': ['Các trường', 'Schools'],
  'logout': ['Đăng xuất', 'Log out'],
  'school': ['Trường', 'School'],
  'saved': ['Đã lưu.', 'Saved.'],
  'loading': ['Đang tải…', 'Loading…'],
  'none': ['Không có mục nào.', 'Nothing here.'],
  'cancel': ['Hủy', 'Cancel'],
  'close': ['Đóng', 'Close'],
  'print': ['In', 'Print'],
  'download': ['Tải về', 'Download'],


  'login.title': ['Đăng nhập', 'Log in'],
  'login.user': ['Tên đăng nhập', 'User name'],
  'login.password': ['Mật khẩu', 'Password'],
  'login.submit': ['Đăng nhập', 'Log in'],
  'login.need': ['Nhập tên đăng nhập và mật khẩu.', 'Enter the user name and the password.'],
  'login.code.title': ['Có mã đăng nhập?', 'Have a login code?'],
  'login.code': ['Mã đăng nhập', 'Login code'],
  'login.code.submit': ['Đăng nhập bằng mã', 'Log in with the code'],
  'setpw.title': ['Đặt mật khẩu của bạn', 'Set your password'],
  'setpw.hint': ['Để lần sau đăng nhập không cần mã. Ít nhất 10 ký tự.', 'So that next time you need no code. At least 10 characters.'],
  'setpw.new': ['Mật khẩu mới', 'New password'],
  'setpw.repeat': ['Nhập lại mật khẩu', 'Repeat the password'],
  'setpw.submit': ['Lưu mật khẩu', 'Save the password'],
  'setpw.skip': ['Để sau', 'Later'],
  'setpw.mismatch': ['Hai mật khẩu không giống nhau.', 'The two passwords differ.'],
  'setpw.short': ['Mật khẩu cần ít nhất 10 ký tự.', 'The password needs at least 10 characters.'],
  'setpw.done': ['Đã đặt mật khẩu.', 'Password set.'],
  'noroles': ['Tài khoản chưa có vai trò ở trường nào. Liên hệ hiệu trưởng.', 'This account has no role in any school yet. Ask the principal.'],

  'kind.EVIDENCE_KIND_MINUTES': ['Biên bản', 'Minutes'],
  'kind.EVIDENCE_KIND_DECISION': ['Quyết định', 'Decision'],
  'kind.EVIDENCE_KIND_PLAN': ['Kế hoạch', 'Plan'],
  'kind.EVIDENCE_KIND_REPORT': ['Báo cáo', 'Report'],
  'kind.EVIDENCE_KIND_PHOTO': ['Ảnh', 'Photo'],
  'kind.EVIDENCE_KIND_OTHER': ['Khác', 'Other'],
  'state.submitted': ['Chờ duyệt', 'Awaiting review'],
  'state.approved': ['Đã duyệt', 'Approved'],
  'state.returned': ['Bị trả lại', 'Returned'],

  'upload.title': ['Nộp minh chứng', 'Upload evidence'],
  'upload.criterion': ['Tiêu chí', 'Criterion'],
  'upload.criterion.search': ['Tìm theo mã hoặc tên (không cần dấu)', 'Search by code or name (no accents needed)'],
  'upload.criterion.none': ['Chưa chọn tiêu chí', 'No criterion chosen'],
  'upload.criterion.more': ['… và {0} tiêu chí khác, gõ thêm để lọc', '… and {0} more; type more to narrow'],
  'upload.name': ['Tên minh chứng', 'Title'],
  'upload.kind': ['Loại', 'Kind'],
  'upload.year': ['Năm học', 'School year'],
  'upload.number': ['Số văn bản', 'Document number'],
  'upload.date': ['Ngày ban hành', 'Date'],
  'upload.issuer': ['Nơi ban hành / người thực hiện', 'Issued by'],
  'upload.task': ['Nhiệm vụ kế hoạch', 'Plan task'],
  'upload.task.none': ['(không có)', '(none)'],
  'upload.files': ['Chọn tệp', 'Choose files'],
  'upload.camera': ['Chụp ảnh', 'Take a photo'],
  'upload.submit': ['Nộp', 'Submit'],
  'upload.need.criterion': ['Chọn một tiêu chí.', 'Choose a criterion.'],
  'upload.need.title': ['Nhập tên minh chứng.', 'Enter a title.'],
  'upload.need.files': ['Chọn ít nhất một tệp hoặc chụp ảnh.', 'Choose at least one file or take a photo.'],
  'upload.file.hashing': ['Đang kiểm tra tệp…', 'Reading the file…'],
  'upload.file.checking': ['Đang hỏi máy chủ…', 'Asking the server…'],
  'upload.file.uploading': ['Đang gửi…', 'Sending…'],
  'upload.file.linked': ['Máy chủ đã có tệp này, không cần gửi lại.', 'The server has this file already; nothing sent.'],
  'upload.file.retrying': ['Mất kết nối, đang thử lại… (phần đã lên máy chủ không gửi lại)', 'Connection lost, retrying… (what reached the server is not sent again)'],
  'upload.file.uploaded': ['Đã gửi xong.', 'Sent.'],
  'upload.file.waiting': ['Chờ gửi', 'Waiting'],
  'upload.file.error': ['Lỗi', 'Error'],
  'upload.file.remove': ['Bỏ', 'Remove'],
  'upload.file.resumed': ['Tiếp tục từ {0} đã có trên máy chủ.', 'Resuming after {0} already on the server.'],
  'upload.file.failed': ['Gửi tệp không được. Bấm Nộp để thử lại.', 'The file could not be sent. Press Submit to try again.'],
  'upload.done': ['Đã nộp minh chứng {0}.', 'Evidence {0} submitted.'],
  'upload.resume.title': ['Còn tệp gửi dở', 'Unfinished uploads'],
  'upload.resume.hint': ['Chọn lại đúng các tệp này để gửi tiếp từ chỗ đã dừng; phần đã lên máy chủ không gửi lại.', 'Choose these files again to continue where they stopped; what reached the server is not sent again.'],
  'upload.resume.discard': ['Bỏ qua', 'Forget them'],
  'upload.resume.row': ['{0}: đã có {1} / {2}', '{0}: {1} of {2} on the server'],

  'mine.title': ['Minh chứng của tôi', 'My evidence'],
  'items.title': ['Minh chứng của tiêu chí {0}', 'Evidence of criterion {0}'],
  'item.reason': ['Lý do: {0}', 'Reason: {0}'],
  'item.edit': ['Sửa', 'Edit'],
  'item.files': ['{0} tệp', '{0} file(s)'],
  'edit.save': ['Lưu', 'Save'],
  'edit.resubmit': ['Lưu và gửi lại', 'Save and resubmit'],
  'edit.resubmitted': ['Đã sửa và gửi lại để duyệt.', 'Edited and sent back for review.'],

  'review.title': ['Minh chứng chờ duyệt', 'Awaiting review'],
  'review.reason': ['Lý do trả lại (bắt buộc khi trả lại)', 'Reason for returning (required to return)'],
  'review.approve': ['Duyệt', 'Approve'],
  'review.return': ['Trả lại', 'Return'],
  'review.need.reason': ['Ghi lý do trả lại để giáo viên biết cần sửa gì.', 'Write why it is returned so the teacher knows what to fix.'],
  'review.approved': ['Đã duyệt {0}.', 'Approved {0}.'],
  'review.returned': ['Đã trả lại {0}.', 'Returned {0}.'],
  'review.uploader': ['Người nộp: {0}', 'Uploaded by {0}'],
  'review.pdf.hint': ['Trình duyệt không hiện được tệp PDF? Bấm Tải về để mở.', 'The PDF does not show? Download it to open it.'],
  'review.nopreview': ['(không xem trước được loại tệp này)', '(no preview for this type)'],

  'coverage.title': ['Độ phủ minh chứng', 'Evidence coverage'],
  'coverage.summary': ['{0} / {1} tiêu chí có minh chứng', '{0} of {1} criteria have evidence'],
  'coverage.legend.empty': ['Chưa có minh chứng', 'No evidence'],
  'coverage.legend.overdue': ['Có nhiệm vụ quá hạn', 'Overdue plan task'],
  'coverage.legend.covered': ['Đã có minh chứng', 'Has evidence'],
  'coverage.cell': ['{0}: {1} minh chứng, {2} nhiệm vụ quá hạn', '{0}: {1} items, {2} overdue tasks'],
  'coverage.missing': ['Tiêu chí chưa có minh chứng', 'Criteria without evidence'],
  'catalogue': ['Danh mục minh chứng', 'Evidence catalogue'],
  'catalogue.xlsx': ['Tải Excel (.xlsx)', 'Download Excel (.xlsx)'],
  'catalogue.csv': ['Tải CSV', 'Download CSV'],

  'tasks.title': ['Nhiệm vụ kế hoạch cải tiến', 'Improvement plan tasks'],
  'tasks.overdue': ['Chỉ quá hạn', 'Overdue only'],
  'tasks.without': ['Chỉ chưa có minh chứng', 'Without evidence only'],
  'tasks.due': ['Hạn: {0}', 'Due: {0}'],
  'tasks.is.overdue': ['Quá hạn', 'Overdue'],
  'tasks.evidence': ['{0} minh chứng', '{0} items'],
  'tasks.owners': ['Phụ trách: {0}', 'Owners: {0}'],

  'dossiers.title': ['Hồ sơ minh chứng', 'Dossiers'],
  'dossiers.build': ['Tạo phiên bản hồ sơ mới', 'Build a new dossier version'],
  'dossiers.built': ['Đã tạo hồ sơ số {0}.', 'Dossier {0} built.'],
  'dossiers.row': ['Hồ sơ số {0}: {1} minh chứng, {2} tệp, {3}', 'Dossier {0}: {1} items, {2} files, {3}'],
  'dossiers.draft': ['Bản nháp (chưa ký)', 'Draft (not sealed)'],
  'dossiers.sealed': ['Đã ký số', 'Sealed'],
  'dossiers.sealed.by': ['Ký bởi {0}', 'Signed by {0}'],
  'dossiers.zip': ['Tải .zip', 'Download .zip'],
  'dossiers.tar': ['Tải .tar', 'Download .tar'],
  'dossiers.seal.help': ['Ký số hồ sơ được làm trên máy của hiệu trưởng, để khóa không bao giờ rời máy đó:', 'Sealing happens on the principal\'s own machine, so the key never leaves it:'],

  'people.title': ['Người dùng của trường', 'People of the school'],
  'people.add': ['Thêm người', 'Add a person'],
  'people.name': ['Tên đăng nhập (vd. lan.nguyen)', 'Login name (e.g. lan.nguyen)'],
  'people.fullname': ['Họ và tên', 'Full name'],
  'people.role': ['Vai trò', 'Role'],
  'people.add.submit': ['Thêm', 'Add'],
  'people.added': ['Đã thêm {0}.', '{0} added.'],
  'people.remove': ['Bỏ vai trò', 'Remove role'],
  'people.removed': ['Đã bỏ vai trò của {0}.', 'Role of {0} removed.'],
  'people.confirm.remove': ['Bỏ vai trò của {0} ở trường này?', 'Remove the role of {0} in this school?'],
  'people.code': ['Cấp mã đăng nhập', 'Issue a login link'],
  'people.code.for': ['Đường dẫn đăng nhập một lần cho {0}', 'One-time login link for {0}'],
  'people.code.expires': ['Dùng được một lần, đến {0}.', 'Works once, until {0}.'],
  'people.code.hint': ['Đưa cho giáo viên: mở đường dẫn này trên điện thoại là vào được.', 'Give it to the teacher: opening this link on the phone logs them in.'],
  'role.teacher': ['Giáo viên', 'Teacher'],
  'role.secretary': ['Thư ký', 'Secretary'],
  'role.assessor': ['Đánh giá viên', 'Assessor'],
  'role.admin': ['Hiệu trưởng / quản trị', 'Principal / admin'],

  'assessor.title': ['Hồ sơ đã ký được giao', 'Sealed dossiers assigned to you'],
  'assessor.verify': ['Kiểm tra hồ sơ không cần mạng', 'Check a dossier offline'],
  'assessor.verify.help': ['Sau khi tải về, chạy lệnh sau trên máy có cài hoso, với chứng thư gốc (ca.pem) của Sở:', 'After downloading, run this on a machine with hoso, with the certificate authority (ca.pem) you were given:'],

  'assessment.title': ['Tự đánh giá', 'Self-assessment'],
  'assessment.none': ['Trường chưa có báo cáo tự đánh giá.', 'The school has no self-assessment yet.'],
  'assessment.level': ['Mức đạt của trường: {0} · {1} / {2} tiêu chí đã duyệt', 'School level: {0} · {1} of {2} criteria approved'],
  'assessment.criterion.level': ['đạt mức {0}', 'level {0}'],
  'assessment.state.draft': ['Đang viết', 'Draft'],
  'assessment.state.submitted': ['Chờ duyệt', 'Submitted'],
  'assessment.state.approved': ['Đã duyệt', 'Approved'],
  'assessment.docx': ['Tải báo cáo (.docx)', 'Download the report (.docx)'],
  'assessment.html': ['Tải báo cáo (.html)', 'Download the report (.html)'],
  'nav.assessment': ['Tự đánh giá', 'Self-assessment'],
  'district.title': ['Các trường', 'Schools side by side'],
  'district.items': ['{0} minh chứng', '{0} items'],
  'district.covered': ['{0} / {1} tiêu chí có minh chứng', '{0} of {1} criteria covered'],
  'district.overdue': ['{0} nhiệm vụ quá hạn', '{0} overdue tasks'],
  'district.dossier': ['Hồ sơ mới nhất: số {0}, {1}', 'Latest dossier: {0}, {1}'],
  'district.nodossier': ['Chưa có hồ sơ', 'No dossier yet'],
  'district.noaccess': ['(không xem được với vai trò này)', '(not visible with this role)'],
};

const languages = ['vi', 'en'];
let current = readLanguage();

function readLanguage() {
  try {
    const saved = localStorage.getItem('hoso.lang');
    return languages.includes(saved) ? saved : 'vi';
  } catch {
    return 'vi';
  }
}

export function lang() {
  return current;
}

export function setLang(language) {
  if (!languages.includes(language)) return;
  current = language;
  try {
    localStorage.setItem('hoso.lang', language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = language;
}

export function t(key, ...args) {
  const entry = strings[key];
  let text = entry ? entry[languages.indexOf(current)] || entry[0] : key;
  args.forEach((arg, i) => {
    text = text.replaceAll(`{${i}}`, String(arg));
  });
  return text;
}

// Sizes and dates as people read them.
export function bytes(n) {
  const value = Number(n || 0);
  if (value < 1024) return `${value} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let size = value / 1024;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${size.toLocaleString(current === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })} ${units[unit]}`;
}

export function dateTime(timestamp) {
  if (!timestamp) return '';
  const date = new Date(timestamp);
  return date.toLocaleString(current === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}
