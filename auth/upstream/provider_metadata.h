// Where a provider's endpoints are: OpenID Connect discovery
// (`<issuer>/.well-known/openid-configuration`), with the config's endpoint
// overrides taking precedence, cached for ten minutes (a failed fetch is
// not cached, so a provider that was down is asked again at once).
//
// discovery_mode `oidc` checks the document strictly (OpenID Connect
// Discovery 1.0 §4.3): the issuer it names must equal the configured one,
// the endpoints must be https, and `code` must be a supported response type.
// `insecure` takes the document as it is; `disabled` does not fetch it.
// Thread safety: endpoints() may be called from many threads.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/upstream/provider.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"

namespace gatehouse::auth::upstream {

struct ProviderEndpoints {
  std::string issuer;  // what ID tokens' `iss` must be
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
  std::string userinfo_endpoint;  // may be empty
  bool supports_s256 = false;     // code_challenge_methods_supported has S256
};

// Endpoints from a discovery document (null: none fetched) and the
// provider's config. kUnavailable with what is wrong when strict checks fail
// or an endpoint is missing.
Result<ProviderEndpoints> endpoints_from(const config::UpstreamProviderConfig& provider,
                                         const nlohmann::json& discovery);

class ProviderMetadata {
 public:
  explicit ProviderMetadata(std::shared_ptr<const Clock> clock) : clock_(std::move(clock)) {}
  // kUnavailable when the document cannot be fetched or is not acceptable.
  Result<ProviderEndpoints> endpoints(const UpstreamProvider& provider);

 private:
  struct Entry {
    ProviderEndpoints endpoints;
    std::chrono::system_clock::time_point expires;
  };
  std::shared_ptr<const Clock> clock_;
  std::mutex mutex_;
  std::map<std::string, Entry> cache_;  // by provider id
};

}  // namespace gatehouse::auth::upstream
