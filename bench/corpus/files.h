#ifndef HOSO_BENCH_CORPUS_FILES_H_
#define HOSO_BENCH_CORPUS_FILES_H_

// The generator's few disk operations, as status values. Paths are absolute
// or relative to the working directory, UTF-8 bytes taken as they are (no
// normalization: the NFD names must reach the disk as NFD).
#include <ctime>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace hoso::corpus {

// Creates the file's parent folders, writes data in one write loop and sets
// the file's modification (and access) time to mtime.
absl::Status WriteFile(const std::string& path, const std::string& data, time_t mtime);

absl::StatusOr<std::string> ReadFile(const std::string& path);

// Creates dir and its parents when missing.
absl::Status MakeFolder(const std::string& dir);

// Sets a folder's (or file's) times to mtime.
absl::Status SetMtime(const std::string& path, time_t mtime);

// Makes dir an empty folder. An existing non-empty one is deleted first when
// force is set, an error otherwise.
absl::Status PrepareOutput(const std::string& dir, bool force);

}  // namespace hoso::corpus

#endif  // HOSO_BENCH_CORPUS_FILES_H_
