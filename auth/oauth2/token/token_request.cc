#include "auth/oauth2/token/token_request.h"

namespace gatehouse::auth::oauth2 {
namespace {

std::optional<std::string> optional(const Form& form, std::string_view name) {
  auto v = form.get(name);
  return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
}

OAuthResult<std::string> required(const Form& form, std::string_view name) {
  auto v = form.get(name);
  if (!v) return reject(OAuthError::invalid_request("missing parameter '" + std::string(name) + "'"));
  return std::string(*v);
}

}  // namespace

GrantType grant_type_of(const TokenRequest& request) {
  switch (request.index()) {
    case 0: return GrantType::kAuthorizationCode;
    case 1: return GrantType::kRefreshToken;
    case 2: return GrantType::kClientCredentials;
    default: return GrantType::kDeviceCode;
  }
}

OAuthResult<TokenRequest> parse_token_request(const Form& form) {
  auto name = form.get("grant_type");
  if (!name) return reject(OAuthError::invalid_request("missing parameter 'grant_type'"));
  auto grant = parse_grant_type(*name);
  if (!grant) {
    return reject(OAuthError::unsupported_grant_type("grant_type '" + std::string(*name) +
                                                     "' is not supported"));
  }
  switch (*grant) {
    case GrantType::kAuthorizationCode: {
      auto code = required(form, "code");
      if (!code) return reject(code.error());
      return AuthorizationCodeRequest{std::move(*code), optional(form, "redirect_uri"),
                                      optional(form, "code_verifier")};
    }
    case GrantType::kRefreshToken: {
      auto token = required(form, "refresh_token");
      if (!token) return reject(token.error());
      return RefreshTokenRequest{std::move(*token), optional(form, "scope")};
    }
    case GrantType::kClientCredentials:
      return ClientCredentialsRequest{optional(form, "scope")};
    case GrantType::kDeviceCode: {
      auto code = required(form, "device_code");
      if (!code) return reject(code.error());
      return DeviceCodeRequest{std::move(*code)};
    }
  }
  return reject(OAuthError::server_error());
}

}  // namespace gatehouse::auth::oauth2
