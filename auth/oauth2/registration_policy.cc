#include "auth/oauth2/registration_policy.h"

#include <algorithm>
#include <cctype>

namespace gatehouse::auth::oauth2 {
namespace {

using json = nlohmann::json;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_loopback(std::string_view host) {
  return host == "localhost" || host == "127.0.0.1" || host == "::1";
}

OAuthError bad(std::string why) { return OAuthError::invalid_client_metadata(std::move(why)); }

// Reads an optional string field; a present non-string is an error.
OAuthResult<std::optional<std::string>> text(const json& m, const char* key) {
  auto it = m.find(key);
  if (it == m.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_string()) return reject(bad(std::string(key) + " must be a string"));
  return std::optional<std::string>(it->get<std::string>());
}

OAuthResult<std::vector<std::string>> list(const json& m, const char* key,
                                           std::vector<std::string> fallback) {
  auto it = m.find(key);
  if (it == m.end() || it->is_null()) return fallback;
  if (!it->is_array()) return reject(bad(std::string(key) + " must be an array of strings"));
  std::vector<std::string> out;
  for (const auto& v : *it) {
    if (!v.is_string()) return reject(bad(std::string(key) + " must be an array of strings"));
    out.push_back(v.get<std::string>());
  }
  return out;
}

bool host_allowed(std::string_view host, const RegistrationPolicy& policy) {
  if (policy.allowed_hosts.empty()) return true;
  return std::any_of(policy.allowed_hosts.begin(), policy.allowed_hosts.end(),
                     [&](const std::string& base) { return host_within(host, lower(base)); });
}

// An https, non-localhost URL (client_uri and friends).
std::optional<ParsedUrl> public_https(const std::string& url) {
  auto u = parse_url(url);
  if (!u || u->scheme != "https" || !u->has_authority || u->host.empty() || is_loopback(u->host)) {
    return std::nullopt;
  }
  return u;
}

// "io.element.app" (a scheme) names "app.element.io" (a host) or a parent of it.
bool reverse_dns_matches(std::string_view scheme, std::string_view host) {
  std::vector<std::string> labels;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = scheme.find('.', start);
    labels.emplace_back(scheme.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (labels.size() < 2) return false;
  std::string reversed;
  for (auto it = labels.rbegin(); it != labels.rend(); ++it) {
    if (!reversed.empty()) reversed += '.';
    reversed += *it;
  }
  return host_within(host, reversed);
}

std::optional<OAuthError> check_redirect_uri(const std::string& uri, bool native,
                                             const std::string& client_host,
                                             const RegistrationPolicy& policy) {
  auto u = parse_url(uri);
  auto refuse = [&](std::string why) {
    return OAuthError::invalid_redirect_uri("redirect_uri '" + uri + "': " + std::move(why));
  };
  if (!u) return refuse("not an absolute URL");
  if (uri.find('#') != std::string::npos) return refuse("must not have a fragment");
  if (native) {
    // RFC 8252 §7.3 loopback (any port) or §7.1 private-use scheme.
    if (u->scheme == "http" && u->has_authority && is_loopback(u->host)) return std::nullopt;
    if (!u->has_authority && u->scheme != "http" && u->scheme != "https" &&
        reverse_dns_matches(u->scheme, client_host)) {
      return std::nullopt;
    }
    return refuse("native clients use a loopback http URI or the reverse-DNS scheme of client_uri");
  }
  if (u->scheme != "https" || !u->has_authority || is_loopback(u->host)) {
    return refuse("web clients use https on a public host");
  }
  if (!host_within(u->host, client_host)) return refuse("must be on the client_uri host");
  if (!host_allowed(u->host, policy)) return refuse("host not allowed on this server");
  return std::nullopt;
}

}  // namespace

std::optional<ParsedUrl> parse_url(std::string_view url) {
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  ParsedUrl out;
  out.scheme = lower(url.substr(0, colon));
  if (!std::all_of(out.scheme.begin(), out.scheme.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
      })) {
    return std::nullopt;
  }
  std::string_view rest = url.substr(colon + 1);
  if (!rest.starts_with("//")) {
    out.rest = std::string(rest);
    return out;
  }
  out.has_authority = true;
  rest.remove_prefix(2);
  std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (authority.find('@') != std::string_view::npos) return std::nullopt;  // no userinfo
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    out.host = lower(authority.substr(1, close - 1));
  } else {
    out.host = lower(authority.substr(0, authority.find(':')));
  }
  out.rest = end == std::string_view::npos ? "" : std::string(rest.substr(end));
  return out;
}

bool host_within(std::string_view host, std::string_view base) {
  if (base.empty()) return false;
  return host == base ||
         (host.size() > base.size() && host.ends_with(base) && host[host.size() - base.size() - 1] == '.');
}

OAuthResult<storage::OAuth2Client> validate_client_metadata(const json& m,
                                                            const RegistrationPolicy& policy) {
#define GH_FIELD(var, expr) \
  auto var = (expr);        \
  if (!var) return reject(var.error());
  if (!m.is_object()) return reject(bad("the body must be a JSON object"));
  GH_FIELD(method, text(m, "token_endpoint_auth_method"));
  GH_FIELD(grant_types, list(m, "grant_types", {"authorization_code"}));
  GH_FIELD(response_types, list(m, "response_types", {"code"}));
  GH_FIELD(application_type, text(m, "application_type"));
  GH_FIELD(redirect_uris, list(m, "redirect_uris", {}));
  GH_FIELD(post_logout, list(m, "post_logout_redirect_uris", {}));
  GH_FIELD(contacts, list(m, "contacts", {}));
  GH_FIELD(client_name, text(m, "client_name"));
  GH_FIELD(client_uri, text(m, "client_uri"));
  GH_FIELD(jwks_uri, text(m, "jwks_uri"));
  GH_FIELD(id_alg, text(m, "id_token_signed_response_alg"));
  GH_FIELD(auth_alg, text(m, "token_endpoint_auth_signing_alg"));
#undef GH_FIELD
  storage::OAuth2Client c;
  // RFC 7591 §2: the default method is client_secret_basic.
  c.client_auth_method = method->value_or("client_secret_basic");
  static const std::vector<std::string> kMethods = {"none", "client_secret_basic", "client_secret_post",
                                                    "client_secret_jwt", "private_key_jwt"};
  if (std::find(kMethods.begin(), kMethods.end(), c.client_auth_method) == kMethods.end()) {
    return reject(bad("unsupported token_endpoint_auth_method"));
  }
  static const std::vector<std::string> kGrants = {"authorization_code", "refresh_token",
                                                   "client_credentials",
                                                   "urn:ietf:params:oauth:grant-type:device_code"};
  for (const auto& g : *grant_types) {
    if (std::find(kGrants.begin(), kGrants.end(), g) == kGrants.end()) {
      return reject(bad("unsupported grant_type '" + g + "'"));
    }
  }
  for (const auto& r : *response_types) {
    if (r != "code") return reject(bad("unsupported response_type '" + r + "'"));
  }
  const bool code_flow = std::find(grant_types->begin(), grant_types->end(), "authorization_code") !=
                         grant_types->end();
  if (m.contains("response_types") && !response_types->empty() && !code_flow) {
    return reject(bad("response_type code needs the authorization_code grant"));
  }
  const std::string app_type = application_type->value_or("web");
  if (app_type != "web" && app_type != "native") return reject(bad("application_type is web or native"));

  if (!*client_uri) return reject(bad("client_uri is required"));
  auto client_url = public_https(**client_uri);
  if (!client_url) return reject(bad("client_uri must be an https URL on a public host"));
  if (!host_allowed(client_url->host, policy)) return reject(bad("client_uri host not allowed on this server"));
  for (const char* key : {"logo_uri", "policy_uri", "tos_uri"}) {
    auto value = text(m, key);
    if (!value) return reject(value.error());
    if (!*value) continue;
    auto u = public_https(**value);
    if (!u) return reject(bad(std::string(key) + " must be an https URL on a public host"));
    if (!host_within(u->host, client_url->host)) {
      return reject(bad(std::string(key) + " must be on the client_uri host"));
    }
    if (std::string_view(key) == "logo_uri") c.logo_uri = **value;
    if (std::string_view(key) == "policy_uri") c.policy_uri = **value;
    if (std::string_view(key) == "tos_uri") c.tos_uri = **value;
  }
  if (code_flow && redirect_uris->empty()) return reject(OAuthError::invalid_redirect_uri("redirect_uris are required"));
  for (const auto& uri : *redirect_uris) {
    if (auto refused = check_redirect_uri(uri, app_type == "native", client_url->host, policy)) {
      return reject(*refused);
    }
  }
  const bool uses_client_credentials =
      std::find(grant_types->begin(), grant_types->end(), "client_credentials") != grant_types->end();
  if (uses_client_credentials && c.client_auth_method == "none") {
    return reject(bad("client_credentials needs a client that authenticates"));
  }
  const bool has_jwks = m.contains("jwks") && !m["jwks"].is_null();
  if (has_jwks && !m["jwks"].is_object()) return reject(bad("jwks must be a JSON Web Key Set"));
  if (has_jwks && *jwks_uri) return reject(bad("jwks and jwks_uri are mutually exclusive"));
  if (c.client_auth_method == "private_key_jwt" && !has_jwks && !*jwks_uri) {
    return reject(bad("private_key_jwt needs jwks or jwks_uri"));
  }
  if (*id_alg && std::find(policy.id_token_algs.begin(), policy.id_token_algs.end(), **id_alg) ==
                     policy.id_token_algs.end()) {
    return reject(bad("unsupported id_token_signed_response_alg"));
  }
  c.grant_types = std::move(*grant_types);
  c.redirect_uris = std::move(*redirect_uris);
  c.post_logout_redirect_uris = std::move(*post_logout);
  c.contacts = std::move(*contacts);
  c.client_name = std::move(*client_name);
  c.client_uri = std::move(*client_uri);
  c.application_type = app_type;
  if (has_jwks) c.jwks = m["jwks"].dump();
  c.jwks_uri = std::move(*jwks_uri);
  c.id_token_signed_response_alg = std::move(*id_alg);
  c.token_endpoint_auth_signing_alg = std::move(*auth_alg);
  return c;
}

}  // namespace gatehouse::auth::oauth2
