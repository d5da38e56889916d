// The parameters of GET /authorize (RFC 6749 §4.1.1, RFC 7636 §4.3, OIDC
// Core §3.1.2.1), parsed into a typed request by pure functions in two
// steps, because where an error may be sent depends on the first:
//  1. client_id and redirect_uri: until both are known to be good, errors
//     are shown on a page and never redirected (RFC 6749 §4.1.2.1), or the
//     endpoint would be an open redirector;
//  2. everything else: errors go back to the client's redirect_uri.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>

#include "auth/web/authorization_response.h"
#include "shared/core/error.h"

namespace gatehouse::web {

// OIDC Core §3.1.2.1 `prompt`; OpenID Connect Prompt Create 1.0 `create`.
// Unknown values (select_account) are ignored: one account per browser.
struct Prompt {
  bool none = false;
  bool login = false;
  bool consent = false;
  bool create = false;
  bool operator==(const Prompt&) const = default;
};

// The query as sent: every parameter at most once (RFC 6749 §3.1).
struct AuthorizationQuery {
  std::string client_id;
  std::string redirect_uri;  // empty: absent
  std::string response_type;
  std::string response_mode;
  std::string scope;
  std::string state;
  std::string nonce;
  std::string code_challenge;
  std::string code_challenge_method;
  std::string prompt;
  std::string login_hint;
  std::string ui_locales;
  std::string max_age;
  // OIDC Core §6: request objects and §3.1.2.6 registration are refused.
  bool has_request = false;
  bool has_request_uri = false;
  bool has_registration = false;
  std::vector<std::string> repeated;  // names sent more than once
};

AuthorizationQuery parse_authorization_query(const httplib::Params& params);

// What the client is allowed, as far as the request checks care.
struct ClientFacts {
  bool is_public = false;  // token_endpoint_auth_method "none": PKCE required
  bool registration_enabled = false;  // prompt=create possible
};

struct AuthorizationRequest {
  std::string client_id;
  std::string redirect_uri;  // resolved (redirect_uri.h)
  ResponseMode response_mode = ResponseMode::kQuery;
  std::string scope;
  std::string state;
  std::string nonce;
  std::string code_challenge;         // empty: no PKCE (confidential clients)
  std::string code_challenge_method;  // "S256" or "plain" when a challenge is set
  Prompt prompt;
  std::string login_hint;
  std::string ui_locales;
  std::optional<std::int64_t> max_age;  // seconds (OIDC Core §3.1.2.1)
};

// An error for the client (RFC 6749 §4.1.2.1), with the mode to send it in.
struct AuthorizationError {
  std::string error;
  std::string description;
  ResponseMode response_mode = ResponseMode::kQuery;
};

// Step 2: everything but client and redirect_uri, which the caller resolved.
tl::expected<AuthorizationRequest, AuthorizationError> validate_authorization_query(
    const AuthorizationQuery& query, std::string resolved_redirect_uri, const ClientFacts& client);

// "login consent" → Prompt; nullopt when `none` is combined with another
// value (OIDC Core §3.1.2.1 makes that an error).
std::optional<Prompt> parse_prompt(std::string_view text);

}  // namespace gatehouse::web
