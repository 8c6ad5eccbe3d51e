#include "clients/app/default_school.h"

#include <string>

#include "clients/app/exit_codes.h"

namespace hoso::cli {

int FillDefaultSchool(Connection& connection, GlobalOptions& options) {
  if (!options.school.empty()) return kOk;
  v1::ListSchoolsResponse reply;
  auto context = connection.Context();
  grpc::Status s =
      connection.schools().ListSchools(context.get(), v1::ListSchoolsRequest(), &reply);
  if (!s.ok()) return ReportRpcError("finding your school (no --school given)", s);
  if (reply.schools_size() == 1) {
    options.school = reply.schools(0).code();
    return kOk;
  }
  if (reply.schools_size() == 0) {
    return ReportError(
        "tài khoản này chưa có quyền ở trường nào: hãy chọn trường bằng --school MÃ "
        "(hoặc HOSO_SCHOOL)",
        kUsage);
  }
  std::string list;
  for (const v1::School& school : reply.schools()) {
    list += "\n  " + school.code() + "  " + school.name();
  }
  return ReportError("tài khoản này vào được " + std::to_string(reply.schools_size()) +
                         " trường: hãy chọn một bằng --school MÃ (hoặc HOSO_SCHOOL)" + list,
                     kUsage);
}

}  // namespace hoso::cli
