#ifndef HOSO_TESTS_SUPPORT_PROCESS_H_
#define HOSO_TESTS_SUPPORT_PROCESS_H_

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace hoso::testing {

struct CommandResult {
  int exit_code = -1;  // 128 + signal when killed
  std::string out;
  std::string err;
};

using Env = std::map<std::string, std::string>;

// Starts argv[0] with the current environment plus `env` (an empty value
// unsets the variable), stdout and stderr to the given files.
pid_t Spawn(const std::vector<std::string>& argv, const Env& env, const std::string& out_path,
            const std::string& err_path);
// Waits for `pid`; returns its exit code, or 128 + signal.
int WaitFor(pid_t pid);
// Runs to completion and captures both streams.
CommandResult Run(const std::vector<std::string>& argv, const Env& env = {});

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& data);

}  // namespace hoso::testing

#endif  // HOSO_TESTS_SUPPORT_PROCESS_H_
