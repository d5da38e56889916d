// Upstream OpenID Connect sign-in as stored in `upstream_oauth_links` and
// `upstream_oauth_sessions` (0008_upstream_oauth.sql). Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

// An account at a provider (provider_id + subject) and the user it is.
struct UpstreamOAuthLink {
  std::string id;           // ULID
  std::string provider_id;  // the config's upstream_oauth2.providers[].id
  std::string subject;      // claims_imports.subject rendered; `sub` by default
  std::optional<std::string> user_id;             // NULL: not tied to a user yet
  std::optional<std::string> human_account_name;  // claims_imports.account_name
  std::int64_t created_at = 0;

  bool operator==(const UpstreamOAuthLink&) const = default;
};

// One trip to a provider and back.
struct UpstreamOAuthSession {
  std::string id;  // ULID; also the browser's cookie value for this trip
  std::string provider_id;
  std::string state;  // random, sent to the provider, comes back in the callback
  std::string nonce;  // random, must come back in the ID token
  std::optional<std::string> code_verifier;  // PKCE, when used
  std::string continuation;                  // where to go afterwards (a query)
  std::int64_t created_at = 0;
  std::optional<std::int64_t> completed_at;  // the provider's answer was checked
  std::optional<std::int64_t> consumed_at;   // used to sign in, register or link
  std::optional<std::string> link_id;        // set at completion
  std::optional<std::string> id_token_claims;  // JSON object text
  std::optional<std::string> userinfo_claims;  // JSON object text

  bool operator==(const UpstreamOAuthSession&) const = default;
};

}  // namespace gatehouse::storage
