#ifndef HOSO_SERVICES_RUNTIME_LOG_H_
#define HOSO_SERVICES_RUNTIME_LOG_H_

#include <string_view>

namespace hoso {

// One line to stderr with a UTC timestamp; safe from any thread. Callers
// never pass secrets (tokens, keys).
void LogLine(std::string_view level, std::string_view message);
inline void LogInfo(std::string_view message) { LogLine("info", message); }
inline void LogWarning(std::string_view message) { LogLine("warn", message); }
inline void LogError(std::string_view message) { LogLine("error", message); }

}  // namespace hoso

#endif  // HOSO_SERVICES_RUNTIME_LOG_H_
