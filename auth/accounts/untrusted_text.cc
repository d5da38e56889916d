#include "auth/accounts/untrusted_text.h"

#include <cstdint>
#include <optional>

#include <fmt/format.h>

namespace gatehouse::accounts {
namespace {

struct Decoded {
  char32_t code_point;
  std::size_t length;
};

// One well-formed UTF-8 sequence at the start of `s` (RFC 3629 §4: no
// overlong forms, no surrogates, nothing above U+10FFFF), or nullopt.
std::optional<Decoded> decode_utf8(std::string_view s) {
  auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(s[i]); };
  std::uint8_t lead = byte(0);
  std::size_t length;
  char32_t cp;
  if (lead < 0x80) return Decoded{lead, 1};
  if (lead >= 0xC2 && lead <= 0xDF) { length = 2; cp = lead & 0x1F; }
  else if (lead >= 0xE0 && lead <= 0xEF) { length = 3; cp = lead & 0x0F; }
  else if (lead >= 0xF0 && lead <= 0xF4) { length = 4; cp = lead & 0x07; }
  else return std::nullopt;
  if (s.size() < length) return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return std::nullopt;
    cp = cp << 6 | (byte(i) & 0x3F);
  }
  if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return std::nullopt;
  return Decoded{cp, length};
}

bool is_disruptive(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0x200E ||
         cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
         cp == 0xFEFF;
}

}  // namespace

std::string escape_untrusted(std::string_view text, std::size_t max_bytes) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::string_view rest = text.substr(i);
    auto decoded = decode_utf8(rest);
    std::size_t length = decoded ? decoded->length : 1;
    if (i + length > max_bytes) break;
    auto b = static_cast<std::uint8_t>(rest[0]);
    if (!decoded || b < 0x20 || b == 0x7F) {
      out += fmt::format("\\x{:02X}", b);
    } else if (b == '"' || b == '\\') {
      out += '\\';
      out += static_cast<char>(b);
    } else if (is_disruptive(decoded->code_point)) {
      out += fmt::format("\\u{{{:04X}}}", static_cast<std::uint32_t>(decoded->code_point));
    } else {
      out.append(rest.substr(0, length));
    }
    i += length;
  }
  if (i < text.size()) out += "…";
  return out;
}

}  // namespace gatehouse::accounts
