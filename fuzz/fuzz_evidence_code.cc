// Evidence codes, REFs and code formats typed by people.
#include <fuzzer/FuzzedDataProvider.h>

#include <string>

#include "storage/frameworks/evidence_code.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const std::string format = in.ConsumeRandomLengthString(64);
  const std::string criterion = in.ConsumeRandomLengthString(16);
  const int box = in.ConsumeIntegral<int>();
  const unsigned seq = in.ConsumeIntegral<unsigned>();
  const std::string ref = in.ConsumeRemainingBytesAsString();
  if (hoso::storage::ValidateCodeFormat(format).ok()) {
    const std::string code = hoso::storage::FormatEvidenceCode(format, box, criterion, seq);
    (void)hoso::storage::NormalizeCodeRef(code);
  }
  (void)hoso::storage::NormalizeCodeRef(ref);
  (void)hoso::storage::StandardOf(criterion);
  (void)hoso::storage::NaturalLess(ref, criterion);
  (void)hoso::storage::NaturalLess(criterion, ref);
  return 0;
}
