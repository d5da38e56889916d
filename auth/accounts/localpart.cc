#include "auth/accounts/localpart.h"

#include <string>

#include "auth/accounts/untrusted_text.h"

namespace gatehouse::accounts {
namespace {

bool strict_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '=' ||
         c == '-' || c == '/' || c == '+';
}

bool historical_char(unsigned char c) { return c >= 0x21 && c <= 0x7E && c != ':'; }

// The whole (possibly multi-byte) character starting at `i`, for messages.
std::string_view character_at(std::string_view s, std::size_t i) {
  std::size_t end = i + 1;
  while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80 && end - i < 4) ++end;
  return static_cast<unsigned char>(s[i]) < 0x80 ? s.substr(i, 1) : s.substr(i, end - i);
}

}  // namespace

Status validate_localpart(std::string_view localpart, std::string_view server_name,
                          LocalpartPolicy policy) {
  if (localpart.empty()) return fail(ErrorCode::kInvalidInput, "the username must not be empty");
  bool strict = policy == LocalpartPolicy::kStrict;
  for (std::size_t i = 0; i < localpart.size(); ++i) {
    auto c = static_cast<unsigned char>(localpart[i]);
    if (strict ? strict_char(c) : historical_char(c)) continue;
    std::string message = "localpart '" + escape_untrusted(localpart) + "' contains '" +
                          escape_untrusted(character_at(localpart, i)) + "': ";
    message += strict ? "only a-z, 0-9 and ._=/+- are allowed"
                      : "only printable ASCII other than ':' is allowed";
    return fail(ErrorCode::kInvalidInput, std::move(message));
  }
  std::size_t user_id_bytes = 1 + localpart.size() + 1 + server_name.size();
  if (user_id_bytes > kMaxUserIdBytes)
    return fail(ErrorCode::kInvalidInput,
                "the user ID @" + escape_untrusted(localpart, 32) + ":" +
                    std::string(server_name) + " is " + std::to_string(user_id_bytes) +
                    " bytes long; at most 255 are allowed");
  return ok();
}

}  // namespace gatehouse::accounts
