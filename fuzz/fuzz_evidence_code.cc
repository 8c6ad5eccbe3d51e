// Evidence codes, REFs and code formats typed by people.
#include <fuzzer/FuzzedDataProvider.h>

#include <string>

#include "storage/base/school_code.h"
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
  // A school's code at the start of a name: what it finds is a code again,
  // the title is the rest of the name, and a formatted code reads back.
  const hoso::CodedName split = hoso::SplitLeadingCode(ref);
  if (split.title.size() > ref.size()) __builtin_trap();
  if (split.code) {
    if (split.code->seq == 0 || split.code->criterion.empty()) __builtin_trap();
    const std::string again = hoso::storage::FormatEvidenceCode(
        "[H{box}-{criterion}-{seq:02}]", split.code->box > 0 ? split.code->box : 1,
        split.code->criterion, split.code->seq);
    const auto parsed = hoso::ParseSchoolCode(again);
    if (!parsed || parsed->criterion != split.code->criterion || parsed->seq != split.code->seq)
      __builtin_trap();
  }
  (void)hoso::ParseSchoolCode(ref);
  (void)hoso::storage::StandardOf(criterion);
  (void)hoso::storage::NaturalLess(ref, criterion);
  (void)hoso::storage::NaturalLess(criterion, ref);
  return 0;
}
