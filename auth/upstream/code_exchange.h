// The back-channel half of an upstream sign-in: trading the authorization
// code for tokens at the provider's token endpoint (RFC 6749 §4.1.3, with
// the configured client authentication, §2.3 and RFC 7523 §2.2), and
// reading its userinfo endpoint (OpenID Connect Core §5.3).
// Thread safety: free functions; each call makes its own connection.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "auth/upstream/provider.h"
#include "auth/upstream/provider_metadata.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/crypto/keystore.h"

namespace gatehouse::auth::upstream {

struct UpstreamTokens {
  std::string access_token;
  std::optional<std::string> id_token;
};

struct CodeExchange {
  std::string code;
  std::string redirect_uri;
  std::optional<std::string> code_verifier;
};

// The form fields and headers of the token request, client authentication
// included (for tests; exchange_code sends them). `keys`: our signing keys,
// for private_key_jwt (may be null otherwise).
struct TokenRequest {
  std::vector<std::pair<std::string, std::string>> fields;
  httplib::Headers headers;
};
Result<TokenRequest> token_request(const UpstreamProvider& provider,
                                   const ProviderEndpoints& endpoints, const CodeExchange& exchange,
                                   const crypto::Keystore* keys, const Clock& clock);

// kUnavailable when the provider cannot be reached; kUnauthorized with the
// provider's `error` and `error_description` when it refuses.
Result<UpstreamTokens> exchange_code(const UpstreamProvider& provider,
                                     const ProviderEndpoints& endpoints,
                                     const CodeExchange& exchange, const crypto::Keystore* keys,
                                     const Clock& clock);

// The userinfo claims (a JSON object). kUnavailable otherwise.
Result<nlohmann::json> fetch_userinfo(const ProviderEndpoints& endpoints,
                                      const std::string& access_token);

}  // namespace gatehouse::auth::upstream
