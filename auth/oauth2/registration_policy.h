// RFC 7591 client metadata validation with the rules of MAS's default
// client_registration policy built in (mas.md §8), plus Gatehouse's
// oauth.registration_allowed_hosts:
//  - client_uri required; client_uri, logo_uri, policy_uri, tos_uri are
//    https and not localhost; logo/policy/tos on the client_uri host or a
//    subdomain of it;
//  - redirect_uris required for authorization_code; each is, for native
//    clients (RFC 8252 §7), http on a loopback host (any port) or a custom
//    scheme that is the reverse-DNS of the client_uri host, without an
//    authority; otherwise https, not localhost, on the client_uri host;
//  - client_credentials needs a client that authenticates;
//  - private_key_jwt needs jwks or jwks_uri (not both).
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/oauth2/oauth_error.h"
#include "shared/storage/model/oauth2_client.h"

namespace gatehouse::auth::oauth2 {

struct RegistrationPolicy {
  std::vector<std::string> allowed_hosts;  // empty: any host
  std::vector<std::string> id_token_algs;  // what the keystore can sign
};

// A URL split into the parts the rules look at. nullopt if not absolute.
struct ParsedUrl {
  std::string scheme;  // lower-case
  bool has_authority = false;
  std::string host;    // lower-case, IPv6 without brackets
  std::string rest;    // path, query, fragment (after the authority)
};
std::optional<ParsedUrl> parse_url(std::string_view url);

// `host` equals `base` or is a subdomain of it.
bool host_within(std::string_view host, std::string_view base);

// The client row the metadata describes (id, secret and timestamps left for
// the caller), or invalid_client_metadata / invalid_redirect_uri with the
// reason.
OAuthResult<storage::OAuth2Client> validate_client_metadata(const nlohmann::json& metadata,
                                                            const RegistrationPolicy& policy);

}  // namespace gatehouse::auth::oauth2
