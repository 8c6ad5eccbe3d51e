#ifndef HOSO_STORAGE_BASE_PORTABLE_NAME_H_
#define HOSO_STORAGE_BASE_PORTABLE_NAME_H_

#include <string>
#include <string_view>

namespace hoso::text {

// `segment` (one file or folder name, UTF-8) as every common system can
// extract it: Windows refuses " : ? < > * | \ and control characters, a
// trailing space or dot, and device names (CON, PRN, AUX, NUL, COM1-9,
// LPT1-9, with any extension). Each such character becomes '_', a trailing
// space or dot '_', and a device name gets a leading '_'. Bidirectional
// controls become '_' too, so a name cannot show itself reversed.
// Portable names are returned unchanged.
std::string PortableSegment(std::string_view segment);

// Whether `text` holds a bidirectional control: U+061C, U+200E, U+200F,
// U+202A-U+202E, U+2066-U+2069 (they make "invoice\u202Efdp.exe" show as
// "invoiceexe.pdf").
bool HasBidiControl(std::string_view text);
// `text` with each bidirectional control written out as "[U+202E]".
std::string EscapeBidiControls(std::string_view text);

}  // namespace hoso::text

#endif  // HOSO_STORAGE_BASE_PORTABLE_NAME_H_
