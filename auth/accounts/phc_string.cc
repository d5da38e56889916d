#include "auth/accounts/phc_string.h"

#include <charconv>

#include "shared/crypto/encoding.h"

namespace gatehouse::accounts {
namespace {

tl::unexpected<Error> malformed(std::string detail) {
  return fail(ErrorCode::kCrypto, "stored password hash is malformed", std::move(detail));
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::optional<std::uint32_t> parse_uint(std::string_view text) {
  std::uint32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<std::string_view> PhcString::param(std::string_view name) const {
  for (const auto& [key, value] : params)
    if (key == name) return std::string_view(value);
  return std::nullopt;
}

Result<std::uint32_t> PhcString::uint_param(std::string_view name, std::uint32_t min,
                                            std::uint32_t max) const {
  auto text = param(name);
  if (!text) return malformed("missing parameter " + std::string(name));
  auto value = parse_uint(*text);
  if (!value || *value < min || *value > max)
    return malformed("parameter " + std::string(name) + " out of range");
  return *value;
}

Result<PhcString> parse_phc(std::string_view text) {
  auto parts = split(text, '$');
  // "", id, [v=…], [params], salt, hash
  if (parts.size() < 4 || !parts[0].empty() || parts[1].empty())
    return malformed("not a PHC string");
  PhcString phc;
  phc.id = parts[1];
  std::size_t next = 2;
  if (parts[next].starts_with("v=")) {
    phc.version = parse_uint(parts[next].substr(2));
    if (!phc.version) return malformed("bad version");
    ++next;
  }
  if (parts.size() - next == 3) {
    for (std::string_view pair : split(parts[next], ',')) {
      std::size_t eq = pair.find('=');
      if (eq == std::string_view::npos || eq == 0) return malformed("bad parameter list");
      phc.params.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    }
    ++next;
  }
  if (parts.size() - next != 2) return malformed("expected salt and hash");
  GH_TRY(phc.salt, phc_b64_decode(parts[next]).map_error([](Error e) {
    return Error{ErrorCode::kCrypto, "stored password hash is malformed", "salt: " + e.detail};
  }));
  GH_TRY(phc.hash, phc_b64_decode(parts[next + 1]).map_error([](Error e) {
    return Error{ErrorCode::kCrypto, "stored password hash is malformed", "hash: " + e.detail};
  }));
  return phc;
}

std::string format_phc(const PhcString& phc) {
  std::string out = "$" + phc.id;
  if (phc.version) out += "$v=" + std::to_string(*phc.version);
  if (!phc.params.empty()) {
    out += '$';
    for (std::size_t i = 0; i < phc.params.size(); ++i) {
      if (i) out += ',';
      out += phc.params[i].first + "=" + phc.params[i].second;
    }
  }
  out += "$" + phc_b64_encode(phc.salt) + "$" + phc_b64_encode(phc.hash);
  return out;
}

std::string phc_b64_encode(std::string_view bytes) {
  std::string text = crypto::base64_encode(bytes);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

Result<std::string> phc_b64_decode(std::string_view text) {
  // Padding is not part of PHC B64; an '=' here is an error, which the
  // padded decoder reports once we have added our own.
  if (text.find('=') != std::string_view::npos)
    return fail(ErrorCode::kInvalidInput, "invalid base64", "padding in PHC B64");
  std::string padded(text);
  padded.append((4 - padded.size() % 4) % 4, '=');
  return crypto::base64_decode(padded);
}

}  // namespace gatehouse::accounts
