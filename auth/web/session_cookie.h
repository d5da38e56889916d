// The browser's session cookie: one encrypted value (crypto::Encrypter,
// ChaCha20-Poly1305 under `secrets.encryption`) naming the `user_sessions`
// row the browser is signed in with and carrying its CSRF secret (and the
// upstream sign-in it has under way). The
// browser can neither read nor forge it; a modified value fails to decrypt
// and is treated as no cookie at all.
//
// Attributes: HttpOnly (scripts cannot steal it), SameSite=Lax (sent on
// top-level navigations from clients, as /authorize needs, but not on
// cross-site POSTs), Path=/, and Secure when the public base is https.
// Thread safety: CookieCodec is immutable; any thread may use it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

#include "shared/core/clock.h"
#include "shared/crypto/encryption.h"

namespace gatehouse::web {

inline constexpr std::string_view kSessionCookieName = "gatehouse-session";

struct SessionCookie {
  std::string user_session_id;  // ULID of the user_sessions row; empty: signed out
  std::string csrf_secret;      // random; forms echo it (csrf.h)
  std::int64_t csrf_expires_at = 0;  // ms since the epoch
  // The sign-in at an upstream provider this browser started last
  // (upstream_oauth_sessions.id; empty: none): the callback and the link
  // page serve only the browser that started the trip.
  std::string upstream_session_id;
  // The registration this browser is proving an email address for
  // (user_registrations.id; empty: none).
  std::string registration_id;

  bool operator==(const SessionCookie&) const = default;
};

class CookieCodec {
 public:
  // `secure`: add the Secure attribute (public base is https).
  CookieCodec(crypto::Encrypter encrypter, bool secure)
      : encrypter_(std::move(encrypter)), secure_(secure) {}

  // The encrypted cookie value (no attributes).
  std::string seal(const SessionCookie& cookie) const;
  // The cookie named by `value`, or nullopt when it does not decrypt or
  // does not have the expected shape (tampered, another key, garbage).
  std::optional<SessionCookie> open(std::string_view value) const;

  // The cookie in a request's Cookie header(s), or nullopt.
  std::optional<SessionCookie> read(const httplib::Request& req) const;
  // The Set-Cookie header value for `cookie`.
  std::string set_cookie_header(const SessionCookie& cookie) const;

 private:
  crypto::Encrypter encrypter_;
  bool secure_;
};

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or nullopt.
std::optional<std::string> find_cookie(std::string_view header, std::string_view name);

}  // namespace gatehouse::web
