// hoso user password, hoso user login-link: signing in without a terminal
// (the web app). A password set here, or a one-time link the school's admin
// prints or sends a teacher.
#include <google/protobuf/struct.pb.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <string>

#include "clients/app/exit_codes.h"
#include "clients/app/output.h"
#include "clients/commands/command_groups.h"
#include "storage/base/clock.h"

namespace hoso::cli {
namespace {

constexpr char kDefaultWebUrl[] = "http://127.0.0.1:8080";

struct PasswordArgs {
  std::string user;
  bool from_stdin = false;
};

struct LinkArgs {
  std::string user, url;
  unsigned minutes = 0;
};

// One line typed at the terminal without echo; false at the end of input.
bool PromptHidden(const char* prompt, std::string* out) {
  std::fprintf(stderr, "%s", prompt);
  std::fflush(stderr);
  termios before{};
  const bool tty = tcgetattr(STDIN_FILENO, &before) == 0;
  if (tty) {
    termios quiet = before;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  const bool read = static_cast<bool>(std::getline(std::cin, *out));
  if (tty) tcsetattr(STDIN_FILENO, TCSANOW, &before);
  std::fprintf(stderr, "\n");
  return read;
}

std::string Moment(int64_t seconds) { return FormatUtc(seconds, "%Y-%m-%d %H:%M UTC"); }

int SetPassword(Connection& c, const GlobalOptions& options, const PasswordArgs& a) {
  v1::SetPasswordRequest r;
  r.set_user(a.user);
  const bool own = a.user.empty();
  std::string new_password, old_password;
  if (a.from_stdin) {
    // Line 1: the new password; line 2 (own password only): the current one.
    if (!std::getline(std::cin, new_password)) {
      return ReportError("--password-stdin: không đọc được mật khẩu mới từ stdin", kUsage);
    }
    if (own) std::getline(std::cin, old_password);
  } else {
    if (!isatty(STDIN_FILENO)) {
      return ReportError(
          "không có terminal để nhập mật khẩu: dùng --password-stdin (dòng 1: mật khẩu mới"
          "; dòng 2: mật khẩu hiện tại, nếu đã có)",
          kUsage);
    }
    if (own && !PromptHidden("Mật khẩu hiện tại (để trống nếu chưa có): ", &old_password)) {
      return ReportError("đã dừng", kUsage);
    }
    std::string again;
    if (!PromptHidden("Mật khẩu mới (ít nhất 10 ký tự): ", &new_password) ||
        !PromptHidden("Nhập lại mật khẩu mới: ", &again)) {
      return ReportError("đã dừng", kUsage);
    }
    if (again != new_password) return ReportError("hai lần nhập không giống nhau", kUsage);
  }
  if (!new_password.empty() && new_password.back() == '\r') new_password.pop_back();
  if (!old_password.empty() && old_password.back() == '\r') old_password.pop_back();
  r.set_new_password(new_password);
  r.set_old_password(old_password);
  v1::User user;
  if (grpc::Status s = c.login().SetPassword(c.Context().get(), r, &user); !s.ok()) {
    return ReportRpcError("user password", s);
  }
  if (options.json) {
    PrintJson(user);
  } else {
    std::printf("đã đặt mật khẩu cho %s: đăng nhập trên trang web bằng tên %s và mật khẩu này\n",
                user.name().c_str(), user.name().c_str());
  }
  return kOk;
}

std::string WebUrl(const std::string& flag) {
  std::string url = flag;
  if (url.empty()) {
    const char* env = std::getenv("HOSO_WEB_URL");
    url = env != nullptr && *env ? env : kDefaultWebUrl;
  }
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

int LoginLink(Connection& c, const GlobalOptions& options, const LinkArgs& a) {
  v1::IssueLoginCodeRequest r;
  r.set_user(a.user);
  r.set_school(options.school);
  r.set_valid_minutes(a.minutes);
  v1::IssueLoginCodeResponse issued;
  if (grpc::Status s = c.login().IssueLoginCode(c.Context().get(), r, &issued); !s.ok()) {
    return ReportRpcError("user login-link " + a.user, s);
  }
  // The code goes in the fragment: browsers never send it to a server.
  const std::string link = WebUrl(a.url) + "/#login=" + issued.code();
  const std::string school = options.school.empty() ? "*" : options.school;
  if (options.json) {
    google::protobuf::Struct out;
    auto& fields = *out.mutable_fields();
    fields["user"].set_string_value(a.user);
    fields["school"].set_string_value(school);
    fields["code"].set_string_value(issued.code());
    fields["link"].set_string_value(link);
    fields["expires"].set_string_value(Moment(issued.expires().seconds()));
    PrintJson(out);
    return kOk;
  }
  // The link alone on stdout, so `> file` or a QR generator takes it as it is.
  std::printf("%s\n", link.c_str());
  std::fprintf(stderr,
               "Liên kết đăng nhập một lần cho %s (trường %s), hết hạn %s.\n"
               "Mã: %s\n"
               "Chỉ dùng được một lần; chỉ hiện lần này. Gửi riêng cho người đó (in ra hoặc "
               "nhắn Zalo); mở liên kết là đăng nhập.\n",
               a.user.c_str(), school.c_str(), Moment(issued.expires().seconds()).c_str(),
               issued.code().c_str());
  return kOk;
}

}  // namespace

void AddLoginCommands(Registry& registry) {
  auto password = std::make_shared<PasswordArgs>();
  registry.Add({
      .path = "user password",
      .help = "đặt mật khẩu đăng nhập web của mình, hoặc (quản trị viên) của một người",
      .flags =
          [password](CLI::App& c) {
            c.add_option("USER", password->user, "tên đăng nhập (bỏ trống: chính mình)");
            c.add_flag("--password-stdin", password->from_stdin,
                       "đọc mật khẩu từ stdin thay vì hỏi: dòng 1 mật khẩu mới, dòng 2 mật khẩu "
                       "hiện tại (khi đặt của mình và đã có)");
          },
      .run = [password](Connection& c,
                        const GlobalOptions& o) { return SetPassword(c, o, *password); },
  });
  auto link = std::make_shared<LinkArgs>();
  registry.Add({
      .path = "user login-link",
      .help = "tạo liên kết đăng nhập một lần (in ra hoặc gửi cho giáo viên); bỏ --school: mã "
              "của quản trị máy chủ",
      .school = SchoolFlag::kOptional,
      .flags =
          [link](CLI::App& c) {
            c.add_option("USER", link->user, "tên đăng nhập, ví dụ lan.nguyen")->required();
            c.add_option("--minutes", link->minutes,
                         "dùng được trong bấy nhiêu phút (mặc định 1440: một ngày; tối đa 10080)");
            c.add_option("--url", link->url,
                         "địa chỉ trang web (mặc định: HOSO_WEB_URL hoặc " +
                             std::string(kDefaultWebUrl) + ")");
          },
      .run = [link](Connection& c, const GlobalOptions& o) { return LoginLink(c, o, *link); },
  });
}

}  // namespace hoso::cli
