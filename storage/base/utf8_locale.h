#ifndef HOSO_STORAGE_BASE_UTF8_LOCALE_H_
#define HOSO_STORAGE_BASE_UTF8_LOCALE_H_

#include <locale.h>

namespace hoso {

// Switches the calling thread (only) to a UTF-8 character locale while in
// scope: libarchive converts entry names through the current locale, and in
// the default "C" locale Vietnamese names cannot be converted.
class ScopedUtf8Locale {
 public:
  ScopedUtf8Locale() : utf8_(newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0))) {
    if (utf8_ != static_cast<locale_t>(0)) previous_ = uselocale(utf8_);
  }
  ~ScopedUtf8Locale() {
    if (utf8_ == static_cast<locale_t>(0)) return;
    uselocale(previous_);
    freelocale(utf8_);
  }
  ScopedUtf8Locale(const ScopedUtf8Locale&) = delete;
  ScopedUtf8Locale& operator=(const ScopedUtf8Locale&) = delete;

 private:
  locale_t utf8_;
  locale_t previous_ = static_cast<locale_t>(0);
};

}  // namespace hoso

#endif  // HOSO_STORAGE_BASE_UTF8_LOCALE_H_
