#include "auth/upstream/provider_metadata.h"

#include <algorithm>

#include "shared/http/web_client.h"

namespace gatehouse::auth::upstream {
namespace {

constexpr auto kCacheFor = std::chrono::minutes(10);

std::string string_field(const nlohmann::json& doc, const char* key) {
  if (!doc.is_object()) return "";
  auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : "";
}

bool lists(const nlohmann::json& doc, const char* key, std::string_view value) {
  if (!doc.is_object()) return false;
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_array()) return false;
  return std::any_of(it->begin(), it->end(),
                     [&](const nlohmann::json& v) { return v.is_string() && v == value; });
}

Error unusable(const config::UpstreamProviderConfig& p, const std::string& why) {
  return Error{ErrorCode::kUnavailable,
               "upstream provider " + p.id + ": " + why, ""};
}

std::string discovery_url(const std::string& issuer) {
  std::string base = issuer;
  if (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/.well-known/openid-configuration";
}

}  // namespace

Result<ProviderEndpoints> endpoints_from(const config::UpstreamProviderConfig& p,
                                         const nlohmann::json& discovery) {
  ProviderEndpoints e;
  e.issuer = p.issuer;
  e.authorization_endpoint = string_field(discovery, "authorization_endpoint");
  e.token_endpoint = string_field(discovery, "token_endpoint");
  e.jwks_uri = string_field(discovery, "jwks_uri");
  e.userinfo_endpoint = string_field(discovery, "userinfo_endpoint");
  e.supports_s256 = lists(discovery, "code_challenge_methods_supported", "S256");
  if (p.discovery_mode == "oidc") {
    const std::string named = string_field(discovery, "issuer");
    if (named != p.issuer) {
      return tl::unexpected(unusable(p, "its discovery document names the issuer \"" + named +
                                            "\", not the configured \"" + p.issuer +
                                            "\" (fix `issuer`, or set discovery_mode: insecure)"));
    }
    for (const auto* url : {&e.authorization_endpoint, &e.token_endpoint, &e.jwks_uri}) {
      if (!url->empty() && !url->starts_with("https://")) {
        return tl::unexpected(unusable(p, "its discovery document has a non-https endpoint " +
                                              *url + " (discovery_mode: insecure allows it)"));
      }
    }
    if (discovery.contains("response_types_supported") &&
        !lists(discovery, "response_types_supported", "code")) {
      return tl::unexpected(unusable(p, "it does not support the authorization code flow"));
    }
  }
  // The config's endpoints take precedence over discovery.
  if (!p.authorization_endpoint.empty()) e.authorization_endpoint = p.authorization_endpoint;
  if (!p.token_endpoint.empty()) e.token_endpoint = p.token_endpoint;
  if (!p.jwks_uri.empty()) e.jwks_uri = p.jwks_uri;
  if (!p.userinfo_endpoint.empty()) e.userinfo_endpoint = p.userinfo_endpoint;
  if (e.authorization_endpoint.empty() || e.token_endpoint.empty()) {
    return tl::unexpected(unusable(p, "no authorization_endpoint or token_endpoint is known"));
  }
  return e;
}

Result<ProviderEndpoints> ProviderMetadata::endpoints(const UpstreamProvider& provider) {
  const auto& p = provider.config;
  if (p.discovery_mode == "disabled") return endpoints_from(p, nullptr);
  const auto now = clock_->now();
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(p.id);
    if (it != cache_.end() && now < it->second.expires) return it->second.endpoints;
  }
  // Fetched without the lock: a slow provider must not hold up the others.
  auto reply = http::web_get(discovery_url(p.issuer));
  if (!reply) return tl::unexpected(unusable(p, "discovery failed: " + reply.error().describe()));
  auto doc = http::json_object_of(*reply, "its discovery endpoint");
  if (!doc) return tl::unexpected(unusable(p, doc.error().message));
  GH_TRY(auto endpoints, endpoints_from(p, *doc));
  std::lock_guard lock(mutex_);
  cache_[p.id] = Entry{endpoints, now + kCacheFor};
  return endpoints;
}

}  // namespace gatehouse::auth::upstream
