// The sentence a person reads for an error of hosod or hoso-web.
//
// Errors arrive in the Connect unary error form (clients/web/HTTP.md):
//   {code: "permission_denied", message: "…hosod's message…",
//    details: [{type: "google.rpc.ErrorInfo",
//               debug: {reason: "NOT_OWN_ITEM", domain: "hoso.vn",
//                       metadata: {code: "H1-1.1-01", uploader: "lan"}}}]}
// The reason (storage/base/error_reason.h, and hoso-web's own) picks the
// sentence; the metadata fills it in. The server's message is for the CLI
// and for a "details" line, never the sentence itself. Sentences are plain
// text: put them into the page with textContent, never innerHTML.
//
// No dependencies: an ES module for the browser, tested by node --test
// (web/test/reasons.test.mjs), which also checks every reason of
// error_reason.h has a sentence here in both languages.

// Metadata read with defaults, so a sentence still reads well when the
// server left a key out.
function reader(metadata, lang) {
  const m = metadata && typeof metadata === 'object' ? metadata : {};
  const has = (key) => typeof m[key] === 'string' && m[key] !== '';
  return {
    has,
    get: (key, fallback = '') => (has(key) ? m[key] : fallback),
    bytes: (key) => (has(key) ? formatBytes(Number(m[key]), lang) : ''),
    seconds: (key) => (has(key) ? formatSeconds(Number(m[key]), lang) : ''),
  };
}

// 26214400 -> "25 MB" ("1,5 MB" in Vietnamese: a decimal comma).
export function formatBytes(n, lang = 'vi') {
  if (!Number.isFinite(n) || n < 0) return '';
  const units = ['byte', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  let text = unit === 0 || value >= 100 ? String(Math.round(value)) : value.toFixed(1);
  if (text.endsWith('.0')) text = text.slice(0, -2);
  if (lang === 'vi') text = text.replace('.', ',');
  return `${text} ${units[unit]}`;
}

// 45 -> "45 giây", 300 -> "5 phút"; rounded up, a person waits the whole time.
export function formatSeconds(s, lang = 'vi') {
  if (!Number.isFinite(s) || s < 0) return '';
  if (s < 120) {
    const n = Math.ceil(s);
    return lang === 'vi' ? `${n} giây` : `${n} second${n === 1 ? '' : 's'}`;
  }
  const minutes = Math.ceil(s / 60);
  return lang === 'vi' ? `${minutes} phút` : `${minutes} minutes`;
}

// What a request field is called on the forms (INVALID_ARGUMENT's field).
const FIELDS = {
  vi: {
    title: 'tên minh chứng',
    criterion: 'tiêu chí',
    criteria: 'tiêu chí',
    kind: 'loại minh chứng',
    year: 'năm học',
    number: 'số văn bản',
    issuer: 'nơi ban hành',
    issued: 'ngày ban hành',
    date: 'ngày',
    box: 'số hộp',
    code: 'mã', // Evidence.code and CodeLoginRequest.code alike
    ref: 'mã minh chứng',
    reason: 'lý do',
    school: 'trường',
    files: 'tệp',
    file: 'tệp',
    sha256: 'mã băm của tệp',
    task: 'nhiệm vụ kế hoạch',
    content: 'nội dung',
    start: 'tháng bắt đầu',
    due: 'hạn hoàn thành',
    status: 'trạng thái',
    budget_vnd: 'kinh phí',
    user: 'tên đăng nhập',
    username: 'tên đăng nhập',
    password: 'mật khẩu',
    old_password: 'mật khẩu cũ',
    valid_minutes: 'thời hạn của mã',
    full_name: 'họ và tên',
    role: 'vai trò',
    name: 'tên',
    format: 'định dạng',
    section: 'phần của báo cáo',
    assessment: 'đợt tự đánh giá',
    dossier: 'hồ sơ',
    indicators: 'chỉ báo',
    note: 'ghi chú',
    'file name': 'tên tệp',
    'full name': 'họ và tên',
    'school name': 'tên trường',
  },
  en: {
    title: 'title',
    criterion: 'criterion',
    criteria: 'criteria',
    kind: 'kind of evidence',
    year: 'school year',
    number: 'document number',
    issuer: 'issuer',
    issued: 'date of issue',
    date: 'date',
    box: 'box number',
    code: 'code',
    ref: 'evidence code',
    reason: 'reason',
    school: 'school',
    files: 'files',
    file: 'file',
    sha256: "file's hash",
    task: 'plan task',
    content: 'content',
    start: 'start month',
    due: 'due month',
    status: 'status',
    budget_vnd: 'budget',
    user: 'username',
    username: 'username',
    password: 'password',
    old_password: 'old password',
    valid_minutes: "the code's lifetime",
    full_name: 'full name',
    role: 'role',
    name: 'name',
    format: 'format',
    section: 'part of the report',
    assessment: 'self-assessment',
    dossier: 'dossier',
    indicators: 'indicators',
    note: 'note',
  },
};

// The field's name in `lang`; "" when it cannot be said there.
function fieldName(field, lang) {
  if (Object.prototype.hasOwnProperty.call(FIELDS[lang], field)) return FIELDS[lang][field];
  const ascii = !/[^\x00-\x7f]/.test(field);
  return lang === 'en' ? (ascii ? field : '') : ascii ? '' : field;
}

// ROLE_REQUIRED's `what`: the access policy's own words
// (services/access/policy.cc's table), in Vietnamese.
export const ACTIONS_VI = {
  'add evidence': 'thêm minh chứng',
  'add people': 'thêm người dùng',
  'add plan tasks': 'thêm nhiệm vụ kế hoạch',
  'back up the server': 'sao lưu máy chủ',
  'move the content to another store': 'chuyển nội dung sang kho lưu trữ khác',
  'build dossiers': 'lập hồ sơ',
  'change plan tasks': 'sửa nhiệm vụ kế hoạch',
  'change school settings': 'đổi cài đặt của trường',
  'check stored content': 'kiểm tra tệp đã lưu',
  'check the self-assessment': 'kiểm tra báo cáo tự đánh giá',
  'check the store': 'kiểm tra kho dữ liệu',
  'create schools': 'tạo trường',
  'delete evidence': 'xoá minh chứng',
  'download dossiers': 'tải hồ sơ về',
  'download evidence files': 'tải tệp minh chứng về',
  'edit evidence': 'sửa minh chứng',
  'export the catalogue': 'xuất danh mục minh chứng',
  'import a plan': 'nhập kế hoạch cải tiến',
  'import frameworks': 'nhập bộ tiêu chuẩn',
  "import the school's catalogue": 'nhập danh mục minh chứng của trường',
  'issue login codes': 'cấp mã đăng nhập',
  'issue tokens': 'cấp mã truy cập',
  'link evidence to criteria': 'gắn minh chứng với tiêu chí',
  'list dossiers': 'xem danh sách hồ sơ',
  'list evidence': 'xem danh sách minh chứng',
  'list frameworks': 'xem danh sách bộ tiêu chuẩn',
  'list people': 'xem danh sách người dùng',
  'list schools': 'xem danh sách trường',
  'list tokens': 'xem danh sách mã truy cập',
  'read a dossier manifest': 'xem bảng kê của hồ sơ',
  'read evidence': 'xem minh chứng',
  'read frameworks': 'xem bộ tiêu chuẩn',
  'read the audit log': 'xem nhật ký thao tác',
  'read the plan': 'xem kế hoạch cải tiến',
  'read the self-assessment': 'xem báo cáo tự đánh giá',
  'reclaim dead space': 'dọn dung lượng thừa',
  'remove people': 'xoá người dùng',
  'render the self-assessment report': 'xuất báo cáo tự đánh giá',
  'renumber evidence codes': 'đánh lại mã minh chứng',
  'review evidence': 'duyệt minh chứng',
  'review the self-assessment': 'duyệt báo cáo tự đánh giá',
  'revoke tokens': 'thu hồi mã truy cập',
  'seal dossiers': 'niêm phong hồ sơ',
  'set passwords': 'đặt mật khẩu',
  'sign in': 'đăng nhập',
  'sign out': 'đăng xuất',
  'see coverage': 'xem mức độ đủ minh chứng',
  'see their own roles': 'xem vai trò của mình',
  'start a self-assessment': 'mở đợt tự đánh giá',
  'unlink evidence from criteria': 'bỏ gắn minh chứng khỏi tiêu chí',
  'upload files': 'tải tệp lên',
  'verify the audit log': 'kiểm tra nhật ký thao tác',
  'write the self-assessment report': 'viết báo cáo tự đánh giá',
  'write the self-assessment': 'viết tự đánh giá',
};

const ROLES = {
  vi: { admin: 'quản trị', secretary: 'thư ký', teacher: 'giáo viên', assessor: 'đánh giá viên' },
  en: { admin: 'admin', secretary: 'secretary', teacher: 'teacher', assessor: 'assessor' },
};

// What the caller may not do, in `lang`; "" when it cannot be said there.
function actionName(m, lang) {
  if (!m.has('what')) return '';
  const what = m.get('what');
  const english = Object.prototype.hasOwnProperty.call(ACTIONS_VI, what);
  if (lang === 'vi') return english ? ACTIONS_VI[what] : /[^\x00-\x7f]/.test(what) ? what : '';
  return english ? what : '';
}

function roleName(m, lang) {
  const role = m.get('role');
  return Object.prototype.hasOwnProperty.call(ROLES[lang], role) ? ROLES[lang][role] : '';
}

// "tiêu chí 1.1" / "Mức 4": a criterion of the self-assessment.
function criterionName(m, lang, capital) {
  const c = m.get('criterion');
  let name;
  if (c === 'M4') name = lang === 'vi' ? 'mức 4' : 'level 4';
  else if (c) name = (lang === 'vi' ? 'tiêu chí ' : 'criterion ') + c;
  else name = lang === 'vi' ? 'tiêu chí này' : 'this criterion';
  return capital ? name[0].toUpperCase() + name.slice(1) : name;
}

// "minh chứng H1-1.1-01" / "tiêu chí 1.1": what a record rule was about.
function subject(m, lang) {
  if (m.has('code')) return (lang === 'vi' ? 'minh chứng ' : 'evidence ') + m.get('code');
  if (m.has('criterion')) return criterionName(m, lang);
  if (m.has('section')) {
    return lang === 'vi' ? `phần ${m.get('section')} của báo cáo` : `part ${m.get('section')} of the report`;
  }
  return '';
}

// One entry per reason: {vi(m), en(m)}, m reads the metadata.
export const SENTENCES = {
  // Signing in (LoginService).
  BAD_PASSWORD: {
    vi: () => 'Sai tên đăng nhập hoặc mật khẩu.',
    en: () => 'Wrong username or password.',
  },
  LOGIN_THROTTLED: {
    vi: (m) =>
      'Đăng nhập sai quá nhiều lần nên tài khoản tạm bị khoá' +
      (m.seconds('retry_after_seconds') ? `: thử lại sau ${m.seconds('retry_after_seconds')}.` : ': thử lại sau ít phút.'),
    en: (m) =>
      'Too many failed sign-ins: the account is locked for a while' +
      (m.seconds('retry_after_seconds') ? `; try again in ${m.seconds('retry_after_seconds')}.` : '; try again in a few minutes.'),
  },
  LOGIN_CODE_INVALID: {
    vi: () =>
      'Mã hoặc đường dẫn đăng nhập không dùng được (sai, đã dùng rồi hoặc đã hết hạn): xin quản trị của trường cấp mã mới.',
    en: () =>
      "This sign-in code or link cannot be used (wrong, already used or expired): ask the school's admin for a new one.",
  },
  PASSWORD_TOO_SHORT: {
    vi: (m) => `Mật khẩu quá ngắn: cần ít nhất ${m.get('min_length', '12')} ký tự.`,
    en: (m) => `The password is too short: it needs at least ${m.get('min_length', '12')} characters.`,
  },
  SESSION_EXPIRED: {
    vi: () => 'Phiên đăng nhập đã hết hạn: hãy đăng nhập lại.',
    en: () => 'Your session has expired: please sign in again.',
  },
  NO_TOKEN: {
    vi: () => 'Bạn chưa đăng nhập: hãy đăng nhập để tiếp tục.',
    en: () => 'You are not signed in: please sign in to continue.',
  },
  TOO_MANY_CALLS: {
    vi: (m) =>
      'Bạn gửi quá nhiều yêu cầu trong thời gian ngắn' +
      (m.seconds('retry_after_seconds') ? `: chờ ${m.seconds('retry_after_seconds')} rồi thử lại.` : ': chờ một lát rồi thử lại.'),
    en: (m) =>
      'Too many requests in a short time' +
      (m.seconds('retry_after_seconds') ? `: wait ${m.seconds('retry_after_seconds')} and try again.` : ': wait a moment and try again.'),
  },

  // Who may do what (services/access/policy).
  ROLE_REQUIRED: {
    vi: (m) =>
      (roleName(m, 'vi') ? `Vai trò ${roleName(m, 'vi')}` : 'Vai trò của bạn') +
      (m.has('school') ? ` ở trường ${m.get('school')}` : '') +
      (actionName(m, 'vi') ? ` không được ${actionName(m, 'vi')}.` : ' không được làm việc này.'),
    en: (m) =>
      (roleName(m, 'en') ? `The ${roleName(m, 'en')} role` : 'Your role') +
      (m.has('school') ? ` in school ${m.get('school')}` : '') +
      (actionName(m, 'en') ? ` may not ${actionName(m, 'en')}.` : ' may not do this.'),
  },
  NOT_OWN_ITEM: {
    vi: (m) =>
      (m.has('code') ? `Minh chứng ${m.get('code')}` : 'Minh chứng này') +
      (m.has('uploader') ? ` do ${m.get('uploader')} tải lên` : ' do người khác tải lên') +
      ': giáo viên chỉ sửa được minh chứng của mình.',
    en: (m) =>
      (m.has('code') ? `Evidence ${m.get('code')}` : 'This evidence') +
      (m.has('uploader') ? ` was uploaded by ${m.get('uploader')}` : ' was uploaded by someone else') +
      ': teachers change only their own evidence.',
  },
  ITEM_APPROVED: {
    vi: (m) =>
      (m.has('code') ? `Minh chứng ${m.get('code')}` : 'Minh chứng này') +
      ' đã được duyệt và bị khoá: muốn sửa, hãy nhờ thư ký hội đồng.',
    en: (m) =>
      (m.has('code') ? `Evidence ${m.get('code')}` : 'This evidence') +
      ' is approved and locked: ask the council secretary to change it.',
  },
  STANDARD_NOT_ALLOWED: {
    vi: (m) =>
      (m.has('standards') ? `Bạn chỉ phụ trách tiêu chuẩn ${m.get('standards')}` : 'Bạn không phụ trách tiêu chuẩn này') +
      (subject(m, 'vi') && m.has('standard')
        ? `; ${subject(m, 'vi')} thuộc tiêu chuẩn ${m.get('standard')}.`
        : subject(m, 'vi')
          ? `; ${subject(m, 'vi')} không thuộc các tiêu chuẩn đó.`
          : '.'),
    en: (m) =>
      (m.has('standards') ? `You work on standards ${m.get('standards')} only` : 'You do not work on this standard') +
      (subject(m, 'en') && m.has('standard')
        ? `; ${subject(m, 'en')} belongs to standard ${m.get('standard')}.`
        : subject(m, 'en')
          ? `; ${subject(m, 'en')} is outside them.`
          : '.'),
  },
  OWN_UPLOAD_REVIEW: {
    vi: (m) =>
      `Bạn đã tải lên ${m.has('code') ? 'minh chứng ' + m.get('code') : 'minh chứng này'} nên không tự duyệt được: một thư ký khác hoặc hiệu trưởng sẽ duyệt.`,
    en: (m) =>
      `You uploaded ${m.has('code') ? 'evidence ' + m.get('code') : 'this evidence'}, so you cannot approve it: another secretary or the principal reviews it.`,
  },
  CHAIR_ONLY: {
    vi: (m) =>
      `Chỉ chủ tịch hội đồng tự đánh giá (hiệu trưởng) duyệt hoặc trả về ${criterionName(m, 'vi')}.`,
    en: (m) =>
      `Only the chair of the self-assessment council (the principal) approves or returns ${criterionName(m, 'en')}.`,
  },
  SERVER_ADMIN_ONLY: {
    vi: (m) =>
      `${m.get('user', 'Người này')} là quản trị máy chủ: chỉ quản trị máy chủ mới thay đổi được tài khoản này.`,
    en: (m) => `${m.get('user', 'This person')} is a server admin: only a server admin changes their account.`,
  },
  PERSON_IN_OTHER_SCHOOLS: {
    vi: (m) =>
      `${m.get('user', 'Người này')} còn có vai trò ở trường khác mà bạn không quản trị: việc này cần quản trị của tất cả các trường đó, hoặc quản trị máy chủ.`,
    en: (m) =>
      `${m.get('user', 'This person')} also holds roles in schools you do not administer: this needs an admin of all of them, or a server admin.`,
  },

  // Records that are not there.
  UNKNOWN_CRITERION: {
    vi: (m) =>
      `${m.has('criterion') ? 'Tiêu chí ' + m.get('criterion') : 'Tiêu chí này'} không có trong bộ tiêu chuẩn của trường` +
      (m.has('framework') ? ` (${m.get('framework')}).` : '.'),
    en: (m) =>
      `${m.has('criterion') ? 'Criterion ' + m.get('criterion') : 'This criterion'} is not in the school's set of standards` +
      (m.has('framework') ? ` (${m.get('framework')}).` : '.'),
  },
  UNKNOWN_SCHOOL: {
    vi: (m) => (m.has('school') ? `Không có trường mang mã ${m.get('school')}.` : 'Không có trường này.'),
    en: (m) => (m.has('school') ? `There is no school with code ${m.get('school')}.` : 'There is no such school.'),
  },
  ITEM_NOT_FOUND: {
    vi: (m) =>
      `Không tìm thấy minh chứng ${m.get('item')}`.trimEnd() +
      (m.has('school') ? ` trong trường ${m.get('school')}.` : '.') +
      ' Có thể minh chứng đã bị xoá.',
    en: (m) =>
      `Evidence ${m.get('item')}`.trimEnd() +
      ' was not found' +
      (m.has('school') ? ` in school ${m.get('school')}.` : '.') +
      ' It may have been deleted.',
  },
  TASK_NOT_FOUND: {
    vi: (m) =>
      `Không tìm thấy nhiệm vụ ${m.get('task')}`.trimEnd() +
      ' trong kế hoạch cải tiến' +
      (m.has('school') ? ` của trường ${m.get('school')}.` : '.'),
    en: (m) =>
      `Plan task ${m.get('task')}`.trimEnd() +
      ' is not in the improvement plan' +
      (m.has('school') ? ` of school ${m.get('school')}.` : '.'),
  },
  DOSSIER_NOT_FOUND: {
    vi: (m) =>
      `Không tìm thấy hồ sơ ${m.has('dossier') ? 'số ' + m.get('dossier') : 'này'}` +
      (m.has('school') ? ` của trường ${m.get('school')}.` : '.'),
    en: (m) =>
      `Dossier ${m.has('dossier') ? 'number ' + m.get('dossier') : ''}`.trimEnd() +
      ' was not found' +
      (m.has('school') ? ` in school ${m.get('school')}.` : '.'),
  },
  ASSESSMENT_NOT_FOUND: {
    vi: (m) =>
      m.has('assessment')
        ? `Không tìm thấy đợt tự đánh giá số ${m.get('assessment')}.`
        : 'Trường chưa có đợt tự đánh giá nào.',
    en: (m) =>
      m.has('assessment')
        ? `Self-assessment number ${m.get('assessment')} was not found.`
        : 'The school has no self-assessment yet.',
  },

  // Files.
  CONTENT_MISSING: {
    vi: (m) =>
      `Máy chủ chưa có ${m.has('file') ? 'tệp «' + m.get('file') + '»' : 'tệp này'}: hãy tải tệp lên trước (hoặc tải lại nếu lần trước bị gián đoạn).`,
    en: (m) =>
      `The server does not have ${m.has('file') ? 'the file "' + m.get('file') + '"' : 'this file'} yet: upload it first (or again, if the last upload was cut off).`,
  },
  HASH_MISMATCH: {
    vi: () =>
      'Tệp máy chủ nhận được không khớp với tệp bạn chọn (có thể tệp bị thay đổi hoặc hỏng trên đường truyền): hãy tải lên lại.',
    en: () =>
      'The file the server received does not match the one you picked (it may have changed, or been damaged on the way): upload it again.',
  },
  UPLOAD_BUSY: {
    vi: (m) =>
      `${m.has('file') ? 'Tệp «' + m.get('file') + '»' : 'Tệp này'} đang được tải lên ở một cửa sổ hoặc máy khác: chờ xong rồi thử lại.`,
    en: (m) =>
      `${m.has('file') ? 'The file "' + m.get('file') + '"' : 'This file'} is being uploaded in another window or device: wait until it finishes and try again.`,
  },
  UNFINISHED_UPLOADS_FULL: {
    vi: (m) =>
      'Bạn có quá nhiều tệp tải lên dở dang' +
      (m.bytes('limit_bytes') ? ` (tối đa ${m.bytes('limit_bytes')})` : '') +
      ': hãy tải cho xong các tệp đó, hoặc chờ máy chủ dọn, rồi thử lại.',
    en: (m) =>
      'You have too many unfinished uploads' +
      (m.bytes('limit_bytes') ? ` (at most ${m.bytes('limit_bytes')})` : '') +
      ': finish them, or wait for the server to clear them, then try again.',
  },
  DISK_FULL: {
    vi: () => 'Ổ đĩa của máy chủ đã đầy: hãy báo người quản trị máy chủ. Những gì đã lưu không bị mất.',
    en: () => "The server's disk is full: tell the server's administrator. Nothing already saved is lost.",
  },
  OBJECT_STORE_UNAVAILABLE: {
    vi: () => 'Kho lưu trữ của máy chủ đang không trả lời: hãy thử lại sau ít phút. Những gì đã lưu không bị mất.',
    en: () => "The server's storage is not answering: try again in a few minutes. Nothing already saved is lost.",
  },
  OBJECT_STORE_DENIED: {
    vi: () => 'Kho lưu trữ từ chối khóa truy cập của máy chủ: hãy báo người quản trị máy chủ. Những gì đã lưu không bị mất.',
    en: () => "The storage refuses the server's access keys: tell the server's administrator. Nothing already saved is lost.",
  },
  TOO_LARGE: {
    vi: (m) =>
      'Tệp quá lớn' +
      (m.bytes('size_bytes') ? ` (${m.bytes('size_bytes')})` : '') +
      (m.bytes('limit_bytes') ? `: máy chủ nhận tệp tối đa ${m.bytes('limit_bytes')}.` : '.'),
    en: (m) =>
      'The file is too large' +
      (m.bytes('size_bytes') ? ` (${m.bytes('size_bytes')})` : '') +
      (m.bytes('limit_bytes') ? `: the server takes files up to ${m.bytes('limit_bytes')}.` : '.'),
  },
  TOO_MANY_FILES: {
    vi: (m) =>
      'Quá nhiều tệp' +
      (m.has('limit') ? `: mỗi lần gửi tối đa ${m.get('limit')} tệp.` : ': hãy chia thành nhiều lần.'),
    en: (m) => 'Too many files' + (m.has('limit') ? `: at most ${m.get('limit')} at a time.` : ': send them in parts.'),
  },

  // Evidence and its review.
  RETURN_NEEDS_REASON: {
    vi: () => 'Hãy ghi lý do trả lại để giáo viên biết cần sửa gì.',
    en: () => 'Write why it goes back, so the teacher knows what to fix.',
  },
  DUPLICATE_CODE: {
    vi: (m) =>
      `Mã minh chứng ${m.get('code')}`.trimEnd() +
      ' đã được dùng cho một minh chứng khác: hãy đổi mã rồi gửi lại.',
    en: (m) =>
      `The evidence code ${m.get('code')}`.trimEnd() + ' is already used by another item: change the code and send again.',
  },

  // The self-assessment.
  STALE_REVISION: {
    vi: (m) =>
      `${m.has('criterion') ? criterionName(m, 'vi', true) : 'Phần này'} vừa được người khác sửa` +
      (m.has('latest') ? ` (bản ${m.get('latest')})` : '') +
      ' sau khi bạn mở: xem bản mới nhất rồi ghi lại.',
    en: (m) =>
      `${m.has('criterion') ? criterionName(m, 'en', true) : 'This part'} was changed by someone else` +
      (m.has('latest') ? ` (revision ${m.get('latest')})` : '') +
      ' after you opened it: look at the latest revision, then save again.',
  },
  CRITERION_APPROVED: {
    vi: (m) =>
      `${m.has('criterion') ? criterionName(m, 'vi', true) : 'Phần này'} đã được duyệt và bị khoá: muốn sửa thì ghi một bản mới, bản đã duyệt vẫn được giữ.`,
    en: (m) =>
      `${m.has('criterion') ? criterionName(m, 'en', true) : 'This part'} is approved and locked: write a new revision to change it; the approved one is kept.`,
  },
  CITATION_REFUSED: {
    vi: (m) =>
      `Không dẫn được ${m.has('codes') ? 'mã minh chứng ' + m.get('codes') : 'một số mã minh chứng'}` +
      (m.has('criterion') ? ` ở ${criterionName(m, 'vi')}` : '') +
      ': chỉ dẫn minh chứng đã được duyệt, thuộc kỳ đánh giá và gắn với tiêu chí này.',
    en: (m) =>
      `${m.has('codes') ? 'Evidence ' + m.get('codes') : 'Some evidence'} cannot be cited` +
      (m.has('criterion') ? ` in ${criterionName(m, 'en')}` : '') +
      ': cite only approved evidence of the assessment period, linked to this criterion.',
  },
  NO_CITATION: {
    vi: (m) =>
      `Chưa thể ghi mức cho ${criterionName(m, 'vi')}: phần Mô tả hiện trạng chưa dẫn mã minh chứng nào.`,
    en: (m) =>
      `A level cannot be recorded for ${criterionName(m, 'en')} yet: its description cites no evidence.`,
  },

  // Dossiers.
  NOT_SEALED: {
    vi: (m) =>
      `Hồ sơ ${m.has('dossier') ? 'số ' + m.get('dossier') + ' ' : ''}chưa được niêm phong: đoàn đánh giá chỉ xem hồ sơ đã niêm phong.`,
    en: (m) =>
      `Dossier ${m.has('dossier') ? m.get('dossier') + ' ' : ''}is not sealed yet: assessors see sealed dossiers only.`,
  },
  DOSSIER_SEALED: {
    vi: (m) =>
      `Hồ sơ ${m.has('dossier') ? 'số ' + m.get('dossier') + ' ' : ''}đã niêm phong nên không sửa được: hãy lập một phiên bản mới.`,
    en: (m) =>
      `Dossier ${m.has('dossier') ? m.get('dossier') + ' ' : ''}is sealed and cannot change: build a new version.`,
  },

  // A request field that is wrong.
  INVALID_ARGUMENT: {
    vi: (m) =>
      fieldName(m.get('field'), 'vi')
        ? `Thông tin chưa đúng ở ô «${fieldName(m.get('field'), 'vi')}»: hãy kiểm tra lại.`
        : 'Thông tin gửi lên chưa đúng: hãy kiểm tra lại.',
    en: (m) =>
      fieldName(m.get('field'), 'en')
        ? `Please check the ${fieldName(m.get('field'), 'en')}: it is not valid.`
        : 'Something in the form is not valid: please check it.',
  },

  // hoso-web's own (clients/web/HTTP.md).
  SERVER_UNAVAILABLE: {
    vi: () => 'Không kết nối được máy chủ hồ sơ: kiểm tra mạng rồi thử lại sau ít phút.',
    en: () => 'The evidence server cannot be reached: check the network and try again in a few minutes.',
  },
  BODY_TOO_LARGE: {
    vi: (m) =>
      'Dữ liệu gửi lên quá lớn' + (m.bytes('limit_bytes') ? ` (tối đa ${m.bytes('limit_bytes')}).` : '.'),
    en: (m) => 'What was sent is too large' + (m.bytes('limit_bytes') ? ` (at most ${m.bytes('limit_bytes')}).` : '.'),
  },
  UPLOAD_OFFSET_MISMATCH: {
    vi: () => 'Tải lên bị lệch với phần máy chủ đã lưu: trang sẽ tiếp tục từ đúng chỗ, hãy thử lại.',
    en: () => 'The upload is out of step with what the server saved: it will continue from the right place, try again.',
  },
  CROSS_SITE_REFUSED: {
    vi: () => 'Yêu cầu này không đến từ trang hồ sơ nên bị từ chối: hãy mở lại trang rồi thử lại.',
    en: () => 'This request did not come from the evidence site, so it was refused: reopen the page and try again.',
  },
  UNSUPPORTED_MEDIA: {
    vi: () => 'Không xem trước được tệp này: chỉ xem trước được ảnh (PNG, JPEG, GIF, WebP) và PDF; hãy tải tệp về.',
    en: () => 'This file cannot be previewed: only images (PNG, JPEG, GIF, WebP) and PDFs can; download it instead.',
  },
  NOT_SIGNED_IN: {
    vi: () => 'Bạn chưa đăng nhập hoặc phiên đã hết hạn: hãy đăng nhập lại.',
    en: () => 'You are not signed in, or your session has ended: please sign in again.',
  },
};

// The fallback per gRPC code (Connect's lower-case names), for an error
// without a reason this module knows.
export const CODE_SENTENCES = {
  canceled: { vi: 'Việc này đã bị huỷ.', en: 'This was cancelled.' },
  unknown: { vi: 'Có lỗi không rõ nguyên nhân: hãy thử lại.', en: 'Something went wrong: please try again.' },
  invalid_argument: {
    vi: 'Thông tin gửi lên chưa đúng: hãy kiểm tra lại.',
    en: 'Something in the form is not valid: please check it.',
  },
  deadline_exceeded: {
    vi: 'Máy chủ trả lời quá lâu: kiểm tra mạng rồi thử lại.',
    en: 'The server took too long to answer: check the network and try again.',
  },
  not_found: { vi: 'Không tìm thấy thứ bạn cần: có thể đã bị xoá.', en: 'Not found: it may have been deleted.' },
  already_exists: { vi: 'Đã có rồi: không cần tạo lại.', en: 'It exists already: no need to create it again.' },
  permission_denied: {
    vi: 'Bạn không có quyền làm việc này.',
    en: 'You are not allowed to do this.',
  },
  resource_exhausted: {
    vi: 'Máy chủ đang quá tải hoặc đã đến giới hạn: chờ một lát rồi thử lại.',
    en: 'The server is busy or at a limit: wait a moment and try again.',
  },
  failed_precondition: {
    vi: 'Chưa làm được việc này lúc này: xem thông tin chi tiết bên dưới.',
    en: 'This cannot be done right now: see the details below.',
  },
  aborted: {
    vi: 'Người khác vừa thay đổi cùng dữ liệu: tải lại trang rồi thử lại.',
    en: 'Someone else changed the same data just now: reload the page and try again.',
  },
  out_of_range: { vi: 'Giá trị nằm ngoài khoảng cho phép.', en: 'A value is out of range.' },
  unimplemented: {
    vi: 'Máy chủ chưa hỗ trợ việc này: có thể cần cập nhật.',
    en: 'The server does not support this yet: it may need an update.',
  },
  internal: {
    vi: 'Máy chủ gặp lỗi: hãy thử lại, nếu vẫn lỗi thì báo người quản trị.',
    en: 'The server ran into an error: try again, and tell the administrator if it persists.',
  },
  unavailable: {
    vi: 'Không kết nối được máy chủ: kiểm tra mạng rồi thử lại sau ít phút.',
    en: 'The server cannot be reached: check the network and try again in a few minutes.',
  },
  data_loss: {
    vi: 'Dữ liệu trên máy chủ bị hỏng: hãy báo ngay người quản trị máy chủ.',
    en: "Data on the server is damaged: tell the server's administrator right away.",
  },
  unauthenticated: {
    vi: 'Bạn chưa đăng nhập hoặc phiên đã hết hạn: hãy đăng nhập lại.',
    en: 'You are not signed in, or your session has ended: please sign in again.',
  },
};

function errorInfo(error) {
  const details = error && Array.isArray(error.details) ? error.details : [];
  for (const detail of details) {
    const debug = detail && detail.debug;
    if (debug && typeof debug.reason === 'string') return debug;
  }
  return null;
}

// The reason of a Connect error ("NOT_OWN_ITEM"), or "" when there is none.
export function reasonOf(error) {
  const info = errorInfo(error);
  return info ? info.reason : '';
}

// The ErrorInfo metadata of a Connect error ({} when there is none).
export function metadataOf(error) {
  const info = errorInfo(error);
  return info && info.metadata && typeof info.metadata === 'object' ? info.metadata : {};
}

// The sentence for `error` in `lang` ("vi", the default, or "en").
// `error` is the Connect error JSON; anything else (a failed fetch, a
// TypeError) reads as the server being out of reach.
export function messageFor(error, lang = 'vi') {
  const language = lang === 'en' ? 'en' : 'vi';
  if (!error || typeof error !== 'object' || (!error.code && !errorInfo(error))) {
    return SENTENCES.SERVER_UNAVAILABLE[language](reader({}, language));
  }
  const reason = reasonOf(error);
  const entry = Object.prototype.hasOwnProperty.call(SENTENCES, reason) ? SENTENCES[reason] : null;
  if (entry) return entry[language](reader(metadataOf(error), language));
  // No reason this module knows: the code's sentence. hosod sends the
  // code's own name ("NOT_FOUND") as the reason when none was attached.
  const code = String(error.code || reason).toLowerCase();
  const name = code === 'cancelled' ? 'canceled' : code;
  const fallback = Object.prototype.hasOwnProperty.call(CODE_SENTENCES, name) ? CODE_SENTENCES[name] : CODE_SENTENCES.unknown;
  return fallback[language];
}
