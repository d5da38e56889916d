// An authorization request (RFC 6749 §4.1) as stored in
// `oauth2_authorization_grants`, from GET /authorize to the code exchange at
// the token endpoint. Plain data, no SQL.
//
// Life cycle: pending (created at /authorize) → fulfilled (the user logged
// in and consented: session_id, code_fingerprint, auth_time set) →
// exchanged (the code was redeemed once). Or cancelled at any point before
// exchange (the user declined, prompt=none without a session, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

struct OAuth2AuthorizationGrant {
  std::string id;         // ULID
  std::string client_id;  // oauth2_clients.id
  std::string redirect_uri;  // the exact one the client sent (checked at exchange)
  std::string scope;         // space-separated, as requested
  std::optional<std::string> state;
  std::optional<std::string> nonce;
  // RFC 7636: "S256" or "plain"; both nullopt when the client sent no PKCE.
  std::optional<std::string> code_challenge;
  std::optional<std::string> code_challenge_method;
  std::string response_mode;  // "query", "fragment" or "form_post"
  // ids::token_fingerprint of the code, set at fulfilment (the code itself
  // goes to the client in the redirect and is never stored).
  std::optional<std::string> code_fingerprint;
  std::optional<std::string> login_hint;
  std::optional<std::string> prompt;         // as sent: "login", "none", "create", "consent"
  std::optional<std::int64_t> max_age;       // seconds (OIDC Core §3.1.2.1)
  std::int64_t created_at = 0;               // ms since the epoch
  std::optional<std::int64_t> fulfilled_at;  // ms
  std::optional<std::int64_t> exchanged_at;  // ms
  std::optional<std::int64_t> cancelled_at;  // ms
  // The OAuth session created for this grant at fulfilment.
  std::optional<std::string> session_id;
  std::optional<std::string> user_session_id;
  // When the user last authenticated (ms), for the id_token's auth_time.
  std::optional<std::int64_t> auth_time;

  bool is_pending() const { return !fulfilled_at && !cancelled_at; }
  bool is_fulfilled() const { return fulfilled_at && !exchanged_at && !cancelled_at; }
  bool operator==(const OAuth2AuthorizationGrant&) const = default;
};

// What fulfilment records (authorization_grants::fulfill).
struct GrantFulfilment {
  std::string session_id;        // the oauth2_sessions row just created
  std::string user_session_id;   // the browser session that approved
  std::int64_t auth_time = 0;    // ms: that browser session's last authentication
  std::string code_fingerprint;  // ids::token_fingerprint(code)
};

}  // namespace gatehouse::storage
