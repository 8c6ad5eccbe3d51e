#ifndef HOSO_STORAGE_BASE_BYTES_H_
#define HOSO_STORAGE_BASE_BYTES_H_

#include <cstdint>
#include <string>

namespace hoso {

// A size for people, in binary units: "812 B", "1.5 MiB", "4.0 GiB".
std::string HumanBytes(uint64_t bytes);

}  // namespace hoso

#endif  // HOSO_STORAGE_BASE_BYTES_H_
