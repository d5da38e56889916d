// The token endpoint's request, parsed once from the form into one typed
// request per grant (RFC 6749 §4.1.3, §6, §4.4.2; RFC 8628 §3.4), so that no
// grant reads the raw form. Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "auth/oauth2/form.h"
#include "auth/oauth2/oauth_error.h"
#include "auth/oauth2/scope.h"

namespace gatehouse::auth::oauth2 {

struct AuthorizationCodeRequest {
  std::string code;
  std::optional<std::string> redirect_uri;
  std::optional<std::string> code_verifier;
};

struct RefreshTokenRequest {
  std::string refresh_token;
  std::optional<std::string> scope;  // a narrower scope (RFC 6749 §6)
};

struct ClientCredentialsRequest {
  std::optional<std::string> scope;
};

struct DeviceCodeRequest {
  std::string device_code;
};

using TokenRequest = std::variant<AuthorizationCodeRequest, RefreshTokenRequest,
                                  ClientCredentialsRequest, DeviceCodeRequest>;

GrantType grant_type_of(const TokenRequest& request);

// unsupported_grant_type for an unknown grant_type; invalid_request when
// grant_type or a required parameter is missing.
OAuthResult<TokenRequest> parse_token_request(const Form& form);

}  // namespace gatehouse::auth::oauth2
