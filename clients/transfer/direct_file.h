#ifndef HOSO_CLIENTS_TRANSFER_DIRECT_FILE_H_
#define HOSO_CLIENTS_TRANSFER_DIRECT_FILE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace hoso::cli {

// Writes a new file through an aligned staging buffer with O_DIRECT where
// the file system allows it (else buffered): a downloaded gigabyte goes to
// disk without filling the page cache, which on the machines we measured
// cost 3-5x the CPU of the transfer itself (bench/RESULTS.md). Finish()
// syncs. Not thread-safe.
class DirectFile {
 public:
  DirectFile() = default;
  ~DirectFile();
  DirectFile(const DirectFile&) = delete;
  DirectFile& operator=(const DirectFile&) = delete;

  // Creates (truncates) `path`; false with errno set on failure.
  bool Open(const std::string& path);
  bool Write(std::string_view data);
  // Writes what is staged, syncs and closes. False on any failure.
  bool Finish();

 private:
  bool Flush(size_t bytes);  // writes the first `bytes` of staging (aligned)

  int fd_ = -1;
  bool direct_ = false;
  char* staging_ = nullptr;
  size_t staged_ = 0;
  uint64_t offset_ = 0;
};

}  // namespace hoso::cli

#endif  // HOSO_CLIENTS_TRANSFER_DIRECT_FILE_H_
