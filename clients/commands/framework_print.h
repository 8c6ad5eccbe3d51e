#ifndef HOSO_CLIENTS_COMMANDS_FRAMEWORK_PRINT_H_
#define HOSO_CLIENTS_COMMANDS_FRAMEWORK_PRINT_H_

#include <string>

#include "hoso/v1/hoso.pb.h"

namespace hoso::cli {

// `hoso framework show`: the standards and criteria, each criterion's
// indicators per level ("Mức 1: a) …"), the level-4 list, the rules that
// turn criterion levels into the school's level, and where the texts come from.
void PrintFramework(const v1::Framework& framework);

// One condition of a school level in words: "100% tiêu chí đạt Mức 3 trở lên
// (không tính 1.2, 1.5)".
std::string DescribeCondition(const v1::LevelCondition& condition);

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_COMMANDS_FRAMEWORK_PRINT_H_
