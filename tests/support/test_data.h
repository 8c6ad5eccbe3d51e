#ifndef HOSO_TESTS_SUPPORT_TEST_DATA_H_
#define HOSO_TESTS_SUPPORT_TEST_DATA_H_

#include <fstream>
#include <sstream>
#include <string>

namespace hoso {

// The bytes of a file in tests/data (HOSO_TEST_DATA: the sample plans).
inline std::string ReadTestData(const std::string& name) {
  std::ifstream in(std::string(HOSO_TEST_DATA) + "/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace hoso

#endif  // HOSO_TESTS_SUPPORT_TEST_DATA_H_
