// A browser session (`user_sessions`, the login cookie) and the ways it was
// authenticated (`user_session_authentications`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

struct BrowserSession {
  std::string id;  // ULID
  std::string user_id;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> finished_at;  // set: logged out or killed
  std::optional<std::string> user_agent;
  std::optional<std::string> last_active_ip;

  bool operator==(const BrowserSession&) const = default;
};

// How a browser session proved who the user is.
enum class AuthenticationMethod { kPassword, kUpstream };

struct BrowserSessionAuthentication {
  std::string id;  // ULID
  std::string user_session_id;
  std::int64_t created_at = 0;
  AuthenticationMethod method = AuthenticationMethod::kPassword;

  bool operator==(const BrowserSessionAuthentication&) const = default;
};

}  // namespace gatehouse::storage
