// Rendering text an outsider chose (a username tried at login, a rejected
// localpart) inside a log line or an error message, so that it can neither
// start a new line nor close the quotes around it.
//
// Thread safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gatehouse::accounts {

// `text` escaped for use between double quotes (the quotes are not added):
//   `"` -> `\"`, `\` -> `\\`, ASCII controls and DEL -> `\xNN`,
//   bytes that are not well-formed UTF-8 -> `\xNN`,
//   C1 controls, U+2028/U+2029 (line/paragraph separators), bidi overrides
//   and U+FEFF -> `\u{XXXX}` (they can make a log viewer break or reorder
//   the line); every other printable character is kept as is.
// Only the first `max_bytes` bytes of `text` are rendered (cut at a
// character boundary); a cut is marked by a trailing "…".
std::string escape_untrusted(std::string_view text, std::size_t max_bytes = 128);

}  // namespace gatehouse::accounts
