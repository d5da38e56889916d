// Client authentication at the token, introspection and revocation endpoints
// (RFC 6749 §2.3, RFC 7523 §3, OIDC Core §9): none, client_secret_basic,
// client_secret_post, client_secret_jwt, private_key_jwt.
//
// Two steps, as handlers are written: extract_client_credentials() reads
// what the request presents (pure), authenticate_client() checks it against
// the stored client. Secrets are compared in constant time and never hashed
// slowly (a token request must stay cheap). Thread safety: pure functions;
// authenticate_client uses the caller's Transaction and fetcher.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auth/oauth2/form.h"
#include "auth/oauth2/jwks_fetcher.h"
#include "auth/oauth2/oauth_error.h"
#include "shared/crypto/encryption.h"
#include "shared/storage/database.h"
#include "shared/storage/model/oauth2_client.h"

namespace gatehouse::auth::oauth2 {

class ClientCache;

inline constexpr std::string_view kJwtBearerAssertionType =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

struct ClientCredentials {
  enum class Kind { kNone, kBasic, kPost, kAssertion };
  Kind kind = Kind::kNone;
  std::string client_id;
  std::string secret;     // kBasic, kPost
  std::string assertion;  // kAssertion: the compact JWS
};

// What the request presents. Errors (invalid_request; invalid_client for a
// malformed Basic header) when no client is named, when two methods are
// used at once (RFC 6749 §2.3: "MUST NOT use more than one"), or when the
// client_id in the form and in the credentials differ.
OAuthResult<ClientCredentials> extract_client_credentials(std::string_view authorization_header,
                                                          const Form& form);

struct ClientAuthContext {
  const crypto::Encrypter* encrypter = nullptr;  // decrypts stored client secrets
  // Accepted `aud` values of an assertion: the token endpoint URL and the
  // issuer (RFC 7523 §3 item 3; OIDC Core §9).
  std::vector<std::string> audiences;
  std::int64_t now_ms = 0;
  JwksFetcher* jwks_fetcher = nullptr;  // for clients with a jwks_uri
  // Where clients are looked up first (client_cache.h); null: always read.
  ClientCache* clients = nullptr;
};

// The authenticated client, or 401 invalid_client (unknown client, wrong
// method, wrong secret, bad or replayed assertion). The assertion's jti is
// recorded in `tx` (oauth2_client_assertions), so the caller must commit.
// With `context.clients`, the client comes from that cache when it can, and
// is read again in `tx` before the credentials are refused. Database
// failures are server_error.
OAuthResult<storage::OAuth2Client> authenticate_client(storage::Transaction& tx,
                                                       const ClientCredentials& credentials,
                                                       const ClientAuthContext& context);

// Checks an assertion's claims (RFC 7523 §3): iss = sub = client_id, aud
// names one of `audiences` (string or array), exp in the future (60 s
// leeway), nbf not in the future, jti present. Pure; for tests and for
// authenticate_client. Returns the jti and exp (ms).
struct AssertionClaims {
  std::string jti;
  std::int64_t expires_at_ms = 0;
};
OAuthResult<AssertionClaims> check_assertion_claims(const nlohmann::json& claims,
                                                    std::string_view client_id,
                                                    const std::vector<std::string>& audiences,
                                                    std::int64_t now_ms);

}  // namespace gatehouse::auth::oauth2
