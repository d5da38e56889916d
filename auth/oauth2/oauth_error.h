// OAuth 2.0 errors as values (RFC 6749 §5.2, RFC 7009 §2.2.1, RFC 8628
// §3.5, RFC 7591 §3.2.2): every endpoint of auth/oauth2 returns one of these
// and write_oauth_error() turns it into the JSON answer in one place.
// Plain data; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <httplib.h>
#include <tl/expected.hpp>

namespace gatehouse::auth::oauth2 {

struct OAuthError {
  int status = 400;
  std::string error;        // the RFC's `error` code
  std::string description;  // `error_description`; safe to show (no secrets)
  // RFC 6749 §5.2: a 401 invalid_client after HTTP Basic authentication
  // carries WWW-Authenticate with the scheme the client used.
  bool basic_challenge = false;

  static OAuthError invalid_request(std::string description);
  // 401 (RFC 6749 §5.2). `basic` when the client used HTTP Basic.
  static OAuthError invalid_client(std::string description, bool basic = false);
  static OAuthError invalid_grant(std::string description);
  // 400 unauthorized_client: the client may not use this grant type.
  static OAuthError unauthorized_client(std::string description);
  static OAuthError unsupported_grant_type(std::string description);
  static OAuthError invalid_scope(std::string description);
  // RFC 8628 §3.5, all 400 (MAS answers 403; the RFC says 400).
  static OAuthError authorization_pending();
  static OAuthError slow_down();
  static OAuthError expired_token();
  static OAuthError access_denied(std::string description);
  // RFC 7009 §2.2.1.
  static OAuthError unsupported_token_type(std::string description);
  // RFC 7591 §3.2.2.
  static OAuthError invalid_redirect_uri(std::string description);
  static OAuthError invalid_client_metadata(std::string description);
  // 500: a bug or an unreachable database. The description is generic; log
  // the cause where it happened.
  static OAuthError server_error();
  // 503 temporarily_unavailable (the database is down).
  static OAuthError temporarily_unavailable();
};

template <class T>
using OAuthResult = tl::expected<T, OAuthError>;

// tl::unexpected for `return reject(OAuthError::invalid_grant("..."))`.
inline tl::unexpected<OAuthError> reject(OAuthError error) {
  return tl::unexpected<OAuthError>(std::move(error));
}

// The JSON answer, with Cache-Control: no-store and Pragma: no-cache.
void write_oauth_error(httplib::Response& res, const OAuthError& error);

}  // namespace gatehouse::auth::oauth2
