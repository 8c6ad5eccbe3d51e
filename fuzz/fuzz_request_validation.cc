// What every request's fields go through before anything is stored: text and
// file-name rules, school codes, user names, dates, and the evidence rules of
// a framework.
#include <fuzzer/FuzzedDataProvider.h>

#include <memory>
#include <string>

#include "storage/base/text.h"
#include "storage/evidence/evidence_rules.h"
#include "storage/frameworks/framework_catalog.h"
#include "storage/people/user_store.h"
#include "storage/schools/school_store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto catalog = hoso::storage::FrameworkCatalog::BuiltIn();
  FuzzedDataProvider in(data, size);
  hoso::storage::EvidenceRecord record;
  record.set_school("LQD");
  record.set_title(in.ConsumeRandomLengthString(300));
  record.set_number(in.ConsumeRandomLengthString(40));
  record.set_date(in.ConsumeRandomLengthString(12));
  record.set_issuer(in.ConsumeRandomLengthString(100));
  record.set_kind(in.ConsumeIntegral<int8_t>());
  record.set_year(in.ConsumeRandomLengthString(12));
  record.set_note(in.ConsumeRandomLengthString(200));
  const int criteria = in.ConsumeIntegralInRange(0, 4);
  for (int i = 0; i < criteria; ++i) record.add_criteria(in.ConsumeRandomLengthString(8));
  const std::string name = in.ConsumeRandomLengthString(300);
  const std::string rest = in.ConsumeRemainingBytesAsString();

  (void)hoso::text::CleanFileName(name);
  (void)hoso::text::CleanText("note", rest, 1000, true);
  (void)hoso::text::ValidateSchoolYear(record.year());
  (void)hoso::text::ValidateDate(record.date());
  (void)hoso::storage::SchoolStore::NormalizeCode(name.substr(0, 40));
  (void)hoso::storage::UserStore::ValidateName(rest.substr(0, 80));
  if (catalog.ok()) {
    for (const char* id : {"tt17-2018", "tt18-2018", "tt19-2018"}) {
      hoso::storage::EvidenceRecord copy = record;
      (void)hoso::storage::NormalizeEvidence(*(*catalog)->Find(id), copy);
    }
  }
  return 0;
}
